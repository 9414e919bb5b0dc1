import type { Context } from 'hono'
import { Hono } from 'hono'
import { applicationTokenHeader, ownOutcomesBody } from '../../contract/outcome-requests.js'
import { ownOutcomes, type OwnOutcomes } from '../../queries/own-outcomes.js'
import type { ApiEnv } from '../../shared/http/app-env.js'
import { callApi } from '../api-client.js'
import type { ApplyPagesDeps } from '../apply/apply-routes.js'
import { readForm } from '../form-body.js'
import { outcomeMessagesFor } from '../i18n/outcome-messages.js'
import { messagePage, pageContext, type PageContext } from '../layout.js'
import { pageHeaders } from '../page-headers.js'
import { bodyFromForm, fieldErrorsOf, formErrors, postedValues, valuesOf } from './outcome-form.js'
import { ownOutcomesDone, ownOutcomesPage, type OwnOutcomesView } from './own-outcomes-page.js'

const path = '/applications/:applicationId/report-outcomes'

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

type Opened = { readonly kind: 'open'; readonly mine: OwnOutcomes } | { readonly kind: 'refused'; readonly status: 400 | 403 | 409 | 500; readonly message: string }

/**
 * `GET /applications/{applicationId}/report-outcomes?token=…`: a member's report after the
 * show, reached from the link only the start-up holds (its application's token, checked by
 * `GET /applications/{applicationId}/outcomes` in process: another start-up's token or a
 * tampered one opens nothing), and `POST` of the same path, which sends the report to
 * `POST /applications/{applicationId}/outcomes` in process with the form's idempotency key.
 *
 * @example app.route('/', ownOutcomesRoutes({ deps, request, assets }))
 */
export const ownOutcomesRoutes = ({ deps, request, assets }: ApplyPagesDeps) => {
  /** The start-up's outcomes if the link is its own, else why the page does not open. */
  const open = async (c: Context<ApiEnv>, page: PageContext, token: string): Promise<Opened> => {
    const words = outcomeMessagesFor(page.lang)
    if (!token) return { kind: 'refused', status: 400, message: words.own.missingToken }
    // The token travels in a header, which takes visible ASCII only; no token given out is anything but base64url.
    if (!/^[\w-]{1,200}$/.test(token)) return { kind: 'refused', status: 403, message: words.own.invalidLink }
    const answer = await callApi(request, `/applications/${encodeURIComponent(c.req.param('applicationId') ?? '')}/outcomes`, {
      headers: { [applicationTokenHeader]: token },
      correlationId: c.var.correlationId,
    })
    if (!answer.ok) {
      const known = ['invalid-withdrawal-token', 'application-not-found', 'validation-failed'].includes(answer.code)
      return known ? { kind: 'refused', status: 403, message: words.own.invalidLink } : { kind: 'refused', status: 500, message: page.t.error.retry }
    }
    const mine = ownOutcomes.parse(answer.body)
    if (!mine.member) return { kind: 'refused', status: 409, message: words.own.notMember(mine.editionName) }
    // Judged as the decider judges it (on the calendar day of the report's time), only to say it before the form is filled.
    if (deps.clock().toISOString().slice(0, 10) < mine.reportableFrom) {
      return { kind: 'refused', status: 409, message: words.own.beforeShow(mine.editionName, mine.reportableFrom) }
    }
    return { kind: 'open', mine }
  }
  const refused = (c: Context, page: PageContext, { status, message }: Extract<Opened, { kind: 'refused' }>) =>
    c.html(messagePage(page, { title: outcomeMessagesFor(page.lang).own.pageTitle, message }), status)
  const form = (c: Context, page: PageContext, view: Omit<OwnOutcomesView, 'idempotencyKey'>, status: 200 | 400 | 422 | 503) =>
    c.html(ownOutcomesPage(page, { ...view, idempotencyKey: deps.newId() }), status)

  return new Hono<ApiEnv>()
    .use(path, pageHeaders({ frameAncestors: deps.corsOrigins }))
    .get(path, async (c) => {
      const page = pageContext(c, assets)
      const token = c.req.query('token') ?? ''
      const opened = await open(c, page, token)
      if (opened.kind === 'refused') return refused(c, page, opened)
      return form(c, page, { mine: opened.mine, token, values: valuesOf(opened.mine.report), errors: {} }, 200)
    })
    .post(path, async (c) => {
      const page = pageContext(c, assets)
      const words = outcomeMessagesFor(page.lang)
      const { token: posted, idempotencyKey, ...fields } = await readForm(() => c.req.parseBody())
      const token = text(posted)
      const opened = await open(c, page, token)
      if (opened.kind === 'refused') return refused(c, page, opened)
      const { mine } = opened
      const values = postedValues(fields)
      const body = { token, ...bodyFromForm(fields) }
      const parsed = ownOutcomesBody.safeParse(body)
      if (!parsed.success) return form(c, page, { mine, token, values, errors: formErrors(parsed.error.issues, fields, words) }, 400)
      const answer = await callApi(request, `/applications/${encodeURIComponent(mine.applicationId)}/outcomes`, {
        method: 'POST',
        body: parsed.data,
        idempotencyKey: text(idempotencyKey) || undefined,
        correlationId: c.var.correlationId,
      })
      if (answer.ok) {
        const { revision } = answer.body as { revision: number }
        return c.html(ownOutcomesDone(page, mine, revision, token), answer.status === 201 ? 201 : 200)
      }
      const errors = fieldErrorsOf(answer, body, words)
      if (errors) return form(c, page, { mine, token, values, errors }, answer.status === 422 ? 422 : 400)
      switch (answer.code) {
        case 'busy':
        case 'temporarily-unavailable':
          return form(c, page, { mine, token, values, errors: {}, notice: words.own.busy }, 503)
        case 'idempotency-key-reused':
          return form(c, page, { mine, token, values, errors: {}, notice: words.own.keyReused }, 422)
        case 'not-a-delegation-member':
          return refused(c, page, { kind: 'refused', status: 409, message: words.own.notMember(mine.editionName) })
        case 'outcomes-before-show':
          return refused(c, page, { kind: 'refused', status: 409, message: words.own.beforeShow(mine.editionName, mine.reportableFrom) })
        case 'invalid-withdrawal-token':
          return refused(c, page, { kind: 'refused', status: 403, message: words.own.invalidLink })
        default:
          return refused(c, page, { kind: 'refused', status: 500, message: page.t.error.retry })
      }
    })
}
