import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { v7 as uuidv7 } from 'uuid'
import { partnerJoined } from '../fixtures/events.js'
import type { BenchContext } from '../context.js'
import { compare, concurrently, type Workload } from '../interleave.js'

const metadata = { correlationId: 'bench', actor: 'bench' }

/** Each workload writes its own streams, so no two cases ever collide. */
let instances = 0

/**
 * Our append: one event to a stream at an expected version, each writer on its own
 * stream (as command handlers mostly are), after a read like a decider's.
 */
export const ourAppend = (ctx: BenchContext, writers: number, perRound: number): Workload => {
  const versions = new Map<string, number>()
  const instance = ++instances
  return {
    label: `append (${writers} writer${writers > 1 ? 's' : ''})`,
    run: (round) =>
      concurrently(perRound, writers, async (i, worker) => {
        const streamId = `edition-bench-${instance}-${round}-${worker}`
        const expectedVersion = versions.get(streamId) ?? 0
        await ctx.store.append([{ streamId, expectedVersion, events: [partnerJoined(`p-${i}`)] }], { metadata })
        versions.set(streamId, expectedVersion + 1)
      }),
  }
}

/** The same item, written with a raw conditional PutItem: the floor we measure against. */
export const rawPut = (ctx: BenchContext, writers: number, perRound: number): Workload => {
  const versions = new Map<string, number>()
  const instance = ++instances
  return {
    label: 'raw conditional PutItem',
    run: (round) =>
      concurrently(perRound, writers, async (i, worker) => {
        const streamId = `raw-${instance}-${round}-${worker}`
        const version = (versions.get(streamId) ?? 0) + 1
        versions.set(streamId, version)
        const event = partnerJoined(`p-${i}`)
        await ctx.doc.send(
          new PutCommand({
            TableName: ctx.names.events,
            Item: {
              eventId: uuidv7(),
              streamId,
              version,
              type: event.type,
              schemaVersion: 1,
              data: event.data,
              metadata,
              recordedAt: new Date().toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(streamId)',
          }),
        )
      }),
  }
}

export const appendCases = async (ctx: BenchContext, rounds: number) => [
  await compare('append, 1 writer', ourAppend(ctx, 1, ctx.size(300, 60)), rawPut(ctx, 1, ctx.size(300, 60)), { rounds, target: 0.9 }),
  await compare('append, 8 writers', ourAppend(ctx, 8, ctx.size(800, 160)), rawPut(ctx, 8, ctx.size(800, 160)), { rounds, target: 0.9 }),
]
