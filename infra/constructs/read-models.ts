import { Construct } from 'constructs'
import { tables } from '../../functions/shared/tables.js'
import type { StageConfig } from '../stage-config.js'
import { defineTable, tableKey, type DefinedTable } from './dynamo-table.js'

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
