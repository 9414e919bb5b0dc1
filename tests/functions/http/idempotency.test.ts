import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signDevToken } from '../../../local/dev-tokens.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import { nodeServer } from './transports.js'

/**
 * Idempotency records hold no secrets (issue 12): the replay of a registration gives the
 * same application back, and its withdrawal token only to a retry carrying a key long
 * enough to seal it under; the table never holds the token, nor the key, in clear. Keys
 * are scoped to the route and the caller.
 */
describe('Idempotency-Key records', () => {
  const transport = nodeServer()
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  let sirets = 0
  const nextSiret = () => validSiret(30_000_000 + ++sirets)
  const longKey = (name: string) => `0193a5c4-7d2e-7b31-9f00-${name.padStart(12, '0')}`
  const apply = (body: unknown, key: string, editionId = 'ces-2020', as = api.public) =>
    as('POST', `/editions/${editionId}/applications`, body, { 'Idempotency-Key': key })

  /** Every item of every table, as text: what someone reading the tables would see. */
  const everything = async () => {
    const texts: string[] = []
    for (const TableName of Object.values(harness.tables.names)) {
      const { Items = [] } = await harness.tables.doc.send(
        new ScanCommand({ TableName, ConsistentRead: true }),
      )
      texts.push(...Items.map((item) => JSON.stringify(item)))
    }
    return texts.join('\n')
  }

  beforeAll(async () => {
    harness = await apiHarness()
    api = client(await transport.start(harness.app), harness)
    for (const id of ['ces-2020', 'ces-2021']) {
      expect((await api.admin('POST', '/editions', editionBody(id))).status).toBe(201)
    }
  })
  afterAll(async () => {
    await transport.stop()
    expect(harness.unexpected).toEqual([])
  })

  it('replays the same application and its token to a retry with the key, keeping neither in clear', async () => {
    const key = longKey('1')
    const body = applicationBody(nextSiret())
    const first = await apply(body, key)
    expect(first.status).toBe(201)
    const { withdrawalToken } = first.json()
    const retry = await apply(body, key)
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.json()).toEqual(first.json())
    const stored = await everything()
    expect(stored).not.toContain(withdrawalToken)
    expect(stored).not.toContain(key)
  })

  it('replays a guessable key’s answer without the token', async () => {
    const body = applicationBody(nextSiret())
    const first = (await apply(body, 'retry-1')).json()
    const retry = await apply(body, 'retry-1')
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    const { withdrawalToken: _token, ...rest } = first
    expect(retry.json()).toEqual(rest)
    expect(await everything()).not.toContain(first.withdrawalToken)
  })

  it('gives every racing duplicate the one application and its token', async () => {
    const key = longKey('race')
    const body = applicationBody(nextSiret())
    const answers = await Promise.all(Array.from({ length: 8 }, () => apply(body, key)))
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(201))
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1)
    expect(
      answers.filter((answer) => answer.headers.get('idempotent-replayed') === 'true'),
    ).toHaveLength(7)
    expect(answers[0]?.json().withdrawalToken).toEqual(expect.any(String))
  })

  it('scopes a key to its route: the same key on another edition is another request', async () => {
    const key = longKey('route')
    const body = applicationBody(nextSiret())
    const here = await apply(body, key)
    const there = await apply(body, key, 'ces-2021')
    expect([here.status, there.status]).toEqual([201, 201])
    expect(there.headers.get('idempotent-replayed')).toBeNull()
    expect(there.json().applicationId).not.toBe(here.json().applicationId)
  })

  it('scopes a key to its caller: another caller’s retry with it is not answered with the first answer', async () => {
    const key = longKey('caller')
    const body = applicationBody(nextSiret())
    const anonymous = await apply(body, key)
    expect(anonymous.status).toBe(201)
    // Staff sending the same body and key make their own request (and the start-up has applied).
    const staff = await apply(body, key, 'ces-2020', api.admin)
    expect(staff.status).toBe(201)
    expect(staff.headers.get('idempotent-replayed')).toBeNull()
    expect(staff.json()).toMatchObject({ status: 'held' })
    expect(staff.json().applicationId).not.toBe(anonymous.json().applicationId)
    expect(staff.text).not.toContain(anonymous.json().withdrawalToken)
  })

  it('scopes staff keys to the staff member', async () => {
    const application = (
      await api.public('POST', '/editions/ces-2020/applications', applicationBody(nextSiret()))
    ).json()
    const decide = (subject: string) => async () => {
      const token = await signDevToken(harness.key, { subject, roles: ['admin'], expiresIn: '1h' })
      return api.send('POST', `/applications/${application.applicationId}/decision`, {
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': 'decide-1',
        },
        body: JSON.stringify({ decision: 'selected' }),
      })
    }
    const first = await decide('alice')()
    expect(first.status).toBe(200)
    const other = await decide('bob')()
    expect(other.status).toBe(409)
    expect(other.json()).toMatchObject({ type: '/problems/application-already-decided' })
    const again = await decide('alice')()
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
  })

  it('keeps the key out of the events: their metadata names the record, not the key', async () => {
    const key = longKey('meta')
    const first = (await apply(applicationBody(nextSiret()), key)).json()
    const [event] = await harness.store.readStream(`application-${first.applicationId}`)
    expect(event?.metadata.idempotencyKey).toEqual(expect.any(String))
    expect(event?.metadata.idempotencyKey).not.toContain(key)
  })
})
