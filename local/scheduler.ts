import type { ScheduledEvent } from 'aws-lambda'
import { randomUUID } from 'node:crypto'
import { pause } from './pause.js'
import { messageOf, type PollerLogger } from './shard-reader.js'

export type ScheduledHandler = (event: ScheduledEvent) => Promise<unknown>

export interface SchedulerOptions {
  /** The rule's name, as in its ARN. */
  readonly name: string
  readonly everyMs: number
  readonly handler: ScheduledHandler
  readonly region: string
  readonly logger?: PollerLogger
}

/** EventBridge's scheduled event, as a rule `rate(…)` sends it (time to the second). */
export const scheduledEvent = (name: string, region: string, now: Date): ScheduledEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region,
  resources: [`arn:aws:events:${region}:000000000000:rule/${name}`],
  detail: {},
})

/**
 * Invokes `handler` every `everyMs` like an EventBridge schedule; a run never overlaps
 * the previous one, and a failure is logged and waits for the next tick.
 *
 * @example const job = startScheduler({ name: 'deliverer', everyMs: 1000, handler, region })
 */
export const startScheduler = (options: SchedulerOptions): { stop(): Promise<void> } => {
  const controller = new AbortController()
  const logger = options.logger ?? console
  const run = async () => {
    while (!controller.signal.aborted) {
      await pause(options.everyMs, controller.signal)
      if (controller.signal.aborted) return
      try {
        await options.handler(scheduledEvent(options.name, options.region, new Date()))
      } catch (error: unknown) {
        logger.error(`[schedule ${options.name}] handler failed: ${messageOf(error)}`)
      }
    }
  }
  const running = run()
  return {
    async stop() {
      controller.abort()
      await running
    },
  }
}
