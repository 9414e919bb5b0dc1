import type { ApiAnswer } from '../api-client.js'
import type { Messages } from '../i18n/messages.js'
import type { PageContext } from '../layout.js'
import { refusalOf } from '../problem-messages.js'
import type { Notice } from './portal-pages.js'

/**
 * The fields of the API's request bodies the portal's forms fill (a subscription, a
 * replay, a key), by the label the page shows them under: a refusal names them so.
 *
 * @example portalFieldLabels(page.t.portal).url // 'Adresse de réception (URL)'
 */
export const portalFieldLabels = (p: Messages['portal']): Readonly<Record<string, string>> => ({
  url: p.url,
  types: p.types,
  editionId: p.edition,
  afterSequence: p.afterSequence,
  since: p.since,
  toSequence: p.toSequence,
  scopes: p.scopes,
  label: p.keyLabel,
  expiresAt: p.expires,
})

/**
 * Why the API refused a portal action, in the page's language (never the API's English
 * detail), with the offending fields named as the page names them.
 *
 * @example return renderKeys(c, { notice: portalRefusal(page, answer) }, 409)
 */
export const portalRefusal = (
  page: PageContext,
  answer: Extract<ApiAnswer, { ok: false }>,
): Notice => {
  const refusal = refusalOf(page.lang, portalFieldLabels(page.t.portal), answer)
  return { kind: 'refused', text: `${page.t.portal.refused} ${refusal.text}`, fields: refusal.fields, type: refusal.type }
}
