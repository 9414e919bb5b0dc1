import { html } from 'hono/html'
import type { ExportKind, ExportRecordEntry } from '../../../domain/team-sud-export/index.js'
import type { ExportFiguresReport } from '../../queries/outcome-schemas.js'
import type { Principal } from '../../shared/http/token-verifier.js'
import { type FormState, input, select, textarea } from '../apply/form-fields.js'
import { outcomeMessagesFor } from '../i18n/outcome-messages.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import { staffNav } from './staff-nav.js'

/** A record of the year as the page lists it: its period and rows, and whether a correction replaced it. */
export interface ExportRecordRow extends ExportRecordEntry {
  readonly recordId: string
  /** Companies its rows count, while it is the period's live record. */
  readonly companies: number | undefined
}

export interface TeamSudExportView {
  readonly summary: ExportFiguresReport
  readonly year: number
  readonly records: Readonly<Record<ExportKind, readonly ExportRecordRow[]>>
  /** What was posted to one of the forms and why it was refused (paths `prospection.recordId`…). */
  readonly form: FormState
  readonly notice?: { readonly kind: 'done' | 'refused'; readonly text: string } | undefined
  readonly newKey: () => string
}

const recordsTable = (page: PageContext, kind: ExportKind, rows: readonly ExportRecordRow[]): Markup => {
  const e = outcomeMessagesFor(page.lang).export
  if (rows.length === 0) return html`<p>${e.noRecords}</p>`
  return html`<table class="export-records" id="${kind}-records">
    <caption class="visually-hidden">${kind === 'prospection' ? e.prospection : e.support}</caption>
    <thead><tr><th scope="col">${e.record}</th><th scope="col">${e.period}</th><th scope="col" class="num">${e.rows}</th>
      <th scope="col" class="num">${e.companies}</th><th scope="col">${e.state}</th></tr></thead>
    <tbody>
      ${rows.map(
        (row) => html`<tr>
          <th scope="row"><code>${row.recordId}</code></th>
          <td>${row.period.from} → ${row.period.to}</td>
          <td class="num">${row.breakdowns.size}</td>
          <td class="num">${row.companies ?? ''}</td>
          <td>${row.supersededBy === undefined ? e.live : e.correctedBy(row.supersededBy)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`
}

const recordForm = (page: PageContext, view: TeamSudExportView, kind: ExportKind): Markup => {
  const words = outcomeMessagesFor(page.lang)
  const e = words.export
  const common = { requiredLabel: words.errors.required, errorLabel: words.errors.title }
  const field = (name: string) => `${kind}.${name}`
  const live = view.records[kind].filter((row) => row.supersededBy === undefined)
  const invalid = Object.keys(view.form.errors).some((path) => path.startsWith(`${kind}.`))
  return html`<form method="post" action="${page.href(`/staff/team-sud-export/${kind}`)}" novalidate class="export-form" id="${kind}-form">
    <fieldset class="group">
      <legend>${kind === 'prospection' ? e.recordProspection : e.recordSupport}</legend>
      ${invalid ? html`<p class="error" role="alert" tabindex="-1" id="${kind}-errors">${words.errors.summary(Object.keys(view.form.errors).length)}</p>` : ''}
      <input type="hidden" name="idempotencyKey" value="${view.newKey()}" />
      ${input(view.form, { ...common, path: field('recordId'), label: e.recordId, hint: e.recordIdHint, required: true, maxLength: 100 })}
      ${input(view.form, { ...common, path: field('from'), label: e.from, hint: e.dateHint, required: true, maxLength: 10 })}
      ${input(view.form, { ...common, path: field('to'), label: e.to, hint: e.dateHint, required: true, maxLength: 10 })}
      ${textarea(view.form, {
        ...common,
        path: field('rows'),
        label: kind === 'prospection' ? e.prospectionRows : e.supportRows,
        hint: kind === 'prospection' ? e.prospectionRowsHint : e.supportRowsHint,
        required: true,
        maxLength: 60_000,
      })}
      ${select(view.form, {
        ...common,
        path: field('corrects'),
        label: e.corrects,
        placeholder: e.correctsNone,
        choices: live.map((row) => ({ value: row.recordId, label: `${row.recordId} (${row.period.from} → ${row.period.to})` })),
      })}
      <button type="submit">${e.save}</button>
    </fieldset>
  </form>`
}

/**
 * `/staff/team-sud-export`: the cumulative figures, one year's records of prospection and
 * support (with their corrections), and the forms that record or correct one.
 *
 * @example c.html(teamSudExportPage(page, principal, view))
 */
export const teamSudExportPage = (page: PageContext, principal: Principal | undefined, view: TeamSudExportView): Markup => {
  const e = outcomeMessagesFor(page.lang).export
  const { summary } = view
  const years = [...new Set([...summary.years.map((row) => row.year), view.year])].sort((a, b) => b - a)
  const body = html`<h1>${e.title}</h1>
    <p>${e.intro}</p>
    <p id="export-cumulative"><strong>${e.cumulative(summary.prospected.total, summary.supported.total, summary.years.at(-1)?.year ?? null)}</strong></p>
    <p class="current-to">${page.t.staff.currentTo(summary.currentTo)}</p>
    <p><a id="export-csv" href="${page.href('/staff/team-sud-export.csv')}" download>${e.csv}</a><br />
      <a id="outcomes-history-csv" href="${page.href('/staff/outcomes.csv')}" download>${e.csvOutcomes}</a></p>
    ${view.notice
      ? view.notice.kind === 'done'
        ? html`<p class="notice done" role="status">${view.notice.text} ${page.t.staff.lagNote}</p>`
        : html`<div class="notice refused" role="alert" id="refused"><p>${view.notice.text}</p></div>`
      : ''}
    <form method="get" action="/staff/team-sud-export" class="filters">
      ${page.lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
      <label for="export-year">${e.year}</label>
      <select id="export-year" name="year">
        ${years.map((year) => html`<option value="${year}"${year === view.year ? html` selected` : ''}>${year}</option>`)}
      </select>
      <button type="submit">${e.show}</button>
    </form>
    <section aria-labelledby="prospection-title">
      <h2 id="prospection-title">${e.prospection} ${view.year}</h2>
      ${recordsTable(page, 'prospection', view.records.prospection)}
      ${recordForm(page, view, 'prospection')}
    </section>
    <section aria-labelledby="support-title">
      <h2 id="support-title">${e.support} ${view.year}</h2>
      ${recordsTable(page, 'support', view.records.support)}
      ${recordForm(page, view, 'support')}
    </section>`
  return layout(page, { title: e.title, body, nav: staffNav(page, principal, 'team-sud-export') })
}
