import type { Language } from '../events/index.js'

const locales: Readonly<Record<Language, string>> = { fr: 'fr-FR', en: 'en-GB' }

/**
 * A deadline as people in the Région read it: a date and a time in Paris.
 *
 * @example formatDeadline('2019-10-15T23:59:59+02:00', 'fr') // '15 octobre 2019 à 23:59 (heure de Paris)'
 */
export const formatDeadline = (instant: string, language: Language): string => {
  const format = new Intl.DateTimeFormat(locales[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  })
  return `${format.format(new Date(instant))} ${language === 'fr' ? '(heure de Paris)' : '(Paris time)'}`
}

/**
 * The days of a show, from its first to its last (calendar dates, wherever it is held).
 *
 * @example formatDays('2020-01-07', '2020-01-10', 'fr') // '7–10 janvier 2020'
 */
export const formatDays = (startsOn: string, endsOn: string, language: Language): string =>
  new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).formatRange(
    new Date(`${startsOn}T00:00:00Z`),
    new Date(`${endsOn}T00:00:00Z`),
  )
