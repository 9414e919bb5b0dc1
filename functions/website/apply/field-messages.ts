import type { z } from 'zod'
import type { Lang } from '../i18n/locale.js'

type Issue = z.core.$ZodIssue
type Words = Record<Lang, string>

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

/** Messages for a field as a whole, when the generic one would be vague. */
const fieldMessages: Record<string, Partial<Record<'required' | 'invalid', Words>>> = {
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

/**
 * One zod issue of the registration schema in the reader's language: the schema's own
 * custom messages translated, and its generic codes (missing, too long, not an e-mail…)
 * worded for a person filling a form.
 *
 * @example fieldMessage(issue, 'fr') // 'Le SIRET compte 14 chiffres, sans espaces.'
 */
export const fieldMessage = (issue: Issue, lang: Lang): string => {
  const field = fieldOf(issue)
  const own = fieldMessages[field]
  const translated = schemaMessages[issue.message]
  switch (issue.code) {
    case 'invalid_type':
      return (own?.required ?? generic.required)[lang]
    case 'too_small':
      return (own?.required ?? generic.required)[lang]
    case 'too_big':
      return typeof issue.maximum === 'number' && issue.origin === 'string'
        ? tooLong(issue.maximum, lang)
        : generic.invalid[lang]
    case 'invalid_value':
      return (field === 'consent' ? own?.required : own?.invalid)?.[lang] ?? generic.invalid[lang]
    case 'unrecognized_keys':
      return generic.unknown[lang]
    default:
      return (translated ?? own?.invalid ?? generic.invalid)[lang]
  }
}
