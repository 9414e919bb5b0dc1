import { describe, expect, it } from 'vitest'
import { runRetention } from '../../../functions/retention/retention.js'
import { createReadModels } from '../../../functions/queries/read-models.js'
import {
  createDocumentClient,
  type DocumentClient,
} from '../../../functions/shared/dynamo-client.js'
import { createEventSourcing } from '../../../functions/store/event-sourcing.js'
import { testVault } from '../../setup/test-vault.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client } from '../http/api-harness.js'
import { inProcess } from '../http/transports.js'
import { catchUp } from '../reports/catch-up.js'

/**
 * The first response DynamoDB gives to a put on `table` is lost after the write landed, as
 * a dropped connection loses it: whoever wrote must find out it landed, and not write again.
 */
const losingFirstWriteTo = (doc: DocumentClient, table: string) => {
  let lost = 0
  type Args = { input: { TableName?: string } }
  const middleware =
    (next: (args: Args) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: Args) => {
      const output = await next(args)
      if (
        context.commandName === 'PutItemCommand' &&
        args.input.TableName === table &&
        lost++ === 0
      ) {
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
      }
      return output
    }
  doc.middlewareStack.addRelativeTo(
    middleware as Parameters<DocumentClient['middlewareStack']['addRelativeTo']>[0],
    {
      relation: 'after',
      toMiddleware: 'retryMiddleware',
      name: 'loseFirstResponse',
    },
  )
  return () => lost
}

/**
 * Retention with an injected clock: CES 2020 ended on 2020-01-10 and CES 2023 on
 * 2023-01-08; with three years (1096 days), a start-up whose last edition is CES 2020 is
 * erased from 2023-01-11 on, one that also applied to CES 2023 is kept. Each case starts
 * from its own programme, and the job runs as its Lambda does: its own store and vault,
 * nothing cached from the requests that recorded the applications.
 */
const programme = async () => {
  const harness = await apiHarness()
  const api = client(await inProcess().start(harness.app), harness)
  const apply = async (editionId: string, seed: number, email: string) => {
    const body = applicationBody(validSiret(seed), { contact: { name: 'Retained Person', email } })
    const response = await api.public('POST', `/editions/${editionId}/applications`, body)
    expect(response.status).toBe(201)
    return response.json<{ startupId: string }>().startupId
  }
  const ces2023 = {
    name: 'CES Las Vegas 2023',
    startsOn: '2023-01-05',
    endsOn: '2023-01-08',
    applicationDeadline: '2022-10-15T23:59:59+02:00',
  }
  expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
  expect((await api.admin('POST', '/editions', editionBody('ces-2023', ces2023))).status).toBe(201)
  const old = await apply('ces-2020', 900, 'old@retention.example')
  const returning = await apply('ces-2020', 901, 'returning@retention.example')
  await apply('ces-2023', 901, 'returning@retention.example')
  const late = await apply('ces-2020', 902, 'late@retention.example')
  await catchUp(harness.tables)
  // Applies to CES 2023 after the projections caught up: only its guard says so.
  await apply('ces-2023', 902, 'late@retention.example')

  const { tables } = harness
  const job = (doc: DocumentClient = createDocumentClient({ endpoint: tables.endpoint })) => {
    const personalData = testVault({ doc, names: tables.names })
    return {
      ...createEventSourcing({ doc, tables: { events: tables.names.events, guards: tables.names.guards }, personalData }),
      readModels: createReadModels({ doc, table: tables.names.readModels }),
      personalData,
    }
  }
  // Read by a process that has cached no data key, as the job erased them in its own.
  const exportOf = async (startupId: string) => {
    const cold = await apiHarness({ sameTablesAs: { tables: harness.tables, key: harness.key } })
    const answer = await client(await inProcess().start(cold.app), cold).admin(
      'GET',
      `/startups/${startupId}/personal-data`,
    )
    return answer.json<{ records: { contact: unknown }[]; erasures: unknown[] }>()
  }
  const contactsOf = async (startupId: string) =>
    (await exportOf(startupId)).records.map((record) => record.contact)
  const erasuresOf = async (startupId: string) => (await exportOf(startupId)).erasures
  return { ids: { old, returning, late }, job, contactsOf, erasuresOf, tables }
}

describe('the retention job', () => {
  it('keeps everything before the period has run out', async () => {
    const { ids, job, contactsOf } = await programme()
    const run = await runRetention(job(), {
      now: new Date('2023-01-09T00:00:00Z'),
      retentionDays: 1096,
    })
    expect(run).toEqual({ examined: 3, erased: [], reapplied: 0 })
    expect(await contactsOf(ids.old)).toEqual([
      expect.objectContaining({ email: 'old@retention.example' }),
      expect.objectContaining({ email: 'old@retention.example' }),
    ])
  })

  it('erases a start-up whose last edition ended more than the period ago, and only it, once', async () => {
    const { ids, job, contactsOf, erasuresOf } = await programme()
    const run = await runRetention(job(), {
      now: new Date('2023-06-01T00:00:00Z'),
      retentionDays: 1096,
    })
    expect(run.erased).toMatchObject([{ startupId: ids.old, contactsErased: 1 }])
    expect(await contactsOf(ids.old)).toEqual([null, null])
    expect(await contactsOf(ids.returning)).not.toContain(null)
    expect(await contactsOf(ids.late)).not.toContain(null)
    expect(await erasuresOf(ids.old)).toMatchObject([{ contacts: 1, reason: 'retention' }])
    const again = await runRetention(job(), {
      now: new Date('2023-06-01T00:00:00Z'),
      retentionDays: 1096,
    })
    expect(again).toEqual({ examined: 3, erased: [], reapplied: 0 })
    expect(await erasuresOf(ids.old)).toHaveLength(1)
  })

  it('follows the configured period', async () => {
    const { ids, job } = await programme()
    const shorter = await runRetention(job(), {
      now: new Date('2023-06-01T00:00:00Z'),
      retentionDays: 30,
    })
    expect(shorter.erased.map((erased) => erased.startupId).sort()).toEqual(
      [ids.late, ids.old, ids.returning].sort(),
    )
  })

  it('records an erasure once when DynamoDB’s answer to it is lost', async () => {
    const { ids, job, contactsOf, erasuresOf, tables } = await programme()
    const doc = createDocumentClient({ endpoint: tables.endpoint })
    const lost = losingFirstWriteTo(doc, tables.names.events)
    const run = await runRetention(job(doc), {
      now: new Date('2023-06-01T00:00:00Z'),
      retentionDays: 1096,
    })
    expect(lost()).toBe(1)
    expect(run.erased).toMatchObject([{ startupId: ids.old, contactsErased: 1 }])
    expect(await erasuresOf(ids.old)).toHaveLength(1)
    expect(await contactsOf(ids.old)).toEqual([null, null])
  })
})
