import { createRoute, z } from '@hono/zod-openapi'
import { contactSchema } from '../../../domain/events/index.js'
import { startupErrors } from '../../../domain/startup/errors.js'
import { exportPersonalData } from '../../queries/personal-data-export.js'
import { personalDataEventsOf } from '../../queries/startup-records.js'
import { eraseDataSubject, eraseStartupContacts } from '../../commands/erase-contacts.js'
import { authorize } from '../auth/authorize.js'
import { commandContextOf } from '../commands.js'
import type { ApiDeps } from '../deps.js'
import { newRouter } from '../router.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'

const secured = { tags: ['Personal data'], security: [{ bearer: [] }] }
const startupParam = z.object({ startupId: z.string().min(1).max(100) })

const erasedEvent = z.object({ streamId: z.string(), version: z.number().int(), type: z.string(), recordedAt: z.string() })
const startupErasure = z
  .object({
    startupId: z.string(),
    contactsErased: z.number().int().describe('Contact people whose keys this call destroyed; 0 when nothing was left'),
    events: z.array(erasedEvent).describe('The events that held their personal data: they read `contact: null` from now on'),
  })
  .openapi('StartupErasure')

const where = {
  eventId: z.string(),
  streamId: z.string(),
  version: z.number().int(),
  type: z.string(),
  recordedAt: z.string(),
  occurredAt: z.string(),
}
const personalDataExport = z
  .object({
    startupId: z.string(),
    records: z.array(
      z.union([
        z.object({ ...where, contact: contactSchema, erased: z.literal(false) }),
        z.object({ ...where, contact: z.null(), erased: z.literal(true) }),
      ]),
    ),
    erasures: z.array(z.object({ erasedAt: z.string(), contacts: z.number().int(), reason: z.string() })),
  })
  .openapi('PersonalDataExport')

const accessRoute = createRoute({
  method: 'get',
  path: '/startups/{startupId}/personal-data',
  operationId: 'exportPersonalData',
  summary: "Every personal fact held on a start-up's contact people (a subject access request)",
  ...secured,
  request: { params: startupParam },
  responses: { 200: jsonContent(personalDataExport, 'Decrypted, with when and in which event'), ...commandProblems },
})

const startupErasureRoute = createRoute({
  method: 'post',
  path: '/startups/{startupId}/erasure',
  operationId: 'eraseStartupContacts',
  summary: "Erases the personal data of a start-up's contact people (crypto-shredding)",
  description: 'Idempotent: once erased, it answers `contactsErased: 0` and records nothing more.',
  ...secured,
  request: { params: startupParam },
  responses: { 200: jsonContent(startupErasure, 'What was erased'), ...commandProblems },
})

const subjectErasureRoute = createRoute({
  method: 'post',
  path: '/data-subjects/erasure',
  operationId: 'eraseDataSubject',
  summary: 'Erases one person wherever they were a start-up’s contact, from their e-mail address',
  ...secured,
  request: {
    body: { required: true, content: { 'application/json': { schema: z.object({ email: z.email().max(254) }).strict() } } },
  },
  responses: {
    200: jsonContent(z.object({ startups: z.array(startupErasure) }).openapi('DataSubjectErasure'), 'What was erased, per start-up'),
    ...commandProblems,
  },
})

/**
 * The right of access and the right to erasure (staff, `admin`): the export decrypts
 * what the events hold; an erasure destroys the data keys, so every event keeps its slot
 * and its non-personal facts, and reads `contact: null` from then on.
 *
 * @example app.route('/', personalDataRoutes(deps))
 */
export const personalDataRoutes = (deps: ApiDeps) => {
  const middleware = [authorize(deps.verifier, ['admin'])]
  const erasure = { ...deps, personalDataEvents: personalDataEventsOf(deps) }
  return newRouter()
    .openapi({ ...accessRoute, middleware }, async (c) => {
      const { startupId } = c.req.valid('param')
      const answer = await exportPersonalData(deps, startupId)
      if (!answer) throw startupErrors.notFound(startupId)
      return c.json({ ...answer, records: [...answer.records], erasures: [...answer.erasures] }, 200)
    })
    .openapi({ ...startupErasureRoute, middleware }, async (c) => {
      const { startupId } = c.req.valid('param')
      const erased = await eraseStartupContacts(erasure, startupId, { reason: 'request', context: commandContextOf(c, deps.clock) })
      return c.json({ ...erased, events: [...erased.events] }, 200)
    })
    .openapi({ ...subjectErasureRoute, middleware }, async (c) => {
      const { email } = c.req.valid('json')
      const startups = await eraseDataSubject(erasure, email, { context: commandContextOf(c, deps.clock) })
      return c.json({ startups: startups.map((erased) => ({ ...erased, events: [...erased.events] })) }, 200)
    })
}
