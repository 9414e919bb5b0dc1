import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDocumentClient,
  type DocumentClient,
} from '../../../functions/shared/dynamo-client.js'
import { editionApplicationGuardId } from '../../../functions/store/guard-ids.js'
import { generateDevKey } from '../../../local/dev-tokens.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'
import { catchUp } from '../reports/catch-up.js'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import { injectFaults, seeded, type Fault, type FaultPlan } from './fault-injection.js'
import { nodeServer, type Send, type TestResponse } from './transports.js'

/**
 * Issue 18, item 7: DynamoDB failing for longer than the SDK's retries (lost responses to
 * writes it applied, throttling, timeouts, refused connections) is a 503 with Retry-After,
 * never a 500, and a retry with the same Idempotency-Key gets the first answer. The API
 * runs on a DynamoDB client whose middleware stack injects the faults (the SDK's retries
 * and DynamoDB Local behind it are real); the tables are checked with a clean client.
 */
describe('transient DynamoDB failures', () => {
  const transport = nodeServer()
  const editionId = 'ces-2020'
  let tables: TestTables
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  let send: Send
  let faults: ReturnType<typeof injectFaults>
  const noFaults: FaultPlan = () => undefined
  const key = (name: string) => `0193a5c4-7d2e-7b31-9f00-${name.padStart(12, '0')}`
  const apply = (siret: string, idempotencyKey: string) =>
    api.public('POST', `/editions/${editionId}/applications`, applicationBody(siret), {
      'Idempotency-Key': idempotencyKey,
    })

  /** Every item of a table, read with the clean client. */
  const scan = async (TableName: string) => {
    const items: Record<string, unknown>[] = []
    let ExclusiveStartKey: Record<string, unknown> | undefined
    do {
      const page = await tables.doc.send(
        new ScanCommand({ TableName, ExclusiveStartKey, ConsistentRead: true }),
      )
      items.push(...(page.Items ?? []))
      ExclusiveStartKey = page.LastEvaluatedKey
    } while (ExclusiveStartKey)
    return items
  }
  const eventsOfType = async (type: string) =>
    (await scan(tables.names.events)).filter((item) => item.type === type) as {
      eventId: string
      data: { applicationId: string; startupId: string; editionId: string }
    }[]
  const applicationGuard = async (siret: string, startupId: string) =>
    (
      await tables.doc.send(
        new GetCommand({
          TableName: tables.names.guards,
          Key: { guardId: editionApplicationGuardId(editionId, startupId) },
          ConsistentRead: true,
        }),
      )
    ).Item

  const expectUnavailable = (response: TestResponse) => {
    expect(response.status, response.text).toBe(503)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(response.json()).toMatchObject({
      status: 503,
      type: '/problems/temporarily-unavailable',
    })
  }

  beforeAll(async () => {
    tables = await createTestTables()
    // The API's own client, with the faults; `tables.doc` stays clean for the checks.
    const faulty: DocumentClient = createDocumentClient({ endpoint: tables.endpoint })
    faults = injectFaults(faulty, noFaults)
    harness = await apiHarness({
      sameTablesAs: { tables: { ...tables, doc: faulty }, key: await generateDevKey() },
    })
    send = await transport.start(harness.app)
    api = client(send, harness)
    expect((await api.admin('POST', '/editions', editionBody(editionId))).status).toBe(201)
  })
  afterAll(async () => {
    await transport.stop()
    // Nothing reached the error handler as unknown (what would have been a 500).
    expect(harness.unexpected).toEqual([])
  })

  it('a write that landed but whose answer was lost, then DynamoDB unavailable: 503, and the retry answers the landed application', async () => {
    const siret = validSiret(41_000_001)
    // The application's transaction is applied, its answer lost; every attempt after that
    // (the SDK's retries, then the idempotency record's read) finds DynamoDB unreachable.
    let landed = false
    faults.use(({ operation }) => {
      if (landed) return 'unavailable'
      landed = operation === 'TransactWriteItems'
      return landed ? 'lost-response' : undefined
    })
    const first = await apply(siret, key('landed'))
    faults.use(noFaults)
    expectUnavailable(first)

    const stored = await eventsOfType('application.submitted')
    expect(stored).toHaveLength(1)
    const retry = await apply(siret, key('landed'))
    expect(retry.status, retry.text).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.json()).toMatchObject({
      applicationId: stored[0]?.data.applicationId,
      status: 'received',
    })
    expect(retry.json().withdrawalToken).toEqual(expect.any(String))
    expect(await eventsOfType('application.submitted')).toHaveLength(1)
  })

  it('a write refused before it was sent (throttled, timed out): 503, and the retry applies it once', async () => {
    const siret = validSiret(41_000_002)
    const before = (await eventsOfType('application.submitted')).length
    const kinds: Fault[] = ['throttled', 'timeout', 'unavailable']
    faults.use(({ write, n }) => (write ? kinds[n % kinds.length] : undefined))
    const first = await apply(siret, key('refused'))
    faults.use(noFaults)
    expectUnavailable(first)
    expect(await eventsOfType('application.submitted')).toHaveLength(before)

    const retry = await apply(siret, key('refused'))
    expect(retry.status, retry.text).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBeNull()
    expect(await eventsOfType('application.submitted')).toHaveLength(before + 1)
  })

  it('200 applications from 8 clients, 15 % of write attempts losing their answer: 201 or 503, each 503 retried to 201, each stored and counted once', async () => {
    const count = 200
    const clients = 8
    const already = await eventsOfType('application.submitted')
    const random = seeded(18)
    // Per attempt: 15 % of writes applied with the answer lost (a dropped connection or a
    // 500), and some throttling and timeouts before anything is sent; every 250 attempts,
    // 20 in a row find DynamoDB unreachable, outlasting the SDK's three attempts.
    const plan: FaultPlan = ({ write, n }) => {
      if (n % 250 >= 230) return 'unavailable'
      const roll = random()
      if (write && roll < 0.075) return 'lost-response'
      if (write && roll < 0.15) return 'internal-error'
      const before = write ? roll - 0.15 : roll
      if (before >= 0 && before < 0.02) return 'throttled'
      if (before >= 0.02 && before < 0.04) return 'timeout'
      return undefined
    }
    faults.use(plan)

    interface Outcome {
      readonly siret: string
      readonly statuses: number[]
      applicationId?: string
      /** The 201 was a replay: of an earlier try answered 503, or of this try's own write
       * that landed though DynamoDB's answer was lost (read back by the idempotency record). */
      replayed?: boolean
    }
    const outcomes: Outcome[] = Array.from({ length: count }, (_, i) => ({
      siret: validSiret(42_000_000 + i),
      statuses: [],
    }))
    let next = 0
    const unexpectedAnswers: string[] = []
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const outcome = outcomes[i]!
        // The same key on every try, as a client retrying after a 503 must.
        for (let tries = 0; tries < 20 && outcome.applicationId === undefined; tries++) {
          const response = await apply(outcome.siret, key(`load-${i}`))
          outcome.statuses.push(response.status)
          if (response.status === 201) {
            outcome.applicationId = response.json().applicationId
            outcome.replayed = response.headers.get('idempotent-replayed') === 'true'
          } else if (response.status === 503 && Number(response.headers.get('retry-after')) > 0) {
            await new Promise((resolve) =>
              setTimeout(resolve, Number(response.headers.get('retry-after')) * 1000),
            )
          } else {
            unexpectedAnswers.push(`${response.status} ${response.text}`)
            break
          }
        }
      }
    }
    await Promise.all(Array.from({ length: clients }, worker))
    faults.use(noFaults)

    const statuses = outcomes.flatMap((outcome) => outcome.statuses)
    const retried = outcomes.filter((outcome) => outcome.statuses.length > 1)
    const figures = {
      applications: count,
      clients,
      requests: statuses.length,
      answered201: statuses.filter((status) => status === 201).length,
      answered503: statuses.filter((status) => status === 503).length,
      applicationsRetriedAfter503: retried.length,
      replayedAfter503: retried.filter((outcome) => outcome.replayed).length,
      replayedOnFirstTry: outcomes.filter(
        (outcome) => outcome.replayed && outcome.statuses.length === 1,
      ).length,
      mostTriesForOneApplication: Math.max(...outcomes.map((outcome) => outcome.statuses.length)),
      dynamoAttempts: faults.tally.attempts,
      faultsInjected: faults.tally.byFault,
    }
    console.info(`fault test figures: ${JSON.stringify(figures)}`)

    expect(unexpectedAnswers).toEqual([])
    expect(new Set(statuses)).toEqual(new Set([201, 503]))
    expect(faults.tally.byFault['lost-response']).toBeGreaterThan(0)
    expect(faults.tally.byFault['internal-error']).toBeGreaterThan(0)
    expect(retried.length).toBeGreaterThan(0)
    // Every application ended in exactly one 201, after however many 503s.
    for (const outcome of outcomes) {
      expect(outcome.statuses.at(-1)).toBe(201)
      expect(outcome.statuses.slice(0, -1).every((status) => status === 503)).toBe(true)
    }

    // Stored once: one application.submitted and one registration per start-up, under the
    // id the client was answered, and the one-application guard names that same id.
    const submitted = (await eventsOfType('application.submitted')).filter(
      (event) => !already.some((earlier) => earlier.eventId === event.eventId),
    )
    expect(submitted).toHaveLength(count)
    const answered = new Map(outcomes.map((outcome) => [outcome.applicationId, outcome]))
    expect(new Set(submitted.map((event) => event.data.applicationId))).toEqual(
      new Set(answered.keys()),
    )
    expect(new Set(submitted.map((event) => event.data.startupId)).size).toBe(count)
    const registered = (await eventsOfType('startup.registered')).length
    expect(registered).toBe(already.length + count)
    for (const event of submitted.slice(0, 20)) {
      const outcome = answered.get(event.data.applicationId)!
      expect((await applicationGuard(outcome.siret, event.data.startupId))?.applicationId).toBe(
        event.data.applicationId,
      )
    }
    const applicationStreams = new Set(
      (await scan(tables.names.events))
        .map((item) => String(item.streamId))
        .filter((streamId) => streamId.startsWith('application-')),
    )
    expect(applicationStreams.size).toBe(already.length + count)

    // The Feed holds each once, and the edition's report counts each once.
    await catchUp(tables)
    const fed = (await scan(tables.names.feed)).filter(
      (item) => item.type === 'application.submitted',
    )
    expect(fed).toHaveLength(already.length + count)
    expect(new Set(fed.map((item) => item.eventId)).size).toBe(already.length + count)
    const report = await api.reports('GET', `/reports/editions/${editionId}`)
    expect(report.status, report.text).toBe(200)
    expect(report.json().counts).toMatchObject({
      applications: already.length + count,
      submitted: already.length + count,
    })
    // 200 applications and their retries through faults: minutes, not seconds, on a loaded machine.
  }, 180_000)

  it('a report read that DynamoDB does not answer is a 503 too', async () => {
    faults.use(({ write }) => (write ? undefined : 'timeout'))
    const report = await api.reports('GET', `/reports/editions/${editionId}`)
    const csv = await api.reports('GET', `/reports/editions/${editionId}/delegation.csv`)
    faults.use(noFaults)
    expectUnavailable(report)
    expectUnavailable(csv)
    expect((await api.reports('GET', `/reports/editions/${editionId}`)).status).toBe(200)
  })

  it('the withdrawal page, DynamoDB unavailable: a 503 page that says so in French, and withdrawing again works', async () => {
    const applied = await apply(validSiret(41_000_900), key('withdraw'))
    expect(applied.status).toBe(201)
    const { applicationId, withdrawalToken } = applied.json<{ applicationId: string; withdrawalToken: string }>()
    const withdraw = () =>
      send('POST', `/applications/${applicationId}/withdraw`, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html', 'Accept-Language': 'fr' },
        body: new URLSearchParams({ answer: 'withdraw', token: withdrawalToken, idempotencyKey: key('withdraw-page') }).toString(),
      })
    faults.use(() => 'unavailable')
    const refused = await withdraw()
    faults.use(noFaults)
    expect(refused.status).toBe(503)
    expect(refused.text).toContain('Le service n’a pas répondu à temps : réessayez dans un instant.')
    const done = await withdraw()
    expect(done.status).toBe(200)
    expect(done.text).toContain('Candidature retirée')
  })
})
