import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { runSeed } from '../../scripts/seed-data/run.js'
import { apiHarness } from '../functions/http/api-harness.js'
import { catchUp } from '../functions/reports/catch-up.js'

type Row = Record<string, unknown>

/** Items in the Events table: what a second run must not add to. */
const countEvents = async (harness: Awaited<ReturnType<typeof apiHarness>>) => {
  let count = 0
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const TableName = harness.tables.names.events
    const page = await harness.tables.doc.send(
      new ScanCommand({ TableName, Select: 'COUNT', ExclusiveStartKey }),
    )
    count += page.Count ?? 0
    ExclusiveStartKey = page.LastEvaluatedKey
  } while (ExclusiveStartKey)
  return count
}

describe('npm run seed, end to end against an in-process API', () => {
  it('records CES 2017 to 2020 through the command API, once however often it runs', async () => {
    // The API's clock after Team Sud Export's last record of 2020, so that every fact is in the past.
    const harness = await apiHarness({ now: () => new Date('2021-03-01T08:00:00Z') })
    const token = await harness.token(['admin'])
    const fetch = async (input: string, init: RequestInit) => harness.app.request(input, init)
    const seed = () => runSeed({ apiUrl: 'http://seed.test', token, fetch })

    const first = await seed()
    const events = await countEvents(harness)
    const second = await seed()

    expect(first.written).toBeGreaterThan(400)
    expect(first.replayed).toBe(0)
    expect(second).toMatchObject({ written: 0, replayed: first.written })
    expect(await countEvents(harness)).toBe(events)
    expect(harness.unexpected).toEqual([])

    const position = await catchUp(harness.tables)
    const history = await harness.app.request('/reports/history', {
      headers: { Authorization: `Bearer ${await harness.token(['reports'])}` },
    })
    const report = (await history.json()) as { currentTo: number; editions: Row[] }
    expect(report.currentTo).toBe(position)
    expect(
      report.editions.map((row) => [
        row.editionId,
        row.status,
        row.applications,
        row.selected,
        row.awards,
        row.partners,
      ]),
    ).toEqual(
      first.editions.map((e) => [
        e.editionId,
        'closed',
        e.applications,
        e.selected,
        e.awards,
        e.partners,
      ]),
    )
    expect(report.editions.map((row) => row.selected)).toEqual([15, 40, 62, 30])
  }, 300_000)
})
