import { describe, expect, it } from 'vitest'
import { parseEnvelope } from '../../../domain/events/index.js'
import { erasedKeysOf, isKeyErased } from '../../../domain/personal-data/erased-keys.js'
import { erasureRecordDecider } from '../../../domain/personal-data/erasure-record.js'

/** An erasure as the Events table holds it (`personal-data-s-1`), at a schema version. */
const stored = (
  version: number,
  schemaVersion: number,
  data: Record<string, unknown>,
  recordedAt: string,
) =>
  parseEnvelope({
    eventId: `01936f0e-7d6a-7c3e-9b1a-2f4e5d6c7b8${version}`,
    streamId: 'personal-data-s-1',
    version,
    type: 'startup.contacts-erased',
    schemaVersion,
    data,
    metadata: { correlationId: 'c-1', actor: 'public' },
    recordedAt,
  })

const key = (keyId: string, createdAt = '2026-01-01T00:00:00.000Z') => ({ keyId, createdAt })

describe('which data keys a start-up’s erasures destroyed', () => {
  it('records the keys it destroys, once each', () => {
    const [event] = erasureRecordDecider.decide(
      { type: 'RecordErasure', startupId: 's-1', keyIds: ['k-1', 'k-2', 'k-1'], reason: 'request' },
      erasureRecordDecider.initialState,
      undefined,
    )
    expect(event).toEqual({
      type: 'startup.contacts-erased',
      data: { startupId: 's-1', contacts: 2, reason: 'request', keyIds: ['k-1', 'k-2'] },
    })
    expect(() =>
      erasureRecordDecider.decide(
        { type: 'RecordErasure', startupId: 's-1', keyIds: [], reason: 'request' },
        { erasures: 0 },
        undefined,
      ),
    ).toThrow(/No contact/)
  })

  it('holds a key named by any erasure as erased for good, and no other', () => {
    const erased = erasedKeysOf([
      stored(
        1,
        2,
        { startupId: 's-1', contacts: 1, reason: 'request', keyIds: ['k-1'] },
        '2026-03-01T00:00:00.000Z',
      ),
      stored(
        2,
        2,
        { startupId: 's-1', contacts: 1, reason: 'retention', keyIds: ['k-3'] },
        '2026-04-01T00:00:00.000Z',
      ),
    ])
    expect(isKeyErased(erased, key('k-1'))).toBe(true)
    expect(isKeyErased(erased, key('k-3', '2026-03-15T00:00:00.000Z'))).toBe(true)
    expect(isKeyErased(erased, key('k-2'))).toBe(false)
    expect(isKeyErased(erasedKeysOf([]), key('k-1'))).toBe(false)
  })

  it('reads a v1 erasure, which named no key, as every key the start-up had made by then', () => {
    const v1 = stored(
      1,
      1,
      { startupId: 's-1', contacts: 1, reason: 'request' },
      '2026-03-01T00:00:00.000Z',
    )
    expect(v1).toMatchObject({
      schemaVersion: 2,
      data: { startupId: 's-1', contacts: 1, reason: 'request', keyIds: null },
    })
    const erased = erasedKeysOf([v1])
    expect(isKeyErased(erased, key('k-old', '2026-02-28T23:59:59.999Z'))).toBe(true)
    expect(isKeyErased(erased, key('k-new', '2026-03-01T00:00:00.001Z'))).toBe(false)
  })
})
