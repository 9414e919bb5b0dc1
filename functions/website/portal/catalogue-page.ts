import { html } from 'hono/html'
import { eventTypes, schemaVersions } from '../../../domain/events/index.js'
import { partnerFields } from '../../../domain/partner-access/partner-view.js'
import { testEventType } from '../../../domain/webhooks/test-event.js'
import { eventSummary } from '../i18n/event-summaries.js'
import { partnerEventTypes } from '../../contract/event-catalogue.js'
import { exampleTestEventBody, exampleWebhookBody } from '../../contract/webhook-examples.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import { portalNav } from './portal-pages.js'

const example = (body: unknown) => html`<pre><code>${JSON.stringify(body, null, 2)}</code></pre>`

/**
 * `/portal/catalogue`: every event type a partner may receive, from the contract's own
 * sources (no second copy): what it means, its schema version and how earlier versions
 * changed, the fields the allow-list sends, and an example body as it arrives (the
 * OpenAPI document's example); then the test event. What a type means is in the reader's
 * language (i18n/event-summaries.ts); what changed between versions is the contract's
 * English, marked `lang="en"`, so a screen reader on the French page reads it as English.
 *
 * @example c.html(cataloguePage(page, partnerId))
 */
export const cataloguePage = (page: PageContext, partnerId: string): Markup => {
  const p = page.t.portal
  const body = html`<h1>${p.catalogue}</h1>
    <p>${p.catalogueIntro}</p>
    <nav aria-label="${p.catalogue}">
      <ul>
        ${partnerEventTypes.map((type) => html`<li><a href="#${type}"><code>${type}</code></a></li>`)}
        <li><a href="#${testEventType}"><code>${testEventType}</code></a></li>
      </ul>
    </nav>
    ${partnerEventTypes.map((type) => {
      const versions = schemaVersions(type)
      const past = versions.filter((version) => !version.current)
      return html`<section aria-labelledby="${type}">
        <h2 id="${type}"><code>${type}</code></h2>
        <p>${eventSummary(type, page.lang)}</p>
        <p>${p.schemaVersion(eventTypes[type].schemaVersion)}</p>
        ${past.length === 0
          ? ''
          : html`<ul lang="en">
              ${past.map((version) => html`<li>v${version.schemaVersion} → v${version.schemaVersion + 1} : ${version.changedInNext ?? ''}</li>`)}
            </ul>`}
        <p>${p.fieldsSent} ${partnerFields(type).map((field, index) => html`${index > 0 ? ', ' : ''}<code>${field}</code>`)}</p>
        <h3>${p.exampleBody}</h3>
        ${example(exampleWebhookBody(type))}
      </section>`
    })}
    <section aria-labelledby="${testEventType}">
      <h2 id="${testEventType}"><code>${testEventType}</code></h2>
      <p>${eventSummary(testEventType, page.lang)}</p>
      <h3>${p.exampleBody}</h3>
      ${example(exampleTestEventBody())}
    </section>`
  return layout(page, { title: p.catalogue, body, nav: portalNav(page, partnerId) })
}
