import { Duration } from 'aws-cdk-lib'
import { Construct } from 'constructs'
import { feedWakeUps } from '../../functions/feed/feed-stream.js'
import { indexerStream } from '../../functions/indexer/stream-source.js'
import type { StageConfig } from '../stage-config.js'
import { tableEnvironment, type DefinedTable } from './dynamo-table.js'
import { allow, dynamo } from './grants.js'
import { functionEntry, NodeFunction, StreamConsumer } from './node-function.js'

/** Following the Feed: pages of positions (Query). Its head (GetItem) only the API reads. */
export const feedReads = [dynamo.query]
/**
 * What the projector does to ReadModels: the generation pointer and checkpoints (GetItem,
 * UpdateItem), documents read in batches and written with their checkpoint in one
 * transaction (Put, and Delete where a projection drops a document).
 */
const projectorWrites = [dynamo.get, dynamo.batchGet, dynamo.put, dynamo.update, dynamo.delete]
/** The rebuild also writes a fresh generation's documents in bulk (BatchWriteItem). */
const rebuildWrites = [...projectorWrites, dynamo.batchWrite]

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
      runsAs: 'indexer',
      config,
      description: 'Gives every recorded event a global position in the Feed',
      environment: tableEnvironment(events, feed),
      source: events,
      stream: indexerStream,
    })
    // Stream read comes with the event source mapping; it reads, never writes, Events (a
    // gap's missing versions, by Query); the Feed's head and cursors by BatchGetItem, new
    // positions and cursors in one transaction.
    allow(this.indexer.fn, events, [dynamo.query])
    allow(this.indexer.fn, feed, [dynamo.batchGet, dynamo.put, dynamo.update])

    this.projector = new StreamConsumer(this, 'Projector', {
      entry: functionEntry('projector'),
      runsAs: 'projector',
      config,
      description: 'Folds Feed events into the read models',
      environment: tableEnvironment(feed, readModels),
      source: feed,
      stream: feedWakeUps,
    })
    allow(this.projector.fn, feed, feedReads)
    allow(this.projector.fn, readModels, projectorWrites)
    this.projector.runEvery(Duration.minutes(1))

    // Invoked on demand only (npm run rebuild).
    this.rebuild = new NodeFunction(this, 'Rebuild', {
      entry: functionEntry('rebuild'),
      runsAs: 'rebuild',
      config,
      description: 'Replays the Feed into a fresh read-model generation, then switches',
      environment: tableEnvironment(feed, readModels),
      memorySize: 1024,
      timeout: Duration.minutes(15),
    })
    allow(this.rebuild.fn, feed, feedReads)
    allow(this.rebuild.fn, readModels, rebuildWrites)
  }
}
