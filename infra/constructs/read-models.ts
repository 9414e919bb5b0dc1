import { FilterCriteria, FilterRule } from 'aws-cdk-lib/aws-lambda'
import { Construct } from 'constructs'
import { tables } from '../../functions/shared/tables.js'
import type { StageConfig } from '../stage-config.js'
import { defineTable, tableKey, type DefinedTable } from './dynamo-table.js'

/**
 * Event filter for Feed stream consumers: only the Feed's event items (`pk = page#<n>`,
 * pageKey in functions/feed/feed-layout.ts) invoke them, not the indexer's bookkeeping
 * (the head and per-stream cursors).
 */
export const feedEventsOnly = FilterCriteria.filter({
  dynamodb: { Keys: { [tables.feed.partitionKey.name]: { S: FilterRule.beginsWith('page#') } } },
})

export interface ReadModelsProps {
  readonly config: StageConfig
}

/**
 * The read side's storage: the permanent, totally ordered Feed the indexer writes (its
 * stream wakes the projector and the dispatcher) and the ReadModels the projector folds.
 *
 * @example const { feed, readModels } = new ReadModels(this, 'ReadModels', { config })
 */
export class ReadModels extends Construct {
  readonly feed: DefinedTable
  readonly readModels: DefinedTable

  constructor(scope: Construct, id: string, { config }: ReadModelsProps) {
    super(scope, id)
    const encryptionKey = tableKey(this, 'ReadSideKey', config, 'the read side: the Feed and its stream, ReadModels')
    this.feed = defineTable(this, tables.feed, { config, encryptionKey })
    this.readModels = defineTable(this, tables.readModels, { config, encryptionKey, derived: true })
  }
}
