import { createDynamoFeed } from '../feed/dynamo-feed.js'
import { createKeyStore } from '../personal-data/key-store.js'
import { erasureLedger } from '../personal-data/erasure-ledger.js'
import { createPersonalDataVault } from '../personal-data/vault.js'
import { masterKeyFromEnv } from '../personal-data/vault-from-env.js'
import { createWithdrawalLinks } from '../personal-data/withdrawal-links.js'
import { documentClientFromEnv } from '../shared/dynamo-client.js'
import { createLogger } from '../shared/logger.js'
import { createMetrics, withMetrics } from '../shared/metrics.js'
import { tableNamesFromEnv } from '../shared/table-names.js'
import { traced } from '../shared/tracer.js'
import { createStreamReader } from '../store/dynamo-event-store.js'
import { notifierHandler } from './handler.js'
import { lookUpMessage } from './message-lookup.js'
import { createNotifier } from './notifier.js'
import { createNotifierCheckpoint } from './notifier-checkpoint.js'
import { mailSenderFromSettings, notifierEnv, notifierSettings } from './notifier-config.js'
import { countMessages } from './notifier-metrics.js'
import { createOutboxStore } from './outbox-store.js'
import { createSuppressionList } from './suppression-list.js'

// Module scope: parsed and connected once per container.
const settings = notifierEnv.parse(process.env)
const { identity, links } = notifierSettings(settings)
const tables = tableNamesFromEnv(process.env, ['feed', 'events', 'keys', 'outbox'])
const doc = documentClientFromEnv(process.env)
const logger = createLogger('notifier')
const metrics = createMetrics(process.env)
const masterKey = masterKeyFromEnv(process.env)
const keys = createKeyStore({ doc, table: tables.keys })
// No key cache: each send opens its contact afresh, so an erasure made anywhere a moment
// before is seen (the contact reads null) and nothing is sent to an erased person.
const events = createStreamReader({ doc, events: tables.events })
const vault = createPersonalDataVault({ keys, masterKey, cacheTtlMs: 0, erasures: erasureLedger(events) })
const withdrawalLinks = createWithdrawalLinks({ keys, masterKey })
const concurrency = 8

const notifier = createNotifier({
  feed: createDynamoFeed({ doc, table: tables.feed }),
  outbox: createOutboxStore({ doc, table: tables.outbox }),
  checkpoint: createNotifierCheckpoint({ doc, table: tables.outbox }),
  suppressions: createSuppressionList({ doc, table: tables.outbox }),
  lookUp: lookUpMessage(createStreamReader({ doc, events: tables.events, personalData: vault })),
  emailIndex: (email) => vault.emailIndex(email),
  signWithdrawal: (applicationId) => withdrawalLinks.sign(applicationId),
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
