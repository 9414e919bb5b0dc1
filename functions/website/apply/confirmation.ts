import { html } from 'hono/html'
import { outcomeMessagesFor } from '../i18n/outcome-messages.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import { ownOutcomesPath } from '../outcomes/own-outcomes-page.js'

export interface Submitted {
  readonly applicationId: string
  /** Absent from a replay that could not recover it (see functions/http/idempotency.ts). */
  readonly withdrawalToken?: string
}

/**
 * What a start-up sees once its application is recorded: the reference, and the one
 * link that can withdraw it (the token is shown here only, as the API answered it).
 *
 * @example c.html(confirmationPage(page, 'CES 2020', submitted, 'https://api.example'), 201)
 */
export const confirmationPage = (page: PageContext, editionName: string, submitted: Submitted, origin: string): Markup => {
  const a = page.t.apply
  const token = submitted.withdrawalToken
  const path = `/applications/${encodeURIComponent(submitted.applicationId)}/withdraw?token=${encodeURIComponent(token ?? '')}`
  const link = `${origin}${page.href(path)}`
  const withdrawal =
    token === undefined
      ? html`<p>${a.linkNotShownAgain}</p>`
      : html`<p>${a.keepLink}</p>
          <p><a id="withdraw-link" href="${link}">${a.withdrawLink}</a></p>
          <p class="link-text"><code>${link}</code></p>
          <p>${outcomeMessagesFor(page.lang).own.linkOnConfirmation}
            <a id="outcomes-link" href="${origin}${page.href(ownOutcomesPath(submitted.applicationId, token))}">${outcomeMessagesFor(page.lang).own.linkLabel}</a></p>`
  return layout(page, {
    title: a.confirmedTitle,
    body: html`<h1 id="confirmed" tabindex="-1">${a.confirmedTitle}</h1>
      <p class="message success">${a.confirmed(editionName)}</p>
      <p class="message" id="checked">${a.held}</p>
      <dl class="facts">
        <dt>${a.reference}</dt>
        <dd><code id="application-id">${submitted.applicationId}</code></dd>
      </dl>
      ${withdrawal}`,
  })
}
