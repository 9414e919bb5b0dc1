import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import { batchWriteAll } from '../../../functions/feed/batch-io.js'
import { feedItem, headKey } from '../../../functions/feed/feed-layout.js'
import { createTestTables } from '../../setup/test-tables.js'
import { sampleEvents, writeFeed } from './feed-fixtures.js'


const positions = (events: readonly { position: number }[]) => events.map((e) => e.position)
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('the Feed over DynamoDB', () => {
  it('reads an empty Feed', async () => {
    const { names, doc } = await createTestTables()
    const feed = createDynamoFeed({ doc, table: names.feed })
    expect(await feed.read({ after: 0, limit: 10 })).toEqual([])
    expect(await feed.head()).toBe(0)
  })

  it('reads forwards from any position, across pages, up to the limit', async () => {
    const { names, doc } = await createTestTables()
    const recorded = sampleEvents(2_345)
    await writeFeed(doc, names.feed, recorded)
    const feed = createDynamoFeed({ doc, table: names.feed })

    const started = performance.now()

    const all = await feed.read({ after: 0, limit: 10_000 })
    console.log(`Feed read: ${Math.round(2_345_000 / (performance.now() - started))} events/s`)
    expect(positions(all)).toEqual(range(1, 2_345))
    expect(all.map((e) => e.eventId)).toEqual(recorded.map((e) => e.eventId))
    expect(all[41]).toEqual({ ...recorded[41], position: 42 })

    expect(positions(await feed.read({ after: 995, limit: 10 }))).toEqual(range(996, 1_005))
    expect(positions(await feed.read({ after: 999, limit: 3 }))).toEqual([1_000, 1_001, 1_002])
    expect(positions(await feed.read({ after: 1_998, limit: 1 }))).toEqual([1_999])
    expect(positions(await feed.read({ after: 2_340, limit: 100 }))).toEqual(range(2_341, 2_345))
    expect(await feed.read({ after: 2_345, limit: 100 })).toEqual([])
    expect(await feed.head()).toBe(2_345)
  }, 120_000) // 2,345 events written then read page by page: slow on a loaded machine

  it('stops at a hole, so a checkpoint never skips an event still being committed', async () => {
    const { names, doc } = await createTestTables()
    const [first, second, third] = sampleEvents(3)
    await writeFeed(doc, names.feed, [first!, second!])
    await doc.send(new PutCommand({ TableName: names.feed, Item: feedItem(third!, 4) }))
    const feed = createDynamoFeed({ doc, table: names.feed })

    expect(positions(await feed.read({ after: 0, limit: 10 }))).toEqual([1, 2])
    expect(await feed.read({ after: 2, limit: 10 })).toEqual([])
  })

  it('validates what it reads', async () => {
    const { names, doc } = await createTestTables()
    const [event] = sampleEvents(1)
    await doc.send(new PutCommand({
      TableName: names.feed,
      Item: { ...feedItem(event!, 1), type: 'edition.exploded' },
    }))
    const feed = createDynamoFeed({ doc, table: names.feed })

    await expect(feed.read({ after: 0, limit: 10 })).rejects.toThrow()
    await expect(feed.read({ after: -1, limit: 10 })).rejects.toThrow(RangeError)
  })
})

describe('the events partners receive, by sequence', () => {
  it('reads them gapless across index partitions, finds one by its sequence, and stops at a hole', async () => {
    const { names, doc } = await createTestTables()
    // Sequences 1…1,004 at every other position (a withheld event between each two),
    // 1,006 after a hole at 1,005 (an index entry not visible yet).
    const events = sampleEvents(2_012)
    const items = events.flatMap((event, i) => {
      const sequence = i % 2 === 0 ? i / 2 + 1 : undefined
      return sequence === 1_005 ? [] : [feedItem(event, i + 1, sequence)]
    })
    await batchWriteAll(doc, names.feed, items.map((Item) => ({ PutRequest: { Item } })))
    const feed = createDynamoFeed({ doc, table: names.feed })

    const shared = await feed.readShared({ after: 0, limit: 5_000 })
    expect(shared.map((e) => e.sequence)).toEqual(range(1, 1_004))
    expect(shared.map((e) => e.position)).toEqual(range(1, 1_004).map((s) => 2 * s - 1))
    expect((await feed.readShared({ after: 997, limit: 5 })).map((e) => e.sequence))
      .toEqual([998, 999, 1_000, 1_001, 1_002])
    expect(await feed.readShared({ after: 1_004, limit: 5 })).toEqual([])
    expect((await feed.readShared({ after: 1_005, limit: 1 })).map((e) => e.sequence)).toEqual([1_006])
    expect((await feed.atSequence(1_000))?.position).toBe(1_999)
    expect(await feed.atSequence(1_005)).toBeUndefined()
    expect(await feed.atSequence(0)).toBeUndefined()
  }, 120_000)

  it('reads them newest first, gapless across index partitions, from the newest the index shows', async () => {
    const { names, doc } = await createTestTables()
    const feed = createDynamoFeed({ doc, table: names.feed })
    expect(await feed.readSharedBackwards({ limit: 5 })).toEqual([])
    // Sequences 1…1,004 and 1,006 (1,005: a hole); the head has handed out 1,008, whose
    // last two the index does not show yet.
    const events = sampleEvents(1_008)
    const items = events.flatMap((event, i) =>
      i + 1 === 1_005 || i + 1 > 1_006 ? [] : [feedItem(event, 10 + 2 * i, i + 1)],
    )
    await batchWriteAll(doc, names.feed, items.map((Item) => ({ PutRequest: { Item } })))
    await doc.send(
      new PutCommand({ TableName: names.feed, Item: { ...headKey, position: 2_100, shared: 1_008 } }),
    )
    const sequences = async (options: { before?: number; limit: number }) =>
      (await feed.readSharedBackwards(options)).map((e) => e.sequence)

    // From the newest shown, down to the hole: an older page never skips 1,005.
    expect(await sequences({ limit: 5 })).toEqual([1_006])
    expect(await sequences({ before: 1_006, limit: 5 })).toEqual([])
    expect(await sequences({ before: 1_005, limit: 7 })).toEqual(range(998, 1_004).reverse())
    expect(await sequences({ before: 1_001, limit: 2_000 })).toEqual(range(1, 1_000).reverse())
    expect(await sequences({ before: 3, limit: 5 })).toEqual([2, 1])
    expect(await sequences({ before: 1, limit: 5 })).toEqual([])
    expect(await sequences({ before: 0, limit: 5 })).toEqual([])
    expect((await feed.readSharedBackwards({ before: 2, limit: 1 }))[0]?.position).toBe(10)
  }, 120_000)

  it('falls back to the partition below when the newest partition shows nothing yet', async () => {
    const { names, doc } = await createTestTables()
    const feed = createDynamoFeed({ doc, table: names.feed })
    const items = sampleEvents(999).map((event, i) => feedItem(event, i + 1, i + 1))
    await batchWriteAll(doc, names.feed, items.map((Item) => ({ PutRequest: { Item } })))
    // 1,000 (the first of partition 1) handed out but not in the index yet.
    await doc.send(
      new PutCommand({ TableName: names.feed, Item: { ...headKey, position: 1_000, shared: 1_000 } }),
    )
    const newest = await feed.readSharedBackwards({ limit: 3 })
    expect(newest.map((e) => e.sequence)).toEqual([999, 998, 997])
  }, 120_000)
})
