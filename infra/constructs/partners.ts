import { Construct } from 'constructs'
import type { StageConfig } from '../stage-config.js'
import { tables } from '../../functions/shared/tables.js'
import { defineTable, tableKey, type DefinedTable } from './dynamo-table.js'

interface PartnersProps {
  readonly config: StageConfig
}

/**
 * The Partners table: what the programme keeps about its partners' integrations, their
 * API keys (partner access, checked by the API) and their webhook subscriptions,
 * deliveries and the dispatcher's checkpoint (webhooks). A construct of its own, as the
 * API and the webhook Lambdas share it; item layout in functions/shared/partners-table.ts.
 *
 * @example const { table } = new Partners(this, 'Partners', { config })
 */
export class Partners extends Construct {
  readonly table: DefinedTable

  constructor(scope: Construct, id: string, { config }: PartnersProps) {
    super(scope, id)
    const encryptionKey = tableKey(this, 'PartnersKey', config, "the partners' API keys, subscriptions and deliveries")
    this.table = defineTable(this, tables.partners, { config, encryptionKey })
  }
}
