import { Duration } from 'aws-cdk-lib'
import { Construct } from 'constructs'
import type { StageConfig } from '../stage-config.js'
import { acknowledgeIndexes, tableEnvironment, type DefinedTable } from './dynamo-table.js'
import { functionEntry, NodeFunction, StreamConsumer } from './node-function.js'
import { feedEventsOnly } from './read-models.js'

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

    this.dispatcher = new StreamConsumer(this, 'Dispatcher', {
      entry: functionEntry('webhooks/dispatch'),
      config,
      description: 'Matches Feed events to partner subscriptions, records deliveries',
      environment: tableEnvironment(feed, partners),
      source: feed,
      filters: [feedEventsOnly],
    })
    feed.table.grantReadData(this.dispatcher.fn)
    partners.table.grantReadWriteData(this.dispatcher.fn)
    acknowledgeIndexes(this.dispatcher.role, partners)
    this.dispatcher.runEvery(Duration.minutes(1))

    this.deliverer = new NodeFunction(this, 'Deliverer', {
      entry: functionEntry('webhooks/delivery'),
      config,
      description: 'Posts due deliveries as signed webhooks, retries, dead-letters',
      environment: tableEnvironment(partners),
      timeout: Duration.seconds(60),
    })
    partners.table.grantReadWriteData(this.deliverer.fn)
    acknowledgeIndexes(this.deliverer.role, partners)
    this.deliverer.runEvery(Duration.minutes(1))
  }
}
