import { Duration } from 'aws-cdk-lib'
import { Construct } from 'constructs'
import type { StageConfig } from '../stage-config.js'
import { tableEnvironment, type DefinedTable } from './dynamo-table.js'
import { functionEntry, NodeFunction, optionalEntry, StreamConsumer } from './node-function.js'
import { feedEventsOnly } from './read-models.js'

export interface ProjectionsProps {
  readonly config: StageConfig
  readonly events: DefinedTable
  readonly feed: DefinedTable
  readonly readModels: DefinedTable
  /** Finds a handler's entry file, or undefined when it is not written yet. */
  readonly entryOf?: (name: string) => string | undefined
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
  readonly projector: StreamConsumer | undefined
  readonly rebuild: NodeFunction | undefined

  constructor(scope: Construct, id: string, props: ProjectionsProps) {
    super(scope, id)
    const { config, events, feed, readModels, entryOf = optionalEntry } = props
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

    // Skipped when its file does not exist yet: it is being written in parallel, and
    // bundling a missing entry would fail the whole synth.
    const projectorEntry = entryOf('projector')
    this.projector = projectorEntry
      ? new StreamConsumer(this, 'Projector', {
          entry: projectorEntry,
          config,
          description: 'Folds Feed events into the read models',
          environment: tableEnvironment(feed, readModels),
          source: feed,
          filters: [feedEventsOnly],
        })
      : undefined
    if (this.projector) {
      feed.table.grantReadData(this.projector.fn)
      readModels.table.grantReadWriteData(this.projector.fn)
      this.projector.runEvery(Duration.minutes(1))
    }

    // Skipped when absent, for the same reason. Invoked on demand (npm run rebuild).
    const rebuildEntry = entryOf('rebuild')
    this.rebuild = rebuildEntry
      ? new NodeFunction(this, 'Rebuild', {
          entry: rebuildEntry,
          config,
          description: 'Replays the Feed into a fresh read-model generation, then switches',
          environment: tableEnvironment(feed, readModels),
          memorySize: 1024,
          timeout: Duration.minutes(15),
        })
      : undefined
    if (this.rebuild) {
      feed.table.grantReadData(this.rebuild.fn)
      readModels.table.grantReadWriteData(this.rebuild.fn)
    }
  }
}
