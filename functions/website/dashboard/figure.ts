import { html } from 'hono/html'
import type { Markup, PageContext } from '../layout.js'
import { type ChartData, figureTable } from './charts.js'

/**
 * Blue, orange and purple: apart for colour-blind readers, each above 3:1 on white
 * (WCAG 1.4.11).
 */
export const colors = { first: '#1d5fa8', second: '#b35300', third: '#6a3d9a' }

/**
 * A chart, its numbers beside it, and the Feed position both are current to.
 *
 * @example figure(page, chart, columnChart(chart), t.staff.edition, history.currentTo)
 */
export const figure = (page: PageContext, chart: ChartData, svg: Markup, categoryHeader: string, currentTo: number): Markup =>
  html`<figure class="chart-block" aria-labelledby="${chart.id}-caption">
    <figcaption id="${chart.id}-caption"><strong>${chart.title}</strong>
      <span class="current-to" data-current-to="${currentTo}">${page.t.staff.currentTo(currentTo)}</span></figcaption>
    <div class="chart-and-table">
      <div class="chart-box">${svg}</div>
      ${figureTable(chart, categoryHeader, page.t.dashboard.tableCaption(chart.title))}
    </div>
  </figure>`
