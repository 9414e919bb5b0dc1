import { html } from 'hono/html'
import type { Markup } from '../layout.js'

export interface Series {
  readonly name: string
  readonly values: readonly number[]
  /** A fill with at least 3:1 contrast on white (WCAG 1.4.11), and a class for the stylesheet. */
  readonly color: string
}

export interface ChartData {
  /** Used for the ids that tie the SVG to its title and its table. */
  readonly id: string
  readonly title: string
  readonly categories: readonly string[]
  readonly series: readonly Series[]
}

/** Round figures for an axis: 0, 20, 40… up to at least `max`. */
const ticksFor = (max: number): number[] => {
  const rough = Math.max(1, max) / 4
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? rough
  const top = Math.ceil(Math.max(1, max) / step) * step
  return Array.from({ length: Math.round(top / step) + 1 }, (_, index) => index * step)
}

const legend = (series: readonly Series[], x: number, y: number): Markup =>
  html`${series.map(
    (one, index) => html`<g transform="translate(${x + index * 190} ${y})">
      <rect width="14" height="14" fill="${one.color}"></rect>
      <text x="20" y="12" class="legend">${one.name}</text>
    </g>`,
  )}`

/**
 * Grouped vertical bars, one group per category (editions over time), each bar labelled
 * with its value. Drawn on the server: no script, no library, nothing from a CDN; the
 * numbers are also in the table `figureTable` renders beside it.
 *
 * @example columnChart({ id: 'history', title, categories: ['CES 2017'], series: [{ name, values: [15], color }] })
 */
export const columnChart = (chart: ChartData): Markup => {
  const plot = { left: 48, top: 40, height: 220 }
  const barWidth = 26
  const groupWidth = chart.series.length * barWidth + 28
  const width = Math.max(420, plot.left + chart.categories.length * groupWidth + 16)
  const height = plot.top + plot.height + 48
  const ticks = ticksFor(Math.max(0, ...chart.series.flatMap((one) => one.values)))
  const top = ticks.at(-1) ?? 1
  const y = (value: number) => plot.top + plot.height - (value / top) * plot.height
  return html`<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img"
    aria-labelledby="${chart.id}-title" class="chart">
    <title id="${chart.id}-title">${chart.title}</title>
    ${legend(chart.series, plot.left, 8)}
    ${ticks.map(
      (tick) => html`<line x1="${plot.left}" x2="${width - 8}" y1="${y(tick)}" y2="${y(tick)}" stroke="#d0d4da"></line>
        <text x="${plot.left - 6}" y="${y(tick) + 4}" text-anchor="end" class="tick">${tick}</text>`,
    )}
    ${chart.categories.map((category, index) => {
      const x0 = plot.left + 14 + index * groupWidth
      return html`<g>
        ${chart.series.map((one, s) => {
          const value = one.values[index] ?? 0
          const x = x0 + s * barWidth
          return html`<rect x="${x}" y="${y(value)}" width="${barWidth - 4}" height="${plot.top + plot.height - y(value)}"
              fill="${one.color}"></rect>
            <text x="${x + (barWidth - 4) / 2}" y="${y(value) - 4}" text-anchor="middle" class="value">${value}</text>`
        })}
        <text x="${x0 + (chart.series.length * barWidth) / 2 - 2}" y="${plot.top + plot.height + 18}" text-anchor="middle"
          class="category">${category}</text>
      </g>`
    })}
  </svg>`
}

/**
 * Horizontal bars, one row per category (territories, themes), for long labels.
 *
 * @example barChart({ id: 'territories', title, categories: ['Nice Côte d’Azur'], series })
 */
export const barChart = (chart: ChartData): Markup => {
  const label = 250
  const plotWidth = 300
  const rowHeight = 14 * chart.series.length + 12
  const top = 34
  const width = label + plotWidth + 50
  const height = top + chart.categories.length * rowHeight + 8
  const max = Math.max(1, ...chart.series.flatMap((one) => one.values))
  return html`<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img"
    aria-labelledby="${chart.id}-title" class="chart">
    <title id="${chart.id}-title">${chart.title}</title>
    ${legend(chart.series, 8, 6)}
    ${chart.categories.map((category, index) => {
      const y0 = top + index * rowHeight
      return html`<g>
        <text x="${label - 8}" y="${y0 + rowHeight / 2 + 2}" text-anchor="end" class="category">${category}</text>
        ${chart.series.map((one, s) => {
          const value = one.values[index] ?? 0
          const w = (value / max) * plotWidth
          const y = y0 + 4 + s * 14
          return html`<rect x="${label}" y="${y}" width="${w}" height="12" fill="${one.color}"></rect>
            <text x="${label + w + 4}" y="${y + 10}" class="value">${value}</text>`
        })}
      </g>`
    })}
  </svg>`
}

/**
 * The chart's numbers as a table: what a screen reader reads, and what a person copies.
 *
 * @example figureTable(chart, 'Édition', caption)
 */
export const figureTable = (chart: ChartData, categoryHeader: string, caption: string): Markup =>
  html`<table class="figures" id="${chart.id}-table">
    <caption>${caption}</caption>
    <thead>
      <tr><th scope="col">${categoryHeader}</th>${chart.series.map((one) => html`<th scope="col" class="num">${one.name}</th>`)}</tr>
    </thead>
    <tbody>
      ${chart.categories.map(
        (category, index) => html`<tr>
          <th scope="row">${category}</th>${chart.series.map((one) => html`<td class="num">${one.values[index] ?? 0}</td>`)}
        </tr>`,
      )}
    </tbody>
  </table>`
