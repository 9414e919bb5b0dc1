import type { Context } from 'hono'
import { Hono } from 'hono'
import { editionDecider } from '../../../domain/edition/index.js'
import type { ApiEnv } from '../../shared/http/app-env.js'
import type { WebsiteDeps } from '../website-deps.js'
import { registrationForm } from '../../contract/requests.js'
import { type AppRequest, callApi } from '../api-client.js'
import type { PageAssets } from '../assets.js'
import { dateTime } from '../i18n/labels.js'
import { messagePage, pageContext, type PageContext } from '../layout.js'
import { pageHeaders } from '../page-headers.js'
import { applyFormPage, type ApplyFormView, type EditionForForm } from './apply-form.js'
import { confirmationPage, type Submitted } from './confirmation.js'
import { fieldErrorMessage, fieldMessage, fieldOf } from './field-messages.js'
import { pathOf } from './form-fields.js'
import { readForm } from '../form-body.js'
import { refusalLine } from '../problem-messages.js'

export interface ApplyPagesDeps {
  readonly deps: WebsiteDeps
  readonly request: AppRequest
  readonly assets: PageAssets
}

/** Edition ids are slugs; anything else names no edition and is not looked up. */
const editionIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

type Lookup =
  | { readonly kind: 'open'; readonly edition: EditionForForm }
  | { readonly kind: 'closed' | 'deadline-passed'; readonly edition: EditionForForm }
  | { readonly kind: 'not-found' }

/** The edition as its own stream says now (not a read model: a closed edition shows closed at once). */
const lookUp = async ({ aggregates, clock }: WebsiteDeps, editionId: string): Promise<Lookup> => {
  if (!editionIdPattern.test(editionId) || editionId.length > 64) return { kind: 'not-found' }
  const { state } = await aggregates.load(editionDecider, editionId)
  if (state.status === 'absent' || state.edition === null) return { kind: 'not-found' }
  const { name, applicationDeadline, themes } = state.edition
  const edition = { editionId, name, applicationDeadline, themes }
  if (state.status === 'closed') return { kind: 'closed', edition }
  if (clock().getTime() > Date.parse(applicationDeadline)) return { kind: 'deadline-passed', edition }
  return { kind: 'open', edition }
}

/** The page that replaces the form when it cannot be sent. */
const unavailable = (c: Context, page: PageContext, lookup: Exclude<Lookup, { kind: 'open' }>) => {
  const { t, lang } = page
  if (lookup.kind === 'not-found') {
    return c.html(messagePage(page, { title: t.notFound.title, message: t.apply.editionNotFound }), 404)
  }
  const { name, applicationDeadline } = lookup.edition
  const message =
    lookup.kind === 'closed' ? t.apply.closed(name) : t.apply.deadlinePassed(name, dateTime(applicationDeadline, lang))
  return c.html(messagePage(page, { title: t.apply.closedTitle(name), message }), 410)
}

type FormStatus = 200 | 400 | 409 | 422 | 429 | 500 | 503

/** The API's status for a refusal the form shows again, or 500 for one it did not expect. */
const refusedStatus = (status: number): FormStatus =>
  status === 400 || status === 409 || status === 422 || status === 429 || status === 503 ? status : 500

/** The posted fields by path (`startup.themes`), as typed, to show them again. */
const valuesOf = (fields: Record<string, unknown>) => {
  const values: Record<string, string | string[]> = {}
  for (const [name, raw] of Object.entries(fields)) {
    const all = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string')
    values[pathOf(name)] = name.endsWith('[]') ? all : (all[0] ?? '')
  }
  return values
}

/**
 * `GET /editions/{editionId}/apply`: the registration form, and `POST` of the same path:
 * validated with the API's own schema (messages next to each field), then sent to
 * `POST /editions/{editionId}/applications` in process with the form's idempotency key.
 *
 * @example app.route('/', applyRoutes({ deps, request: app.request, assets }))
 */
export const applyRoutes = ({ deps, request, assets }: ApplyPagesDeps) => {
  const headers = pageHeaders({ frameAncestors: deps.corsOrigins })
  const form = (c: Context, page: PageContext, edition: EditionForForm, view: Omit<ApplyFormView, 'idempotencyKey'>, status: FormStatus) =>
    c.html(applyFormPage(page, edition, { ...view, idempotencyKey: deps.newId() }), status)

  return new Hono<ApiEnv>()
    .use('/editions/:editionId/apply', headers)
    .get('/editions/:editionId/apply', async (c) => {
      const page = pageContext(c, assets)
      const lookup = await lookUp(deps, c.req.param('editionId'))
      if (lookup.kind !== 'open') return unavailable(c, page, lookup)
      return form(c, page, lookup.edition, { values: {}, errors: {} }, 200)
    })
    .post('/editions/:editionId/apply', async (c) => {
      const page = pageContext(c, assets)
      const editionId = c.req.param('editionId')
      const lookup = await lookUp(deps, editionId)
      if (lookup.kind !== 'open') return unavailable(c, page, lookup)
      const { idempotencyKey, ...posted } = await readForm(() => c.req.parseBody({ all: true }))
      // An empty optional field is an absent one (a blank phone is no phone).
      const fields = Object.fromEntries(Object.entries(posted).filter(([, value]) => value !== ''))
      const values = valuesOf(posted)
      const parsed = registrationForm.safeParse(fields)
      if (!parsed.success) {
        const errors: Record<string, string> = {}
        for (const issue of parsed.error.issues) errors[fieldOf(issue)] ??= fieldMessage(issue, page.lang)
        return form(c, page, lookup.edition, { values, errors }, 400)
      }
      const answer = await callApi(request, `/editions/${editionId}/applications`, {
        method: 'POST',
        body: parsed.data,
        idempotencyKey: typeof idempotencyKey === 'string' && idempotencyKey ? idempotencyKey : undefined,
        correlationId: c.var.correlationId,
        from: c.env,
      })
      if (answer.ok) {
        const submitted = answer.body as Submitted
        const origin = new URL(c.req.url).origin
        return c.html(confirmationPage(page, lookup.edition.name, submitted, origin), answer.status === 201 ? 201 : 200)
      }
      const { t } = page
      switch (answer.code) {
        case 'already-applied':
          return form(c, page, lookup.edition, { values, errors: {}, notice: t.apply.alreadyApplied }, 409)
        case 'idempotency-key-reused':
          return form(c, page, lookup.edition, { values, errors: {}, notice: t.apply.keyReused }, 422)
        case 'busy':
          return form(c, page, lookup.edition, { values, errors: {}, notice: t.apply.busy }, 503)
        case 'edition-closed':
          return unavailable(c, page, { kind: 'closed', edition: lookup.edition })
        case 'application-deadline-passed':
          return unavailable(c, page, { kind: 'deadline-passed', edition: lookup.edition })
        case 'validation-failed': {
          const errors = Object.fromEntries((answer.problem?.errors ?? []).map((error) => [error.field, fieldErrorMessage(error, page.lang)]))
          return form(c, page, lookup.edition, { values, errors }, 400)
        }
        default: {
          // Any other refusal (a limit reached, a consent wording withdrawn…): the form again, its
          // answers kept, with why in the applicant's language.
          const notice = refusalLine(page.lang, answer)
          return form(c, page, lookup.edition, { values, errors: {}, notice }, refusedStatus(answer.status))
        }
      }
    })
}
