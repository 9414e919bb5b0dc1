import { html } from 'hono/html'
import { apiKeyScopes } from '../../../domain/partner-access/scopes.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import { noticeOf, portalNav, type Notice } from './portal-pages.js'

/** A key as `GET /partners/{partnerId}/keys` answers it (never the key itself). */
export interface KeyRow {
  readonly keyId: string
  readonly scopes: readonly string[]
  readonly label?: string
  readonly status: 'active' | 'expiring' | 'revoked'
  readonly createdAt: string
  readonly notAfter?: string
  /** The key that replaced it, if it was rotated. */
  readonly replacedBy?: string
}

/** A key just issued or rotated, shown this once. */
export interface IssuedKey {
  readonly apiKey: string
  readonly keyId: string
  readonly notAfter?: string | undefined
  /** Issued by a rotation: the key it replaced stopped working at once. */
  readonly replaced?: boolean | undefined
}

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '')

/**
 * `/portal/keys`: the partner's API keys (for its own systems: the feed, subscriptions by
 * API), a form to issue one (scopes, a label, an expiry within a year: the API's rule for
 * a partner's user), revoke and rotate each; a new key is shown once (`issued`).
 *
 * @example c.html(keysPage(page, { partnerId, keys, defaultExpiry: '2020-12-01' }))
 */
export const keysPage = (
  page: PageContext,
  view: {
    partnerId: string
    keys: readonly KeyRow[]
    defaultExpiry: string
    notice?: Notice | undefined
    issued?: IssuedKey | undefined
  },
): Markup => {
  const p = page.t.portal
  // The API says `expiring` of any key with an end date, and every key of the portal has
  // one: for a person, a key is active, replaced (and working out its overlap) or over.
  const statusOf = (key: KeyRow) =>
    key.replacedBy
      ? key.status === 'revoked'
        ? p.keyReplaced
        : p.keyExpiring
      : key.status === 'revoked'
        ? p.keyRevoked
        : p.keyActive
  const body = html`<h1>${p.keys}</h1>
    <p>${p.keysIntro}</p>
    ${noticeOf(view.notice, page.lang)}
    ${view.issued
      ? html`<dl class="facts">
            <dt>${p.newKey}</dt><dd><code id="api-key">${view.issued.apiKey}</code></dd>
            <dt>${p.expires}</dt><dd id="api-key-expires">${day(view.issued.notAfter)}</dd>
          </dl>
          <p class="notice done" role="status">${p.keyOnce}</p>
          ${view.issued.replaced ? html`<p id="key-rotated">${p.keyRotatedNote}</p>` : ''}`
      : ''}
    ${view.keys.length === 0
      ? html`<p>${p.noKeys}</p>`
      : html`<table id="keys">
          <caption class="visually-hidden">${p.keys}</caption>
          <thead>
            <tr><th scope="col">${p.keyLabel}</th><th scope="col">${p.scopes}</th><th scope="col">${p.status}</th>
              <th scope="col">${p.expires}</th><th scope="col">${p.actions}</th></tr>
          </thead>
          <tbody>
            ${view.keys.map(
              (key) => html`<tr>
                <th scope="row">${key.label ?? key.keyId}</th>
                <td>${key.scopes.join(', ')}</td>
                <td class="key-status">${statusOf(key)}</td>
                <td>${day(key.notAfter)}</td>
                <td>
                  ${key.status === 'revoked'
                    ? ''
                    : html`<form method="post" action="${page.href(`/portal/keys/${key.keyId}/rotate`)}" class="inline-form">
                          <button type="submit" class="secondary">${p.rotateKey}</button>
                        </form>
                        <form method="post" action="${page.href(`/portal/keys/${key.keyId}/revoke`)}" class="inline-form">
                          <button type="submit" class="danger">${p.revokeKey}</button>
                        </form>`}
                </td>
              </tr>`,
            )}
          </tbody>
        </table>`}
    <h2>${p.issueKey}</h2>
    <form method="post" action="${page.href('/portal/keys')}">
      <div class="field">
        <label for="f-label">${p.keyLabel}</label>
        <input type="text" id="f-label" name="label" maxlength="100" />
      </div>
      <fieldset class="field choices">
        <legend>${p.scopes}</legend>
        ${apiKeyScopes.map(
          (scope, index) => html`<div class="choice">
            <input type="checkbox" id="f-scope-${index}" name="scopes" value="${scope}" checked />
            <label for="f-scope-${index}"><code>${scope}</code></label>
          </div>`,
        )}
      </fieldset>
      <div class="field">
        <label for="f-expires">${p.expires}</label>
        <p class="hint" id="f-expires-hint">${p.expiresHint}</p>
        <input type="date" id="f-expires" name="expires" required value="${view.defaultExpiry}" aria-describedby="f-expires-hint" />
      </div>
      <button type="submit">${p.issueKey}</button>
    </form>`
  return layout(page, { title: p.keys, body, nav: portalNav(page, view.partnerId) })
}
