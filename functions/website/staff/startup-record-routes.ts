import type { Context } from 'hono'
import { Hono } from 'hono'
import { collections, heldApplicationsDoc } from '../../../domain/projections/index.js'
import { readDoc } from '../../queries/read-model-reader.js'
import { loadStartup } from '../../queries/startup-directory.js'
import { callApi } from '../api-client.js'
import { readForm } from '../form-body.js'
import { startupRecordMessages } from '../i18n/startup-record-messages.js'
import { messagePage, pageContext, type PageContext } from '../layout.js'
import { refusalOf } from '../problem-messages.js'
import { readMailLogs } from './mail-log.js'
import { staffSession, type StaffEnv } from './session.js'
import { startupRecordPage, type StartupRecordView } from './startup-page.js'
import type { StaffPagesDeps } from './staff-routes.js'

/** As the API's start-up routes take it: 1 to 100 characters. */
const isStartupId = (id: string) => id.length > 0 && id.length <= 100

type Form = Record<string, string | File | (string | File)[]>

const text = (form: Form, name: string, max = 5000): string => {
  const value = form[name]
  return typeof value === 'string' ? value.trim().slice(0, max) : ''
}

/**
 * The API body a form gives: the fields filled in only (a correction changes what it names),
 * a contact when its name or address is given, themes as the recovery form keeps them.
 */
const bodyOf = (form: Form) => {
  const given = (name: string) => text(form, name) || undefined
  const contactGiven = given('contactName') !== undefined || given('contactEmail') !== undefined
  const themes = given('themes')?.split(',').filter(Boolean)
  return Object.fromEntries(
    Object.entries({
      name: given('name'),
      city: given('city'),
      territory: given('territory'),
      website: given('website'),
      description: given('description'),
      themes,
      contact: contactGiven
        ? { name: text(form, 'contactName'), email: text(form, 'contactEmail'), ...(given('contactPhone') ? { phone: given('contactPhone') } : {}) }
        : undefined,
      language: contactGiven ? given('language') : undefined,
      reason: text(form, 'reason', 2000),
    }).filter(([, value]) => value !== undefined),
  )
}

/** The fields of the API's bodies the record's two forms fill, by the label the page shows. */
const recordFieldLabels = (page: PageContext): Readonly<Record<string, string>> => {
  const a = page.t.apply
  const m = startupRecordMessages(page.lang)
  return {
    name: a.name,
    city: a.city,
    territory: a.territory,
    website: a.website,
    description: a.description,
    themes: a.themes,
    'contact.name': a.contactName,
    'contact.email': a.email,
    'contact.phone': a.phone,
    language: m.language,
    reason: m.reason,
  }
}

/**
 * `/staff/startups/{startupId}` and its two actions (issue 20): a correction of the profile
 * or contact, and a recovery of a start-up registered first by someone else. Each posts the
 * API's own route in process with the staff member's token, then comes back to the record
 * saying what was done, or shows why nothing was, with the fields the API named. The staff
 * pages' headers (CSP, no cache) come from staffRoutes' `/staff/*` middleware.
 *
 * @example app.route('/', startupRecordRoutes({ deps, request, assets, staffLogin }))
 */
export const startupRecordRoutes = ({ deps, request, assets }: StaffPagesDeps) => {
  const admin = staffSession(deps.verifier, assets, ['admin'])

  const notFound = (c: Context<StaffEnv>) => {
    const page = pageContext(c, assets)
    return c.html(messagePage(page, { title: page.t.notFound.title, message: page.t.notFound.body }), 404)
  }

  const render = async (c: Context<StaffEnv>, notice?: StartupRecordView['notice'], status: 200 | 400 | 409 | 422 | 503 = 200) => {
    const page = pageContext(c, assets)
    const startupId = c.req.param('startupId') ?? ''
    // Not a start-up's id (too long for a DynamoDB key, say): no start-up, and nothing to read.
    if (!isStartupId(startupId)) return notFound(c)
    const loaded = await loadStartup(deps.readModels, startupId)
    if (!loaded) return notFound(c)
    const m = startupRecordMessages(page.lang)
    const done = c.req.query('done')
    const doneNotice =
      done === 'corrected' || done === 'recovered'
        ? { kind: 'done' as const, text: `${m[done]}${c.req.query('republished') === 'true' ? ` ${m.republished}` : ''}` }
        : undefined
    // Held applications are on no start-up page (not the start-up's until confirmed), yet
    // theirs are the held notices to the registered contact: listed from their own read model.
    const held = await readDoc(deps.readModels, collections.heldApplications, startupId, heldApplicationsDoc)
    const listed = new Set(loaded.startup.applications.map((a) => a.applicationId))
    const heldOnly = (held?.applicationIds ?? []).filter((id) => !listed.has(id)).map((applicationId) => ({ applicationId, held: true }))
    const mailLogs = await readMailLogs(request, [...loaded.startup.applications, ...heldOnly], {
      token: c.var.staffToken,
      from: c.env,
      correlationId: c.var.correlationId,
    })
    const view: StartupRecordView = { startup: loaded.startup, notice: notice ?? doneNotice, newKey: deps.newId, mailLogs }
    return c.html(startupRecordPage(page, c.var.principal, view), status)
  }

  const act = (action: 'profile-correction' | 'recovery', done: 'corrected' | 'recovered') => async (c: Context<StaffEnv>) => {
    const startupId = c.req.param('startupId') ?? ''
    if (!isStartupId(startupId)) return notFound(c)
    const form = (await readForm(() => c.req.parseBody())) as Form
    const answer = await callApi(request, `/startups/${encodeURIComponent(startupId)}/${action}`, {
      method: 'POST',
      body: bodyOf(form),
      token: c.var.staffToken,
      from: c.env,
      idempotencyKey: text(form, 'idempotencyKey', 200) || undefined,
      correlationId: c.var.correlationId,
    })
    const page = pageContext(c, assets)
    if (answer.ok) {
      const republished = (answer.body as { republished?: unknown } | undefined)?.republished === true
      const params = new URLSearchParams({ done, republished: String(republished) })
      return c.redirect(page.href(`/staff/startups/${encodeURIComponent(startupId)}?${params}`), 303)
    }
    const status = answer.status === 400 || answer.status === 409 || answer.status === 422 || answer.status === 503 ? answer.status : 409
    const refusal = refusalOf(page.lang, recordFieldLabels(page), answer)
    const said = refusal.type === undefined ? refusal.text : `${refusal.text} ${refusal.type}`
    return render(c, { kind: 'refused', text: said, fields: refusal.fields }, status)
  }

  return new Hono<StaffEnv>()
    .get('/staff/startups/:startupId', admin, (c) => render(c))
    .post('/staff/startups/:startupId/profile-correction', admin, act('profile-correction', 'corrected'))
    .post('/staff/startups/:startupId/recovery', admin, act('recovery', 'recovered'))
}
