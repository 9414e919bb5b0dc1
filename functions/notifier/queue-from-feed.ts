import { messagesFor, queuedMessage } from '../../domain/notifications/index.js'
import type { FeedEvent } from '../../domain/projections/projection.js'
import type { FeedReader } from '../feed/feed.js'
import type { NotifierCheckpoint } from './notifier-checkpoint.js'
import type { OutboxItem } from './outbox-layout.js'
import type { OutboxStore } from './outbox-store.js'

export interface QueueOptions {
  readonly feed: FeedReader
  readonly outbox: OutboxStore
  readonly checkpoint: NotifierCheckpoint
  readonly clock: () => Date
  /** Feed events read per page (one checkpoint commit per page). */
  readonly pageSize?: number
  /** Events looked at per run at most; the next wake-up goes on from the checkpoint. */
  readonly maxEvents?: number
  /**
   * Events recorded longer ago than this mail no one: a notifier deployed onto an old Feed,
   * or stopped for weeks, must not tell people of decisions long past.
   */
  readonly maxEventAgeMs?: number
}

export interface QueueSummary {
  readonly from: number
  readonly to: number
  readonly queued: number
}

const week = 7 * 24 * 3_600_000

/**
 * The outbox items an event leads to: one per message and recipient (messagesFor), each
 * due at once, naming its person only by reference.
 *
 * @example itemsFor(feedEvent, now) // [{ kind: 'received', recipient: 'application-contact', status: 'pending', … }]
 */
export const itemsFor = (event: FeedEvent, now: string): OutboxItem[] =>
  messagesFor(event).map((intent) => ({
    ...queuedMessage(now),
    editionId: intent.editionId,
    applicationId: intent.applicationId,
    startupId: intent.startupId,
    eventId: event.eventId,
    position: event.position,
    kind: intent.kind,
    recipient: intent.recipient,
    queuedAt: now,
  }))

/**
 * Follows the Feed from the notifier's checkpoint, as the dispatcher does, and queues what
 * each event leads to before moving the checkpoint past it: a run that stops in between
 * queues the page again, and a conditional put per message keeps it to one per event and
 * recipient however many runs race.
 *
 * @example const { queued } = await queueFromFeed({ feed, outbox, checkpoint, clock })
 */
export const queueFromFeed = async (options: QueueOptions): Promise<QueueSummary> => {
  const { feed, outbox, checkpoint, clock, pageSize = 100, maxEvents = 5_000 } = options
  const { maxEventAgeMs = week } = options
  let position = await checkpoint.read()
  const from = position
  let queued = 0
  while (position - from < maxEvents) {
    const events = await feed.read({ after: position, limit: pageSize })
    const last = events.at(-1)
    if (!last) break
    const now = clock()
    const recent = events.filter((e) => now.getTime() - Date.parse(e.recordedAt) <= maxEventAgeMs)
    queued += await outbox.queue(recent.flatMap((event) => itemsFor(event, now.toISOString())))
    if (await checkpoint.commit(position, last.position, now)) {
      position = last.position
      continue
    }
    // Another run moved it on (only ever forwards: no livelock): go on from there. What both
    // queued is queued once.
    position = await checkpoint.read()
  }
  return { from, to: position, queued }
}
