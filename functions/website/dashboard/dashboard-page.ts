import { html } from 'hono/html'
import type { Principal } from '../../shared/http/token-verifier.js'
import type { EditionReport, HistoryReport } from '../../queries/schemas.js'
import { themeName } from '../i18n/labels.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import { staffNav } from '../staff/staff-nav.js'
import { barChart, type ChartData, columnChart } from './charts.js'
import { colors, figure } from './figure.js'
import { outcomeSections, type OutcomeSectionsView } from './outcome-sections.js'

export interface DashboardView {
  readonly history: HistoryReport
  readonly edition: EditionReport | undefined
  /** What the delegations brought back and Team Sud Export's figures (issue 23). */
  readonly brought?: Omit<OutcomeSectionsView, 'labelOf'>
}

/**
 * `/staff/dashboard`: start-ups selected and awards per edition since 2017, then the
 * territories and themes of one edition, each chart with its table and Feed position.
 *
 * @example c.html(dashboardPage(page, principal, { history, edition }))
 */
export const dashboardPage = (page: PageContext, principal: Principal | undefined, view: DashboardView): Markup => {
  const { t, lang } = page
  const d = t.dashboard
  const { history, edition } = view
  const labels = new Map(history.editions.map((row) => [row.editionId, `${row.show} ${row.year}`]))
  const historyChart: ChartData = {
    id: 'history',
    title: d.history,
    categories: history.editions.map((row) => `${row.show} ${row.year}`),
    series: [
      { name: d.selected, values: history.editions.map((row) => row.selected), color: colors.first },
      { name: d.awards, values: history.editions.map((row) => row.awards), color: colors.second },
    ],
  }
  const breakdown = (id: string, title: string, rows: readonly { label: string; applications: number; selected: number }[]): ChartData => ({
    id,
    title,
    categories: rows.map((row) => row.label),
    series: [
      { name: d.applications, values: rows.map((row) => row.applications), color: colors.first },
      { name: d.selected, values: rows.map((row) => row.selected), color: colors.second },
    ],
  })
  const editionCharts = edition
    ? [
        breakdown(
          'territories',
          d.byTerritory(edition.edition.name),
          edition.byTerritory.map((row) => ({ ...row, label: row.territoryName })),
        ),
        breakdown('themes', d.byTheme(edition.edition.name), edition.byTheme.map((row) => ({ ...row, label: themeName(row.theme, lang) }))),
      ]
    : []
  const chooser = html`<form method="get" action="/staff/dashboard" class="filters">
    ${lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
    <label for="dashboard-edition">${d.chooseEdition}</label>
    <select id="dashboard-edition" name="edition">
      ${[...history.editions].reverse().map(
        (row) => html`<option value="${row.editionId}"${row.editionId === edition?.edition.editionId ? html` selected` : ''}>${row.name}</option>`,
      )}
    </select>
    <button type="submit">${d.show}</button>
  </form>`
  const body = html`<h1>${d.title}</h1>
    <p>${d.intro}</p>
    ${history.editions.length === 0
      ? html`<p>${d.empty}</p>`
      : html`${figure(page, historyChart, columnChart(historyChart), t.staff.edition, history.currentTo)}
          <h2>${edition?.edition.name ?? ''}</h2>
          ${chooser}
          ${editionCharts.map((chart) =>
            figure(page, chart, barChart(chart), chart.id === 'themes' ? t.staff.themes : t.staff.territory, edition?.currentTo ?? 0),
          )}`}
    ${view.brought ? outcomeSections(page, { ...view.brought, labelOf: (editionId) => labels.get(editionId) ?? editionId }) : ''}`
  return layout(page, { title: d.title, body, nav: staffNav(page, principal, 'dashboard') })
}
