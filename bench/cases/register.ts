import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { v7 as uuidv7 } from 'uuid'
import { editionApplicationGuardId } from '../../functions/store/guard-ids.js'
import { applicationSubmitted, editionOpened, startupRegistered } from '../fixtures/events.js'
import type { BenchContext } from '../context.js'
import { compare, type Workload } from '../interleave.js'

const metadata = { correlationId: 'bench', actor: 'bench' }
let instances = 0

/**
 * A registration form's write: a new start-up's stream, the application's own stream,
 * the edition's lifecycle checked, and the one-application-per-edition guard.
 */
const ourRegister = (ctx: BenchContext, perRound: number): Workload => {
  const instance = ++instances
  return {
    label: 'register (start-up + application + guards)',
    async run(round) {
      const editionStream = `edition-reg-${instance}-${round}`
      await ctx.store.append([{ streamId: editionStream, expectedVersion: 0, events: [editionOpened()] }], { metadata })
      for (let i = 0; i < perRound; i++) {
        const startupId = uuidv7()
        const applicationId = uuidv7()
        await ctx.store.append(
          [
            { streamId: `startup-${startupId}`, expectedVersion: 0, events: [startupRegistered(startupId)] },
            { streamId: `application-${applicationId}`, expectedVersion: 0, events: [applicationSubmitted(applicationId, startupId)] },
          ],
          {
            metadata,
            counters: [{ counterId: `edition-lifecycle#${editionStream}`, expected: 0, value: 0 }],
            guards: [{ guardId: editionApplicationGuardId(editionStream, startupId), data: { applicationId } }],
          },
        )
      }
      return perRound
    },
  }
}

/** The same four items in one raw TransactWriteItems, each conditional like ours. */
const rawRegister = (ctx: BenchContext, perRound: number): Workload => {
  const instance = ++instances
  const item = (streamId: string, version: number, event: ReturnType<typeof startupRegistered>) => ({
    Put: {
      TableName: ctx.names.events,
      Item: { eventId: uuidv7(), streamId, version, type: event.type, schemaVersion: 1, data: event.data, metadata, recordedAt: new Date().toISOString() },
      ConditionExpression: 'attribute_not_exists(streamId)',
    },
  })
  const guard = (guardId: string, data: Record<string, string>) => ({
    Put: { TableName: ctx.names.guards, Item: { guardId, ...data, recordedAt: new Date().toISOString() }, ConditionExpression: 'attribute_not_exists(guardId)' },
  })
  return {
    label: 'raw TransactWriteItems',
    async run(round) {
      const editionStream = `raw-reg-${instance}-${round}`
      await ctx.store.append([{ streamId: editionStream, expectedVersion: 0, events: [editionOpened()] }], { metadata })
      for (let i = 0; i < perRound; i++) {
        const startupId = uuidv7()
        const applicationId = uuidv7()
        await ctx.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              item(`startup-raw-${startupId}`, 1, startupRegistered(startupId)),
              item(`application-raw-${applicationId}`, 1, applicationSubmitted(applicationId, startupId)),
              {
                ConditionCheck: {
                  TableName: ctx.names.guards,
                  Key: { guardId: `edition-lifecycle#${editionStream}` },
                  ConditionExpression: 'attribute_not_exists(guardId) OR #count = :expected',
                  ExpressionAttributeNames: { '#count': 'count' },
                  ExpressionAttributeValues: { ':expected': 0 },
                },
              },
              guard(`edition-application#${editionStream}#${startupId}`, { applicationId }),
            ],
          }),
        )
      }
      return perRound
    },
  }
}

export const registerCases = async (ctx: BenchContext, rounds: number) => [
  await compare('register', ourRegister(ctx, ctx.size(150, 30)), rawRegister(ctx, ctx.size(150, 30)), { rounds, target: 0.9 }),
]
