import type { FeedEvent } from '../../domain/projections/projection.js'

/**
 * The Feed port: every event with its global position, read forwards from a
 * position. Implemented over DynamoDB in dynamo-feed.ts; read by the projector,
 * the rebuild, the dispatcher and the partners' `GET /feed`.
 */
export interface FeedReader {
  /**
   * Events with `after < position`, in position order, at most `limit` of them.
   *
   * @example const page = await feed.read({ after: 0, limit: 100 })
   */
  read(options: { readonly after: number; readonly limit: number }): Promise<FeedEvent[]>
  /** The highest position handed out so far (0 when the Feed is empty). */
  head(): Promise<number>
}
