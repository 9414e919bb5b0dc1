import { Effect, PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam'
import type { DefinedTable } from './dynamo-table.js'

/** The DynamoDB actions our code calls, by the name of the call. */
export const dynamo = {
  get: 'dynamodb:GetItem',
  batchGet: 'dynamodb:BatchGetItem',
  query: 'dynamodb:Query',
  put: 'dynamodb:PutItem',
  update: 'dynamodb:UpdateItem',
  delete: 'dynamodb:DeleteItem',
  batchWrite: 'dynamodb:BatchWriteItem',
  conditionCheck: 'dynamodb:ConditionCheckItem',
} as const

export type DynamoAction = (typeof dynamo)[keyof typeof dynamo]

const reads: readonly DynamoAction[] = [dynamo.get, dynamo.batchGet, dynamo.query]

interface AllowOptions {
  /** Indexes the grantee queries, by name: each granted `Query` on its own ARN only. */
  readonly indexes?: readonly string[]
}

/**
 * Grants `actions` on one table, and nothing else: the calls a function's code makes, no
 * more (not `grantReadWriteData`, which would add Scan, DeleteItem, BatchWriteItem…).
 * Indexes are named one by one, never `index/*`. When the table has a customer-managed
 * key, the grantee may decrypt with it, and encrypt if it writes. No `actions` (only
 * `indexes`): the grantee queries those indexes and nothing of the table itself.
 *
 * @example allow(api.fn, eventStore.events, [dynamo.get, dynamo.query, dynamo.put])
 */
export const allow = (
  grantee: IGrantable,
  { table, key }: DefinedTable,
  actions: readonly DynamoAction[],
  { indexes = [] }: AllowOptions = {},
) => {
  if (actions.length > 0) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources: [table.tableArn] }),
    )
  }
  for (const index of indexes) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [dynamo.query],
        resources: [`${table.tableArn}/index/${index}`],
      }),
    )
  }
  if (!key) return
  const writes = actions.some((action) => !reads.includes(action))
  key.grant(grantee, 'kms:Decrypt', 'kms:DescribeKey', ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : []))
}
