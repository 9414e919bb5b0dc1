import { checkEnvelopeData } from '../../domain/events/index.js'
import { createDynamoEventStore } from '../../functions/store/dynamo-event-store.js'
import type { EventStore } from '../../functions/store/event-store.js'
import type { PersonalDataVault } from '../../functions/personal-data/vault.js'
import { applicationSubmitted } from '../fixtures/events.js'
import type { BenchContext } from '../context.js'
import { compare, concurrently, type Workload } from '../interleave.js'

const metadata = { correlationId: 'bench', actor: 'bench' }

/**
 * The same store with personal data written as it comes: what the run costs without
 * encryption. Its reads check each event's data once, as the vault's do. Bench only:
 * the real store refuses personal data without a vault.
 */
const clearVault = {
  prepare: () => Promise.resolve(),
  seal: (envelope) => envelope,
  open: (envelopes) => Promise.resolve(envelopes.map(checkEnvelopeData)),
} as Pick<PersonalDataVault, 'prepare' | 'seal' | 'open'> as PersonalDataVault

let instances = 0
const subjects = 20

/** Each writer appends an application (with its contact) to a new stream, for 20 known subjects. */
const appendApplications = (store: EventStore, label: string, perRound: number): Workload => {
  const instance = ++instances
  return {
    label,
    run: (round) =>
      concurrently(perRound, 1, async (i) => {
        const streamId = `application-pd-${instance}-${round}-${i}`
        const event = applicationSubmitted(`pd-${instance}-${round}-${i}`, `pd-startup-${i % subjects}`)
        await store.append([{ streamId, expectedVersion: 0, events: [event] }], { metadata })
      }),
  }
}

/** Reads a stream of 50 applications of one start-up (each holding a contact), cold. */
const readStream = (store: EventStore, streamId: string, label: string, loads: number): Workload => ({
  label,
  async run() {
    for (let i = 0; i < loads; i++) await store.readStream(streamId)
    return loads
  },
})

export const personalDataCases = async (ctx: BenchContext, rounds: number) => {
  const tables = { events: ctx.names.events, guards: ctx.names.guards }
  const sealed = createDynamoEventStore({ doc: ctx.doc, tables, personalData: ctx.personalData })
  const clear = createDynamoEventStore({ doc: ctx.doc, tables, personalData: clearVault })
  const perRound = ctx.size(200, 40)
  const append = await compare(
    'append with personal data, encrypted',
    appendApplications(sealed, 'append, contact sealed (AES-256-GCM, warm key)', perRound),
    appendApplications(clear, 'the same append, contact in clear', perRound),
    { rounds, target: 0.9, note: 'a new subject costs one more PutItem and one master-key wrap, once' },
  )
  const events = Array.from({ length: 50 }, (_, i) => applicationSubmitted(`pd-read-${i}`, 'pd-startup-read'))
  await sealed.append([{ streamId: 'application-pd-sealed', expectedVersion: 0, events }], { metadata })
  await clear.append([{ streamId: 'application-pd-clear', expectedVersion: 0, events }], { metadata })
  const loads = ctx.size(60, 12)
  const rehydrate = await compare(
    'read 50 events with personal data, decrypted',
    readStream(sealed, 'application-pd-sealed', 'read, contacts opened (key cached)', loads),
    readStream(clear, 'application-pd-clear', 'the same read, contacts in clear', loads),
    { rounds, target: 0.9 },
  )
  return [append, rehydrate]
}
