import { z } from 'zod'
import { awardLevel, type EventOf, occurredAt } from '../events/index.js'
import { collections, projectionNames } from './collections.js'
import {
  byCodeUnits,
  byInstantThenId,
  insertSorted,
  own,
  put,
  removeOne,
} from './draft-ops.js'
import type { Draft, FeedEvent, Projection } from './projection.js'
import { directoryKeysOf, evolveIndexEntry, type StartupIndexEntry } from './startup-index.js'
import { type ApplicationStatus, applicationStatus, statusAfter } from './tally.js'

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
 * was submitted with (two streams): its snapshot stands in until then. The editions
 * are sorted by id, the awards by when they were won (then by id).
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

type Profile = 'name' | 'territory' | 'themes'

/**
 * A start-up's page as the projector keeps it. An award (an edition's stream) may reach
 * the Feed before both the registration and the application: the page then holds only its
 * record, hidden from readers until one of them says who the start-up is.
 */
export type StartupDraft = Omit<StartupDoc, Profile> & Partial<Pick<StartupDoc, Profile>>
export type StartupDirectoryDoc = StartupDraft | StartupIndexEntry

type Application = z.infer<typeof startupApplication>
type Award = z.infer<typeof startupAward>

const isKnown = (doc: StartupDraft): doc is StartupDoc => doc.name !== undefined

const blank = (startupId: string): StartupDraft => ({
  startupId,
  registered: false,
  applications: {},
  editionsApplied: [],
  editionsSelected: [],
  awards: [],
})

const byAward = byInstantThenId<Award>((award) => award.wonAt, (award) => award.awardId)
const byApplication = byInstantThenId<Application>(
  (application) => application.submittedAt,
  (application) => application.applicationId,
)

/**
 * Until the registration comes, the page stands in with the snapshot of the start-up's
 * earliest application: the same one whatever order the applications came in. Only then
 * does it look at the other applications (a start-up has one per edition at most).
 */
const standIn = (
  doc: StartupDraft,
  application: Application,
  snapshot: EventOf<'application.submitted'>['data'],
) => {
  if (doc.registered) return
  const earlier = (other: Application) => byApplication(other, application) < 0
  if (isKnown(doc) && Object.values(doc.applications).some(earlier)) return
  doc.name = snapshot.startupName
  doc.territory = snapshot.territory
  doc.themes = [...snapshot.themes]
}

/** A decision or withdrawal: the application's status, and the editions it was selected for. */
const decided = (doc: StartupDraft, application: Application, status: ApplicationStatus) => {
  if (application.status === 'selected') removeOne(doc.editionsSelected, application.editionId)
  if (status === 'selected') insertSorted(doc.editionsSelected, application.editionId, byCodeUnits)
  application.status = status
}

/**
 * Folds an event into a start-up's page, in place: O(1) per event when events come in
 * time order (sorted lists are kept by insertion from their end), whatever the order
 * between the start-up's, its applications' and its editions' streams.
 *
 * @example evolveStartup(undefined, registered)?.registered // true
 */
export const evolveStartup = (
  draft: Draft<StartupDraft> | undefined,
  event: FeedEvent,
): StartupDraft | undefined => {
  switch (event.type) {
    case 'startup.registered': {
      const { startupId, name, city, territory, themes, website } = event.data
      const doc = draft ?? blank(startupId)
      const registeredAt = occurredAt(event)
      const profile = { name, city, territory, themes: [...themes], website, registeredAt }
      return Object.assign(doc, { registered: true, ...profile })
    }
    case 'startup.profile-corrected':
    case 'startup.recovered': {
      // Staff's correction names what changed; a recovery names the whole real profile.
      const { startupId, name, city, territory, themes, website } = event.data
      const doc = draft ?? blank(startupId)
      const changed = { name, city, territory, website, ...(themes ? { themes: [...themes] } : {}) }
      for (const [field, value] of Object.entries(changed)) if (value !== undefined) Object.assign(doc, { [field]: value })
      return doc
    }
    case 'application.submitted': {
      const { applicationId, editionId, startupId } = event.data
      const doc = draft ?? blank(startupId)
      if (own(doc.applications, applicationId)) return doc
      const submittedAt = occurredAt(event)
      const status = 'submitted'
      const application: Application = { applicationId, editionId, status, submittedAt }
      standIn(doc, application, event.data)
      put(doc.applications, applicationId, application)
      insertSorted(doc.editionsApplied, editionId, byCodeUnits)
      return doc
    }
    case 'application.selected':
    case 'application.rejected':
    case 'application.withdrawn': {
      const application = draft && own(draft.applications, event.data.applicationId)
      if (draft === undefined || application === undefined) return draft
      decided(draft, application, statusAfter[event.type])
      application.decidedAt = occurredAt(event)
      return draft
    }
    case 'award.won': {
      const { awardId, editionId, startupId, award, category } = event.data
      const doc = draft ?? blank(startupId)
      const won = { awardId, editionId, award, category, wonAt: occurredAt(event) }
      insertSorted(doc.awards, won, byAward)
      return doc
    }
    default:
      return draft
  }
}

const isStartupDoc = (doc: StartupDirectoryDoc | undefined): doc is StartupDraft =>
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
    'startup.profile-corrected',
    'startup.recovered',
    'application.submitted',
    'application.selected',
    'application.rejected',
    'application.withdrawn',
    'award.won',
  ],
  keysOf: directoryKeysOf,
  evolve: (draft, event, key) =>
    key.collection === collections.startups
      ? evolveStartup(isStartupDoc(draft) ? draft : undefined, event)
      : evolveIndexEntry(isIndexEntry(draft) ? draft : undefined, event, key),
  isPublic: (doc) => !isStartupDoc(doc) || isKnown(doc),
}
