import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { isSharedWithPartners } from '../../domain/partner-access/partner-view.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { lostRace } from '../shared/dynamo-errors.js'
import { createDynamoFeed } from './dynamo-feed.js'
import { headKey, pageKey, pageOf, sequencePageKey } from './feed-layout.js'

/** The indexer moved the head while the Feed was being numbered: stop it, run again. */
export class FeedMovedError extends Error {
  override readonly name = 'FeedMovedError'
  constructor(readonly from: number, readonly to: number) {
    super(
      `The Feed's head moved from ${from} to ${to} while it was numbered: disable the ` +
        "indexer's trigger, then run the backfill again",
    )
  }
}

export interface BackfillOutcome {
  /** Feed positions read (the head when the backfill began). */
  readonly positions: number
  /** Events partners receive: the head's `shared` now. */
  readonly shared: number
  /** Feed items whose sequence was written (0 on a second run). */
  readonly numbered: number
}

const pageSize = 500

/**
 * Numbers a Feed indexed before partner sequences existed: every event partners receive,
 * in position order, gets the sequence the indexer would have given it (1, 2, 3 …), and
 * the head's `shared` the last of them. Idempotent: an item already at its number is left
 * alone, so a second run writes nothing, and a run cut short is finished by the next.
 * It must run while the indexer is stopped (a sequence the indexer handed out meanwhile
 * would count from the head's old `shared`): the head is checked unchanged at the end,
 * else FeedMovedError, and a run after stopping the indexer puts every number right.
 *
 * @example await backfillSequences({ doc, table: names.feed }) // { positions, shared, numbered }
 */
export const backfillSequences = async ({
  doc,
  table,
}: {
  readonly doc: DocumentClient
  readonly table: string
}): Promise<BackfillOutcome> => {
  const feed = createDynamoFeed({ doc, table })
  const head = await feed.head()
  let shared = 0
  let numbered = 0
  for (let position = 0; position < head; ) {
    const events = await feed.read({ after: position, limit: Math.min(pageSize, head - position) })
    const last = events.at(-1)
    if (!last) throw new Error(`The Feed has no event after position ${position}, below its head`)
    for (const event of events) {
      if (!isSharedWithPartners(event.type)) continue
      shared += 1
      if (event.sequence === shared) continue
      await doc.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: pageKey(pageOf(event.position)), sk: event.position },
          UpdateExpression: 'SET #sequence = :s, seqPk = :pk, seqSk = :s',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#sequence': 'sequence' },
          ExpressionAttributeValues: { ':s': shared, ':pk': sequencePageKey(shared) },
        }),
      )
      numbered += 1
    }
    position = last.position
  }
  const { Item } = await doc.send(new GetCommand({ TableName: table, Key: headKey, ConsistentRead: true }))
  if (head > 0 && Item?.shared !== shared) {
    try {
      await doc.send(
        new UpdateCommand({
          TableName: table,
          Key: headKey,
          UpdateExpression: 'SET #shared = :shared',
          ConditionExpression: '#position = :head',
          ExpressionAttributeNames: { '#shared': 'shared', '#position': 'position' },
          ExpressionAttributeValues: { ':shared': shared, ':head': head },
        }),
      )
    } catch (error: unknown) {
      if (!lostRace(error)) throw error
    }
  }
  const now = await feed.head()
  if (now !== head) throw new FeedMovedError(head, now)
  return { positions: head, shared, numbered }
}
