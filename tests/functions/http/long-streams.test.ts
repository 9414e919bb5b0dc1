import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { editionBody } from '../../fixtures/requests.js'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import { inProcess } from './transports.js'

/** Another API process on the same tables: nothing cached, as a cold Lambda. */
const coldApi = async (harness: ApiHarness) => {
  const cold = await apiHarness({ sameTablesAs: { tables: harness.tables, key: harness.key } })
  return client(await inProcess().start(cold.app), cold)
}

describe('a stream longer than one read', () => {
  it('is decided on in full by a cold process, which leaves a snapshot so the next one reads a bounded tail', async () => {
    const harness = await apiHarness()
    const api = client(await inProcess().start(harness.app), harness)
    expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
    // 120 partners: the edition's stream outgrows the 100 newest events a cold load reads first.
    for (let i = 1; i <= 120; i++) {
      const joined = await api.admin('POST', '/editions/ces-2020/partners', { name: `Communauté ${i}`, kind: 'agglomeration', contribution: 'Stands' })
      expect(joined.status).toBe(201)
    }
    // A cold process reads the newest 100 events and, before them, the snapshot the stream got
    // as it passed 100 (renewed every 50 events after): it still knows partner 7 joined.
    const again = await (await coldApi(harness)).admin('POST', '/editions/ces-2020/partners', { name: 'Communauté 7', kind: 'agglomeration', contribution: 'Stands' })
    expect(again.status).toBe(409)
    const snapshot = await harness.tables.doc.send(
      new GetCommand({ TableName: harness.tables.names.snapshots, Key: { streamId: 'edition-ces-2020' }, ConsistentRead: true }),
    )
    expect(snapshot.Item?.version).toBe(101)
    const closed = await (await coldApi(harness)).admin('POST', '/editions/ces-2020/close')
    expect(closed.status).toBe(200)
    expect(closed.headers.get('ETag')).toBe('"122"')
  }, 120_000)
})
