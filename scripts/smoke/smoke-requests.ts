import { z } from 'zod'
import { currentConsentVersion } from '../../domain/shared/consent.js'

/**
 * What the smoke test sends and the little it reads of each answer (parsed, so an answer
 * of another shape is a failure that says so).
 */

const inDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000)

/** The run's own edition: open to applications for 30 days, one seat. */
export const smokeEdition = (editionId: string, runId: string, now: Date) => ({
  id: editionId,
  name: `Smoke test ${runId}`,
  show: 'Smoke test',
  city: 'Marseille',
  startsOn: inDays(now, 60).toISOString().slice(0, 10),
  endsOn: inDays(now, 62).toISOString().slice(0, 10),
  applicationDeadline: inDays(now, 30).toISOString(),
  capacity: 1,
  themes: ['environment'],
})

// One start-up for every run: its SIRET registers it once, later runs apply in its name.
const smokeStartup = {
  name: 'Délégation Sud smoke test',
  siret: '90000000001009',
  city: 'Marseille',
  territory: 'aix-marseille-provence',
  website: 'https://smoke.example',
  themes: ['environment'],
  description: 'The application npm run smoke makes to check a deployment.',
}

/** What the form posts, with the consent wording it shows today (domain/shared/consent.ts). */
export const smokeApplication = {
  startup: smokeStartup,
  contact: { name: 'Smoke Test', email: 'smoke@delegation-sud.invalid' },
  pitch: 'Checking the deployment.',
  consent: true,
  consentVersion: currentConsentVersion,
}
export const smokePartner = {
  name: 'Délégation Sud smoke test',
  kind: 'other',
  contribution: 'Checks the deployment',
}

export const submitted = z.object({ applicationId: z.string(), status: z.string() })
export const decided = z.object({ status: z.string() })
export const report = z.object({
  counts: z.object({ applications: z.number(), selected: z.number() }),
  currentTo: z.number(),
})
export const joined = z.object({ partnerId: z.string() })
export const issued = z.object({ keyId: z.string(), apiKey: z.string() })
export const feedPage = z.object({
  events: z.array(
    z.object({ sequence: z.number(), type: z.string(), data: z.record(z.string(), z.unknown()) }),
  ),
  next: z.string(),
})
