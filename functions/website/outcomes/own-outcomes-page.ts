import { html } from 'hono/html'
import type { OwnOutcomes } from '../../queries/own-outcomes.js'
import type { FormState } from '../apply/form-fields.js'
import { outcomeMessagesFor } from '../i18n/outcome-messages.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import { errorSummary, outcomeInputs } from './outcome-form.js'

export interface OwnOutcomesView extends FormState {
  readonly mine: OwnOutcomes
  readonly token: string
  /** A fresh key for every rendered form: sending it twice records one report. */
  readonly idempotencyKey: string
  /** A refusal about the whole form (busy, key reused). */
  readonly notice?: string | undefined
}

/**
 * The path of a start-up's outcomes page: the link only it holds, with its token.
 *
 * @example ownOutcomesPath(applicationId, token) // '/applications/…/report-outcomes?token=…'
 */
export const ownOutcomesPath = (applicationId: string, token: string) =>
  `/applications/${encodeURIComponent(applicationId)}/report-outcomes?token=${encodeURIComponent(token)}`

/**
 * A member's report after the show, as a plain form (no script needed; `form.js` sends
 * it with fetch when it can), its latest figures filled in: sending it replaces them.
 *
 * @example c.html(ownOutcomesPage(page, { mine, token, idempotencyKey, values, errors }))
 */
export const ownOutcomesPage = (page: PageContext, view: OwnOutcomesView): Markup => {
  const words = outcomeMessagesFor(page.lang)
  const { mine } = view
  const title = words.own.title(mine.editionName)
  const action = page.href(`/applications/${encodeURIComponent(mine.applicationId)}/report-outcomes`)
  const hasErrors = Object.keys(view.errors).length > 0 || view.notice !== undefined
  const body = html`<h1 id="outcomes-title" tabindex="-1">${title}</h1>
    <p>${words.own.intro}</p>
    ${mine.report
      ? html`<p class="message" id="supersedes">${words.own.supersedes(mine.report.revision)}
          ${mine.report.reportedBy === 'staff' ? html` ${words.own.correctedByStaff}` : ''}</p>`
      : ''}
    ${errorSummary(words, view, view.notice)}
    <form method="post" action="${action}" novalidate data-enhance data-sending="${words.own.sending}" class="outcomes">
      <input type="hidden" name="token" value="${view.token}" />
      <input type="hidden" name="idempotencyKey" value="${view.idempotencyKey}" />
      ${outcomeInputs(words, view)}
      <button type="submit">${words.own.submit}</button>
    </form>`
  return layout(page, { title: hasErrors ? `${words.errors.title} — ${title}` : title, body, scripts: ['form.js'] })
}

/**
 * What a start-up sees once its report is recorded, with the way back to change it.
 *
 * @example c.html(ownOutcomesDone(page, mine, 2, token), 201)
 */
export const ownOutcomesDone = (page: PageContext, mine: OwnOutcomes, revision: number, token: string): Markup => {
  const words = outcomeMessagesFor(page.lang)
  return layout(page, {
    title: words.own.doneTitle,
    body: html`<h1 id="outcomes-done" tabindex="-1">${words.own.doneTitle}</h1>
      <p class="message success" role="status">${words.own.done(mine.editionName, revision)}</p>
      <p><a href="${page.href(ownOutcomesPath(mine.applicationId, token))}">${words.own.again}</a></p>`,
  })
}
