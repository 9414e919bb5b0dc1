import type { Context } from 'hono'
import { Hono } from 'hono'
import type { z } from 'zod'
import { collections, exportFiguresDoc } from '../../../domain/projections/index.js'
import { exportDecider, exportRecordsId, type ExportKind, type ExportRecordEntry } from '../../../domain/team-sud-export/index.js'
import { prospectionBody, supportBody } from '../../contract/outcome-requests.js'
import { loadExportFigures } from '../../queries/export-report.js'
import { readDoc } from '../../queries/read-model-reader.js'
import { callApi } from '../api-client.js'
import { refusalLine } from '../problem-messages.js'
import type { FormState } from '../apply/form-fields.js'
import { readForm } from '../form-body.js'
import { outcomeMessagesFor, type OutcomeMessages } from '../i18n/outcome-messages.js'
import { pageContext } from '../layout.js'
import { pageHeaders } from '../page-headers.js'
import { staffSession, type StaffEnv } from './session.js'
import type { StaffPagesDeps } from './staff-routes.js'
import { type ExportRecordRow, teamSudExportPage, type TeamSudExportView } from './team-sud-export-page.js'

const kinds = ['prospection', 'support'] as const satisfies readonly ExportKind[]

const text = (value: unknown, max = 100): string => (typeof value === 'string' ? value.slice(0, max) : '')

/** The typed rows, each with the line it was typed on, or the first line that is not one. */
type TypedRows = { ok: true; rows: Record<string, unknown>[]; lines: number[] } | { ok: false; error: string }

/**
 * The rows as staff type them, one per line: `US smart-tech 120` (prospection) or
 * `nice-cote-d-azur 12` (support), words apart by spaces, commas or semicolons; a line that
 * is not one is named. The API's schema judges the values.
 */
const rowsOf = (kind: ExportKind, typed: string, e: OutcomeMessages['export']): TypedRows => {
  const rows: Record<string, unknown>[] = []
  const lines: number[] = []
  for (const [index, line] of typed.split(/\r?\n/).entries()) {
    const words = line.trim().split(/[\s,;]+/).filter(Boolean)
    if (words.length === 0) continue
    const count = words.at(-1) ?? ''
    if (words.length !== (kind === 'prospection' ? 3 : 2) || !/^\d{1,9}$/.test(count)) {
      return { ok: false, error: kind === 'prospection' ? e.lineNotUnderstood(index + 1) : e.supportLineNotUnderstood(index + 1) }
    }
    const [first = '', second = ''] = words
    rows.push(kind === 'prospection' ? { country: first.toUpperCase(), sector: second, companies: Number(count) } : { territory: first, companies: Number(count) })
    lines.push(index + 1)
  }
  return { ok: true, rows, lines }
}

/** Issues of the API's schema as the form's fields: `rows.2.country` is the rows' third typed line. */
const errorsOf = (kind: ExportKind, issues: readonly z.core.$ZodIssue[], lines: readonly number[], e: OutcomeMessages['export']) => {
  const errors: Record<string, string> = {}
  for (const { path } of issues) {
    const [first, second] = path
    const field = first === 'period' ? String(second) : first === 'rows' || first === 'corrects' ? first : 'recordId'
    const message = first === 'rows' && typeof second === 'number' ? e.lineInvalid(lines[second] ?? second + 1) : e.invalid
    errors[`${kind}.${field}`] ??= message
  }
  return errors
}

/**
 * `GET /staff/team-sud-export[?year=2019]`: Team Sud Export's cumulative figures and one
 * year's records (staff), and `POST /staff/team-sud-export/{prospection,support}`, sent to
 * `POST /team-sud-export/…` in process with the staff member's token.
 *
 * @example app.route('/', teamSudExportRoutes({ deps, request, assets, staffLogin }))
 */
export const teamSudExportRoutes = ({ deps, request, assets, staffLogin }: StaffPagesDeps) => {
  const admin = staffSession(deps.verifier, assets, ['admin'])
  const headers = pageHeaders({ formActions: staffLogin ? [new URL(staffLogin.domain).origin] : [] })

  const render = async (
    c: Context<StaffEnv>,
    asked: string | undefined,
    shown: { form?: FormState; notice?: TeamSudExportView['notice'] } = {},
    status: 200 | 400 | 404 | 409 | 422 | 503 = 200,
  ) => {
    const summary = await loadExportFigures(deps.readModels)
    const latest = summary.years.at(-1)?.year ?? Number(deps.clock().toISOString().slice(0, 4))
    const year = /^\d{4}$/.test(asked ?? '') ? Number(asked) : latest
    const [doc, ...streams] = await Promise.all([
      readDoc(deps.readModels, collections.exportFigures, String(year), exportFiguresDoc),
      ...kinds.map((kind) => deps.aggregates.load(exportDecider, exportRecordsId(kind, year))),
    ])
    const sections = { prospection: doc?.prospected.records ?? {}, support: doc?.supported.records ?? {} }
    const records = Object.fromEntries(
      kinds.map((kind, index): [ExportKind, ExportRecordRow[]] => {
        const entries: [string, ExportRecordEntry][] = [...(streams[index]?.state.records ?? [])]
        return [
          kind,
          entries
            .map(([recordId, entry]): ExportRecordRow => {
              const rows = Object.hasOwn(sections[kind], recordId) ? sections[kind][recordId] : undefined
              return { recordId, ...entry, companies: rows?.reduce((sum, row) => sum + row.companies, 0) }
            })
            .sort((a, b) => a.period.from.localeCompare(b.period.from) || a.recordId.localeCompare(b.recordId)),
        ]
      }),
    ) as Record<ExportKind, ExportRecordRow[]>
    const view: TeamSudExportView = { summary, year, records, form: shown.form ?? { values: {}, errors: {} }, notice: shown.notice, newKey: deps.newId }
    return c.html(teamSudExportPage(pageContext(c, assets), c.var.principal, view), status)
  }

  const record = (kind: ExportKind) => async (c: Context<StaffEnv>) => {
    const page = pageContext(c, assets)
    const e = outcomeMessagesFor(page.lang).export
    const form = await readForm(() => c.req.parseBody())
    const field = (name: string) => text(form[`${kind}[${name}]`], name === 'rows' ? 60_000 : 100)
    const values = Object.fromEntries(['recordId', 'from', 'to', 'rows', 'corrects'].map((name) => [`${kind}.${name}`, field(name)]))
    const year = field('from').slice(0, 4)
    const typed = rowsOf(kind, field('rows'), e)
    if (!typed.ok) return render(c, year, { form: { values, errors: { [`${kind}.rows`]: typed.error } } }, 400)
    const body = {
      recordId: field('recordId'),
      period: { from: field('from'), to: field('to') },
      rows: typed.rows,
      ...(field('corrects') ? { corrects: field('corrects') } : {}),
    }
    const parsed = (kind === 'prospection' ? prospectionBody : supportBody).safeParse(body)
    if (!parsed.success) return render(c, year, { form: { values, errors: errorsOf(kind, parsed.error.issues, typed.lines, e) } }, 400)
    const answer = await callApi(request, `/team-sud-export/${kind}`, {
      method: 'POST',
      body: parsed.data,
      token: c.var.staffToken,
      idempotencyKey: text(form.idempotencyKey) || undefined,
      correlationId: c.var.correlationId,
    })
    if (answer.ok) {
      const params = new URLSearchParams({ year, done: body.recordId })
      return c.redirect(page.href(`/staff/team-sud-export?${params}`), 303)
    }
    const status = answer.status === 404 || answer.status === 409 || answer.status === 422 || answer.status === 503 ? answer.status : 409
    const refusal = `${outcomeMessagesFor(page.lang).staff.refused} ${refusalLine(page.lang, answer)}`
    return render(c, year, { form: { values, errors: {} }, notice: { kind: 'refused', text: refusal } }, status)
  }

  return new Hono<StaffEnv>()
    .use('/staff/team-sud-export', headers)
    .use('/staff/team-sud-export/*', headers)
    .get('/staff/team-sud-export', admin, (c) => {
      const done = c.req.query('done')
      const notice = done ? { kind: 'done' as const, text: outcomeMessagesFor(pageContext(c, assets).lang).export.recorded(text(done)) } : undefined
      return render(c, c.req.query('year'), notice ? { notice } : {})
    })
    .post('/staff/team-sud-export/prospection', admin, record('prospection'))
    .post('/staff/team-sud-export/support', admin, record('support'))
}
