import type { Context } from 'hono'
import { Hono } from 'hono'
import { editionDecider } from '../../../domain/edition/index.js'
import { slug } from '../../../domain/events/index.js'
import { outcomesDecider, outcomesId } from '../../../domain/outcomes/index.js'
import { collections, delegationDoc } from '../../../domain/projections/index.js'
import { memberOutcomesBody } from '../../contract/outcome-requests.js'
import { readDoc } from '../../queries/read-model-reader.js'
import { callApi } from '../api-client.js'
import { refusalLine } from '../problem-messages.js'
import { readForm } from '../form-body.js'
import { outcomeMessagesFor } from '../i18n/outcome-messages.js'
import { messagePage, pageContext } from '../layout.js'
import { pageHeaders } from '../page-headers.js'
import { bodyFromForm, fieldErrorsOf, formErrors, postedValues, valuesOf } from '../outcomes/outcome-form.js'
import { memberOutcomesPage, type MemberOutcomesView } from './member-outcomes.js'
import { staffSession, type StaffEnv } from './session.js'
import type { StaffPagesDeps } from './staff-routes.js'

const path = '/staff/editions/:editionId/outcomes/:startupId'

/** What to show in the form instead of the current report: what was posted, and why it was refused. */
interface Shown {
  readonly values?: MemberOutcomesView['values']
  readonly errors?: MemberOutcomesView['errors']
  readonly notice?: MemberOutcomesView['notice']
  /** The report moved since the page was shown: show the current one, and say so. */
  readonly stale?: boolean
}

/**
 * `GET /staff/editions/{editionId}/outcomes/{startupId}`: one member's outcomes, to record
 * or correct (staff), and `POST` of the same path, sent to `POST /editions/{editionId}/outcomes`
 * in process with the staff member's token and If-Match of the version shown: a report the
 * start-up sent meanwhile is shown, never overwritten unseen.
 *
 * @example app.route('/', memberOutcomeRoutes({ deps, request, assets, staffLogin }))
 */
export const memberOutcomeRoutes = ({ deps, request, assets, staffLogin }: StaffPagesDeps) => {
  const admin = staffSession(deps.verifier, assets, ['admin'])
  const headers = pageHeaders({ formActions: staffLogin ? [new URL(staffLogin.domain).origin] : [] })

  /** The member's page as its streams say now, with what to show in its form. */
  const render = async (c: Context<StaffEnv>, status: 200 | 400 | 409 | 412 | 422 | 503, shown?: Shown) => {
    const page = pageContext(c, assets)
    const editionId = c.req.param('editionId') ?? ''
    const startupId = c.req.param('startupId') ?? ''
    const notFound = (message = page.t.notFound.body) => c.html(messagePage(page, { title: page.t.notFound.title, message }), 404)
    if (!slug.safeParse(editionId).success || startupId.length > 100) return notFound()
    const member = await readDoc(deps.readModels, collections.delegation(editionId), startupId, delegationDoc)
    if (member?.status !== 'selected') return notFound(outcomeMessagesFor(page.lang).staff.notAMember)
    const [edition, outcomes] = await Promise.all([
      deps.aggregates.load(editionDecider, editionId, { reuse: 'cached' }),
      deps.aggregates.load(outcomesDecider, outcomesId(editionId, startupId)),
    ])
    const { current } = outcomes.state
    const view: MemberOutcomesView = {
      editionId,
      editionName: edition.state.edition?.name ?? editionId,
      startupId,
      startupName: member.startupName,
      version: outcomes.version,
      current: current && { revision: current.revision, by: current.reportedBy.by },
      values: shown?.values ?? valuesOf(current),
      errors: shown?.errors ?? {},
      notice: shown?.stale ? { kind: 'refused', text: outcomeMessagesFor(page.lang).staff.stale(member.startupName) } : shown?.notice,
      idempotencyKey: deps.newId(),
    }
    return c.html(memberOutcomesPage(page, c.var.principal, view), status)
  }

  return new Hono<StaffEnv>()
    .use(path, headers)
    .get(path, admin, (c) => render(c, 200))
    .post(path, admin, async (c) => {
      const page = pageContext(c, assets)
      const words = outcomeMessagesFor(page.lang)
      const { version, idempotencyKey, ...fields } = await readForm(() => c.req.parseBody())
      const editionId = c.req.param('editionId')
      const values = postedValues(fields)
      const body = { startupId: c.req.param('startupId'), ...bodyFromForm(fields) }
      const parsed = memberOutcomesBody.safeParse(body)
      if (!parsed.success) return render(c, 400, { values, errors: formErrors(parsed.error.issues, fields, words) })
      const pinned = Number(version)
      const answer = await callApi(request, `/editions/${encodeURIComponent(editionId)}/outcomes`, {
        method: 'POST',
        body: parsed.data,
        token: c.var.staffToken,
        ...(Number.isInteger(pinned) && pinned >= 0 && typeof version === 'string' && version !== '' ? { ifMatch: pinned } : {}),
        idempotencyKey: typeof idempotencyKey === 'string' && idempotencyKey ? idempotencyKey : undefined,
        correlationId: c.var.correlationId,
      })
      if (answer.ok) {
        return c.redirect(page.href(`/staff/editions/${encodeURIComponent(editionId)}?done=recorded`), 303)
      }
      const errors = fieldErrorsOf(answer, body, words)
      if (errors) return render(c, answer.status === 422 ? 422 : 400, { values, errors })
      if (answer.code === 'precondition-failed') {
        return render(c, 412, { stale: true })
      }
      const status = answer.status === 409 || answer.status === 422 || answer.status === 503 ? answer.status : 409
      const text = `${words.staff.refused} ${refusalLine(page.lang, answer)}`
      return render(c, status, { values, errors: {}, notice: { kind: 'refused', text } })
    })
}
