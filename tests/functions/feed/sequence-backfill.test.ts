import { GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { isSharedWithPartners } from '../../../domain/partner-access/partner-view.js'
import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import { headKey, pagePrefix } from '../../../functions/feed/feed-layout.js'
import { backfillSequences, FeedMovedError } from '../../../functions/feed/sequence-backfill.js'
import { createIndexer } from '../../../functions/indexer/indexer.js'
import { tableEnv } from '../../../functions/shared/table-names.js'
import { createDynamoEventStore } from '../../../functions/store/dynamo-event-store.js'
import { createTestTables, type TestTables } from '../../setup/test-tables.js'
import { testVault } from '../../setup/test-vault.js'
import { recordEdition, recordWithWithheld } from '../indexer/record-events.js'
import { insertRecord, streamEvent } from '../indexer/stream-events.js'

const run = promisify(execFile)

/** Takes every trace of partner sequences off the Feed: a Feed indexed before them. */
const forgetSequences = async ({ doc, names }: TestTables) => {
  const { Items = [] } = await doc.send(new ScanCommand({ TableName: names.feed }))
  for (const item of Items.filter((i) => String(i.pk).startsWith(pagePrefix))) {
    await doc.send(new UpdateCommand({
      TableName: names.feed,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: 'REMOVE #s, seqPk, seqSk',
      ExpressionAttributeNames: { '#s': 'sequence' },
    }))
  }
  await doc.send(new UpdateCommand({
    TableName: names.feed, Key: headKey, UpdateExpression: 'REMOVE #s', ExpressionAttributeNames: { '#s': 'shared' },
  }))
}

describe('numbering a Feed indexed before partner sequences', () => {
  it('gives every event partners receive the number the indexer would have, once; the indexer goes on from there', async () => {
    // Prepare: a Feed of shared and withheld events, its numbers taken off.
    const tables = await createTestTables()
    const store = createDynamoEventStore({ doc: tables.doc, tables: tables.names, personalData: testVault(tables) })
    const index = createIndexer({ doc: tables.doc, tables: tables.names })
    const feed = createDynamoFeed({ doc: tables.doc, table: tables.names.feed })
    const recorded = [...(await recordWithWithheld(store, 'ces-2020', 3)), ...(await recordEdition(store, 'ces-2019', 2))]
    await index(streamEvent(recorded.map((event) => insertRecord(event))))
    const numbered = await feed.read({ after: 0, limit: 1_000 })
    await forgetSequences(tables)
    expect(await feed.readShared({ after: 0, limit: 1_000 })).toEqual([])

    // Act: the backfill, twice, the second time through the CLI.
    const first = await backfillSequences({ doc: tables.doc, table: tables.names.feed })
    const env = { ...process.env, ...tableEnv(tables.names), DYNAMODB_ENDPOINT: tables.endpoint }
    const second = await run(process.execPath, ['--import', 'tsx', 'scripts/backfill-sequences.ts'], { env })

    // Assess: the same numbers as the indexer gave, the head's counter, nothing written twice.
    const shared = numbered.filter((event) => isSharedWithPartners(event.type))
    expect(first).toEqual({ positions: recorded.length, shared: shared.length, numbered: shared.length })
    expect(second.stdout).toContain(`${shared.length} events partners receive, 0 sequence(s) written`)
    expect(await feed.read({ after: 0, limit: 1_000 })).toEqual(numbered)
    expect((await feed.readShared({ after: 0, limit: 1_000 })).map((e) => e.eventId))
      .toEqual(shared.map((e) => e.eventId))
    const { Item } = await tables.doc.send(new GetCommand({ TableName: tables.names.feed, Key: headKey }))
    expect(Item?.shared).toBe(shared.length)
    // The indexer numbers what comes next from there.
    const later = await recordEdition(store, 'vivatech-2020', 1)
    await index(streamEvent(later.map((event) => insertRecord(event))))
    expect((await feed.readShared({ after: shared.length, limit: 10 })).map((e) => e.sequence))
      .toEqual([shared.length + 1, shared.length + 2])
  }, 60_000)

  it('refuses to finish while the indexer runs, and a run after it stops puts every number right', async () => {
    const tables = await createTestTables()
    const store = createDynamoEventStore({ doc: tables.doc, tables: tables.names, personalData: testVault(tables) })
    const index = createIndexer({ doc: tables.doc, tables: tables.names })
    const feed = createDynamoFeed({ doc: tables.doc, table: tables.names.feed })
    const recorded = await recordWithWithheld(store, 'ces-2020', 3)
    await index(streamEvent(recorded.map((event) => insertRecord(event))))
    await forgetSequences(tables)
    // The indexer was left running: it indexes more while the backfill numbers the Feed.
    let moved = false
    const racing = new Proxy(tables.doc, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver) as unknown
        return async (command: Parameters<typeof target.send>[0]) => {
          if (command instanceof UpdateCommand && !moved) {
            moved = true
            const later = await recordEdition(store, 'vivatech-2020', 1)
            await index(streamEvent(later.map((event) => insertRecord(event))))
          }
          return target.send(command as never)
        }
      },
    })

    await expect(backfillSequences({ doc: racing, table: tables.names.feed })).rejects.toThrow(FeedMovedError)
    const again = await backfillSequences({ doc: tables.doc, table: tables.names.feed })

    const all = await feed.read({ after: 0, limit: 1_000 })
    const shared = all.filter((event) => isSharedWithPartners(event.type))
    expect(shared.map((event) => event.sequence)).toEqual(shared.map((_, i) => i + 1))
    expect(again.shared).toBe(shared.length)
    expect((await feed.readShared({ after: 0, limit: 1_000 })).map((e) => e.eventId))
      .toEqual(shared.map((e) => e.eventId))
  }, 60_000)
})
