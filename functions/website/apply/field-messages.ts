import type { z } from 'zod'
import type { FieldError } from '../../shared/http/problem.js'
import type { Lang } from '../i18n/locale.js'

type Issue = z.core.$ZodIssue
type Words = Record<Lang, string>
/** Words that name what the field may hold instead (`allowed`: the ports a URL may use). */
type Wording = Words | ((allowed: readonly string[]) => Words)

const either = (allowed: readonly string[], lang: Lang) =>
  allowed.join(lang === 'fr' ? ' ou ' : ' or ')

/** The schemas' own English messages (functions/http/schemas), and what they say in each language. */
const schemaMessages: Record<string, Words> = {
  'must be 14 digits, without spaces': {
    fr: 'Le SIRET compte 14 chiffres, sans espaces.',
    en: 'A SIRET is 14 digits, without spaces.',
  },
  'is not a valid SIRET (its check digit is wrong)': {
    fr: 'Ce SIRET n’est pas valide : sa clé de contrôle est fausse. Vérifiez chaque chiffre.',
    en: 'This SIRET is not valid: its check digit is wrong. Check each digit.',
  },
  'must be a phone number': { fr: 'Ce numéro de téléphone n’est pas valide.', en: 'This is not a valid phone number.' },
  'must not contain control characters': {
    fr: 'Ce texte contient des caractères invisibles non autorisés.',
    en: 'This text contains invisible characters that are not allowed.',
  },
}

/**
 * Messages for a field as a whole, when the generic one would be vague, by the issue's
 * code: zod's `required`/`invalid`, or a refusal's own (a webhook URL's `not-public`…).
 */
const fieldMessages: Record<string, Partial<Record<string, Wording>>> = {
  consent: {
    required: {
      fr: 'Cochez cette case pour donner votre consentement : sans lui, la candidature ne peut pas être étudiée.',
      en: 'Tick this box to give your consent: without it, the application cannot be reviewed.',
    },
  },
  'startup.themes': {
    required: { fr: 'Cochez au moins un thème.', en: 'Tick at least one theme.' },
  },
  'startup.territory': {
    required: { fr: 'Choisissez un territoire dans la liste.', en: 'Choose a territory from the list.' },
    invalid: { fr: 'Choisissez un territoire dans la liste.', en: 'Choose a territory from the list.' },
  },
  'startup.website': {
    invalid: {
      fr: 'Donnez une adresse web complète, commençant par https:// ou http://.',
      en: 'Give a full web address, starting with https:// or http://.',
    },
  },
  'contact.email': {
    invalid: { fr: 'Cette adresse e-mail n’est pas valide.', en: 'This email address is not valid.' },
  },
  // A webhook's receiver (the portal), with url-safety.ts's codes.
  url: {
    required: { fr: 'Donnez l’adresse de votre récepteur.', en: 'Give your receiver’s address.' },
    invalid: {
      fr: 'Donnez une adresse web complète, commençant par https://.',
      en: 'Give a full web address, starting with https://.',
    },
    'invalid-url': {
      fr: 'Donnez une adresse web complète, commençant par https://.',
      en: 'Give a full web address, starting with https://.',
    },
    'scheme-not-allowed': (allowed) => ({
      fr: `L’adresse doit commencer par ${either(allowed.map((s) => `${s}://`), 'fr')}.`,
      en: `The address must start with ${either(allowed.map((s) => `${s}://`), 'en')}.`,
    }),
    'credentials-not-allowed': {
      fr: 'L’adresse ne doit contenir ni identifiant ni mot de passe : le secret de signature authentifie nos envois.',
      en: 'The address must carry no user name or password: the signing secret authenticates what we send.',
    },
    'host-required': { fr: 'L’adresse doit nommer un serveur.', en: 'The address must name a server.' },
    'port-not-allowed': (allowed) => ({
      fr: `Ce port n’est pas accepté : le récepteur doit écouter sur le port ${either(allowed, 'fr')}.`,
      en: `This port is not accepted: the receiver must listen on port ${either(allowed, 'en')}.`,
    }),
    'not-public': {
      fr: 'Ce serveur n’est pas joignable sur Internet : son nom doit désigner des adresses publiques uniquement (pas de réseau privé ni local).',
      en: 'This server cannot be reached on the Internet: its name must lead to public addresses only (no private or local network).',
    },
  },
  types: {
    invalid: {
      fr: 'Choisissez les types d’événements dans le catalogue.',
      en: 'Choose the event types from the catalogue.',
    },
  },
  expiresAt: {
    invalid: { fr: 'Choisissez une date d’expiration.', en: 'Choose an expiry date.' },
  },
  scopes: {
    required: { fr: 'Cochez au moins une permission.', en: 'Tick at least one scope.' },
    invalid: { fr: 'Cochez des permissions de la liste.', en: 'Tick scopes from the list.' },
  },
}

const generic = {
  required: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  invalid: { fr: 'Cette valeur n’est pas valide.', en: 'This value is not valid.' },
  unknown: { fr: 'Ce champ n’est pas attendu.', en: 'This field is not expected.' },
}

const tooLong = (max: number, lang: Lang) =>
  lang === 'fr' ? `${max} caractères au plus.` : `At most ${max} characters.`

/**
 * The form field an issue is about: `startup.themes` for `['startup', 'themes', 0]`.
 *
 * @example fieldOf(issue) // 'startup.siret'
 */
export const fieldOf = (issue: Issue): string =>
  issue.path.filter((segment): segment is string => typeof segment === 'string').join('.') || '(form)'

/** What a message is chosen from: a zod issue, or a field error a problem listed. */
interface Offence {
  readonly field: string
  readonly code?: string | undefined
  readonly message: string
  readonly maximum?: unknown
  readonly origin?: unknown
  readonly allowed?: readonly string[] | undefined
}

const worded = (wording: Wording | undefined, allowed: readonly string[]) =>
  typeof wording === 'function' ? wording(allowed) : wording

const messageOf = (offence: Offence, lang: Lang): string => {
  const own = fieldMessages[offence.field]
  const allowed = offence.allowed ?? []
  const required = worded(own?.required, allowed) ?? generic.required
  const invalid = worded(own?.invalid, allowed) ?? generic.invalid
  switch (offence.code) {
    case 'invalid_type':
    case 'too_small':
      return required[lang]
    case 'too_big':
      return typeof offence.maximum === 'number' && offence.origin === 'string'
        ? tooLong(offence.maximum, lang)
        : generic.invalid[lang]
    case 'invalid_value':
      return (offence.field === 'consent' ? required : invalid)[lang]
    case 'unrecognized_keys':
      return generic.unknown[lang]
    default: {
      const ownCode = offence.code === undefined ? undefined : worded(own?.[offence.code], allowed)
      return (ownCode ?? schemaMessages[offence.message] ?? invalid)[lang]
    }
  }
}

/**
 * One zod issue of the registration schema in the reader's language: the schema's own
 * custom messages translated, and its generic codes (missing, too long, not an e-mail…)
 * worded for a person filling a form.
 *
 * @example fieldMessage(issue, 'fr') // 'Le SIRET compte 14 chiffres, sans espaces.'
 */
export const fieldMessage = (issue: Issue, lang: Lang): string =>
  messageOf(
    {
      field: fieldOf(issue),
      code: issue.code,
      message: issue.message,
      ...('maximum' in issue ? { maximum: issue.maximum } : {}),
      ...('origin' in issue ? { origin: issue.origin } : {}),
    },
    lang,
  )

/** `types.0` → `types`: a field error's path as the form knows the field. */
export const formFieldOf = (field: string): string =>
  field
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .join('.')

/**
 * A field error of an API problem (`errors` of a problem+json) in the reader's language:
 * the same words as for the form's own checks, the refusal's code worded where the field
 * has words for it (a webhook URL's `port-not-allowed`, with the ports it may use).
 *
 * @example fieldErrorMessage({ field: 'url', message: 'The URL …', code: 'not-public' }, 'fr')
 */
export const fieldErrorMessage = (error: FieldError, lang: Lang): string =>
  messageOf({ ...error, field: formFieldOf(error.field) }, lang)
