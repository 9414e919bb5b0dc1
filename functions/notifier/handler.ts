import type { DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda'
import { failedBatch, isStreamEvent } from '../feed/wake-up.js'
import { errorMessage } from '../shared/error-message.js'
import { asFunction } from '../shared/function-scope.js'
import type { Logger } from '../shared/logger.js'
import { isSesEvent, type ReturnSummary } from './mail-returns.js'
import type { Notifier, NotifySummary } from './notifier.js'

type NotifierEvent = DynamoDBStreamEvent | ScheduledEvent | { readonly source: 'aws.ses' }

/**
 * The notifier's entry, like the dispatcher's: a Feed stream batch and a scheduled tick are
 * wake-ups to queue and send (a failed catch-up fails the whole batch, so Lambda hands it
 * over again; a tick waits for the next); SES's bounce and complaint events, from
 * EventBridge, suppress their addresses.
 *
 * @example export const handler = notifierHandler(notifier, logger)
 */
export const notifierHandler = (notifier: Pick<Notifier, 'run' | 'recordReturn'>, logger: Logger) =>
  asFunction(
    'notifier',
    async (
      event: NotifierEvent,
    ): Promise<DynamoDBBatchResponse | NotifySummary | ReturnSummary> => {
      if (isSesEvent(event)) return notifier.recordReturn(event)
      try {
        const summary = await notifier.run()
        return isStreamEvent(event) ? { batchItemFailures: [] } : summary
      } catch (error: unknown) {
        logger.error('notifier failed', { error: errorMessage(error) })
        if (!isStreamEvent(event)) throw error
        return failedBatch(event)
      }
    },
  )
