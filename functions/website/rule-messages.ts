import { awardLevels } from '../../domain/events/index.js'
import { awardName } from '../queries/labels.js'
import type { ApiAnswer } from './api-client.js'
import type { Lang } from './i18n/locale.js'
import { messagesFor } from './i18n/messages.js'

type Words = Record<Lang, string>
type Problem = NonNullable<Extract<ApiAnswer, { ok: false }>['problem']>

const word = (value: unknown) => (typeof value === 'string' ? value : '')
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : '')
const day = (value: unknown) => word(value).slice(0, 10)

/** An application's status as the back-office names it (`selected` → `sélectionnée`). */
const status = (problem: Problem, lang: Lang) => {
  const raw = word(problem.applicationStatus)
  return messagesFor(lang).staff.statusNames[raw] ?? raw
}

/** An award level by the name the CES gives it, as the back-office lists awards. */
const award = (value: unknown) => {
  const level = word(value)
  return (awardLevels as readonly string[]).includes(level) ? awardName(level as (typeof awardLevels)[number]) : level
}

/** `{ from, to }` of an export period, as a span of days in each language. */
const span = (value: unknown): Words => {
  const period = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  return { fr: `du ${day(period.from)} au ${day(period.to)}`, en: `from ${day(period.from)} to ${day(period.to)}` }
}

/**
 * What each rule of the domain (the catalogues of domain/…/errors.ts and the deciders'
 * own refusals) says to a person on a page, in each language, by its public code, with the
 * figures the problem carries. The API's `detail` words the same rule in English for
 * developers and names ids a page has already shown. tests/functions/website/
 * problem-messages.test.ts reads every code the domain throws and fails on one left unworded.
 */
export const ruleMessages: Record<string, (problem: Problem) => Words> = {
  // An application.
  'application-deadline-passed': (p) => ({
    fr: `La date limite de candidature (${day(p.applicationDeadline)}) est passée.`,
    en: `The application deadline (${day(p.applicationDeadline)}) has passed.`,
  }),
  'consent-version-required': () => ({
    fr: 'Une candidature dit quelle version du texte de consentement a été acceptée.',
    en: 'An application says which version of the consent wording was agreed to.',
  }),
  'unknown-consent-version': (p) => ({
    fr: `La version ${word(p.consentVersion)} du texte de consentement n’a jamais été publiée : rechargez la page pour lire le texte en vigueur.`,
    en: `Version ${word(p.consentVersion)} of the consent wording was never published: reload the page to read the wording in force.`,
  }),
  'already-applied': () => ({
    fr: 'Cette start-up a déjà candidaté à cette édition.',
    en: 'This start-up has already applied to this edition.',
  }),
  'application-already-submitted': () => ({
    fr: 'Cette candidature est déjà enregistrée.',
    en: 'This application is already recorded.',
  }),
  'application-not-found': () => ({
    fr: 'Cette candidature n’existe pas.',
    en: 'This application does not exist.',
  }),
  'application-already-decided': (p) => ({
    fr: `Cette candidature est déjà ${status(p, 'fr')} : rechargez la page pour voir son état actuel.`,
    en: `This application is already ${status(p, 'en')}: reload the page to see where it stands.`,
  }),
  'edition-full': (p) => ({
    fr: `L’édition est complète : ses ${count(p.capacity)} places sont prises. Retirez d’abord un membre de la délégation.`,
    en: `The edition is full: its ${count(p.capacity)} seats are taken. Withdraw a member of the delegation first.`,
  }),
  'application-awaiting-confirmation': () => ({
    fr: 'Cette candidature est retenue jusqu’à ce que l’équipe confirme qu’elle vient bien de la start-up : confirmez-la avant de décider.',
    en: 'This application is held until staff confirm it comes from the start-up: confirm it before deciding on it.',
  }),
  'application-not-held': (p) => ({
    fr: `Cette candidature est ${status(p, 'fr')} : seule une candidature retenue se confirme ou s’écarte.`,
    en: `This application is ${status(p, 'en')}: only a held application is confirmed or dismissed.`,
  }),
  'application-is-member': () => ({
    fr: 'Cette candidature est sélectionnée : retirez-la d’abord (les partenaires apprennent qu’un membre est parti), puis écartez-la.',
    en: 'This application is selected: withdraw it first (partners are told a member left), then dismiss it.',
  }),
  'application-not-withdrawable': (p) => ({
    fr: `Cette candidature est ${status(p, 'fr')} et ne peut plus être retirée.`,
    en: `This application is ${status(p, 'en')} and can no longer be withdrawn.`,
  }),
  // An edition: its dates, awards and partners.
  'edition-already-exists': () => ({ fr: 'Cette édition existe déjà.', en: 'This edition already exists.' }),
  'invalid-edition-dates': () => ({
    fr: 'Les dates de l’édition ne se suivent pas : le salon ne finit pas avant de commencer, et les candidatures se ferment au plus tard à sa fin.',
    en: 'The edition’s dates are out of order: the show does not end before it starts, and applications close by its end at the latest.',
  }),
  'invalid-datetime': (p) => ({
    fr: `« ${word(p.value)} » n’est pas une date et heure valide.`,
    en: `“${word(p.value)}” is not a valid date and time.`,
  }),
  'edition-not-found': () => ({ fr: 'Cette édition n’existe pas.', en: 'This edition does not exist.' }),
  'edition-closed': () => ({ fr: 'Cette édition est close.', en: 'This edition is closed.' }),
  'not-a-delegation-member': () => ({
    fr: 'Cette start-up n’est pas membre de la délégation de cette édition.',
    en: 'This start-up is not a member of this edition’s delegation.',
  }),
  'award-already-won': (p) => ({
    fr: `Ce prix (${award(p.award)}, catégorie « ${word(p.category)} ») est déjà enregistré pour cette start-up.`,
    en: `This award (${award(p.award)}, category “${word(p.category)}”) is already recorded for this start-up.`,
  }),
  'partner-already-joined': () => ({
    fr: 'Ce partenaire participe déjà à cette édition.',
    en: 'This partner has already joined this edition.',
  }),
  // A start-up.
  'startup-already-registered': () => ({
    fr: 'Cette start-up est déjà enregistrée.',
    en: 'This start-up is already registered.',
  }),
  'startup-not-found': () => ({ fr: 'Cette start-up n’existe pas.', en: 'This start-up does not exist.' }),
  'invalid-siret': (p) => ({
    fr: `Le SIRET ${word(p.siret)} n’est pas valide : sa clé de contrôle ne correspond pas.`,
    en: `SIRET ${word(p.siret)} is not valid: its check digit does not match.`,
  }),
  'startup-correction-changes-nothing': () => ({
    fr: 'Cette correction ne change rien : chaque champ donné est déjà celui enregistré.',
    en: 'This correction changes nothing: every field given is already as recorded.',
  }),
  'startup-recovery-keeps-contact': () => ({
    fr: 'La start-up est déjà enregistrée avec cette personne de contact : rendre la start-up remplace le contact de qui l’a enregistrée en premier (pour changer le profil seul, corrigez-le).',
    en: 'The start-up is already registered with this contact person: giving it back replaces the contact of whoever registered it first (to change the profile only, correct it).',
  }),
  'nothing-to-erase': () => ({
    fr: 'Il ne reste aucun contact de cette start-up à effacer.',
    en: 'No contact of this start-up is left to erase.',
  }),
  // A partner.
  'partner-already-registered': () => ({
    fr: 'Ce partenaire est déjà enregistré.',
    en: 'This partner is already registered.',
  }),
  // A member's outcomes of a show.
  'outcomes-before-show': (p) => ({
    fr: `Le salon commence le ${day(p.startsOn)} : ses retombées se déclarent à partir de ce jour.`,
    en: `The show starts on ${day(p.startsOn)}: its outcomes are reported from that day on.`,
  }),
  'invalid-outcome-figure': () => ({
    fr: 'Un chiffre est un nombre entier, zéro ou plus.',
    en: 'A figure is a whole number, zero or more.',
  }),
  'deals-value-band-mismatch': (p) => (Number(p.dealsSigned) > 0
    ? {
        fr: 'Des contrats signés : donnez l’ordre de grandeur de leur montant.',
        en: 'Deals signed: give the order of magnitude of their value.',
      }
    : {
        fr: 'Aucun contrat signé : ne donnez pas de montant.',
        en: 'No deal signed: give no value.',
      }),
  // Team Sud Export's records.
  'invalid-export-period': (p) => ({
    fr: `La période ${span(p.period).fr} n’est pas valide : chaque jour existe au calendrier, elle ne finit pas avant de commencer, et tient dans une année civile.`,
    en: `The period ${span(p.period).en} is not valid: each day is a calendar day, it does not end before it starts, and it lies within one calendar year.`,
  }),
  'export-period-not-over': (p) => ({
    fr: `La période ${span(p.period).fr} n’est pas finie : les chiffres s’enregistrent pour des jours passés.`,
    en: `The period ${span(p.period).en} is not over: figures are recorded for days gone by.`,
  }),
  'invalid-export-count': () => ({
    fr: 'Un nombre d’entreprises est un nombre entier, zéro ou plus.',
    en: 'A number of companies is a whole number, zero or more.',
  }),
  'not-a-foreign-country': (p) => ({
    fr: `${word(p.country)} n’est pas le code ISO d’un pays autre que la France.`,
    en: `${word(p.country)} is not the ISO code of a country other than France.`,
  }),
  'unknown-territory': (p) => ({
    fr: `${word(p.territory)} n’est pas un territoire publié.`,
    en: `${word(p.territory)} is not a published territory.`,
  }),
  'duplicate-export-row': () => ({
    fr: 'Une ligne répète la répartition d’une ligne précédente : donnez chacune une fois, avec son total.',
    en: 'A row repeats an earlier row’s breakdown: give each once, with its total.',
  }),
  'empty-export-record': () => ({
    fr: 'Cet enregistrement n’a aucune ligne : seule une correction peut vider une période.',
    en: 'This record has no rows: only a correction may empty a period.',
  }),
  'export-record-already-exists': (p) => ({
    fr: `L’enregistrement ${word(p.recordId)} existe déjà.`,
    en: `Record ${word(p.recordId)} already exists.`,
  }),
  'export-record-not-found': (p) => ({
    fr: `L’enregistrement ${word(p.recordId)} n’existe pas.`,
    en: `Record ${word(p.recordId)} does not exist.`,
  }),
  'export-record-superseded': (p) => ({
    fr: `L’enregistrement ${word(p.recordId)} a déjà été corrigé par ${word(p.supersededBy)} : corrigez celui-ci.`,
    en: `Record ${word(p.recordId)} was already corrected by ${word(p.supersededBy)}: correct that one.`,
  }),
  'correction-changes-period': (p) => ({
    fr: `L’enregistrement ${word(p.recordId)} couvre ${span(p.corrected).fr} : une correction couvre la même période (pour déplacer des chiffres, videz-le par une correction et enregistrez l’autre période).`,
    en: `Record ${word(p.recordId)} covers ${span(p.corrected).en}: a correction covers the same period (to move figures, empty it with a correction and record the other period).`,
  }),
  'export-period-already-recorded': (p) => ({
    fr: `L’enregistrement ${word(p.recordId)} (${span(p.period).fr}) compte déjà des entreprises de la même répartition sur certains de ces jours : corrigez-le au lieu de les compter deux fois.`,
    en: `Record ${word(p.recordId)} (${span(p.period).en}) already counts companies of the same breakdown on some of these days: correct it instead of counting them twice.`,
  }),
}
