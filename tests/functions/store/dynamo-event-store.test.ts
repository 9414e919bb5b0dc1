import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ConcurrencyError,
  GuardTakenError,
  IdempotencyKeyReusedError,
  TransactionTooLargeError,
} from '../../../functions/store/errors.js'
import { createDynamoEventStore } from '../../../functions/store/dynamo-event-store.js'
import type { EventStore } from '../../../functions/store/event-store.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'
import {
  applicationSubmitted,
  editionOpened,
  metadata,
  partnerJoined,
  startupRegistered,
} from '../../fixtures/events.js'
import { testVault } from '../../setup/test-vault.js'
import { idempotencyGuardId } from '../../../functions/store/guard-ids.js'

let tables: TestTables
let store: EventStore

beforeAll(async () => {
  tables = await createTestTables()
  store = createDynamoEventStore({ doc: tables.doc, tables: tables.names, personalData: testVault(tables) })
})

const versionsOf = async (streamId: string) =>
  (await store.readStream(streamId)).map((event) => event.version)

/** Appends one event at the version it reads, retrying on conflict like a command handler. */
const appendWithRetry = async (streamId: string, partnerId: string) => {
  for (let attempt = 1; ; attempt++) {
    const version = await store.streamVersion(streamId)
    try {
      return await store.append(
        [{ streamId, expectedVersion: version, events: [partnerJoined(partnerId)] }],
        { metadata: metadata() },
      )
    } catch (error: unknown) {
      if (!(error instanceof ConcurrencyError) || attempt > 200) throw error
    }
  }
}

describe('append to one stream', () => {
  it('numbers events from 1 and returns them in their envelope', async () => {
    const outcome = await store.append(
      [{ streamId: 'edition-a', expectedVersion: 0, events: [editionOpened('ces-2020'), partnerJoined('cci')] }],
      { metadata: metadata({ idempotencyKey: 'k-a' }) },
    )
    expect(outcome.status).toBe('appended')
    const events = await store.readStream('edition-a')
    expect(events.map((e) => [e.version, e.type])).toEqual([
      [1, 'edition.opened'],
      [2, 'partner.joined'],
    ])
    expect(events[0]).toMatchObject({
      streamId: 'edition-a',
      schemaVersion: 1,
      metadata: { correlationId: 'test-correlation', actor: 'test', idempotencyKey: 'k-a' },
    })
    expect(events[0]?.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/)
    expect(await store.streamVersion('edition-a')).toBe(2)
  })

  it('gives events ids that count nothing: no counter runs through the ids of one append', async () => {
    // A UUIDv7's 32 bits after the version nibble: the uuid package's counter when it runs one.
    const counterOf = (id: string) => {
      const b = Buffer.from(id.replaceAll('-', ''), 'hex')
      return ((((b[6] ?? 0) & 0x0f) << 28) | ((b[7] ?? 0) << 20) | (((b[8] ?? 0) & 0x3f) << 14) | ((b[9] ?? 0) << 6) | ((b[10] ?? 0) >>> 2)) >>> 0
    }
    const partners = Array.from({ length: 20 }, (_, i) => partnerJoined(`p${i}`))
    await store.append([{ streamId: 'edition-ids', expectedVersion: 0, events: [editionOpened('ces-2021'), ...partners] }], { metadata: metadata() })
    const ids = (await store.readStream('edition-ids')).map((event) => event.eventId)
    expect(ids).toHaveLength(21)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab]/)
    // Made within a few milliseconds: with a counter, most neighbours would differ by exactly 1,
    // and a partner would count the withheld events between two it receives.
    const steps = ids.slice(1).map((id, i) => counterOf(id) - counterOf(ids[i] ?? ''))
    expect(steps.filter((step) => step === 1)).toEqual([])
  })

  it('refuses a stale expected version with a ConcurrencyError naming stream and versions', async () => {
    await store.append([{ streamId: 'edition-b', expectedVersion: 0, events: [editionOpened()] }], {
      metadata: metadata(),
    })
    const stale = store.append(
      [{ streamId: 'edition-b', expectedVersion: 0, events: [partnerJoined('tpm')] }],
      { metadata: metadata() },
    )
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError)
    await expect(stale).rejects.toMatchObject({ streamId: 'edition-b', expectedVersion: 0, actualVersion: 1 })
  })

  it('refuses an expected version beyond the end of the stream, leaving no gap', async () => {
    await store.append([{ streamId: 'edition-c', expectedVersion: 0, events: [editionOpened()] }], {
      metadata: metadata(),
    })
    const ahead = store.append(
      [{ streamId: 'edition-c', expectedVersion: 5, events: [partnerJoined('tpm')] }],
      { metadata: metadata() },
    )
    await expect(ahead).rejects.toMatchObject({ name: 'ConcurrencyError', expectedVersion: 5, actualVersion: 1 })
    expect(await versionsOf('edition-c')).toEqual([1])
  })

  it('refuses a gap from a process that has never read the stream, and from one that has', async () => {
    await store.append([{ streamId: 'edition-c2', expectedVersion: 0, events: [editionOpened()] }], {
      metadata: metadata(),
    })
    const cold = createDynamoEventStore({ doc: tables.doc, tables: tables.names, personalData: testVault(tables) })
    for (const writer of [cold, store]) {
      const ahead = writer.append(
        [{ streamId: 'edition-c2', expectedVersion: 3, events: [partnerJoined('cci')] }],
        { metadata: metadata() },
      )
      await expect(ahead).rejects.toMatchObject({ name: 'ConcurrencyError', expectedVersion: 3, actualVersion: 1 })
    }
    await cold.append([{ streamId: 'edition-c2', expectedVersion: 1, events: [partnerJoined('cci')] }], {
      metadata: metadata(),
    })
    expect(await versionsOf('edition-c2')).toEqual([1, 2])
  })

  it('lands each of 20 concurrent appenders exactly once, versions 1..20 without a gap', async () => {
    const partners = Array.from({ length: 20 }, (_, i) => `partner-${i}`)
    await Promise.all(partners.map((partnerId) => appendWithRetry('edition-race', partnerId)))
    const events = await store.readStream('edition-race')
    expect(events.map((e) => e.version)).toEqual(partners.map((_, i) => i + 1))
    const written = events.map((e) => (e.type === 'partner.joined' ? e.data.partnerId : ''))
    expect(written.sort()).toEqual([...partners].sort())
  })

  it('validates events on write and writes nothing for an invalid one', async () => {
    const invalid = { type: 'edition.closed', data: { editionId: 'Not A Slug' } } as const
    await expect(
      store.append([{ streamId: 'edition-d', expectedVersion: 0, events: [invalid] }], { metadata: metadata() }),
    ).rejects.toThrow(/slug/)
    expect(await store.streamVersion('edition-d')).toBe(0)
  })

  it('validates events on read', async () => {
    await tables.doc.send(
      new PutCommand({
        TableName: tables.names.events,
        Item: { streamId: 'edition-corrupt', version: 1, type: 'edition.closed', data: {} },
      }),
    )
    await expect(store.readStream('edition-corrupt')).rejects.toThrow()
  })
})

describe('append to several streams at once', () => {
  it('writes a registration and its application together, with a SIRET guard', async () => {
    await store.append([{ streamId: 'edition-e', expectedVersion: 0, events: [editionOpened()] }], {
      metadata: metadata(),
    })
    const outcome = await store.append(
      [
        { streamId: 'startup-e1', expectedVersion: 0, events: [startupRegistered('e1')] },
        { streamId: 'edition-e', expectedVersion: 1, events: [applicationSubmitted('app-e1', 'e1')] },
      ],
      { metadata: metadata(), guards: [{ guardId: 'siret#73282932000074', data: { startupId: 'e1' } }] },
    )
    expect(outcome).toMatchObject({ status: 'appended', versions: { 'startup-e1': 1, 'edition-e': 2 } })
    expect(await store.findGuard('siret#73282932000074')).toMatchObject({ startupId: 'e1' })
  })

  it('writes nothing to any stream when one stream’s condition fails', async () => {
    await store.append([{ streamId: 'edition-f', expectedVersion: 0, events: [editionOpened()] }], {
      metadata: metadata(),
    })
    const attempt = store.append(
      [
        { streamId: 'startup-f1', expectedVersion: 0, events: [startupRegistered('f1', '44306184100047')] },
        { streamId: 'edition-f', expectedVersion: 0, events: [applicationSubmitted('app-f1', 'f1')] },
      ],
      { metadata: metadata(), guards: [{ guardId: 'siret#44306184100047', data: { startupId: 'f1' } }] },
    )
    await expect(attempt).rejects.toMatchObject({ name: 'ConcurrencyError', streamId: 'edition-f' })
    expect(await store.streamVersion('startup-f1')).toBe(0)
    expect(await versionsOf('edition-f')).toEqual([1])
    expect(await store.findGuard('siret#44306184100047')).toBeUndefined()
  })

  it('refuses a taken guard with its holder, writing nothing', async () => {
    const register = (startupId: string) =>
      store.append([{ streamId: `startup-${startupId}`, expectedVersion: 0, events: [startupRegistered(startupId, '35600000000048')] }], {
        metadata: metadata(),
        guards: [{ guardId: 'siret#35600000000048', data: { startupId } }],
      })
    await register('g1')
    const second = register('g2')
    await expect(second).rejects.toBeInstanceOf(GuardTakenError)
    await expect(second).rejects.toMatchObject({ holder: { startupId: 'g1' } })
    expect(await store.streamVersion('startup-g2')).toBe(0)
  })

  it('refuses more than one transaction holds before writing anything', async () => {
    const events = Array.from({ length: 100 }, (_, i) => partnerJoined(`p-${i}`))
    const attempt = store.append([{ streamId: 'edition-h', expectedVersion: 0, events }], {
      metadata: metadata(),
      guards: [{ guardId: 'guard-h' }],
    })
    await expect(attempt).rejects.toBeInstanceOf(TransactionTooLargeError)
    await expect(attempt).rejects.toThrow(/101 items/)
    expect(await store.streamVersion('edition-h')).toBe(0)
    expect(await store.findGuard('guard-h')).toBeUndefined()
  })
})

describe('idempotent appends', () => {
  const claim = (key: string, fingerprint: string) => ({ key, fingerprint, result: { applicationId: 'app-i' } })

  it('writes one set of events for 50 concurrent requests with the same key', async () => {
    await store.append([{ streamId: 'edition-i', expectedVersion: 0, events: [editionOpened()] }], {
      metadata: metadata(),
    })
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        store.append(
          [{ streamId: 'edition-i', expectedVersion: 1, events: [applicationSubmitted('app-i', 'i1')] }],
          { metadata: metadata({ idempotencyKey: 'key-i' }), idempotency: claim('key-i', 'body-1') },
        ),
      ),
    )
    expect(outcomes.filter((o) => o.status === 'appended')).toHaveLength(1)
    for (const outcome of outcomes.filter((o) => o.status === 'replayed')) {
      expect(outcome).toEqual({ status: 'replayed', result: { applicationId: 'app-i' } })
    }
    expect(await versionsOf('edition-i')).toEqual([1, 2])
  })

  it('replays a committed key later, even when the stream has moved on', async () => {
    const append = (expectedVersion: number) =>
      store.append(
        [{ streamId: 'edition-j', expectedVersion, events: [editionOpened()] }],
        { metadata: metadata(), idempotency: claim('key-j', 'body-1') },
      )
    await append(0)
    await store.append([{ streamId: 'edition-j', expectedVersion: 1, events: [partnerJoined('cci')] }], {
      metadata: metadata(),
    })
    expect(await append(0)).toEqual({ status: 'replayed', result: { applicationId: 'app-i' } })
    expect(await versionsOf('edition-j')).toEqual([1, 2])
  })

  it('refuses the same key with another request and keeps the key for at least a day', async () => {
    const fixedNow = new Date('2020-01-07T09:00:00Z')
    const clocked = createDynamoEventStore({ doc: tables.doc, tables: tables.names, personalData: testVault(tables), now: () => fixedNow })
    await clocked.append([{ streamId: 'edition-k', expectedVersion: 0, events: [editionOpened()] }], {
      metadata: metadata(),
      idempotency: claim('key-k', 'body-1'),
    })
    const reused = clocked.append(
      [{ streamId: 'edition-k2', expectedVersion: 0, events: [editionOpened()] }],
      { metadata: metadata(), idempotency: claim('key-k', 'body-2') },
    )
    await expect(reused).rejects.toBeInstanceOf(IdempotencyKeyReusedError)
    expect(await store.streamVersion('edition-k2')).toBe(0)
    const guard = await store.findGuard(idempotencyGuardId('key-k'))
    expect(Number(guard?.expiresAt) - fixedNow.getTime() / 1000).toBeGreaterThanOrEqual(86_400)
  })
})

describe('read a stream', () => {
  it('reads forwards from a version past DynamoDB’s 1 MB pages', async () => {
    const pitch = 'p'.repeat(5000)
    const batch = (from: number) =>
      Array.from({ length: 90 }, (_, i) => applicationSubmitted(`app-${from + i}`, `s-${from + i}`, { pitch }))
    for (let expected = 0; expected < 270; expected += 90) {
      await store.append([{ streamId: 'edition-long', expectedVersion: expected, events: batch(expected) }], {
        metadata: metadata(),
      })
    }
    const all = await store.readStream('edition-long')
    expect(all.map((e) => e.version)).toEqual(Array.from({ length: 270 }, (_, i) => i + 1))
    const tail = await store.readStream('edition-long', { fromVersion: 250 })
    expect(tail.map((e) => e.version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 250))
    const some = await store.readStream('edition-long', { fromVersion: 10, maxCount: 5 })
    expect(some.map((e) => e.version)).toEqual([10, 11, 12, 13, 14])
  })
})

describe('read-set checks and counters', () => {
  it('appends while a stream read to decide is unchanged, and refuses once it moved', async () => {
    await store.append([{ streamId: 'edition-rs', expectedVersion: 0, events: [editionOpened('rs')] }], { metadata: metadata() })
    const unchanged = [{ streamId: 'edition-rs', version: 1 }]
    const submitted = (id: string) => [{ streamId: `application-${id}`, expectedVersion: 0, events: [applicationSubmitted(id, `s-${id}`)] }]
    expect((await store.append(submitted('rs-1'), { metadata: metadata(), unchanged })).status).toBe('appended')
    await store.append([{ streamId: 'edition-rs', expectedVersion: 1, events: [partnerJoined('tpm', 'rs')] }], { metadata: metadata() })
    const refused = store.append(submitted('rs-2'), { metadata: metadata(), unchanged })
    await expect(refused).rejects.toMatchObject({ name: 'ConcurrencyError', streamId: 'edition-rs', expectedVersion: 1, actualVersion: 2 })
    expect(await versionsOf('application-rs-2')).toEqual([])
  })

  it('refuses a check at a version the stream never reached, so no gap can be decided on', async () => {
    const fresh = createDynamoEventStore({ doc: tables.doc, tables: tables.names, personalData: testVault(tables) })
    const unchanged = [{ streamId: 'edition-rs-ghost', version: 3 }]
    const events = [{ streamId: 'application-ghost', expectedVersion: 0, events: [applicationSubmitted('ghost', 's')] }]
    await expect(fresh.append(events, { metadata: metadata(), unchanged })).rejects.toBeInstanceOf(ConcurrencyError)
  })

  it('writes a counter at the value it read, and refuses a racer that read the same value', async () => {
    const select = (id: string, expected: number) =>
      store.append([{ streamId: `application-c-${id}`, expectedVersion: 0, events: [applicationSubmitted(`c-${id}`, id)] }], {
        metadata: metadata(),
        counters: [{ counterId: 'seats#counter-test', expected, value: expected + 1 }],
      })
    expect(await store.readCounter('seats#counter-test')).toBe(0)
    const outcomes = await Promise.allSettled([select('a', 0), select('b', 0), select('c', 0)])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    for (const o of outcomes.filter((o) => o.status === 'rejected')) {
      expect((o).reason).toMatchObject({ name: 'ConcurrencyError', streamId: 'seats#counter-test', actualVersion: 1 })
    }
    expect(await store.readCounter('seats#counter-test')).toBe(1)
    await select('d', 1)
    expect(await store.readCounter('seats#counter-test')).toBe(2)
  })

  it('checks a counter it does not change without writing it, and refuses once it moved', async () => {
    const check = (id: string) =>
      store.append([{ streamId: `application-k-${id}`, expectedVersion: 0, events: [applicationSubmitted(`k-${id}`, id)] }], {
        metadata: metadata(),
        counters: [{ counterId: 'edition-lifecycle#k', expected: 1, value: 1 }],
      })
    await store.append([{ streamId: 'edition-lifecycle-test', expectedVersion: 0, events: [editionOpened('lifecycle-test')] }], {
      metadata: metadata(),
      counters: [{ counterId: 'edition-lifecycle#k', expected: 0, value: 1 }],
    })
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => check(`a${i}`)))
    expect(outcomes.map((o) => o.status)).toEqual(Array(8).fill('appended'))
    expect(await tables.doc.send(new GetCommand({ TableName: tables.names.guards, Key: { guardId: 'edition-lifecycle#k' } }))).toMatchObject({
      Item: { count: 1 },
    })
    await store.append([{ streamId: 'edition-lifecycle-test', expectedVersion: 1, events: [{ type: 'edition.closed', data: { editionId: 'lifecycle-test' } }] }], {
      metadata: metadata(),
      counters: [{ counterId: 'edition-lifecycle#k', expected: 1, value: 2 }],
    })
    await expect(check('late')).rejects.toMatchObject({ name: 'ConcurrencyError', streamId: 'edition-lifecycle#k', actualVersion: 2 })
  })

  it('reads the newest events of a stream, oldest first, saying whether it reached the start', async () => {
    const events = Array.from({ length: 7 }, (_, i) => partnerJoined(`p-${i}`, 'tail'))
    await store.append([{ streamId: 'edition-tail', expectedVersion: 0, events }], { metadata: metadata() })
    const tail = await store.readStreamTail('edition-tail', 3)
    expect(tail.events.map((e) => e.version)).toEqual([5, 6, 7])
    expect(tail.complete).toBe(false)
    const whole = await store.readStreamTail('edition-tail', 7)
    expect(whole.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(whole.complete).toBe(true)
    expect((await store.readStreamTail('edition-none', 3)).complete).toBe(true)
  })
})
