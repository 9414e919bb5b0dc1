import { Hono } from 'hono'
import { html } from 'hono/html'
import type { ApiEnv } from '../../shared/http/app-env.js'
import { callApi } from '../api-client.js'
import { refusalLine } from '../problem-messages.js'
import { layout, messagePage, pageContext } from '../layout.js'
import { pageHeaders } from '../page-headers.js'
import type { ApplyPagesDeps } from './apply-routes.js'
import { readForm } from '../form-body.js'

const path = '/applications/:applicationId/withdraw'

/**
 * `GET /applications/{applicationId}/withdraw?token=…`, the link of the confirmation
 * page: it asks first, and only the `POST` of its form withdraws, through
 * `POST /applications/{applicationId}/withdrawal` in process (which checks the token).
 *
 * @example app.route('/', withdrawRoutes({ deps, request: app.request, assets }))
 */
export const withdrawRoutes = ({ deps, request, assets }: ApplyPagesDeps) =>
  new Hono<ApiEnv>()
    .use(path, pageHeaders({ frameAncestors: deps.corsOrigins }))
    .get(path, (c) => {
      const page = pageContext(c, assets)
      const { t } = page
      const applicationId = c.req.param('applicationId')
      const token = c.req.query('token')
      if (!token) return c.html(messagePage(page, { title: t.withdraw.title, message: t.withdraw.missingToken }), 400)
      const body = html`<h1>${t.withdraw.title}</h1>
        <form method="post" action="${page.href(`/applications/${encodeURIComponent(applicationId)}/withdraw`)}">
          <p>${t.withdraw.question(applicationId)}</p>
          <input type="hidden" name="token" value="${token}" />
          <input type="hidden" name="idempotencyKey" value="${deps.newId()}" />
          <div class="actions">
            <button type="submit" name="answer" value="withdraw" class="danger">${t.withdraw.confirm}</button>
            <button type="submit" name="answer" value="keep" class="secondary">${t.withdraw.cancel}</button>
          </div>
        </form>`
      return c.html(layout(page, { title: t.withdraw.title, body }))
    })
    .post(path, async (c) => {
      const page = pageContext(c, assets)
      const { t } = page
      const form = await readForm(() => c.req.parseBody())
      if (form.answer !== 'withdraw') return c.html(messagePage(page, { title: t.withdraw.title, message: t.withdraw.kept }))
      const token = typeof form.token === 'string' ? form.token : ''
      const answer = await callApi(request, `/applications/${encodeURIComponent(c.req.param('applicationId'))}/withdrawal`, {
        method: 'POST',
        body: { token },
        idempotencyKey: typeof form.idempotencyKey === 'string' ? form.idempotencyKey : undefined,
        correlationId: c.var.correlationId,
        from: c.env,
      })
      if (answer.ok) return c.html(messagePage(page, { title: t.withdraw.doneTitle, message: t.withdraw.done }))
      const refused = (message: string, status: 400 | 403 | 409 | 429 | 500 | 503) =>
        c.html(messagePage(page, { title: t.withdraw.title, message }), status)
      switch (answer.code) {
        case 'invalid-withdrawal-token':
        case 'application-not-found':
        case 'validation-failed':
          return refused(t.withdraw.invalidToken, 403)
        case 'application-not-withdrawable':
        case 'edition-closed':
          return refused(t.withdraw.notWithdrawable, 409)
        default:
          // A limit reached, the service busy…: said in the reader's language, with the API's status.
          return refused(refusalLine(page.lang, answer), answer.status === 429 || answer.status === 503 ? answer.status : 500)
      }
    })
