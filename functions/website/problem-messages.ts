import type { ApiAnswer } from './api-client.js'
import { fieldErrorMessage, formFieldOf } from './apply/field-messages.js'
import type { Lang } from './i18n/locale.js'
import { ruleMessages } from './rule-messages.js'

type Words = Record<Lang, string>
type Refused = Extract<ApiAnswer, { ok: false }>
type Problem = NonNullable<Refused['problem']>

const word = (value: unknown) => (typeof value === 'string' ? value : '')
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)

/** `90` seconds → `2 min`, `20` → `20 s`: when to ask again, short. */
const after = (seconds: number | undefined, lang: Lang) => {
  if (seconds === undefined) return lang === 'fr' ? 'un peu plus tard' : 'a little later'
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} min` : `${seconds} s`
  return lang === 'fr' ? `dans ${wait}` : `in ${wait}`
}

/**
 * What each problem of the API's catalogues (functions/http/problems.ts,
 * functions/webhooks/problems.ts, functions/partner-access/problems.ts) says to a person
 * on a page, in each language, by its public code. The API's `detail` is English and for
 * developers: a page shows these instead, and names the offending fields apart
 * (`refusalOf`). tests/functions/website/problem-messages.test.ts holds this table
 * against the catalogues themselves, so a new problem cannot go unworded.
 */
export const problemMessages: Record<string, (problem: Problem) => Words> = {
  // The request itself: a page builds its requests, so these mean a page out of date.
  'not-found': () => ({ fr: 'Cette adresse n’existe pas.', en: 'This address does not exist.' }),
  'unsupported-media-type': () => ({
    fr: 'Le formulaire n’a pas été envoyé comme attendu : rechargez la page et recommencez.',
    en: 'The form was not sent as expected: reload the page and try again.',
  }),
  'malformed-json': () => ({
    fr: 'Le formulaire n’a pas été envoyé comme attendu : rechargez la page et recommencez.',
    en: 'The form was not sent as expected: reload the page and try again.',
  }),
  'malformed-form': () => ({
    fr: 'Le formulaire n’a pas été envoyé comme attendu : rechargez la page et recommencez.',
    en: 'The form was not sent as expected: reload the page and try again.',
  }),
  'content-too-large': () => ({
    fr: 'C’est trop volumineux pour être enregistré en une fois.',
    en: 'This is too large to be recorded at once.',
  }),
  'validation-failed': () => ({
    fr: 'Certains champs sont à corriger.',
    en: 'Some fields need correcting.',
  }),
  'invalid-cursor': () => ({
    fr: 'Cette page de la liste n’existe plus : repartez du début.',
    en: 'This page of the list no longer exists: start again from the first.',
  }),
  'invalid-if-match': () => ({
    fr: 'La page n’était plus à jour : rechargez-la et recommencez.',
    en: 'The page was out of date: reload it and try again.',
  }),
  'invalid-idempotency-key': () => ({
    fr: 'Le formulaire n’a pas été envoyé comme attendu : rechargez la page et recommencez.',
    en: 'The form was not sent as expected: reload the page and try again.',
  }),
  // Who is asking.
  unauthenticated: () => ({
    fr: 'Votre session a expiré : reconnectez-vous.',
    en: 'Your session has expired: sign in again.',
  }),
  forbidden: () => ({
    fr: 'Vous n’avez pas le droit de faire cela.',
    en: 'You are not allowed to do this.',
  }),
  'insufficient-scope': (problem) => ({
    fr: `Cette clé n’a pas le droit ${word(problem.scope)} que cela demande.`,
    en: `This key lacks the scope ${word(problem.scope)} this needs.`,
  }),
  'invalid-withdrawal-token': () => ({
    fr: 'Ce lien n’est pas valide : utilisez celui reçu à l’envoi de la candidature.',
    en: 'This link is not valid: use the one you received when you applied.',
  }),
  // The state of things.
  'concurrent-modification': () => ({
    fr: 'Quelqu’un a modifié cela en même temps que vous : rechargez la page et recommencez.',
    en: 'Someone changed this at the same time as you: reload the page and try again.',
  }),
  'precondition-failed': () => ({
    fr: 'Cela a changé depuis l’affichage de la page : rechargez-la et recommencez.',
    en: 'This changed since the page was shown: reload it and try again.',
  }),
  'already-exists': () => ({ fr: 'Cela existe déjà.', en: 'This already exists.' }),
  'idempotency-key-reused': () => ({
    fr: 'Ce formulaire a déjà été envoyé avec d’autres valeurs : rechargez la page et recommencez.',
    en: 'This form was already sent with other values: reload the page and try again.',
  }),
  'occurred-in-the-future': () => ({
    fr: 'La date donnée est dans le futur.',
    en: 'The date given is in the future.',
  }),
  // Load and availability.
  'too-many-requests': () => ({
    fr: 'Trop de demandes en peu de temps : réessayez dans une minute.',
    en: 'Too many requests in a short time: try again in a minute.',
  }),
  busy: () => ({
    fr: 'Le service est très sollicité : réessayez dans un instant.',
    en: 'The service is busy: try again in a moment.',
  }),
  'temporarily-unavailable': () => ({
    fr: 'Le service n’a pas répondu à temps : réessayez dans un instant.',
    en: 'The service did not answer in time: try again in a moment.',
  }),
  // Webhook subscriptions.
  'subscription-not-found': () => ({
    fr: 'Cet abonnement n’existe pas, ou n’est pas le vôtre.',
    en: 'This subscription does not exist, or is not yours.',
  }),
  'subscription-limit-reached': (problem) => ({
    fr: `Vous avez déjà ${count(problem.limit) ?? 'le nombre maximal d’'} abonnements, le maximum : supprimez-en un d’abord.`,
    en: `You already hold ${count(problem.limit) ?? 'the most'} subscriptions, the most allowed: delete one first.`,
  }),
  'unsafe-target': () => ({
    fr: 'Nous n’enverrons pas d’événements à cette adresse.',
    en: 'We will not send events to this address.',
  }),
  'replay-limited': (problem) => ({
    fr: `Un renvoi de cet abonnement est en cours, ou ceux du jour sont épuisés : réessayez ${after(count(problem.retryAfter), 'fr')}.`,
    en: `A replay of this subscription is under way, or today’s are spent: try again ${after(count(problem.retryAfter), 'en')}.`,
  }),
  'replay-too-large': () => ({
    fr: 'Ce renvoi couvre trop d’événements en une fois : partez d’un événement plus récent, ou lisez le flux par l’API.',
    en: 'This replay covers too many events at once: start from a later event, or read the feed through the API.',
  }),
  'unknown-sequence': () => ({
    fr: 'Aucun événement ne porte encore ce numéro : donnez le numéro d’un événement que vous avez reçu.',
    en: 'No event has this number yet: give the number of an event you received.',
  }),
  // Partner access: keys and people.
  'expiry-in-the-past': () => ({
    fr: 'La date d’expiration doit être dans le futur.',
    en: 'The expiry date must lie in the future.',
  }),
  'expiry-required': (problem) => ({
    fr: `Une clé créée depuis le portail expire dans les ${count(problem.maxDays) ?? 366} jours : choisissez une date plus proche.`,
    en: `A key issued from the portal expires within ${count(problem.maxDays) ?? 366} days: choose a nearer date.`,
  }),
  'partner-user-exists': () => ({
    fr: 'Cette adresse a déjà un compte : un compte appartient à un seul partenaire.',
    en: 'This address already has an account: one account belongs to one partner.',
  }),
  'partner-not-found': () => ({
    fr: 'Ce partenaire n’est pas enregistré.',
    en: 'This partner is not registered.',
  }),
  'key-not-found': () => ({
    fr: 'Cette clé n’existe pas, ou n’est pas la vôtre.',
    en: 'This key does not exist, or is not yours.',
  }),
  'key-revoked': () => ({
    fr: 'Cette clé a déjà été révoquée ou remplacée : rechargez la page pour voir les clés en vigueur.',
    en: 'This key was already revoked or replaced: reload the page to see the keys in force.',
  }),
}

/** The words of a problem of the API's catalogues, or else of a rule of the domain (rule-messages.ts). */
const wordsFor = (code: string) =>
  Object.hasOwn(problemMessages, code) ? problemMessages[code] : Object.hasOwn(ruleMessages, code) ? ruleMessages[code] : undefined

/** A problem no entry words (or no problem at all): said plainly, its type kept for support. */
const unexpected: Words = {
  fr: 'La demande n’a pas abouti. Si cela se reproduit, écrivez à la Région en citant ce type de problème :',
  en: 'The request did not go through. If it happens again, write to the Région quoting this problem type:',
}

/** One offending field, named and explained in the reader's language. */
export interface RefusedField {
  /** The form's field (`types` for the API's `types.0`). */
  readonly field: string
  readonly label: string
  readonly message: string
}

/** Why the API refused, for a page: what to tell the reader, the fields at fault. */
export interface Refusal {
  readonly text: string
  readonly fields: readonly RefusedField[]
  /** The problem's type, shown for support when no message words it. */
  readonly type?: string
}

/**
 * Why the API refused, in the reader's language: the problem's code worded from
 * `problemMessages` (or `ruleMessages` for a rule of the domain), each offending field (problem+json `errors`) named by the page's own
 * label and explained as the forms explain theirs (apply/field-messages.ts); a problem
 * without words gets a plain message and keeps its `type`, never the API's English detail.
 *
 * @example refusalOf('fr', { url: 'Adresse' }, answer) // { text: 'Nous n’enverrons pas…', fields: [...] }
 */
export const refusalOf = (
  lang: Lang,
  labels: Readonly<Record<string, string>>,
  answer: Refused,
): Refusal => {
  const problem = answer.problem
  const worded = problem ? wordsFor(answer.code) : undefined
  const seen = new Set<string>()
  const fields = (problem?.errors ?? []).flatMap((error) => {
    const field = formFieldOf(error.field)
    if (seen.has(field)) return []
    seen.add(field)
    return [{ field, label: labels[field] ?? field, message: fieldErrorMessage(error, lang) }]
  })
  if (problem && worded) return { text: worded(problem)[lang], fields }
  return { text: unexpected[lang], fields, type: problem?.type ?? `HTTP ${answer.status}` }
}

/**
 * Why the API refused, as one line, for a page whose notice has no list of fields: the
 * words of `refusalOf`, each offending field after them, named by its label, and the
 * problem's type when no message words it, for support.
 *
 * @example `${s.conflict} ${refusalLine(page.lang, answer, labels)}`
 */
export const refusalLine = (
  lang: Lang,
  answer: Refused,
  labels: Readonly<Record<string, string>> = {},
): string => {
  const refusal = refusalOf(lang, labels, answer)
  const colon = lang === 'fr' ? ' : ' : ': '
  const fields = refusal.fields.map(({ label, message }) => `${label}${colon}${message}`)
  return [refusal.text, ...fields, ...(refusal.type === undefined ? [] : [refusal.type])].join(' ')
}
