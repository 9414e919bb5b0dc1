import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  ScheduledEvent,
} from 'aws-lambda'
import type { FeedReader } from '../feed/feed.js'
import { silentLogger, type Logger } from '../shared/logger.js'
import { asFunction } from '../shared/function-scope.js'
import type { AnyProjection } from './fold.js'
import type { ReadModelStore } from './read-model-store.js'
import { runProjections, type RunProjectionsResult } from './run-projections.js'
import { createWarmDocs, type WarmDocs } from './warm-docs.js'

export interface ProjectorHandlerOptions {
  readonly feed: FeedReader
  readonly store: ReadModelStore
  readonly projections: readonly AnyProjection[]
  readonly logger?: Logger
  readonly batchSize?: number
  /** Time left unused before the Lambda's timeout, to finish the transaction in flight. */
  readonly safetyMs?: number
}

/** Some projections failed on a scheduled run (each stays at its checkpoint). */
export class ProjectionsFailedError extends Error {
  override readonly name = 'ProjectionsFailedError'
  constructor(readonly failures: RunProjectionsResult['failures']) {
    super(`Projections failed: ${failures.map((f) => `${f.projection} (${f.error})`).join(', ')}`)
  }
}

type ProjectorEvent = DynamoDBStreamEvent | ScheduledEvent

const isStreamEvent = (event: ProjectorEvent): event is DynamoDBStreamEvent =>
  Array.isArray((event as Partial<DynamoDBStreamEvent>).Records)

/**
 * The projector's Lambda handler. Whatever invokes it — the Feed table's stream (records
 * are only a wake-up: their content is ignored) or an EventBridge schedule (the catch-up
 * backstop) — it catches every projection up from its checkpoint in the current
 * generation, until the Feed's end or the Lambda's time runs short.
 *
 * @example export const handler = createProjectorHandler({ feed, store, projections, logger })
 */
export const createProjectorHandler = (options: ProjectorHandlerOptions) => {
  const { logger = silentLogger, safetyMs = 5_000 } = options
  // Documents folded by one invocation stay for the next (checked against the checkpoints
  // before use). Each run takes them for itself: two overlapping runs never share drafts.
  let idle: WarmDocs | undefined = createWarmDocs()
  return asFunction('projector', async (
    event: ProjectorEvent,
    context?: Pick<Context, 'getRemainingTimeInMillis'>,
  ): Promise<DynamoDBBatchResponse | RunProjectionsResult> => {
    const deadline = context ? Date.now() + context.getRemainingTimeInMillis() - safetyMs : Infinity
    const warm = idle ?? createWarmDocs()
    idle = undefined
    const shouldStop = () => Date.now() > deadline
    const result = await runProjections({ ...options, shouldStop, warm }).finally(() => {
      idle = warm
    })
    const { generation, position, events, caughtUp, failures } = result
    logger.info('projected', { generation, position, events, caughtUp, failures: failures.length })
    if (!isStreamEvent(event)) {
      if (failures.length > 0) throw new ProjectionsFailedError(failures)
      return result
    }
    // A failure hands the last record back: the mapping retries that one wake-up, not the
    // batch (the schedule keeps retrying after the mapping gives up).
    const last = event.Records.at(-1)?.dynamodb?.SequenceNumber
    return { batchItemFailures: failures.length > 0 && last ? [{ itemIdentifier: last }] : [] }
  })
}
