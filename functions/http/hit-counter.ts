import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { rateLimitCounterId } from '../store/guard-ids.js'

/** Counts a caller's requests in a window, wherever the request is served. */
export interface HitCounter {
  /** One more hit for `caller` in the window starting at `windowStart` (ms); the hits so far. */
  hit(caller: string, windowStart: number, windowMs: number): Promise<number>
}

/**
 * The counts in the Guards table, one item per caller and window, added to atomically
 * (UpdateItem ADD) and deleted by the table's TTL once the window is over: every Lambda
 * instance and `npm start` count into the same item, so a caller spread over N instances
 * gets the limit once, not N times. One write per counted request: the measured cost is in
 * the benchmark (bench/cases/rate-limits.ts).
 *
 * @example const hits = dynamoHitCounter({ doc, table: names.guards })
 */
export const dynamoHitCounter = ({ doc, table }: { doc: DocumentClient; table: string }): HitCounter => ({
  async hit(caller, windowStart, windowMs) {
    const { Attributes } = await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: { guardId: rateLimitCounterId(caller, windowStart) },
        UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expires)',
        ExpressionAttributeValues: { ':one': 1, ':expires': Math.ceil((windowStart + 2 * windowMs) / 1_000) },
        ReturnValues: 'UPDATED_NEW',
      }),
    )
    return Number(Attributes?.hits ?? 1)
  },
})
