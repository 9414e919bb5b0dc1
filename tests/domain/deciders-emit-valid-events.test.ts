import { describe, expect, it } from 'vitest'
import { type DomainEvent, eventTypeNames, parseDomainEvent } from '../../domain/events/index.js'
import { type EditionCommand, editionDecider } from '../../domain/edition/index.js'
import { partnerDecider } from '../../domain/partner/index.js'
import { type Decider, fold } from '../../domain/shared/decider.js'
import { UnknownCommandError } from '../../domain/shared/errors.js'
import { startupDecider } from '../../domain/startup/index.js'
import { exportDecider } from '../../domain/team-sud-export/index.js'
import * as f from './edition/fixtures.js'
import type { Decide } from './given-when-then.js'
import { decideReport, reportOutcomes, type OutcomesHistoryEvent } from './outcomes/fixtures.js'
import { decideInProgramme, type ProgrammeCommand } from './programme.js'
import { recordProspection, recordSupport } from './team-sud-export/fixtures.js'

/** Runs commands one after another, each against the history the previous ones made. */
const run = <C, E>(decide: Decide<C, E>, commands: readonly C[], history: readonly E[] = []): E[] =>
  commands.reduce<E[]>((events, command) => [...events, ...decide(command, [...history, ...events])], [])

const alone =
  <C, E, S>(decider: Decider<C, E, S, undefined>): Decide<C, E> =>
  (command, history) =>
    decider.decide(command, fold(decider, history), undefined)

const programme: ProgrammeCommand[] = [
  f.openEdition(),
  f.submitApplication('app-1', 's1'),
  f.submitApplication('app-2', 's2'),
  f.submitApplication('app-3', 's3'),
  f.decideApplication('app-1', 'selected', 'Strong team'),
  f.decideApplication('app-2', 'rejected'),
  f.withdrawApplication('app-3', 'staff', 'Duplicate'),
  f.recordAward('s1', { award: 'best-of-innovation' }),
  f.joinPartner('tpm'),
  { type: 'CloseEdition', editionId: f.editionId, now: f.now },
]

const registered = run(alone(startupDecider), [
    {
      type: 'RegisterStartup',
      startupId: 's1',
      name: 'Calanques Tech',
      siret: '73282932000074',
      city: 'Marseille',
      territory: 'aix-marseille-provence',
      website: 'https://calanques.example',
      themes: ['environment'],
      description: '',
      contact: f.contact,
      now: f.now,
    } as const,
  ])

// Applications for s1 by someone it does not name: held, then confirmed or dismissed.
const stranger = { name: 'Eve Usurpe', email: 'eve@elsewhere.example' }
const held: ProgrammeCommand[] = [
  f.submitApplication('app-4', 's1', { contact: stranger }),
  f.submitApplication('app-5', 's1', { contact: stranger }),
  { type: 'ConfirmApplication', applicationId: 'app-4', now: f.now },
  { type: 'DismissApplication', applicationId: 'app-5', reason: 'Unknown to the company', now: f.now },
]

const decided = run(decideInProgramme, programme)
const staff = { by: 'staff', staffMember: 'staff-1' } as const
// s1's record after its selection: published, corrected (published again), recovered.
const record: ProgrammeCommand[] = [
  { type: 'PublishStartupProfile', startupId: 's1', now: f.now },
  {
    type: 'CorrectStartupProfile',
    startupId: 's1',
    name: 'Calanques Technologies',
    contact: { name: 'Inès Martin', email: 'ines.martin@calanques.example', phone: '0491000000' },
    language: 'en',
    reason: 'Renamed in 2020',
    now: f.now,
  },
  {
    type: 'RecoverStartup',
    startupId: 's1',
    name: 'Calanques Tech',
    city: 'Marseille',
    territory: 'aix-marseille-provence',
    website: 'https://calanques.example',
    themes: ['environment'],
    description: 'Solar desalination.',
    contact: { name: 'Paul Aubert', email: 'paul@calanques.example' },
    language: 'fr',
    reason: 'Registered first by someone else',
    now: f.now,
  },
]

const events: DomainEvent[] = [
  ...decided,
  ...run(
    decideReport,
    [reportOutcomes('s1'), reportOutcomes('s1', { reportedBy: staff, noteForStaff: 'Checked.' })],
    decided as OutcomesHistoryEvent[],
  ),
  ...run(alone(exportDecider), [
    recordProspection('p-2019-q1'),
    recordProspection('p-2019-q1-fix', { corrects: 'p-2019-q1', rows: [] }),
    recordSupport('s-2019-q1'),
  ]),
  ...registered,
  ...run(decideInProgramme, held, [f.opened(), ...registered]),
  ...run(decideInProgramme, record, registered),
  ...run(alone(partnerDecider), [
    { type: 'RegisterPartner', partnerId: 'tpm', name: 'TPM', kind: 'metropolis', now: f.now },
  ]),
]

describe('every event the deciders emit', () => {
  it('covers every event type but the erasure record', () => {
    // `startup.contacts-erased` is recorded by the erasure itself (functions/personal-data/
    // erasure.ts), which no decider decides: it states a fact about keys, not a rule.
    const decided = eventTypeNames.filter((type) => type !== 'startup.contacts-erased')
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(decided))
  })

  it.each(events.map((event) => [event.type, event] as const))(
    '%s passes its schema',
    (_, event) => {
      expect(parseDomainEvent(event.type, event.data)).toEqual(event)
    },
  )

  it('holds no undefined values (DynamoDB refuses them)', () => {
    for (const event of events) expect(JSON.parse(JSON.stringify(event))).toEqual(event)
  })
})

describe('a command type no decider knows', () => {
  it('is a programming error, not a rule violation', () => {
    const bogus = { type: 'DeleteEdition' } as unknown as EditionCommand
    const decide = () => editionDecider.decide(bogus, editionDecider.initialState, {})
    expect(decide).toThrow(UnknownCommandError)
  })
})
