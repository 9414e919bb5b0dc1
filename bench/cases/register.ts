import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { v7 as uuidv7 } from 'uuid'
import { applicationGuardId, siretGuardId } from '../../functions/store/guard-ids.js'
import { applicationSubmitted, editionOpened, startupRegistered } from '../../tests/fixtures/events.js'
import type { BenchContext } from '../context.js'
import { compare, type Workload } from '../interleave.js'

const metadata = { correlationId: 'bench', actor: 'bench' }
let instances = 0

/** A registration form's write: new start-up stream + application on the edition + guards. */
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
            { streamId: editionStream, expectedVersion: i + 1, events: [applicationSubmitted(applicationId, startupId)] },
          ],
          {
            metadata,
            guards: [
              { guardId: siretGuardId(`${instance}-${round}-${i}`), data: { startupId } },
              { guardId: applicationGuardId(applicationId), data: { editionId: editionStream, startupId } },
            ],
          },
        )
      }
      return perRound
    },
  }
}

/** The same four items in one raw TransactWriteItems, each Put conditional like ours. */
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
      for (let i = 0; i < perRound; i++) {
        const startupId = uuidv7()
        const applicationId = uuidv7()
        await ctx.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              item(`startup-raw-${startupId}`, 1, startupRegistered(startupId)),
              item(editionStream, i + 2, applicationSubmitted(applicationId, startupId)),
              guard(`siret#raw-${instance}-${round}-${i}`, { startupId }),
              guard(`application#raw-${applicationId}`, { editionId: editionStream, startupId }),
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
