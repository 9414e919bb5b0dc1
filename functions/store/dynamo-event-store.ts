import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { v7 as uuidv7 } from 'uuid'
import {
  checkEnvelopeData,
  parseStoredEnvelope,
  subjectOf,
  type EventEnvelope,
  type StoredEnvelope,
} from '../../domain/events/index.js'
import { backoff } from '../shared/backoff.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { cancellationOf, classifyDynamoError } from '../shared/dynamo-errors.js'
import { queryAll } from '../shared/query-all.js'
import {
  ConcurrencyError,
  GuardTakenError,
  IdempotencyKeyReusedError,
  StoreBusyError,
} from './errors.js'
import type { AppendOptions, AppendOutcome, EventStore, ReadStreamOptions, StreamAppend } from './event-store.js'
import { planAppend, type AppendPlan, type PlannedWrite } from './append-plan.js'
import { idempotencyGuardId } from './guard-ids.js'
import { KnownVersions } from './known-versions.js'
import { PersonalDataWithoutVaultError } from './errors.js'
import type { Sealer } from './sealer.js'

export interface DynamoEventStoreOptions {
  readonly doc: DocumentClient
  readonly tables: { readonly events: string; readonly guards: string }
  readonly newEventId?: () => string
  readonly now?: () => Date
  /** How long an idempotency key is honoured; at least a day, 30 days by default. */
  readonly idempotencyRetentionDays?: number
  /**
   * Seals personal data before any write and opens it on read (functions/personal-data).
   * Without it the store refuses events that hold personal data, and reads them with
   * their personal fields `null` (still sealed): it never writes them in clear.
   */
  readonly personalData?: Sealer
}

/** Without a vault: personal data is refused on write, left sealed on read. */
const noVault: Sealer = {
  prepare: () => Promise.resolve(),
  seal: (envelope: EventEnvelope): EventEnvelope => {
    if (subjectOf(envelope)) throw new PersonalDataWithoutVaultError(envelope.type)
    return envelope
  },
  open: (envelopes: readonly StoredEnvelope[]) => Promise.resolve(envelopes.map(checkEnvelopeData)),
}

/** A stream's events in version order, as stored (consistent, every page). */
const queryStream = (
  doc: DocumentClient,
  table: string,
  streamId: string,
  { fromVersion = 1, maxCount }: ReadStreamOptions = {},
): Promise<StoredEnvelope[]> => {
  // Versions have no gaps, so "at most maxCount" is a range of versions.
  const last = maxCount === undefined ? Number.MAX_SAFE_INTEGER : fromVersion + maxCount - 1
  return queryAll(
    doc,
    {
      TableName: table,
      KeyConditionExpression: 'streamId = :s AND version BETWEEN :v AND :last',
      ExpressionAttributeValues: { ':s': streamId, ':v': fromVersion, ':last': last },
      ConsistentRead: true,
    },
    parseStoredEnvelope,
  )
}

/**
 * Reading streams, and nothing else: for a reader that never appends (the notifier, which
 * opens the contacts of the streams it reads with its vault).
 *
 * @example const { readStream } = createStreamReader({ doc, events: names.events, personalData: vault })
 */
export const createStreamReader = ({
  doc,
  events,
  personalData = noVault,
}: {
  doc: DocumentClient
  events: string
  personalData?: Sealer
}): Pick<EventStore, 'readStream'> => ({
  readStream: async (streamId, options) => personalData.open(await queryStream(doc, events, streamId, options)),
})

const maxConflictAttempts = 6

/**
 * A UUIDv7 whose bits after the time are all random: the uuid package's default counts up
 * within a millisecond, so the ids of one append would tell a partner how many events it was
 * not sent between two it was (`v7({})` takes the random bits for the counter's).
 */
const randomEventId = () => uuidv7({})

/**
 * The event store over DynamoDB: one item per event, appended with conditional
 * writes so that versions have no gaps and no duplicates (see append-plan.ts).
 *
 * @example
 *   const store = createDynamoEventStore({ doc, tables: { events: 'Events', guards: 'Guards' } })
 */
export const createDynamoEventStore = (options: DynamoEventStoreOptions): EventStore => {
  const { doc, tables } = options
  const now = options.now ?? (() => new Date())
  const newEventId = options.newEventId ?? randomEventId
  const retentionSeconds = (options.idempotencyRetentionDays ?? 30) * 86_400
  const known = new KnownVersions()
  const vault = options.personalData ?? noVault

  const streamVersion = async (streamId: string): Promise<number> => {
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: tables.events,
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: { ':s': streamId },
        ProjectionExpression: 'version',
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    )
    const version = Number(Items?.[0]?.version ?? 0)
    known.saw(streamId, version)
    return version
  }

  const findGuard = async (guardId: string) => {
    const { Item } = await doc.send(
      new GetCommand({ TableName: tables.guards, Key: { guardId }, ConsistentRead: true }),
    )
    return Item
  }

  const readCounter = async (counterId: string): Promise<number> => Number((await findGuard(counterId))?.count ?? 0)

  const findIdempotencyRecord = async (key: string) => {
    const item = await findGuard(idempotencyGuardId(key))
    if (!item) return undefined
    return {
      key,
      fingerprint: String(item.fingerprint),
      result: item.result as unknown,
      recordedAt: String(item.recordedAt),
    }
  }

  const replayOf = async (plan: AppendPlan): Promise<AppendOutcome | undefined> => {
    if (!plan.idempotency) return undefined
    const record = await findIdempotencyRecord(plan.idempotency.key)
    if (!record) return undefined
    if (record.fingerprint !== plan.idempotency.fingerprint) {
      throw new IdempotencyKeyReusedError(plan.idempotency.key)
    }
    return { status: 'replayed', result: record.result }
  }

  /** Turns a refused write into the store's own error, or a replay of the first result. */
  const explainRefusal = async (plan: AppendPlan, refused: PlannedWrite): Promise<AppendOutcome> => {
    switch (refused.kind) {
      case 'idempotency':
        throw new IdempotencyKeyReusedError(refused.key)
      case 'guard':
        throw new GuardTakenError(refused.guardId, await findGuard(refused.guardId))
      case 'counter':
        throw new ConcurrencyError(refused.counterId, refused.expected, await readCounter(refused.counterId))
      case 'event':
      case 'predecessor':
      case 'unchanged': {
        // A lost response to a write that did land comes back as a refusal on retry.
        if (await landed(plan)) return appended(plan)
        const actual = await streamVersion(refused.streamId)
        throw new ConcurrencyError(refused.streamId, refused.expectedVersion, actual)
      }
    }
  }

  /** True if the plan's first event is stored with our event id (our own earlier attempt). */
  const landed = async (plan: AppendPlan): Promise<boolean> => {
    const first = plan.envelopes[0]
    if (!first) return false
    const { Item } = await doc.send(
      new GetCommand({
        TableName: tables.events,
        Key: { streamId: first.streamId, version: first.version },
        ConsistentRead: true,
        ProjectionExpression: 'eventId',
      }),
    )
    return Item?.eventId === first.eventId
  }

  const writeOnce = async (plan: AppendPlan): Promise<PlannedWrite | 'conflict' | undefined> => {
    const [only] = plan.writes
    if (plan.writes.length === 1 && only?.request.Put) {
      try {
        await doc.send(new PutCommand(only.request.Put))
        return undefined
      } catch (error: unknown) {
        if (classifyDynamoError(error) === 'condition-failed') return only
        throw error
      }
    }
    try {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: plan.writes.map((write) => write.request),
          // Makes the SDK's own retries of this very call idempotent for 10 minutes.
          ClientRequestToken: plan.envelopes[0]?.eventId,
        }),
      )
      return undefined
    } catch (error: unknown) {
      const cancellation = cancellationOf(error, plan.writes)
      if (!cancellation) throw error
      // Idempotency first: a duplicate request must replay, whatever else it collides with.
      const order = ['idempotency', 'guard', 'predecessor', 'event', 'unchanged', 'counter'] as const
      for (const kind of order) {
        const refused = cancellation.conditionFailed.find((write) => write.kind === kind)
        if (refused) return refused
      }
      if (cancellation.conflicted.length > 0) return 'conflict'
      throw error
    }
  }

  const appended = (plan: AppendPlan): AppendOutcome => {
    for (const [streamId, version] of Object.entries(plan.versions)) known.saw(streamId, version)
    return { status: 'appended', events: plan.envelopes, versions: plan.versions }
  }

  const append = async (
    appends: readonly StreamAppend[],
    appendOptions: AppendOptions,
  ): Promise<AppendOutcome> => {
    await vault.prepare(appends.flatMap((streamAppend) => streamAppend.events))
    const plan = planAppend(appends, appendOptions, {
      seal: (envelope) => vault.seal(envelope),
      tables,
      recordedAt: now(),
      newEventId,
      retentionSeconds,
      predecessorExists: (streamId, version) => known.exists(streamId, version),
    })
    for (let attempt = 1; attempt <= maxConflictAttempts; attempt++) {
      const refused = await writeOnce(plan)
      if (refused === undefined) return appended(plan)
      if (refused !== 'conflict') {
        // Whatever was refused, a duplicate of a committed request replays its result.
        const replay = await replayOf(plan)
        return replay ?? explainRefusal(plan, refused)
      }
      // Another transaction holds one of our items for a moment: back off with jitter.
      await backoff(attempt, { baseMs: 20 })
    }
    throw new StoreBusyError(maxConflictAttempts)
  }

  const readStream: EventStore['readStream'] = async (streamId, options) => {
    const events = await queryStream(doc, tables.events, streamId, options)
    const newest = events.at(-1)
    if (newest) known.saw(streamId, newest.version)
    return vault.open(events)
  }

  const readStreamTail: EventStore['readStreamTail'] = async (streamId, maxCount) => {
    const { Items = [], LastEvaluatedKey } = await doc.send(
      new QueryCommand({
        TableName: tables.events,
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: { ':s': streamId },
        ScanIndexForward: false,
        Limit: maxCount,
        ConsistentRead: true,
      }),
    )
    const events = Items.reverse().map((item) => parseStoredEnvelope(item))
    const last = events.at(-1)
    if (last) known.saw(streamId, last.version)
    const complete = LastEvaluatedKey === undefined || events[0]?.version === 1
    return { events: await vault.open(events), complete }
  }

  return { append, readStream, readStreamTail, streamVersion, findGuard, readCounter, findIdempotencyRecord }
}

