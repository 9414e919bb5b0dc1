import type { Context } from 'hono'
import { Hono } from 'hono'
import { slug } from '../../../domain/events/index.js'
import { applicationStatuses } from '../../../domain/projections/index.js'
import { loadAwards } from '../../queries/awards-report.js'
import { loadHistory } from '../../queries/history-report.js'
import { loadPartners } from '../../queries/partners-report.js'
import type { ApplyPagesDeps } from '../apply/apply-routes.js'
import { type ApiAnswer, callApi } from '../api-client.js'
import { messagePage, pageContext, type PageContext } from '../layout.js'
import { pageHeaders } from '../page-headers.js'
import { loadApplicants } from './applicants.js'
import { loadMemberOutcomes } from './member-outcomes.js'
import { editionPage, type EditionPageView } from './edition-page.js'
import { editionsPage } from './editions-page.js'
import { staffSession, type StaffEnv } from './session.js'
import { signInRoutes, type StaffLogin } from './sign-in.js'
import { readForm } from '../form-body.js'
import { refusalLine } from '../problem-messages.js'

export interface StaffPagesDeps extends ApplyPagesDeps {
  readonly staffLogin: StaffLogin | undefined
}

const text = (value: unknown, max = 200): string => (typeof value === 'string' ? value.slice(0, max) : '')

/** The fields of the edition page's forms, by the label the page shows them under. */
const editionFieldLabels = (s: PageContext['t']['staff']): Readonly<Record<string, string>> => ({
  startupId: s.member,
  award: s.level,
  category: s.category,
  name: s.partnerName,
  kind: s.partnerKind,
  contribution: s.contribution,
})

/** What a refused action says, in the reader's language, never in the API's English detail. */
const refusal = (page: PageContext, answer: Extract<ApiAnswer, { ok: false }>, startupName: string): string => {
  const s = page.t.staff
  if (answer.code === 'precondition-failed') return s.stale(startupName || '?')
  return `${s.conflict} ${refusalLine(page.lang, answer, editionFieldLabels(s))}`
}

/**
 * The staff back-office: `/staff` (the editions), `/staff/editions/{editionId}` (its
 * applications, awards, partners), the actions they post, and CSV downloads, behind
 * the staff session (see session.ts and sign-in.ts). Reads come from the read models as
 * the reports read them; every action is the API's own route, called in process with the
 * staff member's token.
 *
 * @example app.route('/', staffRoutes({ deps, request, assets, staffLogin }))
 */
export const staffRoutes = ({ deps, request, assets, staffLogin }: StaffPagesDeps) => {
  const admin = staffSession(deps.verifier, assets, ['admin'])
  const headers = pageHeaders({ formActions: staffLogin ? [new URL(staffLogin.domain).origin] : [] })

  const renderEdition = async (c: Context<StaffEnv>, notice?: EditionPageView['notice'], status: 200 | 409 | 412 | 422 | 503 = 200) => {
    const page = pageContext(c, assets)
    const editionId = c.req.param('editionId') ?? ''
    // Not an edition's id (too long for a DynamoDB key, say): no edition, and nothing to read.
    if (!slug.safeParse(editionId).success) {
      return c.html(messagePage(page, { title: page.t.notFound.title, message: page.t.notFound.body }), 404)
    }
    const filter = { status: c.req.query('status'), territory: c.req.query('territory'), theme: c.req.query('theme') }
    const [applicants, awards, partners, members, outcomes] = await Promise.all([
      loadApplicants(deps.readModels, editionId, filter),
      loadAwards(deps.readModels, { editionId }),
      loadPartners(deps.readModels, { editionId }),
      loadApplicants(deps.readModels, editionId, { status: 'selected' }),
      loadMemberOutcomes(deps.readModels, editionId),
    ])
    if (!applicants) return c.html(messagePage(page, { title: page.t.notFound.title, message: page.t.notFound.body }), 404)
    const done = c.req.query('done')
    const doneNotice =
      done && (applicationStatuses as readonly string[]).includes(done)
        ? { kind: 'done' as const, text: page.t.staff.decided(text(c.req.query('name')), page.t.staff.statusNames[done] ?? done) }
        : done === 'recorded'
          ? { kind: 'done' as const, text: page.t.staff.recorded }
          : done === 'invited'
            ? { kind: 'done' as const, text: page.t.staff.invited }
            : undefined
    const view: EditionPageView = {
      editionId,
      ...applicants.edition,
      applicants,
      filter,
      awards: awards?.awards ?? [],
      partners: (partners?.partners ?? []).map((partner) => ({
        partnerId: partner.partnerId,
        name: partner.name,
        kind: partner.kind,
        contribution: partner.editions.find((edition) => edition.editionId === editionId)?.contribution ?? '',
      })),
      notice: notice ?? doneNotice,
      newKey: deps.newId,
      outcomes: { members: members?.applicants ?? [], doc: outcomes },
    }
    return c.html(editionPage(page, c.var.principal, view), status)
  }

  /** Sends a staff action to the API; on success back to the edition, else the page with why. */
  const act = async (c: Context<StaffEnv>, path: string, body: unknown, extra: { ifMatch?: number; done: string; name?: string }) => {
    const form = await readForm(() => c.req.parseBody())
    const answer = await callApi(request, path, {
      method: 'POST',
      body,
      token: c.var.staffToken,
      from: c.env,
      ifMatch: extra.ifMatch,
      idempotencyKey: text(form.idempotencyKey) || undefined,
      correlationId: c.var.correlationId,
    })
    const page = pageContext(c, assets)
    if (answer.ok) {
      const params = new URLSearchParams({ done: extra.done, ...(extra.name ? { name: extra.name } : {}) })
      return c.redirect(page.href(`/staff/editions/${encodeURIComponent(c.req.param('editionId') ?? '')}?${params}`), 303)
    }
    const status = answer.status === 412 || answer.status === 409 || answer.status === 422 || answer.status === 503 ? answer.status : 409
    return renderEdition(c, { kind: 'refused', text: refusal(page, answer, extra.name ?? '') }, status)
  }

  /** A report's CSV as the API serves it, with the staff member's token. */
  const csv = async (c: Context<StaffEnv>, path: string) => {
    const answer = await callApi(request, path, { token: c.var.staffToken, correlationId: c.var.correlationId, from: c.env })
    if (answer.ok) return answer.response
    const page = pageContext(c, assets)
    return c.html(messagePage(page, { title: page.t.notFound.title, message: page.t.notFound.body }), 404)
  }

  return new Hono<StaffEnv>()
    .use('/staff', headers)
    .use('/staff/*', headers)
    .route('/', signInRoutes({ login: staffLogin, verifier: deps.verifier, assets }))
    .get('/staff', admin, async (c) => {
      const history = await loadHistory(deps.readModels)
      return c.html(editionsPage(pageContext(c, assets), c.var.principal, history))
    })
    .get('/staff/history.csv', admin, (c) => csv(c, '/reports/history.csv'))
    .get('/staff/editions/:editionId', admin, (c) => renderEdition(c))
    .get('/staff/editions/:editionId/delegation.csv', admin, (c) =>
      csv(c, `/reports/editions/${encodeURIComponent(c.req.param('editionId'))}/delegation.csv`),
    )
    .get('/staff/editions/:editionId/awards.csv', admin, (c) =>
      csv(c, `/reports/awards.csv?editionId=${encodeURIComponent(c.req.param('editionId'))}`),
    )
    .get('/staff/editions/:editionId/outcomes.csv', admin, (c) =>
      csv(c, `/reports/editions/${encodeURIComponent(c.req.param('editionId'))}/outcomes.csv`),
    )
    .get('/staff/outcomes.csv', admin, (c) => csv(c, '/reports/outcomes.csv'))
    .get('/staff/team-sud-export.csv', admin, (c) => csv(c, '/reports/team-sud-export.csv'))
    .post('/staff/editions/:editionId/decisions', admin, async (c) => {
      const form = await readForm(() => c.req.parseBody())
      const version = Number(text(form.version))
      return act(c, `/applications/${encodeURIComponent(text(form.applicationId))}/decision`, { decision: text(form.decision) }, {
        ...(Number.isInteger(version) && version > 0 ? { ifMatch: version } : {}),
        done: text(form.decision),
        name: text(form.startupName),
      })
    })
    .post('/staff/editions/:editionId/awards', admin, async (c) => {
      const form = await readForm(() => c.req.parseBody())
      const body = { startupId: text(form.startupId), award: text(form.award), category: text(form.category) }
      return act(c, `/editions/${encodeURIComponent(c.req.param('editionId'))}/awards`, body, { done: 'recorded' })
    })
    .post('/staff/editions/:editionId/partners', admin, async (c) => {
      const form = await readForm(() => c.req.parseBody())
      const body = { name: text(form.name), kind: text(form.kind), contribution: text(form.contribution, 2000) }
      return act(c, `/editions/${encodeURIComponent(c.req.param('editionId'))}/partners`, body, { done: 'recorded' })
    })
    // Staff invite one of a partner's people to the portal (partner-access/users).
    .post('/staff/editions/:editionId/partners/:partnerId/users', admin, async (c) => {
      const form = await readForm(() => c.req.parseBody())
      const body = { email: text(form.email, 254).trim() }
      return act(c, `/partners/${encodeURIComponent(c.req.param('partnerId'))}/users`, body, { done: 'invited' })
    })
}
