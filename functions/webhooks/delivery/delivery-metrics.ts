import type { Metrics } from '../../shared/metrics.js'
import type { DeliverySummary } from './deliverer.js'

/**
 * A delivery run's outcome as the programme's counters: posts that failed (to be retried)
 * and deliveries dead-lettered. Both Lambdas that deliver (the deliverer on its schedule,
 * the dispatcher at once after recording) count through this.
 *
 * @example countDeliveries(metrics, await deliverer.run())
 */
export const countDeliveries = (metrics: Metrics, { failed, dead }: DeliverySummary): void => {
  if (failed > 0) metrics.add('deliveriesFailed', failed)
  if (dead > 0) metrics.add('deadLetters', dead)
}
