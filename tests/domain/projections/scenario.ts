import type { DomainEvent } from '../../../domain/events/index.js'
import { feedOf } from './feed.js'

/** A small CES 2020 told in events: four applicants, decisions, an award, two partners. */

export const contact = { name: 'Inès Martin', email: 'ines@calanques.example' }

export const opened: DomainEvent = {
  type: 'edition.opened',
  data: {
    editionId: 'ces-2020',
    name: 'CES Las Vegas 2020',
    show: 'CES',
    city: 'Las Vegas',
    startsOn: '2020-01-07',
    endsOn: '2020-01-10',
    applicationDeadline: '2019-10-15T23:59:59+02:00',
    capacity: 30,
    themes: ['environment', 'health'],
  },
}

interface Applicant {
  readonly n: number
  readonly name: string
  readonly city: string
  readonly territory: string
  readonly themes: string[]
}

export const applicants: readonly Applicant[] = [
  {
    n: 1,
    name: 'Calanques Tech',
    city: 'Marseille',
    territory: 'aix-marseille-provence',
    themes: ['environment', 'maritime'],
  },
  { n: 2, name: 'Santé Azur', city: 'Nice', territory: 'nice-cote-d-azur', themes: ['health'] },
  {
    n: 3,
    name: 'Rade Énergie',
    city: 'Toulon',
    territory: 'toulon-provence-mediterranee',
    themes: ['environment', 'energy'],
  },
  { n: 4, name: 'Valbonne IA', city: 'Valbonne', territory: 'sophia-antipolis', themes: ['ai'] },
]

export const registered = ({ n, name, city, territory, themes }: Applicant): DomainEvent => ({
  type: 'startup.registered',
  data: {
    startupId: `s${n}`,
    name,
    siret: '73282932000074',
    city,
    territory,
    website: `https://startup-${n}.example`,
    themes,
    description: 'A start-up of the Région Sud.',
    contact,
    language: 'fr',
  },
})

export const submitted = (
  { n, name, territory, themes }: Applicant,
  editionId = 'ces-2020',
): DomainEvent => ({
  type: 'application.submitted',
  data: {
    applicationId: `a${n}-${editionId}`,
    editionId,
    startupId: `s${n}`,
    startupName: name,
    territory,
    themes,
    pitch: 'We make the region proud.',
    contact,
    consent: null,
    language: 'fr',
  },
})

export const decided = (n: number, selected: boolean, editionId = 'ces-2020'): DomainEvent => {
  const data = { applicationId: `a${n}-${editionId}`, editionId, startupId: `s${n}` }
  return selected ? { type: 'application.selected', data } : { type: 'application.rejected', data }
}

export const withdrawn = (n: number, editionId = 'ces-2020'): DomainEvent => ({
  type: 'application.withdrawn',
  data: { applicationId: `a${n}-${editionId}`, editionId, startupId: `s${n}`, by: 'startup' },
})

export const awardWon = (n: number, awardId: string): DomainEvent => ({
  type: 'award.won',
  data: {
    awardId,
    editionId: 'ces-2020',
    startupId: `s${n}`,
    award: 'best-of-innovation',
    category: 'Sustainability, Eco-Design & Smart Energy',
  },
})

export const partnerRegistered: DomainEvent = {
  type: 'partner.registered',
  data: { partnerId: 'region-sud', name: 'Région Sud', kind: 'region' },
}

export const partnerJoined = (
  partnerId: string,
  name: string,
  kind: 'region' | 'metropolis',
): DomainEvent => ({
  type: 'partner.joined',
  data: {
    partnerId,
    editionId: 'ces-2020',
    name,
    kind,
    contribution: 'Stands in the Eureka Park pavilion',
  },
})

const [one, two, three, four] = applicants as [Applicant, Applicant, Applicant, Applicant]
const nice = partnerJoined('nice-cote-d-azur', "Métropole Nice Côte d'Azur", 'metropolis')

/**
 * The story: s1 selected and awarded, s2 selected then withdrawn, s3 rejected, s4
 * withdrawn before any decision. s2's application reaches the Feed before its
 * registration (two streams); the metropolis joins before its registration exists.
 */
export const story = feedOf([
  [opened, '2019-06-03T09:00:00+02:00'],
  [registered(one), '2019-07-01T10:00:00+02:00'],
  [submitted(one), '2019-07-01T10:00:00+02:00'],
  [submitted(two), '2019-07-02T10:00:00+02:00'],
  [registered(two), '2019-07-02T10:00:00+02:00'],
  [registered(three), '2019-07-03T10:00:00+02:00'],
  [submitted(three), '2019-07-03T10:00:00+02:00'],
  [registered(four), '2019-07-04T10:00:00+02:00'],
  [submitted(four), '2019-07-04T10:00:00+02:00'],
  [withdrawn(4), '2019-08-01T10:00:00+02:00'],
  [decided(1, true), '2019-10-20T10:00:00+02:00'],
  [decided(2, true), '2019-10-20T11:00:00+02:00'],
  [decided(3, false), '2019-10-20T12:00:00+02:00'],
  [withdrawn(2), '2019-11-02T10:00:00+01:00'],
  [partnerRegistered, '2019-09-01T10:00:00+02:00'],
  [partnerJoined('region-sud', 'Région Sud', 'region'), '2019-09-01T10:00:00+02:00'],
  [nice, '2019-09-02T10:00:00+02:00'],
  [awardWon(1, 'award-1'), '2020-01-06T18:00:00-08:00'],
  [{ type: 'edition.closed', data: { editionId: 'ces-2020' } }, '2020-01-31T18:00:00+01:00'],
])
