import { html } from 'hono/html'
import { eventSummary } from '../i18n/event-summaries.js'
import { partnerEventTypes } from '../../contract/event-catalogue.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import type { Lang } from '../i18n/locale.js'
import type { Messages } from '../i18n/messages.js'
import type { RefusedField } from '../problem-messages.js'

/** A subscription as `GET /subscriptions` answers it (the fields the pages show). */
export interface SubscriptionRow {
  readonly id: string
  readonly url: string
  readonly types: readonly string[]
  readonly editionId?: string
  readonly status: 'active' | 'disabled'
  readonly paused: boolean
  readonly disabledReason?: string
  readonly consecutiveDeadLetters: number
  readonly createdAt: string
}

export interface AttemptRow {
  readonly at: string
  readonly status: string
  readonly statusCode?: number
  readonly error?: string
  readonly latencyMs: number
}

/** A delivery as `GET /subscriptions/{id}/deliveries` answers it. */
export interface DeliveryRow {
  /** Absent on a delivery recorded before sequences existed. */
  readonly sequence?: number
  readonly type: string
  readonly status: string
  readonly attempts: number
  readonly createdAt: string
  readonly webhookId: string
  readonly history?: readonly AttemptRow[]
}

/** A test event as `GET /subscriptions/{id}/tests` answers it. */
export interface TestRow {
  readonly testId: string
  readonly webhookId: string
  readonly sentAt: string
  readonly delivered: boolean
  readonly statusCode?: number
  readonly error?: string
  readonly latencyMs: number
}

export interface Notice {
  readonly kind: 'done' | 'refused'
  readonly text: string
  /** A refusal's offending fields, named in the reader's language. */
  readonly fields?: readonly RefusedField[] | undefined
  /** A refusal no message words: its problem type, for support. */
  readonly type?: string | undefined
}

export interface EditionChoice {
  readonly editionId: string
  readonly name: string
}

/** What the new-subscription form shows again after a refusal. */
export interface SubscriptionDraft {
  readonly url: string
  readonly types: readonly string[]
  readonly editionId: string
}

export interface FieldError {
  readonly field: string
  readonly message: string
}

/** What was done, or why it was refused: the fields at fault listed, an unworded problem's type kept. */
export const noticeOf = (notice: Notice | undefined, lang: Lang): Markup | string =>
  notice === undefined
    ? ''
    : notice.kind === 'done'
      ? html`<p class="notice done" role="status">${notice.text}</p>`
      : html`<div class="notice refused" role="alert" id="refused">
          <p>${notice.text}${notice.type ? html` <code class="problem-type">${notice.type}</code>` : ''}</p>
          ${notice.fields?.length
            ? html`<ul class="refused-fields">${notice.fields.map(
                (field) => html`<li data-field="${field.field}"><strong>${field.label}</strong>${lang === 'fr' ? ' : ' : ': '}${field.message}</li>`,
              )}</ul>`
            : ''}
        </div>`

/** The edition filter of the portal's forms: any edition, or one of the programme's. */
export const editionField = (
  p: Messages['portal'],
  editions: readonly EditionChoice[],
  selected: string | undefined,
): Markup => html`<div class="field">
  <label for="f-edition">${p.edition}</label>
  <select id="f-edition" name="editionId">
    <option value="">${p.anyEdition}</option>
    ${editions.map(
      (edition) =>
        html`<option value="${edition.editionId}"${selected === edition.editionId ? html` selected` : ''}>${edition.name}</option>`,
    )}
  </select>
</div>`

/**
 * The portal's navigation: the subscriptions, which partner is signed in, sign-out (the
 * one sign-out of the pages, which ends both sessions and Cognito's).
 */
export const portalNav = (page: PageContext, partnerId: string): Markup => {
  const p = page.t.portal
  return html`<nav class="staff" aria-label="${p.title}">
    <ul>
      <li><a href="${page.href('/portal')}">${p.nav.subscriptions}</a></li>
      <li><a href="${page.href('/portal/feed')}">${p.nav.feed}</a></li>
      <li><a href="${page.href('/portal/catalogue')}">${p.nav.catalogue}</a></li>
      <li><a href="${page.href('/portal/keys')}">${p.nav.keys}</a></li>
    </ul>
    <form method="post" action="${page.href('/staff/sign-out')}" class="sign-out">
      <span>${p.signedInAs(partnerId)}</span>
      <button type="submit" class="secondary">${page.t.staff.signOut}</button>
    </form>
  </nav>`
}

const statusOf = (page: PageContext, row: SubscriptionRow) =>
  row.paused ? page.t.portal.paused : row.status === 'active' ? page.t.portal.active : page.t.portal.disabled

/**
 * `/portal`: the partner's subscriptions and the form that creates one. The event types
 * are those of the contract's catalogue that partners receive, each with its summary.
 */
export const subscriptionsPage = (
  page: PageContext,
  view: {
    partnerId: string
    subscriptions: readonly SubscriptionRow[]
    editions: readonly EditionChoice[]
    notice?: Notice | undefined
    draft?: SubscriptionDraft | undefined
    errors?: readonly FieldError[] | undefined
  },
): Markup => {
  const p = page.t.portal
  const draft = view.draft ?? { url: '', types: [], editionId: '' }
  const errorOf = (field: string) => view.errors?.find((error) => error.field === field || error.field.startsWith(`${field}.`))
  const urlError = errorOf('url')
  const body = html`<h1>${p.subscriptions}</h1>
    <p>${p.intro}</p>
    ${noticeOf(view.notice, page.lang)}
    ${view.subscriptions.length === 0
      ? html`<p>${p.none}</p>`
      : html`<table>
          <caption class="visually-hidden">${p.subscriptions}</caption>
          <thead>
            <tr><th scope="col">${p.url}</th><th scope="col">${p.types}</th><th scope="col">${p.edition}</th><th scope="col">${p.status}</th></tr>
          </thead>
          <tbody>
            ${view.subscriptions.map(
              (row) => html`<tr>
                <th scope="row"><a href="${page.href(`/portal/subscriptions/${encodeURIComponent(row.id)}`)}">${row.url}</a></th>
                <td>${row.types.length === 0 ? p.allTypes : row.types.join(', ')}</td>
                <td>${row.editionId ?? p.anyEdition}</td>
                <td>${statusOf(page, row)}</td>
              </tr>`,
            )}
          </tbody>
        </table>`}
    <h2 id="new">${p.newSubscription}</h2>
    <form method="post" action="${page.href('/portal/subscriptions')}" novalidate>
      <div class="field${urlError ? ' invalid' : ''}">
        <label for="f-url">${p.url} <span class="req" aria-hidden="true">*</span></label>
        <p class="hint" id="f-url-hint">${p.urlHint}</p>
        ${urlError ? html`<p class="error" id="f-url-error">${urlError.message}</p>` : ''}
        <input type="url" id="f-url" name="url" required maxlength="2000" value="${draft.url}"
          aria-describedby="f-url-hint${urlError ? ' f-url-error' : ''}"${urlError ? html` aria-invalid="true"` : ''} />
      </div>
      <fieldset class="field choices">
        <legend>${p.types}</legend>
        <p class="hint">${p.typesHint}</p>
        ${partnerEventTypes.map(
          (type, index) => html`<div class="choice">
            <input type="checkbox" id="f-type-${index}" name="types" value="${type}"${draft.types.includes(type) ? html` checked` : ''}
              aria-describedby="f-type-${index}-hint" />
            <label for="f-type-${index}"><code>${type}</code></label>
            <p class="hint" id="f-type-${index}-hint">${eventSummary(type, page.lang)}</p>
          </div>`,
        )}
      </fieldset>
      ${editionField(p, view.editions, draft.editionId)}
      <button type="submit">${p.create}</button>
    </form>`
  return layout(page, { title: p.subscriptions, body, nav: portalNav(page, view.partnerId) })
}

/** The page that shows a signing secret, once: after a creation or a rotation. */
export const secretPage = (
  page: PageContext,
  view: { partnerId: string; title: string; note?: string; subscription: SubscriptionRow; secret: string },
): Markup => {
  const p = page.t.portal
  const body = html`<h1>${view.title}</h1>
    <dl class="facts">
      <dt>${p.url}</dt><dd>${view.subscription.url}</dd>
      <dt>${p.secret}</dt><dd><code id="signing-secret">${view.secret}</code></dd>
    </dl>
    <p class="notice done" role="status">${p.secretOnce}</p>
    ${view.note ? html`<p>${view.note}</p>` : ''}
    <p><a href="${page.href(`/portal/subscriptions/${encodeURIComponent(view.subscription.id)}`)}">${p.open}</a></p>`
  return layout(page, { title: view.title, body, nav: portalNav(page, view.partnerId) })
}

const actionForm = (page: PageContext, id: string, action: string, label: string, kind = '') =>
  html`<form method="post" action="${page.href(`/portal/subscriptions/${encodeURIComponent(id)}/${action}`)}" class="inline-form">
    <button type="submit"${kind ? html` class="${kind}"` : ''}>${label}</button>
  </form>`

/** An ISO time as the portal's tables show it: `2020-01-07 08:00:00 UTC`. */
export const time = (iso: string | undefined) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '')

/** The filters of the delivery log, as `GET /subscriptions/{id}/deliveries` takes them. */
export const deliveryFilters = ['all', 'failed', 'dead'] as const
export type DeliveryFilter = (typeof deliveryFilters)[number]

/**
 * `/portal/subscriptions/{id}`: the subscription, its actions, its test events and its
 * delivery log, each delivery with its attempts (time, result, code, latency).
 */
export const subscriptionPage = (
  page: PageContext,
  view: {
    partnerId: string
    subscription: SubscriptionRow
    tests: readonly TestRow[]
    deliveries: readonly DeliveryRow[]
    filter: DeliveryFilter
    notice?: Notice | undefined
  },
): Markup => {
  const p = page.t.portal
  const s = view.subscription
  const id = s.id
  const filterLabels: Record<DeliveryFilter, string> = { all: p.filterAll, failed: p.filterFailed, dead: p.filterDead }
  const body = html`<h1>${s.url}</h1>
    ${noticeOf(view.notice, page.lang)}
    <dl class="facts">
      <dt>${p.status}</dt><dd id="subscription-status">${statusOf(page, s)}</dd>
      <dt>${p.types}</dt><dd>${s.types.length === 0 ? p.allTypes : s.types.join(', ')}</dd>
      <dt>${p.edition}</dt><dd>${s.editionId ?? p.anyEdition}</dd>
    </dl>
    ${s.consecutiveDeadLetters > 0 ? html`<p>${p.deadLetters(s.consecutiveDeadLetters)}</p>` : ''}
    <h2>${p.actions}</h2>
    <div class="actions">
      ${actionForm(page, id, 'test', p.test)}
      ${s.paused ? actionForm(page, id, 'resume', p.resume) : actionForm(page, id, 'pause', p.pause, 'secondary')}
      ${actionForm(page, id, 'redrive', p.redrive, 'secondary')}
      ${actionForm(page, id, 'rotate', p.rotate, 'secondary')}
      ${actionForm(page, id, 'delete', p.remove, 'danger')}
    </div>
    <h2>${p.replay}</h2>
    <p>${p.replayIntro}</p>
    <form method="get" action="${page.href(`/portal/subscriptions/${encodeURIComponent(id)}/replay`)}" class="inline-form">
      ${page.href('/').includes('lang=') ? html`<input type="hidden" name="lang" value="${page.lang}" />` : ''}
      <label for="f-after">${p.afterSequence}</label>
      <input type="number" id="f-after" name="afterSequence" min="0" step="1" />
      <label for="f-since">${p.since}</label>
      <input type="text" id="f-since" name="since" maxlength="40" />
      <button type="submit" class="secondary">${p.previewReplay}</button>
    </form>
    <h2>${p.tests}</h2>
    ${view.tests.length === 0
      ? html`<p>${p.noTests}</p>`
      : html`<table id="tests">
          <caption class="visually-hidden">${p.tests}</caption>
          <thead><tr><th scope="col">${p.sentAt}</th><th scope="col">${p.result}</th><th scope="col" class="num">${p.code}</th><th scope="col" class="num">${p.latency}</th></tr></thead>
          <tbody>
            ${view.tests.map(
              (test) => html`<tr>
                <th scope="row">${time(test.sentAt)}</th>
                <td>${test.delivered ? p.delivered : `${p.failed}${test.error ? ` (${test.error})` : ''}`}</td>
                <td class="num">${test.statusCode ?? ''}</td>
                <td class="num">${p.ms(test.latencyMs)}</td>
              </tr>`,
            )}
          </tbody>
        </table>`}
    <h2>${p.deliveries}</h2>
    <form method="get" action="${page.href(`/portal/subscriptions/${encodeURIComponent(id)}`)}" class="inline-form filters">
      ${page.href('/').includes('lang=') ? html`<input type="hidden" name="lang" value="${page.lang}" />` : ''}
      <label for="f-filter">${p.filter}</label>
      <select id="f-filter" name="filter">
        ${deliveryFilters.map(
          (filter) => html`<option value="${filter}"${filter === view.filter ? html` selected` : ''}>${filterLabels[filter]}</option>`,
        )}
      </select>
      <button type="submit" class="secondary">${p.filter}</button>
    </form>
    ${view.deliveries.length === 0
      ? html`<p>${p.noDeliveries}</p>`
      : html`<table id="deliveries">
          <caption class="visually-hidden">${p.deliveries}</caption>
          <thead>
            <tr><th scope="col" class="num">${p.sequence}</th><th scope="col">${p.type}</th><th scope="col">${p.status}</th><th scope="col">${p.attempts}</th></tr>
          </thead>
          <tbody>
            ${view.deliveries.map(
              (delivery) => html`<tr>
                <th scope="row" class="num">${delivery.sequence ?? ''}</th>
                <td><code>${delivery.type}</code></td>
                <td>${p.deliveryStatus[delivery.status] ?? delivery.status}</td>
                <td>
                  ${(delivery.history ?? []).length === 0
                    ? String(delivery.attempts)
                    : html`<ol>
                        ${(delivery.history ?? []).map(
                          (attempt) =>
                            html`<li>${time(attempt.at)} — ${p.deliveryStatus[attempt.status] ?? attempt.status}${attempt.statusCode === undefined ? '' : ` — HTTP ${attempt.statusCode}`}${attempt.error ? ` — ${attempt.error}` : ''} — ${p.ms(attempt.latencyMs)}</li>`,
                        )}
                      </ol>`}
                </td>
              </tr>`,
            )}
          </tbody>
        </table>`}
    <p><a href="${page.href('/portal')}">${p.back}</a></p>`
  return layout(page, { title: s.url, body, nav: portalNav(page, view.partnerId) })
}

/** A replay's preview, as `GET /subscriptions/{id}/replay-preview` answers it. */
export interface ReplayPreview {
  readonly afterSequence: number
  readonly toSequence: number
  readonly replayable: number
  readonly byType: Readonly<Record<string, number>>
  readonly first: ReadonlyArray<{ sequence: number; type: string; recordedAt: string }>
  readonly last: ReadonlyArray<{ sequence: number; type: string; recordedAt: string }>
}

/**
 * `/portal/subscriptions/{id}/replay?afterSequence=…` (or `since=`): what a replay will send,
 * counted by type with its first and last events, and the form that sends exactly that
 * range (the preview's `afterSequence` and `toSequence` go with it).
 */
export const replayPreviewPage = (
  page: PageContext,
  view: { partnerId: string; subscription: SubscriptionRow; preview: ReplayPreview },
): Markup => {
  const p = page.t.portal
  const { preview, subscription } = view
  const id = encodeURIComponent(subscription.id)
  const events = (caption: string, rows: ReplayPreview['first']) =>
    rows.length === 0
      ? ''
      : html`<table>
          <caption>${caption}</caption>
          <thead><tr><th scope="col" class="num">${p.sequence}</th><th scope="col">${p.type}</th><th scope="col">${p.sentAt}</th></tr></thead>
          <tbody>
            ${rows.map((row) => html`<tr><th scope="row" class="num">${row.sequence}</th><td><code>${row.type}</code></td><td>${time(row.recordedAt)}</td></tr>`)}
          </tbody>
        </table>`
  const body = html`<h1>${p.replayPreviewTitle}</h1>
    <p>${subscription.url}</p>
    ${preview.replayable === 0
      ? html`<p id="replay-count">${p.replayNothing}</p>`
      : html`<p id="replay-count">${p.replayWillSend(preview.replayable, preview.afterSequence, preview.toSequence)}</p>
          <ul id="replay-types">
            ${Object.entries(preview.byType).map(([type, count]) => html`<li><code>${type}</code> : ${count}</li>`)}
          </ul>
          ${events(p.replayFirst, preview.first)} ${events(p.replayLast, preview.last)}
          <form method="post" action="${page.href(`/portal/subscriptions/${id}/replay`)}">
            <input type="hidden" name="afterSequence" value="${String(preview.afterSequence)}" />
            <input type="hidden" name="toSequence" value="${String(preview.toSequence)}" />
            <button type="submit">${p.confirmReplay}</button>
          </form>`}
    <p><a href="${page.href(`/portal/subscriptions/${id}`)}">${p.cancel}</a></p>`
  return layout(page, { title: p.replayPreviewTitle, body, nav: portalNav(page, view.partnerId) })
}
