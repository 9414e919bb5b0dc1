import { html } from 'hono/html'
import type { Principal } from '../../shared/http/token-verifier.js'
import type { HistoryReport } from '../../queries/schemas.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import { staffNav } from './staff-nav.js'

/**
 * `/staff`: every edition with its figures, newest first, each a link to its applications.
 *
 * @example c.html(editionsPage(page, principal, await loadHistory(readModels)))
 */
export const editionsPage = (page: PageContext, principal: Principal | undefined, history: HistoryReport): Markup => {
  const { t } = page
  const s = t.staff
  const editions = [...history.editions].reverse()
  const body = html`<h1>${s.editions}</h1>
    <p class="current-to">${s.currentTo(history.currentTo)}</p>
    ${editions.length === 0
      ? html`<p>${s.noEditions}</p>`
      : html`<table>
          <caption class="visually-hidden">${s.editions}</caption>
          <thead>
            <tr>
              <th scope="col">${s.edition}</th><th scope="col">${s.year}</th><th scope="col">${s.status}</th>
              <th scope="col" class="num">${s.applications}</th><th scope="col" class="num">${s.submitted}</th>
              <th scope="col" class="num">${s.selected}</th><th scope="col" class="num">${s.awards}</th>
              <th scope="col" class="num">${s.partners}</th>
            </tr>
          </thead>
          <tbody>
            ${editions.map(
              (row) => html`<tr>
                <th scope="row"><a href="${page.href(`/staff/editions/${encodeURIComponent(row.editionId)}`)}">${row.name}</a></th>
                <td>${row.year}</td><td>${row.status === 'open' ? s.open : s.closed}</td>
                <td class="num">${row.applications}</td><td class="num">${row.submitted}</td>
                <td class="num">${row.selected}</td><td class="num">${row.awards}</td><td class="num">${row.partners}</td>
              </tr>`,
            )}
          </tbody>
        </table>`}
    <p><a href="${page.href('/staff/history.csv')}" download>${s.csvHistory}</a></p>`
  return layout(page, { title: s.editions, body, nav: staffNav(page, principal, 'editions') })
}
