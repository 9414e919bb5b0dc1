import type { Metrics } from '../shared/metrics.js'
import type { SendSummary } from './send-due.js'

/**
 * A run's sending as the programme's counters: messages handed over, attempts that failed
 * (tried again) and messages given up, which the monitoring alarms on.
 *
 * @example countMessages(metrics, await notifier.run())
 */
export const countMessages = (metrics: Metrics, { sent, failed, gaveUp }: SendSummary): void => {
  if (sent > 0) metrics.add('messagesSent', sent)
  if (failed > 0) metrics.add('messageSendsFailed', failed)
  if (gaveUp > 0) metrics.add('messagesGivenUp', gaveUp)
}
