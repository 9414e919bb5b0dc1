import { PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import { projections } from '../../../domain/projections/index.js'
import { startupIdOf } from '../../../functions/commands/ids.js'
import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import { createReadModelStore } from '../../../functions/projector/read-model-store.js'
import { createReadModels } from '../../../functions/queries/read-models.js'
import { rebuild } from '../../../functions/rebuild/rebuild.js'
import { runRetention } from '../../../functions/retention/retention.js'
import { createEventSourcing } from '../../../functions/store/event-sourcing.js'
import { testVault } from '../../setup/test-vault.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client, type ApiHarness } from '../http/api-harness.js'
import { inProcess } from '../http/transports.js'
import { catchUp } from '../reports/catch-up.js'

/**
 * Erasure is final (issue 20, point 4). A restore of the Keys table to before an erasure
 * puts the destroyed data keys back, and the master key still unwraps them: the erasure
 * record in the Events table (which that restore leaves alone) names them, so they stay
 * refused, are destroyed again, and nothing derived from the erased address is left.
 * Each read below comes from a fresh process (no key cached), as after a restore.
 */
const people = {
  alpha: { name: 'Zéphyrine Restorealpha', email: 'restorealpha@alpha.example' },
  bravo: { name: 'Anselme Restorebravo', email: 'restorebravo@bravo.example' },
  charlie: { name: 'Octave Restorecharlie', email: 'restorecharlie@charlie.example' },
  stranger: { name: 'Eve Restorestranger', email: 'restorestranger@elsewhere.example' },
} as const

interface ExportRecord {
  readonly type: string
  readonly streamId: string
  readonly contact: { email: string } | null
  readonly erased: boolean
}

describe('erasure after a restore of the Keys table', () => {
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  const ids = {
    alpha: startupIdOf(validSiret(31_000_001)),
    bravo: startupIdOf(validSiret(31_000_002)),
    charlie: startupIdOf(validSiret(31_000_003)),
  }

  /** Every item of a table, as stored. */
  const scan = async (table: keyof ApiHarness['tables']['names']) => {
    const { doc, names } = harness.tables
    const items: Record<string, unknown>[] = []
    let ExclusiveStartKey: Record<string, unknown> | undefined
    do {
      const page = await doc.send(
        new ScanCommand({ TableName: names[table], ExclusiveStartKey, ConsistentRead: true }),
      )
      items.push(...(page.Items ?? []))
      ExclusiveStartKey = page.LastEvaluatedKey
    } while (ExclusiveStartKey)
    return items
  }
  /** Puts items back as they were: what a point-in-time restore of the Keys table does to them. */
  const restoreKeys = async (backup: readonly Record<string, unknown>[]) => {
    for (const Item of backup)
      await harness.tables.doc.send(new PutCommand({ TableName: harness.tables.names.keys, Item }))
  }
  /** Another process on the same tables: nothing cached. */
  const fresh = async () => {
    const cold = await apiHarness({ sameTablesAs: { tables: harness.tables, key: harness.key } })
    return { cold, api: client(await inProcess().start(cold.app), cold) }
  }
  const exportOf = async (startupId: string) => {
    const answer = await (await fresh()).api.admin('GET', `/startups/${startupId}/personal-data`)
    expect(answer.status).toBe(200)
    return answer.json<{ records: ExportRecord[]; erasures: unknown[] }>()
  }
  const indexOf = (email: string) => harness.personalData.emailIndex(email)
  const keysOf = async (startupId: string) =>
    (await scan('keys')).filter((item) => item.pk === `startup#${startupId}`)

  beforeAll(async () => {
    harness = await apiHarness()
    api = client(await inProcess().start(harness.app), harness)
    for (const id of ['ces-2020', 'ces-2021'])
      expect((await api.admin('POST', '/editions', editionBody(id))).status).toBe(201)
    const apply = (
      seed: number,
      contact: { name: string; email: string },
      editionId = 'ces-2020',
    ) =>
      api.public(
        'POST',
        `/editions/${editionId}/applications`,
        applicationBody(validSiret(seed), { contact }),
      )
    expect((await apply(31_000_001, people.alpha)).status).toBe(201)
    expect((await apply(31_000_002, people.bravo)).status).toBe(201)
    expect((await apply(31_000_003, people.charlie)).status).toBe(201)
    // Someone else, applying in charlie's start-up's name: held (issue 12), in its own stream;
    // the public answer says only 'received' (issue 20), staff dismissing it shows it was held.
    const held = await apply(31_000_003, people.stranger, 'ces-2021')
    expect(held.json()).toMatchObject({ status: 'received' })
    const dismissed = await api.admin(
      'POST',
      `/applications/${held.json<{ applicationId: string }>().applicationId}/confirmation`,
      {
        outcome: 'dismissed',
      },
    )
    expect(dismissed.status).toBe(200)
    await catchUp(harness.tables)
  }, 60_000)

  it('stores no identifier derived from an address in any event: a sealed event names its random key id', async () => {
    const [events, feed] = [await scan('events'), await scan('feed')]
    const sealed = events.flatMap((item) =>
      item.sealed ? [item.sealed as Record<string, unknown>] : [],
    )
    expect(sealed.length).toBeGreaterThanOrEqual(6)
    for (const box of sealed)
      expect(Object.keys(box).sort()).toEqual(['ciphertext', 'iv', 'keyId', 'tag'])
    for (const person of Object.values(people)) {
      const index = await indexOf(person.email)
      expect(JSON.stringify(events)).not.toContain(index)
      expect(JSON.stringify(feed)).not.toContain(index)
    }
    // The Keys table is the one place a live subject's blind index is (erasure by address needs it).
    expect(JSON.stringify(await scan('keys'))).toContain(await indexOf(people.alpha.email))
  })

  it('still opens events stored in the earlier shape, which named the subject beside the key', async () => {
    const { doc, names } = harness.tables
    const streamId = `startup-${ids.bravo}`
    // Events written until now hold `sealed.subject` (start-up id # HMAC of the address): never rewritten, read still.
    await doc.send(
      new UpdateCommand({
        TableName: names.events,
        Key: { streamId, version: 1 },
        UpdateExpression: 'SET sealed.#subject = :subject',
        ExpressionAttributeNames: { '#subject': 'subject' },
        ExpressionAttributeValues: {
          ':subject': `${ids.bravo}#${await indexOf(people.bravo.email)}`,
        },
      }),
    )
    const [registered] = await (await fresh()).cold.store.readStream(streamId)
    expect(registered).toMatchObject({
      type: 'startup.registered',
      data: { contact: people.bravo },
    })
  })

  it('exports held and dismissed applications with the start-up’s own, and erases them with it', async () => {
    const before = await exportOf(ids.charlie)
    expect(before.records.map((record) => [record.type, record.contact?.email]).sort()).toEqual([
      ['application.held', people.stranger.email],
      ['application.submitted', people.charlie.email],
      ['startup.registered', people.charlie.email],
    ])
    const erased = await api.admin('POST', `/startups/${ids.charlie}/erasure`)
    expect(erased.json()).toMatchObject({ contactsErased: 2 })
    expect(
      erased
        .json<{ events: { type: string }[] }>()
        .events.map((event) => event.type)
        .sort(),
    ).toEqual(['application.held', 'application.submitted', 'startup.registered'])
    const after = await exportOf(ids.charlie)
    expect(after.records).toHaveLength(3)
    for (const record of after.records)
      expect(record).toMatchObject({ contact: null, erased: true })
  })

  it('keeps an erased contact erased everywhere after the Keys table is restored to before the erasure', async () => {
    const backup = await scan('keys')
    const erased = await api.admin('POST', `/startups/${ids.alpha}/erasure`)
    expect(erased.json()).toMatchObject({ contactsErased: 1 })
    const [destroyed] = backup.filter((item) => item.pk === `startup#${ids.alpha}`)
    expect(await keysOf(ids.alpha)).toEqual([])

    await restoreKeys(backup)
    expect(await keysOf(ids.alpha)).toEqual([destroyed])

    // The access export, from a process that never saw the key.
    const exported = await exportOf(ids.alpha)
    expect(exported.records.map((record) => record.type).sort()).toEqual([
      'application.submitted',
      'startup.registered',
    ])
    for (const record of exported.records)
      expect(record).toMatchObject({ contact: null, erased: true })
    expect(JSON.stringify(exported)).not.toContain('estorealpha')
    // Reads through the store, and the audit read of the stream.
    const { cold, api: coldApi } = await fresh()
    const [registered] = await cold.store.readStream(`startup-${ids.alpha}`)
    expect(registered).toMatchObject({ type: 'startup.registered', data: { contact: null } })
    const stream = await coldApi.admin('GET', `/streams/startup-${ids.alpha}`)
    expect(
      stream.json<{ events: { data: { contact: unknown } }[] }>().events[0]?.data.contact,
    ).toBeNull()
    // The rebuild: no table holds the contact in clear.
    await catchUp(harness.tables)
    const { doc, names } = harness.tables
    const rebuilt = await rebuild({
      feed: createDynamoFeed({ doc, table: names.feed }),
      store: createReadModelStore({ doc, table: names.readModels }),
      projections,
    })
    expect(rebuilt.events).toBeGreaterThan(8)
    for (const table of [
      'events',
      'feed',
      'readModels',
      'guards',
      'snapshots',
      'partners',
    ] as const) {
      expect(JSON.stringify(await scan(table))).not.toContain('estorealpha')
    }
    // The others are untouched.
    for (const record of (await exportOf(ids.bravo)).records)
      expect(record).toMatchObject({ contact: people.bravo, erased: false })
  })

  it('seals a new application of the erased person under a new key, destroying the restored one again', async () => {
    const [restored] = await keysOf(ids.alpha)
    const again = await (
      await fresh()
    ).api.public(
      'POST',
      '/editions/ces-2021/applications',
      applicationBody(validSiret(31_000_001), { contact: people.alpha }),
    )
    expect(again.status).toBe(201)
    const [current] = await keysOf(ids.alpha)
    expect(current?.keyId).toEqual(expect.any(String))
    expect(current?.keyId).not.toBe(restored?.keyId)
    await catchUp(harness.tables)
    const records = (await exportOf(ids.alpha)).records
    expect(records.filter((record) => !record.erased)).toEqual([
      expect.objectContaining({
        streamId: `application-${again.json<{ applicationId: string }>().applicationId}`,
        contact: people.alpha,
      }),
    ])
    expect(records.filter((record) => record.erased)).toHaveLength(2)
  })

  it('applies every recorded erasure again each day: a restored key leaves the table, the blind index with it', async () => {
    const backup = await scan('keys')
    const byAddress = await api.admin('POST', '/data-subjects/erasure', {
      email: people.bravo.email,
    })
    expect(byAddress.json()).toMatchObject({
      startups: [{ startupId: ids.bravo, contactsErased: 1 }],
    })
    await restoreKeys(backup.filter((item) => item.pk === `startup#${ids.bravo}`))
    const bravoIndex = await indexOf(people.bravo.email)
    expect(JSON.stringify(await scan('keys'))).toContain(bravoIndex)

    // The retention job, as its Lambda runs it, on a day when no start-up's period has run out.
    const { doc, names } = harness.tables
    const personalData = testVault({ doc, names })
    const job = {
      ...createEventSourcing({
        doc,
        tables: { events: names.events, guards: names.guards },
        personalData,
      }),
      readModels: createReadModels({ doc, table: names.readModels }),
      personalData,
    }
    const run = await runRetention(job, {
      now: new Date('2020-06-01T00:00:00Z'),
      retentionDays: 1096,
    })
    expect(run).toMatchObject({ erased: [], reapplied: 1 })
    expect(JSON.stringify(await scan('keys'))).not.toContain(bravoIndex)
    expect(await keysOf(ids.bravo)).toEqual([])

    // Asking again by address finds nothing left, and records nothing more.
    const second = await api.admin('POST', '/data-subjects/erasure', { email: people.bravo.email })
    expect(second.json()).toEqual({ startups: [] })
    const record = await api.admin('GET', `/streams/personal-data-${ids.bravo}`)
    expect(record.json<{ events: unknown[] }>().events).toHaveLength(1)
  })

  it('erases a restored key found by address at once, recording nothing twice', async () => {
    const backup = await keysOf(ids.alpha)
    const erased = await api.admin('POST', '/data-subjects/erasure', { email: people.alpha.email })
    expect(erased.json()).toMatchObject({ startups: [{ startupId: ids.alpha, contactsErased: 1 }] })
    await restoreKeys(backup)
    const again = await api.admin('POST', '/data-subjects/erasure', { email: people.alpha.email })
    expect(again.json()).toMatchObject({
      startups: [{ startupId: ids.alpha, contactsErased: 0, events: [] }],
    })
    expect(await keysOf(ids.alpha)).toEqual([])
    const record = await api.admin('GET', `/streams/personal-data-${ids.alpha}`)
    expect(record.json<{ events: unknown[] }>().events).toHaveLength(2)
  })
})
