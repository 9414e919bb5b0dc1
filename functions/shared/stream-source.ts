import type { TableKey } from './tables.js'

/**
 * One rule of a Lambda event filter, in EventBridge's pattern syntax (the part Lambda event
 * filtering supports that we use): an exact value, `{ prefix }`, `{ exists }` or
 * `{ 'anything-but' }` (values, or a prefix).
 */
export type FilterRule =
  | string
  | number
  | boolean
  | null
  | { readonly prefix: string }
  | { readonly exists: boolean }
  | {
      readonly 'anything-but':
        string | number | readonly (string | number)[] | { readonly prefix: string }
    }

/**
 * A Lambda event filter pattern: the fields a record must have, nested as in the record
 * Lambda delivers (`{ dynamodb: { Keys: { pk: { S: [rules] } } } }`, DynamoDB JSON), each
 * with the rules of which one must match.
 */
export interface FilterPattern {
  readonly [field: string]: FilterPattern | readonly FilterRule[]
}

/**
 * How a Lambda is fed by a table's DynamoDB stream: what CDK deploys as its event source
 * mapping (infra/constructs/node-function.ts) and what `npm start`'s poller applies
 * (local/stream-poller.ts), from the same object, so the local runtime runs with the
 * filters and batch sizes AWS will.
 */
export interface StreamSource {
  /** The table whose stream it reads (functions/shared/tables.ts). */
  readonly table: TableKey
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST'
  /** Most records per invocation. */
  readonly batchSize: number
  /** How long Lambda may wait to fill a batch (AWS only: the poller hands over what it read). */
  readonly maxBatchingWindowSeconds: number
  /** Batches in flight per shard: 1 keeps each shard's records in order. */
  readonly parallelizationFactor: number
  /** Failure policy in AWS: retries of a failing batch, and the age past which records go to the on-failure queue. */
  readonly retryAttempts: number
  readonly maxRecordAgeSeconds: number
  /** Records matching none of these never invoke the function (none: every record does). */
  readonly filters: readonly FilterPattern[]
}
