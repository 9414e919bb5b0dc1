import { masterKeyFromEnv } from '../personal-data/vault-from-env.js'
import { documentClientFromEnv } from '../shared/dynamo-client.js'
import { createLogger } from '../shared/logger.js'
import { createMetrics, withMetrics } from '../shared/metrics.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { traced } from '../shared/tracer.js'
import { notifierHandler } from './handler.js'
import { mailSenderFromSettings, notifierEnv, notifierSettings } from './notifier-config.js'
import { countMessages } from './notifier-metrics.js'
import { notifierOnTables } from './notifier-on-tables.js'

// Module scope: parsed and connected once per container.
const settings = notifierEnv.parse(process.env)
const { identity, links } = notifierSettings(settings)
const logger = createLogger('notifier')
const metrics = createMetrics(process.env)
const concurrency = 8

const notifier = notifierOnTables({
  doc: documentClientFromEnv(process.env),
  tables: tableNamesFromEnv(process.env, ['feed', 'events', 'keys', 'outbox']),
  masterKey: masterKeyFromEnv(process.env),
  send: await mailSenderFromSettings(settings, identity, concurrency),
  links,
  clock: () => new Date(),
  random: Math.random,
  logger,
  concurrency,
})

const counted = async () => {
  const summary = await notifier.run()
  countMessages(metrics, summary)
  return summary
}

/**
 * A one-minute schedule (its wake-up: the Feed's stream already has its two readers, see
 * infra/constructs/notifications.ts; a stream batch is handled the same way) and SES's
 * bounce and complaint events (EventBridge) → messages queued, sent, suppressed.
 *
 * @example handler({ Records: [feedRecord] }) // → { batchItemFailures: [] }
 */
export const handler = traced(
  'notifier',
  withMetrics(
    metrics,
    notifierHandler({ run: counted, recordReturn: notifier.recordReturn }, logger),
  ),
)
