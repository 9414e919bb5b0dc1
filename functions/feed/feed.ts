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

/**
 * The events partners receive, by partner sequence (1, 2, 3 … over those events only):
 * what partners are shown in place of positions, whose gaps would count the events
 * withheld from them. Read from the Feed's `bySequence` index, which is eventually
 * consistent: a read stops at the first hole, as the Feed's own reads do.
 */
export interface SequenceReader {
  /**
   * Events with `after < sequence`, in sequence order, at most `limit`: a gapless run.
   *
   * @example const page = await feed.readShared({ after: 0, limit: 100 })
   */
  readShared(options: { readonly after: number; readonly limit: number }): Promise<FeedEvent[]>
  /**
   * Events with `sequence < before`, newest first, at most `limit`: a gapless run
   * `before-1, before-2, …` that stops at a hole. Without `before`, from the newest the
   * index shows (an event a moment too new to show yet is simply not on this page).
   *
   * @example const newest = await feed.readSharedBackwards({ limit: 50 })
   */
  readSharedBackwards(options: {
    readonly before?: number
    readonly limit: number
  }): Promise<FeedEvent[]>
  /** The event at a sequence, once the index has it. */
  atSequence(sequence: number): Promise<FeedEvent | undefined>
}

/** The Feed as the partners' side reads it: by position inside, by sequence outside. */
export type PartnerFeedReader = FeedReader & SequenceReader
