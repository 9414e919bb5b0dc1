import { html } from 'hono/html'
import type { OutcomesSummary, SummedFigure } from '../../../domain/projections/index.js'
import { summedFigures } from '../../../domain/projections/index.js'
import type { ExportFiguresReport, OutcomesReport } from '../../queries/outcome-schemas.js'
import { outcomeMessagesFor } from '../i18n/outcome-messages.js'
import type { Markup, PageContext } from '../layout.js'
import { type ChartData, columnChart } from './charts.js'
import { colors, figure } from './figure.js'

export interface OutcomeSectionsView {
  readonly outcomes: OutcomesReport
  readonly exportFigures: ExportFiguresReport
  /** How the dashboard names an edition on an axis (`CES 2019`), by id. */
  readonly labelOf: (editionId: string) => string
}

const locales = { fr: 'fr-FR', en: 'en-GB' } as const

/**
 * One edition's figures as a table: each total, median and how many members contributed,
 * a withheld figure said to be so (never a blank that reads as zero).
 */
const figuresTable = (page: PageContext, summary: OutcomesSummary): Markup => {
  const words = outcomeMessagesFor(page.lang)
  const d = words.dashboard
  const figures = summary.figures
  if (figures === null) return html``
  const number = (value: number | null | undefined) =>
    value === null || value === undefined ? d.withheld : value.toLocaleString(locales[page.lang])
  const row = (figure: SummedFigure) => html`<tr>
    <th scope="row">${words.fields[figure]}</th>
    <td class="num">${number(figures.totals[figure])}</td>
    <td class="num">${number(figures.medians[figure])}</td>
    <td class="num">${figures.contributors[figure]}</td>
  </tr>`
  const band = figures.medians.dealsValueBand
  return html`<table class="figures outcomes" id="outcomes-${summary.editionId}-table" data-answered="${summary.answered}">
    <caption>${d.figuresTable(summary.editionName)} — ${d.answeredOf(summary.answered, summary.members)}</caption>
    <thead><tr><th scope="col">${d.figure}</th><th scope="col" class="num">${d.total}</th><th scope="col" class="num">${d.median}</th>
      <th scope="col" class="num">${d.contributors}</th></tr></thead>
    <tbody>
      ${summedFigures.map(row)}
      <tr><th scope="row">${words.fields.dealsValueBand}</th><td></td><td class="num">${band === null ? d.withheld : words.bands[band]}</td>
        <td class="num">${figures.dealsByBand === null ? '' : Object.values(figures.dealsByBand).reduce((a, b) => a + b, 0)}</td></tr>
    </tbody>
  </table>`
}

/**
 * The dashboard's sections on what the delegations brought back (members' answers and
 * outcomes, per edition, aggregates only) and on Team Sud Export (cumulative figures by
 * year), each chart with its table and the Feed position it is current to.
 *
 * @example ${outcomeSections(page, { outcomes, exportFigures, labelOf })}
 */
export const outcomeSections = (page: PageContext, view: OutcomeSectionsView): Markup => {
  const d = outcomeMessagesFor(page.lang).dashboard
  const { outcomes, exportFigures, labelOf } = view
  const answered = outcomes.editions.filter((summary) => summary.answered > 0)
  const withFigures = answered.filter((summary) => summary.figures !== null)
  const answers: ChartData = {
    id: 'outcomes-answers',
    title: d.answers,
    categories: answered.map((summary) => labelOf(summary.editionId)),
    series: [
      { name: d.members, values: answered.map((summary) => summary.members), color: colors.first },
      { name: d.answered, values: answered.map((summary) => summary.answered), color: colors.second },
    ],
  }
  // A withheld total (fewer contributors than the threshold) is drawn as nothing; the tables say "withheld".
  const total = (figure: SummedFigure) => withFigures.map((summary) => summary.figures?.totals[figure] ?? 0)
  const results: ChartData = {
    id: 'outcomes-results',
    title: d.results,
    categories: withFigures.map((summary) => labelOf(summary.editionId)),
    series: [
      { name: d.dealsSigned, values: total('dealsSigned'), color: colors.first },
      { name: d.jobsCreated, values: total('jobsCreated'), color: colors.second },
      { name: d.pressArticles, values: total('pressArticles'), color: colors.third },
    ],
  }
  const years = exportFigures.years
  const exportChart: ChartData = {
    id: 'team-sud-export',
    title: d.exportChart,
    categories: years.map((row) => String(row.year)),
    series: [
      { name: d.prospectedToDate, values: years.map((row) => row.prospectedToDate), color: colors.first },
      { name: d.supportedToDate, values: years.map((row) => row.supportedToDate), color: colors.second },
    ],
  }
  const e = outcomeMessagesFor(page.lang).export
  const year = page.t.staff.year
  return html`<section aria-labelledby="outcomes-dashboard-title">
      <h2 id="outcomes-dashboard-title">${d.outcomes}</h2>
      <p>${d.outcomesIntro(outcomes.minimumContributors)}</p>
      ${answered.length === 0
        ? html`<p>${d.noAnswers}</p>`
        : html`${figure(page, answers, columnChart(answers), page.t.staff.edition, outcomes.currentTo)}
            ${withFigures.length > 0 ? figure(page, results, columnChart(results), page.t.staff.edition, outcomes.currentTo) : ''}
            ${withFigures.map((summary) => figuresTable(page, summary))}`}
    </section>
    <section aria-labelledby="export-dashboard-title">
      <h2 id="export-dashboard-title">${d.exportTitle}</h2>
      <p id="export-headline" data-prospected="${exportFigures.prospected.total}" data-supported="${exportFigures.supported.total}">
        <strong>${e.cumulative(exportFigures.prospected.total, exportFigures.supported.total, years.at(-1)?.year ?? null)}</strong>
      </p>
      ${years.length === 0 ? '' : figure(page, exportChart, columnChart(exportChart), year, exportFigures.currentTo)}
    </section>`
}
