import { html } from 'hono/html'
import { eventSummary } from '../i18n/event-summaries.js'
import { partnerEventTypes } from '../../contract/event-catalogue.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import { type EditionChoice, editionField, noticeOf, type Notice, portalNav, time } from './portal-pages.js'

/** An event as `GET /feed` answers it: what partners see, nothing more. */
export interface FeedRow {
  readonly sequence: number
  readonly type: string
  readonly occurredAt: string
  readonly data: Record<string, unknown>
}

/** The page's filters, as its form sends them (empty: none). */
export interface FeedFilter {
  readonly type: string
  readonly editionId: string
}

/** A field's value as text: strings as they are, anything else (lists, numbers) as JSON. */
const valueText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value))

/**
 * `/portal/feed`: the partner's latest events, newest first (`GET /feed?order=desc`), each
 * with its sequence, its type and what it means in the reader's language, when it happened and the allow-listed data the API sent; a GET form filters
 * by type and edition, and `older` pages backwards. No script: links and a form.
 *
 * @example c.html(feedPage(page, { partnerId, events, editions, filter, olderHref }))
 */
export const feedPage = (
  page: PageContext,
  view: {
    partnerId: string
    events: readonly FeedRow[]
    editions: readonly EditionChoice[]
    filter: FeedFilter
    /** The next, older page; absent at the oldest. */
    olderHref?: string | undefined
    /** Set on an older page: the way back to the newest. */
    newestHref?: string | undefined
    notice?: Notice | undefined
  },
): Markup => {
  const p = page.t.portal
  const body = html`<h1>${p.feed}</h1>
    <p>${p.feedIntro}</p>
    ${noticeOf(view.notice, page.lang)}
    <form method="get" action="${page.href('/portal/feed')}" class="filters">
      <div class="field">
        <label for="f-type">${p.type}</label>
        <select id="f-type" name="type">
          <option value="">${p.feedAllTypes}</option>
          ${partnerEventTypes.map(
            (type) =>
              html`<option value="${type}" ${view.filter.type === type ? html` selected` : ''}>
                ${type}
              </option>`,
          )}
        </select>
      </div>
      ${editionField(p, view.editions, view.filter.editionId)}
      <button type="submit">${p.feedFilter}</button>
    </form>
    ${
      view.events.length === 0
        ? html`<p>${p.feedNone}</p>`
        : html`<table>
            <caption class="visually-hidden">
              ${p.feed}
            </caption>
            <thead>
              <tr>
                <th scope="col" class="num">${p.sequence}</th>
                <th scope="col">${p.type}</th>
                <th scope="col">${p.occurredAt}</th>
                <th scope="col">${p.data}</th>
              </tr>
            </thead>
            <tbody>
              ${view.events.map(
                (event) =>
                  html`<tr>
                    <th scope="row" class="num">${event.sequence}</th>
                    <td>
                      <code>${event.type}</code><br /><span>${eventSummary(event.type, page.lang)}</span>
                    </td>
                    <td>${time(event.occurredAt)}</td>
                    <td>
                      ${
                        Object.keys(event.data).length === 0
                          ? p.noData
                          : html`<dl class="facts">
                              ${Object.entries(event.data).map(
                                ([field, value]) =>
                                  html`<dt><code>${field}</code></dt>
                                    <dd>${valueText(value)}</dd>`,
                              )}
                            </dl>`
                      }
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    <p>
      ${view.newestHref ? html`<a href="${view.newestHref}">${p.newest}</a> ` : ''}
      ${view.olderHref ? html`<a href="${view.olderHref}" rel="next">${p.older}</a>` : ''}
    </p>`
  return layout(page, { title: p.feed, body, nav: portalNav(page, view.partnerId) })
}
