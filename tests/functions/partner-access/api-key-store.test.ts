import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createApiKeyStore,
  type ApiKeyStore,
} from '../../../functions/partner-access/api-key-store.js'
import { apiKeyKey } from '../../../functions/shared/partners-table.js'
import { sha256 } from '../../../functions/shared/secrets.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'

const t0 = new Date('2020-01-07T18:00:00.000Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

describe('the API key store', () => {
  let tables: TestTables
  let keys: ApiKeyStore
  beforeAll(async () => {
    tables = await createTestTables()
    keys = createApiKeyStore({ doc: tables.doc, table: tables.names.partners })
  })

  it('keeps an API key as its SHA-256 hash only', async () => {
    const { apiKey, record } = await keys.create({
      partnerId: 'tpm',
      scopes: ['feed:read'],
      createdBy: 'staff',
      now: t0,
    })
    const { Item } = await tables.doc.send(
      new GetCommand({ TableName: tables.names.partners, Key: apiKeyKey(record.keyId) }),
    )
    expect(Item?.hash).toBe(sha256(apiKey))
    // dsk_<keyId>_<secret>: the secret is base64url, which may itself hold underscores.
    const secret = apiKey.split('_').slice(2).join('_')
    expect(secret.length).toBeGreaterThan(40)
    expect(JSON.stringify(Item)).not.toContain(secret)
    expect(await keys.authenticate(apiKey, t0)).toMatchObject({
      partnerId: 'tpm',
      scopes: ['feed:read'],
    })
    expect(await keys.authenticate(`${apiKey.slice(0, -1)}x`, t0)).toBeUndefined()
    expect(await keys.authenticate('dsk_not-a-key', t0)).toBeUndefined()
  })

  it("lists a partner's keys only, oldest first, through the table's index", async () => {
    const issue = (partnerId: string, ms: number) =>
      keys.create({ partnerId, scopes: ['feed:read'], createdBy: 'staff', now: at(ms) })
    const first = await issue('nca', 0)
    const second = await issue('nca', 1_000)
    await issue('ccir', 500)
    expect((await keys.list('nca')).map((key) => key.keyId)).toEqual([
      first.record.keyId,
      second.record.keyId,
    ])
    expect(await keys.list('nobody')).toEqual([])
  })

  it('revokes a key at once, for its own partner only', async () => {
    const { apiKey, record } = await keys.create({
      partnerId: 'tpm',
      scopes: ['subscriptions:write'],
      createdBy: 'staff',
      now: t0,
    })
    expect(await keys.revoke('someone-else', record.keyId, t0)).toBeUndefined()
    expect(await keys.authenticate(apiKey, t0)).toBeDefined()
    expect(await keys.revoke('tpm', record.keyId, at(1))).toMatchObject({
      revokedAt: at(1).toISOString(),
    })
    expect(await keys.authenticate(apiKey, at(2))).toBeUndefined()
  })

  it('rotates a key once: of two rotations at the same moment, one wins', async () => {
    const { apiKey, record } = await keys.create({
      partnerId: 'tpm',
      scopes: ['feed:read'],
      createdBy: 'staff',
      now: t0,
    })
    const rotate = () =>
      keys.rotate('tpm', record.keyId, { now: t0, overlapSeconds: 60, createdBy: 'staff' })
    const [a, b] = await Promise.all([rotate(), rotate()])
    const winners = [a, b].filter((issued) => issued !== undefined)
    expect(winners).toHaveLength(1)
    // The old key works during the overlap, then stops; the replacement keeps working.
    expect(await keys.authenticate(apiKey, at(59_000))).toBeDefined()
    expect(await keys.authenticate(apiKey, at(60_000))).toBeUndefined()
    expect(await keys.authenticate(winners[0]!.apiKey, at(60_000))).toMatchObject({
      scopes: ['feed:read'],
    })
    expect(await rotate()).toBeUndefined()
  })

  it('never makes a key last longer by rotating it: the old one keeps its expiry, the new one inherits it', async () => {
    const expiry = at(30_000).toISOString()
    const { apiKey, record } = await keys.create({
      partnerId: 'tpm',
      scopes: ['feed:read'],
      createdBy: 'staff',
      now: t0,
      notAfter: expiry,
    })
    // An overlap of a day, 30 s before the key expires: the old key still stops at its expiry.
    const issued = await keys.rotate('tpm', record.keyId, { now: t0, overlapSeconds: 86_400, createdBy: 'staff' })
    if (!issued) throw new Error('the rotation was refused')
    expect(await keys.get('tpm', record.keyId)).toMatchObject({ notAfter: expiry, replacedBy: issued.record.keyId })
    expect(await keys.authenticate(apiKey, at(29_999))).toBeDefined()
    expect(await keys.authenticate(apiKey, at(30_000))).toBeUndefined()
    // The replacement stops when the old key would have.
    expect(issued.record.notAfter).toBe(expiry)
    expect(await keys.authenticate(issued.apiKey, at(29_999))).toBeDefined()
    expect(await keys.authenticate(issued.apiKey, at(30_000))).toBeUndefined()
    // A shorter overlap still ends the old key first; a key without expiry gives none.
    const twice = await keys.rotate('tpm', issued.record.keyId, { now: at(1_000), overlapSeconds: 10, createdBy: 'staff' })
    expect(await keys.get('tpm', issued.record.keyId)).toMatchObject({ notAfter: at(11_000).toISOString() })
    expect(twice?.record.notAfter).toBe(expiry)
    const open = await keys.create({ partnerId: 'tpm', scopes: ['feed:read'], createdBy: 'staff', now: t0 })
    const renewed = await keys.rotate('tpm', open.record.keyId, { now: t0, overlapSeconds: 60, createdBy: 'staff' })
    expect(renewed?.record.notAfter).toBeUndefined()
  })
})
