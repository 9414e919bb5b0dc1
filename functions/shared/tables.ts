/**
 * The one definition of every DynamoDB table: key schema, indexes, streams, TTL.
 *
 * Both the CDK app (infra/) and the local runtime (local/create-tables.ts) build
 * their tables from these objects, and the adapters in functions/ read key names
 * from them, so local, AWS and code cannot drift apart. It lives in functions/
 * because functions/ never imports infra/ (lint enforces it); infra/ imports it from
 * here. It imports nothing: plain data, cheap to bundle into any Lambda.
 *
 * @example
 *   import { tables } from '../shared/tables.js'
 *   const { partitionKey } = tables.events // 'streamId'
 */

export type AttributeType = 'S' | 'N'

export interface KeyAttribute {
  readonly name: string
  readonly type: AttributeType
}

export interface GlobalIndexDefinition {
  readonly indexName: string
  readonly partitionKey: KeyAttribute
  readonly sortKey?: KeyAttribute
}

export interface TableDefinition {
  /** Logical id in CDK and the name prefix of the physical table. */
  readonly id: string
  /** Environment variable through which a Lambda learns the physical name. */
  readonly envVar: string
  readonly partitionKey: KeyAttribute
  readonly sortKey?: KeyAttribute
  readonly stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES'
  readonly timeToLiveAttribute?: string
  readonly globalIndexes?: readonly GlobalIndexDefinition[]
}

/** Append-only: one item per event, keyed by stream id and version (1, 2, 3 … no gaps). */
const events = {
  id: 'Events',
  envVar: 'EVENTS_TABLE',
  partitionKey: { name: 'streamId', type: 'S' },
  sortKey: { name: 'version', type: 'N' },
  stream: 'NEW_IMAGE',
} as const satisfies TableDefinition

/**
 * Items written in the same transaction as events to make a rule hold for as long
 * as we choose: uniqueness (one registration per SIRET), idempotency keys, and
 * lookups such as application id → edition. Kept apart from Events so that the
 * Events stream carries events only.
 */
const guards = {
  id: 'Guards',
  envVar: 'GUARDS_TABLE',
  partitionKey: { name: 'guardId', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
} as const satisfies TableDefinition

/**
 * One snapshot per stream: its folded state at a version, tagged with the version of
 * the fold that made it. Disposable: losing one (or all) only costs a longer read.
 */
const snapshots = {
  id: 'Snapshots',
  envVar: 'SNAPSHOTS_TABLE',
  partitionKey: { name: 'streamId', type: 'S' },
} as const satisfies TableDefinition

/**
 * The permanent, totally ordered Feed built by the indexer: events under
 * `pk = page#<n>` with `sk = position`, plus the indexer's own bookkeeping
 * (the global head and one cursor per event stream). `bySequence` is sparse: only
 * the events partners receive carry its keys (`seqPk = seq#<n>`, `seqSk = sequence`),
 * so partners read their events gapless, in order, without learning how many others
 * lie between them (functions/feed/feed-layout.ts).
 */
const feed = {
  id: 'Feed',
  envVar: 'FEED_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'N' },
  stream: 'NEW_IMAGE',
  globalIndexes: [
    {
      indexName: 'bySequence',
      partitionKey: { name: 'seqPk', type: 'S' },
      sortKey: { name: 'seqSk', type: 'N' },
    },
  ],
} as const satisfies TableDefinition

/** Projections' documents, by generation, and their checkpoints. */
const readModels = {
  id: 'ReadModels',
  envVar: 'READ_MODELS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
} as const satisfies TableDefinition

/** Partner API keys, webhook subscriptions, deliveries and the dispatcher's checkpoint. */
const partners = {
  id: 'Partners',
  envVar: 'PARTNERS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  globalIndexes: [
    {
      indexName: 'byStatus',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
  ],
} as const satisfies TableDefinition

/**
 * Personal data's keys (functions/personal-data): one data key per data subject (a
 * start-up's contact person) under `pk = startup#<startupId>`, `sk = subject#<emailIndex>`,
 * wrapped by the master key (KMS in AWS), and the blind-index key. Deleting a subject's
 * item erases its personal data in every event (crypto-shredding). `byEmail` finds a
 * person's subjects at every start-up from the blind index of their address.
 */
const keys = {
  id: 'Keys',
  envVar: 'KEYS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    {
      indexName: 'byEmail',
      partitionKey: { name: 'emailIndex', type: 'S' },
      sortKey: { name: 'pk', type: 'S' },
    },
  ],
} as const satisfies TableDefinition

/**
 * The notifier's outbox (functions/notifier, layout in functions/notifier/outbox-layout.ts):
 * one item per message to one person (an event and a recipient), under the edition it
 * concerns so staff read an edition's messages in one Query; the pending ones also in
 * `byDue` (sparse: only pending items carry its keys), where the notifier finds what to
 * send; every message also in `byApplication` (sparse: only messages carry `applicationId`),
 * where staff read one application's messages knowing only its id (an edition's partition
 * needs the edition, and finding it means reading the application's events, which opens
 * its sealed contact for nothing); the suppression list (blind indexes of addresses that bounced or complained) and
 * the notifier's checkpoint. A table of its own: the notifier is granted it and nothing of
 * the partners' keys and secrets, and it holds no contact, only whose it is.
 */
const outbox = {
  id: 'Outbox',
  envVar: 'OUTBOX_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    {
      indexName: 'byDue',
      partitionKey: { name: 'duePk', type: 'S' },
      sortKey: { name: 'dueSk', type: 'S' },
    },
    {
      indexName: 'byApplication',
      partitionKey: { name: 'applicationId', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
    },
  ],
} as const satisfies TableDefinition

export const tables = { events, guards, snapshots, feed, readModels, partners, keys, outbox } as const

export type TableKey = keyof typeof tables

/** Physical table names for one stage, e.g. `delegation-sud-dev-Events`. */
export const physicalTableName = (prefix: string, table: TableDefinition): string =>
  `${prefix}-${table.id}`
