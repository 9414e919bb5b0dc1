import { Duration } from 'aws-cdk-lib'
import { Construct } from 'constructs'
import type { StageConfig } from '../stage-config.js'
import { tableEnvironment, type DefinedTable } from './dynamo-table.js'
import { functionEntry, NodeFunction, StreamConsumer } from './node-function.js'
import { feedEventsOnly } from './read-models.js'

export interface ProjectionsProps {
  readonly config: StageConfig
  readonly events: DefinedTable
  readonly feed: DefinedTable
  readonly readModels: DefinedTable
}

/**
 * The read side's workers. The indexer, the Events stream's only consumer, gives each
 * event its Feed position, in order (one batch per shard at a time). The projector folds
 * Feed events into ReadModels; rebuild replays the Feed into a fresh generation.
 *
 * @example new Projections(this, 'Projections', { config, events, feed, readModels })
 */
export class Projections extends Construct {
  readonly indexer: StreamConsumer
  readonly projector: StreamConsumer
  readonly rebuild: NodeFunction

  constructor(scope: Construct, id: string, props: ProjectionsProps) {
    super(scope, id)
    const { config, events, feed, readModels } = props
    this.indexer = new StreamConsumer(this, 'Indexer', {
      entry: functionEntry('indexer'),
      config,
      description: 'Gives every recorded event a global position in the Feed',
      environment: tableEnvironment(events, feed),
      source: events,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      parallelizationFactor: 1,
      retryAttempts: 10,
      maxRecordAge: Duration.hours(1),
    })
    // Stream read comes with the event source mapping; it reads, never writes, Events.
    events.table.grantReadData(this.indexer.fn)
    feed.table.grantReadWriteData(this.indexer.fn)

    this.projector = new StreamConsumer(this, 'Projector', {
      entry: functionEntry('projector'),
      config,
      description: 'Folds Feed events into the read models',
      environment: tableEnvironment(feed, readModels),
      source: feed,
      filters: [feedEventsOnly],
    })
    feed.table.grantReadData(this.projector.fn)
    readModels.table.grantReadWriteData(this.projector.fn)
    this.projector.runEvery(Duration.minutes(1))

    // Invoked on demand only (npm run rebuild).
    this.rebuild = new NodeFunction(this, 'Rebuild', {
      entry: functionEntry('rebuild'),
      config,
      description: 'Replays the Feed into a fresh read-model generation, then switches',
      environment: tableEnvironment(feed, readModels),
      memorySize: 1024,
      timeout: Duration.minutes(15),
    })
    feed.table.grantReadData(this.rebuild.fn)
    readModels.table.grantReadWriteData(this.rebuild.fn)
  }
}
