import { Duration } from 'aws-cdk-lib'
import { Construct } from 'constructs'
import { feedWakeUps } from '../../functions/feed/feed-stream.js'
import { byStatusIndex } from '../../functions/shared/partners-table.js'
import type { StageConfig } from '../stage-config.js'
import { tableEnvironment, type DefinedTable } from './dynamo-table.js'
import { allow, dynamo } from './grants.js'
import { functionEntry, NodeFunction, StreamConsumer } from './node-function.js'
import { feedReads } from './projections.js'

interface WebhooksProps {
  readonly config: StageConfig
  readonly feed: DefinedTable
  /** Where subscriptions, deliveries and the dispatcher's checkpoint live. */
  readonly partners: DefinedTable
}

/**
 * Partners' webhooks (functions/webhooks): the dispatcher, which matches Feed events to
 * subscriptions and records deliveries, and the deliverer, which posts them as signed
 * webhooks every minute and retries what failed.
 *
 * @example const { dispatcher } = new Webhooks(this, 'Webhooks', { config, feed, partners })
 */
export class Webhooks extends Construct {
  readonly dispatcher: StreamConsumer
  readonly deliverer: NodeFunction

  constructor(scope: Construct, id: string, { config, feed, partners }: WebhooksProps) {
    super(scope, id)
    const webhookPorts = { WEBHOOK_ALLOWED_PORTS: config.callerLimits.webhookPorts.join(',') }

    this.dispatcher = new StreamConsumer(this, 'Dispatcher', {
      entry: functionEntry('webhooks/dispatch'),
      runsAs: 'dispatcher',
      config,
      description: 'Matches Feed events to partner subscriptions, records deliveries',
      // It posts new deliveries at once, with the deliverer's checks: the same ports.
      environment: { ...tableEnvironment(feed, partners), ...webhookPorts },
      source: feed,
      stream: feedWakeUps,
    })
    allow(this.dispatcher.fn, feed, feedReads)
    // Its checkpoint (GetItem; committed by a transaction that checks the registry), the
    // registry (Query), new deliveries (PutItem); and the immediate delivery pass's claims
    // and results (UpdateItem), and its look at each partner's keys (the index's Query).
    allow(this.dispatcher.fn, partners, [dynamo.get, dynamo.query, dynamo.put, dynamo.update, dynamo.conditionCheck], {
      indexes: [byStatusIndex],
    })
    this.dispatcher.runEvery(Duration.minutes(1))

    this.deliverer = new NodeFunction(this, 'Deliverer', {
      entry: functionEntry('webhooks/delivery'),
      runsAs: 'deliverer',
      config,
      description: 'Posts due deliveries as signed webhooks, retries, dead-letters',
      // The receivers' ports are checked again at each delivery, as at subscription.
      environment: { ...tableEnvironment(partners), ...webhookPorts },
      timeout: Duration.seconds(60),
    })
    // The registry and each subscription's due deliveries (Query), claims, results and
    // health, pauses and resumes (UpdateItem): nothing is put or deleted. Whether each
    // partner still holds a live key: its keys listed through the index (Query).
    allow(this.deliverer.fn, partners, [dynamo.query, dynamo.update], { indexes: [byStatusIndex] })
    this.deliverer.runEvery(Duration.minutes(1))
  }
}
