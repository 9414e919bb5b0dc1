import type {
  ApplicationEvent,
  DecideApplication,
  SubmitApplication,
  WithdrawApplication,
} from '../../../domain/application/index.js'
import type { EventOf } from '../../../domain/events/index.js'
import type { EditionEvent, JoinPartner, OpenEdition, RecordAward } from '../../../domain/edition/index.js'

/** CES Las Vegas 2020 as the programme ran it, with a small capacity for the seat rules. */
export const editionId = 'ces-2020'
export const now = '2019-09-01T10:00:00+02:00'
export const contact = { name: 'Inès Martin', email: 'ines@calanques.example' }

export const openEdition = (overrides: Partial<OpenEdition> = {}): OpenEdition => ({
  type: 'OpenEdition',
  editionId,
  name: 'CES Las Vegas 2020',
  show: 'CES',
  city: 'Las Vegas',
  startsOn: '2020-01-07',
  endsOn: '2020-01-10',
  applicationDeadline: '2019-10-15T23:59:59+02:00',
  capacity: 2,
  themes: ['environment', 'health'],
  now,
  ...overrides,
})

export const opened = (overrides: Partial<OpenEdition> = {}): EditionEvent => {
  const { type: _type, now: _now, ...data } = openEdition(overrides)
  return { type: 'edition.opened', data }
}

export const closed: EditionEvent = { type: 'edition.closed', data: { editionId } }

export const submitApplication = (
  applicationId: string,
  startupId: string,
  overrides: Partial<SubmitApplication> = {},
): SubmitApplication => ({
  type: 'SubmitApplication',
  editionId,
  applicationId,
  startupId,
  startupName: `Start-up ${startupId}`,
  territory: 'aix-marseille-provence',
  themes: ['environment'],
  pitch: 'We turn sea water into drinking water with sunlight.',
  contact,
  consent: { version: '2026-12', givenAt: now },
  now,
  ...overrides,
})

/** What a submission records: the command's data, in French unless it says otherwise. */
export const submissionOf = ({ type: _type, now: _now, ...data }: SubmitApplication) => ({
  ...data,
  language: data.language ?? ('fr' as const),
})

export const submitted = (applicationId: string, startupId: string): ApplicationEvent => ({
  type: 'application.submitted',
  data: submissionOf(submitApplication(applicationId, startupId)),
})

type Decided = EventOf<'application.selected' | 'application.rejected'>
export const selected = (applicationId: string, startupId: string): Decided => ({
  type: 'application.selected',
  data: { applicationId, editionId, startupId },
})
export const rejected = (applicationId: string, startupId: string): Decided => ({
  type: 'application.rejected',
  data: { applicationId, editionId, startupId },
})
export const withdrawn = (applicationId: string, startupId: string): ApplicationEvent => ({
  type: 'application.withdrawn',
  data: { applicationId, editionId, startupId, by: 'startup' },
})

export const decideApplication = (
  applicationId: string,
  decision: DecideApplication['decision'],
  reason?: string,
): DecideApplication => ({
  type: 'DecideApplication',
  applicationId,
  decision,
  ...(reason === undefined ? {} : { reason }),
  now,
})

export const withdrawApplication = (
  applicationId: string,
  by: WithdrawApplication['by'] = 'startup',
  reason?: string,
): WithdrawApplication => ({
  type: 'WithdrawApplication',
  applicationId,
  by,
  ...(reason === undefined ? {} : { reason }),
  now,
})

export const recordAward = (
  startupId: string,
  overrides: Partial<RecordAward> = {},
): RecordAward => ({
  type: 'RecordAward',
  editionId,
  awardId: `award-${startupId}`,
  startupId,
  award: 'honoree',
  category: 'Sustainability, Eco-Design & Smart Energy',
  now: '2020-01-08T18:00:00-08:00',
  ...overrides,
})

export const joinPartner = (
  partnerId: string,
  overrides: Partial<JoinPartner> = {},
): JoinPartner => ({
  type: 'JoinPartner',
  editionId,
  partnerId,
  name: 'Métropole Toulon Provence Méditerranée',
  kind: 'metropolis',
  contribution: 'Ten stands in the Eureka Park pavilion',
  now,
  ...overrides,
})

export const joined = (partnerId: string): EditionEvent => {
  const { type: _type, now: _now, ...data } = joinPartner(partnerId)
  return { type: 'partner.joined', data }
}
