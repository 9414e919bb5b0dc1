import type { DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda'
import { failedBatch, isStreamEvent } from '../../feed/wake-up.js'
import { errorMessage } from '../../shared/error-message.js'
import { asFunction } from '../../shared/function-scope.js'
import type { Logger } from '../../shared/logger.js'
import type { DispatchSummary } from './dispatcher.js'

/**
 * The dispatcher's entry: a Feed stream batch and a scheduled tick are both wake-ups,
 * on which it catches up from its checkpoint (the records themselves are not read).
 * If the catch-up fails, a stream batch is reported failed as a whole so Lambda retries
 * it; a tick just waits for the next one.
 *
 * When it recorded new deliveries it runs `deliverNow` (a short delivery pass) so a
 * webhook leaves within a second of its event instead of at the deliverer's next tick;
 * retries stay with the scheduled deliverer. A failed pass is only logged: the
 * deliveries are recorded and the next tick takes them.
 *
 * @example export const handler = dispatcherHandler(dispatcher, logger, () => deliverer.run())
 */
export const dispatcherHandler =
  (
    dispatcher: { run(): Promise<DispatchSummary> },
    logger: Logger,
    deliverNow?: () => Promise<unknown>,
  ) =>
  asFunction('dispatcher', async (
    event: DynamoDBStreamEvent | ScheduledEvent,
  ): Promise<DynamoDBBatchResponse | DispatchSummary> => {
    try {
      const summary = await dispatcher.run()
      if (summary.recorded > 0 && deliverNow) {
        await deliverNow().catch((error: unknown) =>
          logger.error('immediate delivery failed', { error: errorMessage(error) }),
        )
      }
      return isStreamEvent(event) ? { batchItemFailures: [] } : summary
    } catch (error: unknown) {
      logger.error('dispatch failed', { error: errorMessage(error) })
      if (!isStreamEvent(event)) throw error
      return failedBatch(event)
    }
  })
