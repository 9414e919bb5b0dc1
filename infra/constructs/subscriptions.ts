import { Duration } from 'aws-cdk-lib'
import { Construct } from 'constructs'
import { tables } from '../tables.js'
import type { StageConfig } from '../stage-config.js'
import {
  acknowledgeIndexes,
  defineTable,
  tableEnvironment,
  type DefinedTable,
} from './dynamo-table.js'
import { NodeFunction, optionalEntry, StreamConsumer } from './node-function.js'
import { feedEventsOnly } from './read-models.js'

export interface SubscriptionsProps {
  readonly config: StageConfig
  readonly feed: DefinedTable
  /** Finds a handler's entry file, or undefined when it is not written yet. */
  readonly entryOf?: (name: string) => string | undefined
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
  readonly dispatcher: StreamConsumer | undefined
  readonly deliverer: NodeFunction | undefined

  constructor(scope: Construct, id: string, props: SubscriptionsProps) {
    super(scope, id)
    const { config, feed, entryOf = optionalEntry } = props
    const partners = defineTable(this, tables.partners, { config })
    this.partners = partners

    // Skipped when its file does not exist yet: it is being written in parallel, and
    // bundling a missing entry would fail the whole synth.
    const dispatcherEntry = entryOf('dispatcher')
    this.dispatcher = dispatcherEntry
      ? new StreamConsumer(this, 'Dispatcher', {
          entry: dispatcherEntry,
          config,
          description: 'Matches Feed events to partner subscriptions, records deliveries',
          environment: tableEnvironment(feed, partners),
          source: feed,
          filters: [feedEventsOnly],
        })
      : undefined
    if (this.dispatcher) {
      feed.table.grantReadData(this.dispatcher.fn)
      partners.table.grantReadWriteData(this.dispatcher.fn)
      acknowledgeIndexes(this.dispatcher.role, partners)
      this.dispatcher.runEvery(Duration.minutes(1))
    }

    // Skipped when absent, for the same reason.
    const delivererEntry = entryOf('deliverer')
    this.deliverer = delivererEntry
      ? new NodeFunction(this, 'Deliverer', {
          entry: delivererEntry,
          config,
          description: 'Posts due deliveries as signed webhooks, retries, dead-letters',
          environment: tableEnvironment(partners),
          timeout: Duration.seconds(60),
        })
      : undefined
    if (this.deliverer) {
      partners.table.grantReadWriteData(this.deliverer.fn)
      acknowledgeIndexes(this.deliverer.role, partners)
      this.deliverer.runEvery(Duration.minutes(1))
    }
  }
}
