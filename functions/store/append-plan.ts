import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb'
import { currentSchemaVersion, parseEnvelope, type EventEnvelope } from '../../domain/events/index.js'
import { idempotencyGuardId } from './guard-ids.js'
import type { AppendOptions, StreamAppend } from './event-store.js'
import { assertWithinLimits } from './limits.js'

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number]

/** One write of an append, tagged so a refusal can be traced back to its cause. */
export type PlannedWrite = { readonly request: TransactItem } & (
  | {
      readonly kind: 'event' | 'predecessor' | 'unchanged'
      readonly streamId: string
      readonly expectedVersion: number
    }
  | { readonly kind: 'guard'; readonly guardId: string }
  | { readonly kind: 'counter'; readonly counterId: string; readonly expected: number }
  | { readonly kind: 'idempotency'; readonly key: string; readonly fingerprint: string }
)

export interface AppendPlan {
  readonly envelopes: EventEnvelope[]
  readonly writes: PlannedWrite[]
  readonly versions: Record<string, number>
  readonly idempotency?: { readonly key: string; readonly fingerprint: string }
}

export interface PlanContext {
  readonly tables: { readonly events: string; readonly guards: string }
  readonly recordedAt: Date
  readonly newEventId: () => string
  readonly retentionSeconds: number
  /** True when the predecessor is known to exist, so its ConditionCheck can be skipped. */
  readonly predecessorExists: (streamId: string, version: number) => boolean
  /** The event as stored: its personal data sealed (functions/personal-data). */
  readonly seal: (envelope: EventEnvelope) => EventEnvelope
}

/**
 * Turns an append into the conditional writes that make it safe:
 * - each new event is a Put that the version must not exist for (no duplicate);
 * - a stream that already has events gets a ConditionCheck that the expected version
 *   exists, so an expected version beyond the stream's end cannot leave a gap —
 *   unless that version is already known to exist (see known-versions.ts);
 * - a stream read but not written gets a ConditionCheck that nothing follows the version
 *   read (and, if not known, that this version exists);
 * - a counter is a Put conditioned on the value it had when read (a ConditionCheck when
 *   its value does not change);
 * - guards and the idempotency key are Puts that must not exist either.
 * Everything is validated and sized here, before the first write.
 */
export const planAppend = (
  appends: readonly StreamAppend[],
  { metadata, guards = [], unchanged = [], counters = [], idempotency }: AppendOptions,
  context: PlanContext,
): AppendPlan => {
  const recordedAt = context.recordedAt.toISOString()
  const envelopes: EventEnvelope[] = []
  const stored: EventEnvelope[] = []
  const writes: PlannedWrite[] = []
  const versions: Record<string, number> = {}
  const notExists = (key: string) => ({ ConditionExpression: `attribute_not_exists(${key})` })

  for (const { streamId, expectedVersion, events } of appends) {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
      throw new RangeError(`Expected version of ${streamId} must be a whole number ≥ 0`)
    }
    if (streamId in versions) throw new RangeError(`Stream ${streamId} appears twice in one append`)
    if (expectedVersion > 0 && !context.predecessorExists(streamId, expectedVersion)) {
      writes.push({
        kind: 'predecessor',
        streamId,
        expectedVersion,
        request: {
          ConditionCheck: {
            TableName: context.tables.events,
            Key: { streamId, version: expectedVersion },
            ConditionExpression: 'attribute_exists(streamId)',
          },
        },
      })
    }
    events.forEach((event, index) => {
      const envelope = parseEnvelope({
        eventId: context.newEventId(),
        streamId,
        version: expectedVersion + index + 1,
        type: event.type,
        // Writes always use the current schema; older ones are only ever read (upcast.ts).
        schemaVersion: currentSchemaVersion(event.type),
        data: event.data,
        metadata,
        recordedAt,
      })
      envelopes.push(envelope)
      // Sized and written as stored: personal data sealed, never in clear.
      const Item = context.seal(envelope)
      stored.push(Item)
      writes.push({
        kind: 'event',
        streamId,
        expectedVersion,
        request: { Put: { TableName: context.tables.events, Item, ...notExists('streamId') } },
      })
    })
    versions[streamId] = expectedVersion + events.length
  }

  for (const { streamId, version } of unchanged) {
    if (streamId in versions) throw new RangeError(`Stream ${streamId} is both written and checked`)
    const check = (key: number, condition: string): TransactItem => ({
      ConditionCheck: { TableName: context.tables.events, Key: { streamId, version: key }, ConditionExpression: condition },
    })
    const expectedVersion = version
    writes.push({ kind: 'unchanged', streamId, expectedVersion, request: check(version + 1, 'attribute_not_exists(streamId)') })
    if (version > 0 && !context.predecessorExists(streamId, version)) {
      writes.push({ kind: 'predecessor', streamId, expectedVersion, request: check(version, 'attribute_exists(streamId)') })
    }
  }

  for (const { counterId, expected, value } of counters) {
    const condition = {
      ConditionExpression: expected === 0 ? 'attribute_not_exists(guardId) OR #count = :expected' : '#count = :expected',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':expected': expected },
    }
    const table = context.tables.guards
    writes.push({
      kind: 'counter',
      counterId,
      expected,
      request:
        value === expected
          ? { ConditionCheck: { TableName: table, Key: { guardId: counterId }, ...condition } }
          : { Put: { TableName: table, Item: { guardId: counterId, count: value, recordedAt }, ...condition } },
    })
  }

  for (const { guardId, data = {}, takesOver } of guards) {
    writes.push({
      kind: 'guard',
      guardId,
      request: {
        Put: {
          TableName: context.tables.guards,
          Item: { ...data, guardId, recordedAt },
          ...(takesOver
            ? {
                ConditionExpression: 'attribute_not_exists(guardId) OR #heldBy = :heldBy',
                ExpressionAttributeNames: { '#heldBy': takesOver.field },
                ExpressionAttributeValues: { ':heldBy': takesOver.value },
              }
            : notExists('guardId')),
        },
      },
    })
  }

  if (idempotency) {
    const { key, fingerprint, result } = idempotency
    const expiresAt = Math.floor(context.recordedAt.getTime() / 1000) + context.retentionSeconds
    writes.push({
      kind: 'idempotency',
      key,
      fingerprint,
      request: {
        Put: {
          TableName: context.tables.guards,
          Item: { guardId: idempotencyGuardId(key), fingerprint, result, recordedAt, expiresAt },
          ...notExists('guardId'),
        },
      },
    })
  }

  if (envelopes.length === 0) throw new RangeError('An append needs at least one event')
  assertWithinLimits(
    stored.map((item) => ({ streamId: item.streamId, type: item.type, item })),
    writes.filter((write) => write.kind !== 'event').map((write) => itemOf(write.request)),
  )
  return { envelopes, writes, versions, ...(idempotency ? { idempotency } : {}) }
}

const itemOf = (request: TransactItem): Record<string, unknown> =>
  request.Put?.Item ?? request.ConditionCheck?.Key ?? {}
