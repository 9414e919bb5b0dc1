import { z } from 'zod'
import { awardLevel, occurredAt } from '../events/index.js'
import { collections, projectionNames } from './collections.js'
import type { FeedEvent, Projection } from './projection.js'
import { directoryKeysOf, evolveIndexEntry, type StartupIndexEntry } from './startup-index.js'
import { applicationStatus, own, statusAfter } from './tally.js'

/** One of a start-up's applications, as its page lists them. */
export const startupApplication = z.object({
  applicationId: z.string(),
  editionId: z.string(),
  status: applicationStatus,
  submittedAt: z.string(),
  decidedAt: z.string().optional(),
})

const startupAward = z.object({
  awardId: z.string(),
  editionId: z.string(),
  award: awardLevel,
  category: z.string(),
  wonAt: z.string(),
})

/**
 * A start-up's page: what it registered (never its contact person) and its record
 * in the programme. An application can reach the Feed before the registration it
 * was submitted with (two streams): its snapshot stands in until then.
 */
export const startupDoc = z.object({
  startupId: z.string(),
  registered: z.boolean(),
  name: z.string(),
  city: z.string().optional(),
  territory: z.string(),
  themes: z.array(z.string()),
  website: z.string().optional(),
  registeredAt: z.string().optional(),
  applications: z.record(z.string(), startupApplication),
  editionsApplied: z.array(z.string()),
  editionsSelected: z.array(z.string()),
  awards: z.array(startupAward),
})
export type StartupDoc = z.infer<typeof startupDoc>
export type StartupDirectoryDoc = StartupDoc | StartupIndexEntry

type Application = z.infer<typeof startupApplication>

const withApplication = (doc: StartupDoc, application: Application): StartupDoc => {
  const applications = { ...doc.applications, [application.applicationId]: application }
  const editions = (keep: (status: string) => boolean) =>
    Object.values(applications)
      .filter((entry) => keep(entry.status))
      .map((entry) => entry.editionId)
      .sort()
  return {
    ...doc,
    applications,
    editionsApplied: editions(() => true),
    editionsSelected: editions((status) => status === 'selected'),
  }
}

const blank = (startupId: string, name: string, territory: string, themes: string[]) => ({
  startupId,
  registered: false,
  name,
  territory,
  themes,
  applications: {},
  editionsApplied: [],
  editionsSelected: [],
  awards: [],
})

/**
 * Folds an event into a start-up's page.
 *
 * @example evolveStartup(undefined, registered)?.registered // true
 */
export const evolveStartup = (
  doc: StartupDoc | undefined,
  event: FeedEvent,
): StartupDoc | undefined => {
  switch (event.type) {
    case 'startup.registered': {
      const { startupId, name, city, territory, themes, website } = event.data
      const base = doc ?? blank(startupId, name, territory, themes)
      const registeredAt = occurredAt(event)
      return { ...base, registered: true, name, city, territory, themes, website, registeredAt }
    }
    case 'application.submitted': {
      const { applicationId, editionId, startupId, startupName, territory, themes } = event.data
      const base = doc ?? blank(startupId, startupName, territory, themes)
      if (own(base.applications, applicationId)) return base
      const submittedAt = occurredAt(event)
      return withApplication(base, { applicationId, editionId, status: 'submitted', submittedAt })
    }
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn': {
      const application = doc && own(doc.applications, event.data.applicationId)
      if (doc === undefined || application === undefined) return doc
      const status = statusAfter[event.type]
      return withApplication(doc, { ...application, status, decidedAt: occurredAt(event) })
    }
    case 'award.won': {
      const { awardId, editionId, award, category } = event.data
      if (doc === undefined || doc.awards.some((known) => known.awardId === awardId)) return doc
      const won = { awardId, editionId, award, category, wonAt: occurredAt(event) }
      return { ...doc, awards: [...doc.awards, won] }
    }
    default:
      return doc
  }
}

const isStartupDoc = (doc: StartupDirectoryDoc | undefined): doc is StartupDoc =>
  doc !== undefined && 'applications' in doc

const isIndexEntry = (doc: StartupDirectoryDoc | undefined): doc is StartupIndexEntry =>
  doc !== undefined && !('applications' in doc)

/**
 * `startups/<startupId>` for `GET /startups/{startupId}`, and the index collections
 * `startups-by-territory#<slug>`, `startups-by-theme#<slug>`, `startups-by-edition#<id>`
 * that `GET /startups?territory=&theme=&edition=` queries (see startup-index.ts).
 */
export const startupDirectoryProjection: Projection<StartupDirectoryDoc> = {
  name: projectionNames.startupDirectory,
  eventTypes: [
    'startup.registered',
    'application.submitted',
    'application.selected',
    'application.rejected',
    'application.withdrawn',
    'award.won',
  ],
  keysOf: directoryKeysOf,
  evolve: (doc, event, key) =>
    key.collection === collections.startups
      ? evolveStartup(isStartupDoc(doc) ? doc : undefined, event)
      : evolveIndexEntry(isIndexEntry(doc) ? doc : undefined, event, key),
}
