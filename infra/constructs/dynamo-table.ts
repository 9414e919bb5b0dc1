import { Validations } from 'aws-cdk-lib'
import {
  AttributeType,
  BillingMode,
  StreamViewType,
  Table,
  TableEncryption,
  type Attribute,
} from 'aws-cdk-lib/aws-dynamodb'
import { Key, type IKey } from 'aws-cdk-lib/aws-kms'
import type { Construct } from 'constructs'
import { physicalTableName, type KeyAttribute, type TableDefinition } from '../../functions/shared/tables.js'
import type { StageConfig } from '../stage-config.js'

/** A table with the definition it was built from, so its env var is never retyped. */
export interface DefinedTable {
  readonly table: Table
  readonly definition: TableDefinition
  /** Its customer-managed key (prod), which whoever reads or writes it must use too. */
  readonly key?: IKey | undefined
}

export interface DefineTableOptions {
  readonly config: StageConfig
  /** A customer-managed key (prod); DynamoDB's default AWS-owned key otherwise (dev). */
  readonly encryptionKey?: IKey | undefined
  /** Derived data that a rebuild recreates needs no point-in-time recovery. */
  readonly derived?: boolean
}

const attribute = ({ name, type }: KeyAttribute): Attribute => ({
  name,
  type: type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
})

/**
 * A DynamoDB table built from its definition in functions/shared/tables.ts (keys, stream, TTL,
 * indexes), on demand, named `<prefix>-<id>`, protected and retained in prod.
 *
 * @example const events = defineTable(this, tables.events, { config, encryptionKey })
 */
export const defineTable = (
  scope: Construct,
  definition: TableDefinition,
  { config, encryptionKey, derived = false }: DefineTableOptions,
): DefinedTable => {
  const table = new Table(scope, definition.id, {
    tableName: physicalTableName(config.prefix, definition),
    partitionKey: attribute(definition.partitionKey),
    ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
    billingMode: BillingMode.PAY_PER_REQUEST,
    ...(definition.stream ? { stream: StreamViewType[definition.stream] } : {}),
    ...(definition.timeToLiveAttribute
      ? { timeToLiveAttribute: definition.timeToLiveAttribute }
      : {}),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: !derived },
    deletionProtection: config.protectData,
    removalPolicy: config.removalPolicy,
    ...(encryptionKey ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey } : {}),
  })
  for (const index of definition.globalIndexes ?? []) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: attribute(index.partitionKey),
      ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
    })
  }
  if (derived) {
    Validations.of(table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason: `${definition.id} is derived from the Feed and rebuilt by replaying it ` +
        '(functions/rebuild): a backup would only restore a stale copy.',
    })
  }
  return { table, definition, key: encryptionKey }
}

/** `{ EVENTS_TABLE: <name>, … }` for the tables a function uses, and only those. */
export const tableEnvironment = (...tables: readonly DefinedTable[]): Record<string, string> =>
  Object.fromEntries(tables.map(({ table, definition }) => [definition.envVar, table.tableName]))

/**
 * A customer-managed key for a stage's tables, or none: prod's data is encrypted with keys
 * of our own that rotate yearly and outlive the stack; dev keeps DynamoDB's default.
 *
 * @example const key = tableKey(this, 'EventsKey', config, 'the event store')
 */
export const tableKey = (scope: Construct, id: string, config: StageConfig, what: string): IKey | undefined =>
  config.protectData
    ? new Key(scope, id, {
        alias: `${config.prefix}-${id.replace(/Key$/, '').toLowerCase()}`,
        description: `Encrypts ${what} (Délégation Sud, ${config.stage})`,
        enableKeyRotation: true,
        removalPolicy: config.removalPolicy,
      })
    : undefined
