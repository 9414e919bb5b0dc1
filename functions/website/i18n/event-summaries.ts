import { eventTypes, type EventType } from '../../../domain/events/index.js'
import { testEventSummary, testEventType } from '../../../domain/webhooks/test-event.js'
import type { Lang } from './locale.js'

/**
 * What each event type means, in French, for the portal's readers (the people of a
 * metropolis or a chamber of commerce who follow the delegation): the contract's English
 * summaries (domain/events/event-types.ts) said again. A type added to the registry without
 * its French here fails to compile.
 */
const fr: Record<EventType | typeof testEventType, string> = {
  'edition.opened':
    'La Région a ouvert une édition : une délégation à un salon, avec ses dates, sa date limite de candidature et ses places.',
  'edition.closed': 'Une édition est close : plus de candidatures, de décisions, de prix ni de partenaires.',
  'startup.registered':
    'Une start-up s’est inscrite au programme, avec sa première candidature (les partenaires reçoivent son profil une fois sélectionnée : startup.profile-published).',
  'startup.profile-published':
    'Le profil public d’une start-up, envoyé aux partenaires dès qu’une de ses candidatures est sélectionnée, puis à chaque correction par la Région.',
  'startup.profile-corrected':
    'La Région a corrigé le profil ou la personne de contact d’une start-up : les champs modifiés, et pourquoi.',
  'startup.recovered':
    'La Région a constaté que la première inscription d’une start-up venait de quelqu’un d’autre : son profil et sa personne de contact sont remplacés par les vrais.',
  'application.held':
    'Quelqu’un a candidaté pour une start-up inscrite avec une personne de contact qu’elle n’a pas déclarée : candidature retenue jusqu’à ce que la Région confirme qu’elle vient de la start-up.',
  'application.submitted': 'Une start-up a candidaté à une édition par le formulaire d’inscription.',
  'application.selected': 'La Région a sélectionné une candidature : la start-up est membre de la délégation.',
  'application.rejected': 'La Région a refusé une candidature.',
  'application.withdrawn': 'Une candidature a été retirée, par la start-up ou par la Région.',
  'application.dismissed': 'La Région a constaté qu’une candidature retenue ne venait pas de la start-up : elle s’arrête là.',
  'award.won':
    'Un membre d’une délégation a gagné un CES Innovation Award (honoree ou best of innovation).',
  'startup.contacts-erased':
    'Des personnes de contact d’une start-up ont été effacées (crypto-effacement) : combien, et pourquoi.',
  'partner.registered':
    'Un partenaire (métropole, agglomération, chambre de commerce…) a rejoint le programme.',
  'partner.joined': 'Un partenaire participe à une édition, avec sa contribution.',
  'outcomes.reported':
    'Un membre d’une délégation a déclaré ce qu’il a rapporté du salon (contacts, contrats, fonds levés, presse, emplois), ou la Région l’a saisi : cela remplace sa déclaration précédente pour l’édition.',
  'export.prospection-recorded':
    'La Région a enregistré les entreprises étrangères prospectées par Team Sud Export sur une période, par pays et par secteur (ou corrigé un enregistrement).',
  'export.support-recorded':
    'La Région a enregistré les entreprises régionales accompagnées par Team Sud Export à l’international sur une période, par territoire (ou corrigé un enregistrement).',
  [testEventType]:
    'Un événement de test, envoyé une fois à la demande du partenaire (le portail, ou `POST /subscriptions/{id}/test`), signé comme tout webhook, pour vérifier une adresse avant que les vrais événements arrivent. Il n’est jamais renvoyé, ne correspond à aucun filtre et ne contient aucune donnée du programme.',
}

/**
 * What an event type means, in the reader's language: the contract's own summary in English.
 *
 * @example eventSummary('award.won', 'fr') // 'Un membre d’une délégation a gagné…'
 */
export const eventSummary = (type: string, lang: Lang): string => {
  if (lang === 'fr' && Object.hasOwn(fr, type)) return fr[type as keyof typeof fr]
  if (type === testEventType) return testEventSummary
  return Object.hasOwn(eventTypes, type) ? eventTypes[type as EventType].summary : ''
}
