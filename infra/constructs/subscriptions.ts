import { Duration } from 'aws-cdk-lib'
import { Construct } from 'constructs'
import { tables } from '../../functions/shared/tables.js'
import type { StageConfig } from '../stage-config.js'
import {
  acknowledgeIndexes,
  defineTable,
  tableEnvironment,
  type DefinedTable,
} from './dynamo-table.js'
import { functionEntry, NodeFunction, StreamConsumer } from './node-function.js'
import { feedEventsOnly } from './read-models.js'

export interface SubscriptionsProps {
  readonly config: StageConfig
  readonly feed: DefinedTable
}

/**
 * Partners' side: the Partners table (API keys, webhook subscriptions, deliveries), the
 * dispatcher that matches Feed events to subscriptions and records deliveries, and the
 * deliverer that posts them as signed webhooks every minute.
 *
 * @example const { partners } = new Subscriptions(this, 'Subscriptions', { config, feed })
 */
export class Subscriptions extends Construct {
  readonly partners: DefinedTable
  readonly dispatcher: StreamConsumer
  readonly deliverer: NodeFunction

  constructor(scope: Construct, id: string, props: SubscriptionsProps) {
    super(scope, id)
    const { config, feed } = props
    const partners = defineTable(this, tables.partners, { config })
    this.partners = partners

    this.dispatcher = new StreamConsumer(this, 'Dispatcher', {
      entry: functionEntry('dispatcher'),
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
      entry: functionEntry('deliverer'),
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
