import { Stack, Validations } from 'aws-cdk-lib'
import {
  AttributeType,
  BillingMode,
  StreamViewType,
  CfnTable,
  Table,
  TableEncryption,
  type Attribute,
} from 'aws-cdk-lib/aws-dynamodb'
import type { IKey } from 'aws-cdk-lib/aws-kms'
import type { Construct, IConstruct } from 'constructs'
import { physicalTableName, type KeyAttribute, type TableDefinition } from '../../functions/shared/tables.js'
import type { StageConfig } from '../stage-config.js'

/** A table with the definition it was built from, so its env var is never retyped. */
export interface DefinedTable {
  readonly table: Table
  readonly definition: TableDefinition
}

export interface DefineTableOptions {
  readonly config: StageConfig
  /** A customer-managed key; DynamoDB's default AWS-owned key otherwise. */
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
  return { table, definition }
}

/** `{ EVENTS_TABLE: <name>, … }` for the tables a function uses, and only those. */
export const tableEnvironment = (...tables: readonly DefinedTable[]): Record<string, string> =>
  Object.fromEntries(tables.map(({ table, definition }) => [definition.envVar, table.tableName]))

/**
 * Grants on a table with indexes name `<table arn>/index/*`: all indexes of that one table,
 * which cdk-nag reports as a wildcard. Acknowledged on the grantee, for that table only.
 */
export const acknowledgeIndexes = (grantee: IConstruct, { table, definition }: DefinedTable) => {
  if (!definition.globalIndexes?.length) return
  const cfnTable = table.node.defaultChild as CfnTable
  const logicalId: unknown = Stack.of(table).resolve(cfnTable.logicalId)
  Validations.of(grantee).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${String(logicalId)}.Arn>/index/*]`,
    reason: `Queries the ${definition.id} table's own indexes ` +
      `(${definition.globalIndexes.map(({ indexName }) => indexName).join(', ')}).`,
  })
}
