import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projections } from '../../../domain/projections/index.js'
import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import { createReadModelStore } from '../../../functions/projector/read-model-store.js'
import { runProjections } from '../../../functions/projector/run-projections.js'
import { rebuild } from '../../../functions/rebuild/rebuild.js'
import { tables as tableDefinitions, type TableKey } from '../../../functions/shared/tables.js'
import { lookUpMessage } from '../../../functions/notifier/message-lookup.js'
import { createNotifier } from '../../../functions/notifier/notifier.js'
import { createNotifierCheckpoint } from '../../../functions/notifier/notifier-checkpoint.js'
import { createOutboxStore } from '../../../functions/notifier/outbox-store.js'
import { createSmtpSender } from '../../../functions/notifier/smtp-sender.js'
import { createSuppressionList } from '../../../functions/notifier/suppression-list.js'
import { createStreamReader } from '../../../functions/store/dynamo-event-store.js'
import { startMailCatcher } from '../../../local/mail-catcher.js'
import { applicationBody, validSiret } from '../../fixtures/requests.js'
import { testVault, testWithdrawalLinks } from '../../setup/test-vault.js'
import { identity } from '../notifier/notifier-world.js'
import { partnerWorld, type PartnerWorld } from '../webhooks/partner-world.js'
import { startReceiver } from '../webhooks/fixtures.js'

/**
 * Issue 12's proof: applications whose contacts carry marker strings go through the whole
 * system (Events, Feed, projections, webhook deliveries, the notifier's outbox and the mail
 * it sends), one subject is erased, the read models are rebuilt, and every item of every
 * table is searched for the markers in clear.
 */
const subjects = {
  alpha: { name: 'Zéphyrine Markeralpha', email: 'markeralpha@alpha.example', phone: '+33 4 11 11 11 01' },
  bravo: { name: 'Anselme Markerbravo', email: 'markerbravo@bravo.example', phone: '+33 4 22 22 22 02' },
  charlie: { name: 'Octave Markercharlie', email: 'markercharlie@charlie.example', phone: '+33 4 33 33 33 03' },
} as const
type Subject = keyof typeof subjects

/** Every string a subject's contact is made of, as a scan would find it in clear. */
const markersOf = (subject: Subject) => {
  const { name, email, phone } = subjects[subject]
  return [name, name.split(' ')[1] ?? name, email, phone]
}

describe('crypto-shredding, end to end on DynamoDB Local', () => {
  let world: PartnerWorld
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let catcher: Awaited<ReturnType<typeof startMailCatcher>>
  let smtp: ReturnType<typeof createSmtpSender>
  let notifier: ReturnType<typeof createNotifier>
  /** The messages the catcher received for a subject. */
  const mailTo = (subject: Subject) => catcher.messages.filter((m) => m.envelope.to.includes(subjects[subject].email))
  const startups: Partial<Record<Subject, { startupId: string; applicationId: string }>> = {}

  /** Every item of every table, as JSON, by table. */
  const scanAll = async () => {
    const { doc, names } = world.harness.tables
    const found: Partial<Record<TableKey, string[]>> = {}
    for (const key of Object.keys(tableDefinitions) as TableKey[]) {
      const items: string[] = []
      let ExclusiveStartKey: Record<string, unknown> | undefined
      do {
        const page = await doc.send(new ScanCommand({ TableName: names[key], ExclusiveStartKey, ConsistentRead: true }))
        items.push(...(page.Items ?? []).map((item) => JSON.stringify(item)))
        ExclusiveStartKey = page.LastEvaluatedKey
      } while (ExclusiveStartKey)
      found[key] = items
    }
    return found as Record<TableKey, string[]>
  }
  /** The items of each table holding one of the subject's markers in clear. */
  const holding = (scan: Record<TableKey, string[]>, subject: Subject) =>
    Object.fromEntries(
      Object.entries(scan).map(([table, items]) => [
        table,
        items.filter((item) => markersOf(subject).some((marker) => item.includes(marker))).length,
      ]),
    )

  const catchUp = async () => {
    await world.propagate()
    await world.drain([subscriptionId])
    const { doc, names } = world.harness.tables
    expect(await notifier.run()).toMatchObject({ failed: 0, gaveUp: 0 })
    const result = await runProjections({
      feed: createDynamoFeed({ doc, table: names.feed }),
      store: createReadModelStore({ doc, table: names.readModels }),
      projections,
    })
    expect(result.failures).toEqual([])
  }

  let subscriptionId = ''
  beforeAll(async () => {
    world = await partnerWorld(['nice-cote-d-azur'])
    receiver = await startReceiver(() => 204, world.time.clock)
    catcher = await startMailCatcher()
    smtp = createSmtpSender({ url: catcher.url, ...identity })
    const { doc, names } = world.harness.tables
    const vault = testVault(world.harness.tables, { cacheTtlMs: 0 })
    const links = testWithdrawalLinks(world.harness.tables)
    notifier = createNotifier({
      feed: createDynamoFeed({ doc, table: names.feed }),
      outbox: createOutboxStore({ doc, table: names.outbox }),
      checkpoint: createNotifierCheckpoint({ doc, table: names.outbox }),
      suppressions: createSuppressionList({ doc, table: names.outbox }),
      lookUp: lookUpMessage(createStreamReader({ doc, events: names.events, personalData: vault })),
      emailIndex: (email) => vault.emailIndex(email),
      signWithdrawal: (applicationId) => links.sign(applicationId),
      send: smtp.send,
      links: { baseUrl: 'https://delegation.maregionsud.example', contactEmail: identity.replyTo },
      clock: () => new Date(),
      random: () => 0.5,
    })
    const subscribed = await world.as('nice-cote-d-azur')('POST', '/subscriptions', { url: receiver.url })
    expect(subscribed.status).toBe(201)
    subscriptionId = subscribed.json<{ id: string }>().id
    let seed = 700
    for (const subject of Object.keys(subjects) as Subject[]) {
      const body = applicationBody(validSiret(seed++), { contact: subjects[subject] })
      const applied = await world.api.public('POST', '/editions/ces-2020/applications', body, {
        'Idempotency-Key': `apply-${subject}`,
      })
      expect(applied.status).toBe(201)
      startups[subject] = applied.json()
    }
    const alpha = startups.alpha ?? { applicationId: '', startupId: '' }
    const selected = await world.api.admin('POST', `/applications/${alpha.applicationId}/decision`, { decision: 'selected' }, { 'If-Match': '"1"' })
    expect(selected.status).toBe(200)
    const award = await world.api.admin('POST', '/editions/ces-2020/awards', {
      startupId: alpha.startupId,
      award: 'honoree',
      category: 'Sustainability, Eco-Design & Smart Energy',
    })
    expect(award.status).toBe(201)
    await catchUp()
  }, 60_000)
  afterAll(async () => {
    smtp?.close()
    await Promise.all([receiver?.close(), catcher?.close()])
  })

  it('never holds a contact in clear in Events, Feed, Guards, Partners (deliveries), Snapshots or the Outbox', async () => {
    const scan = await scanAll()
    // The notifier's messages (three receipts, a selection) are there, and were scanned; they were sent.
    expect(scan.outbox.filter((item) => item.includes('"kind"'))).toHaveLength(4)
    expect(mailTo('alpha')).toHaveLength(2)
    expect(scan.events.length).toBeGreaterThan(6)
    expect(scan.feed.length).toBeGreaterThan(6)
    // The deliveries (with the exact bodies posted) are there, and were scanned.
    expect(scan.partners.filter((item) => item.includes('"payload"')).length).toBeGreaterThanOrEqual(3)
    for (const subject of Object.keys(subjects) as Subject[]) {
      expect(holding(scan, subject)).toMatchObject({ events: 0, feed: 0, guards: 0, partners: 0, snapshots: 0, keys: 0, outbox: 0 })
    }
    expect(receiver.requests.length).toBeGreaterThanOrEqual(3)
    expect(receiver.requests.filter((r) => markersOf('alpha').some((m) => r.body.includes(m)))).toEqual([])
  })

  it('exports the personal data of a start-up, decrypted, with the event that recorded it', async () => {
    const { startupId } = startups.alpha ?? { startupId: '' }
    const response = await world.api.admin('GET', `/startups/${startupId}/personal-data`)
    expect(response.status).toBe(200)
    const answer = response.json<{ records: { type: string; contact: unknown; erased: boolean; streamId: string }[] }>()
    expect(answer.records.map((r) => r.type).sort()).toEqual(['application.submitted', 'startup.registered'])
    for (const record of answer.records) expect(record).toMatchObject({ contact: subjects.alpha, erased: false })
    expect((await world.api.reports('GET', `/startups/${startupId}/personal-data`)).status).toBe(403)
  })

  it('erases one subject: no marker in clear in any table, even after a rebuild; the others intact; the facts still count', async () => {
    const { startupId } = startups.alpha ?? { startupId: '' }
    const erased = await world.api.admin('POST', `/startups/${startupId}/erasure`)
    expect(erased.status).toBe(200)
    expect(erased.json()).toMatchObject({ startupId, contactsErased: 1 })
    expect(erased.json<{ events: { type: string }[] }>().events.map((e) => e.type).sort()).toEqual([
      'application.submitted',
      'startup.registered',
    ])
    await catchUp()
    const { doc, names } = world.harness.tables
    const rebuilt = await rebuild({
      feed: createDynamoFeed({ doc, table: names.feed }),
      store: createReadModelStore({ doc, table: names.readModels }),
      projections,
    })
    expect(rebuilt.events).toBeGreaterThan(8)

    const scan = await scanAll()
    for (const count of Object.values(holding(scan, 'alpha'))) expect(count).toBe(0)
    // Nothing was mailed to the erased subject after the erasure.
    expect(mailTo('alpha')).toHaveLength(2)

    // The access export: nothing personal left, the erasure on record.
    const after = (await world.api.admin('GET', `/startups/${startupId}/personal-data`)).json<{
      records: unknown[]
      erasures: unknown[]
    }>()
    expect(after.records).toHaveLength(2)
    for (const record of after.records) expect(record).toMatchObject({ contact: null, erased: true })
    expect(JSON.stringify(after)).not.toContain('arkeralpha')
    expect(after.erasures).toMatchObject([{ contacts: 1, reason: 'request' }])

    // The audit read of its stream: the slot is kept, the contact reads null.
    const stream = (await world.api.admin('GET', `/streams/startup-${startupId}`)).json<{ events: { type: string; data: { contact: unknown; name: string } }[] }>()
    expect(stream.events[0]).toMatchObject({ type: 'startup.registered', data: { contact: null } })

    // The others are intact.
    const bravo = (await world.api.admin('GET', `/startups/${startups.bravo?.startupId ?? ''}/personal-data`)).json<{ records: unknown[] }>()
    for (const record of bravo.records) expect(record).toMatchObject({ contact: subjects.bravo, erased: false })

    // The erased start-up's selection and award still count, read from the rebuilt models.
    const edition = (await world.api.reports('GET', '/reports/editions/ces-2020')).json<Record<string, unknown>>()
    expect(JSON.stringify(edition)).toContain('"selected":1')
    const awards = (await world.api.reports('GET', '/reports/awards?editionId=ces-2020')).text
    expect(awards).toContain(startupId)
    const page = await world.api.reports('GET', `/startups/${startupId}`)
    expect(page.status).toBe(200)
    expect(page.json()).toMatchObject({ startup: { editionsSelected: ['ces-2020'] } })
    const csv = await world.api.reports('GET', '/reports/editions/ces-2020/delegation.csv')
    expect(csv.status).toBe(200)
    expect(csv.text).toContain('Calanques Tech')
  })

  it('is idempotent: a second erasure finds nothing left and records nothing', async () => {
    const { startupId } = startups.alpha ?? { startupId: '' }
    const again = await world.api.admin('POST', `/startups/${startupId}/erasure`)
    expect(again.json()).toMatchObject({ startupId, contactsErased: 0, events: [] })
    const stream = (await world.api.admin('GET', `/streams/personal-data-${startupId}`)).json<{ events: unknown[] }>()
    expect(stream.events).toHaveLength(1)
  })

  it('erases a person by e-mail alone, however the address is written', async () => {
    const response = await world.api.admin('POST', '/data-subjects/erasure', { email: '  MarkerBravo@Bravo.example ' })
    expect(response.status).toBe(400)
    const erased = await world.api.admin('POST', '/data-subjects/erasure', { email: 'MarkerBravo@Bravo.EXAMPLE' })
    expect(erased.status).toBe(200)
    expect(erased.json()).toMatchObject({ startups: [{ startupId: startups.bravo?.startupId, contactsErased: 1 }] })
    expect(JSON.stringify(erased.json())).not.toContain('arkerbravo')
    await catchUp()
    const scan = await scanAll()
    for (const count of Object.values(holding(scan, 'bravo'))) expect(count).toBe(0)
    const charlie = (await world.api.admin('GET', `/startups/${startups.charlie?.startupId ?? ''}/personal-data`)).json<{ records: unknown[] }>()
    for (const record of charlie.records) expect(record).toMatchObject({ contact: subjects.charlie })
  })
})
