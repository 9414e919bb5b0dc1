import { asFunction } from '../shared/function-scope.js'
import { silentLogger, type Logger } from '../shared/logger.js'
import { recordReturn, type ReturnSummary } from './mail-returns.js'
import { queueFromFeed, type QueueOptions, type QueueSummary } from './queue-from-feed.js'
import { sendDue, type SendOptions, type SendSummary } from './send-due.js'

export type NotifierOptions = QueueOptions & SendOptions & { readonly logger?: Logger }

export type NotifySummary = QueueSummary & SendSummary

/**
 * The notifier: on each wake-up it queues what new Feed events lead to (queue-from-feed.ts),
 * then sends what is due (send-due.ts); SES's reports of a message that came back stop mail
 * to that address (mail-returns.ts). Its work runs as the `notifier` function, whose role
 * infra grants exactly this.
 *
 * @example const { sent } = await createNotifier(options).run()
 */
export const createNotifier = (options: NotifierOptions) => {
  const logger = options.logger ?? silentLogger
  const returns = recordReturn(options)
  return {
    run: asFunction('notifier', async (): Promise<NotifySummary> => {
      const queued = await queueFromFeed(options)
      const sent = await sendDue(options)
      const summary = { ...queued, ...sent }
      if (queued.queued + sent.sent + sent.failed + sent.gaveUp + sent.notSent > 0)
        logger.info('notified', summary)
      return summary
    }),
    recordReturn: asFunction('notifier', async (event: unknown): Promise<ReturnSummary> => {
      const summary = await returns(event)
      logger.info('mail returned', { ...summary })
      return summary
    }),
  }
}

export type Notifier = ReturnType<typeof createNotifier>
