import type { Lang } from './locale.js'

type Words = Readonly<Record<Lang, string>>

/** The programme's themes as people read them; an unknown slug is shown in words. */
const themeNames: Record<string, Words> = {
  environment: { fr: 'Environnement', en: 'Environment' },
  health: { fr: 'Santé', en: 'Health' },
  mobility: { fr: 'Mobilité', en: 'Mobility' },
  'smart-city': { fr: 'Ville intelligente', en: 'Smart city' },
  ai: { fr: 'Intelligence artificielle', en: 'Artificial intelligence' },
  energy: { fr: 'Énergie', en: 'Energy' },
  food: { fr: 'Agroalimentaire', en: 'Food' },
  tourism: { fr: 'Tourisme', en: 'Tourism' },
  industry: { fr: 'Industrie', en: 'Industry' },
  maritime: { fr: 'Mer et littoral', en: 'Maritime' },
}

/** The themes the form offers when an edition names none. */
export const knownThemes = Object.keys(themeNames)

/**
 * A theme's name in the reader's language.
 *
 * @example themeName('smart-city', 'fr') // 'Ville intelligente'
 */
export const themeName = (slug: string, lang: Lang): string => {
  const known = Object.hasOwn(themeNames, slug) ? themeNames[slug] : undefined
  if (known) return known[lang]
  const words = slug.replace(/-/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const partnerKindNames: Record<string, Words> = {
  metropolis: { fr: 'Métropole', en: 'Metropolis' },
  agglomeration: { fr: 'Communauté d’agglomération', en: 'Agglomeration community' },
  'chamber-of-commerce': { fr: 'Chambre de commerce', en: 'Chamber of commerce' },
  region: { fr: 'Région', en: 'Region' },
  other: { fr: 'Autre', en: 'Other' },
}

/**
 * A partner kind in the reader's language.
 *
 * @example partnerKindName('metropolis', 'fr') // 'Métropole'
 */
export const partnerKindName = (kind: string, lang: Lang): string =>
  (Object.hasOwn(partnerKindNames, kind) ? partnerKindNames[kind]?.[lang] : undefined) ?? kind

const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }),
}

/**
 * An instant as the Région's readers expect it: Paris time, in words.
 *
 * @example dateTime('2019-10-15T23:59:59+02:00', 'fr') // '15 octobre 2019 à 23:59'
 */
export const dateTime = (iso: string, lang: Lang): string => dateFormats[lang].format(new Date(iso))

/**
 * The calendar day of an ISO date-time, as recorded.
 *
 * @example day('2019-09-01T10:00:00Z') // '2019-09-01'
 */
export const day = (iso: string): string => iso.slice(0, 10)
