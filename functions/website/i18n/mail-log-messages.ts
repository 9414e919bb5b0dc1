import type { ApplicationMessage } from '../../queries/application-messages.js'
import type { Lang } from './locale.js'

/**
 * The words of the back-office's view of the e-mail an application led to (the start-up
 * record's "Messages" section), French first; English mirrors it key for key.
 */
const fr = {
  title: 'Messages',
  hint: 'Les e-mails que chaque candidature a donnés, et où ils en sont (quelques secondes de retard au plus). Aucune adresse n’est affichée : seulement à qui, par rôle.',
  forApplication: (edition: string) => `Candidature à ${edition}`,
  forHeldApplication: (edition: string) =>
    `Candidature mise en attente à ${edition} (un autre contact que celui inscrit)`,
  none: 'Aucun message pour l’instant.',
  unavailable: 'Les messages ne peuvent être lus pour le moment.',
  message: 'Message',
  to: 'À',
  state: 'État',
  when: 'Quand',
  kinds: {
    received: 'Accusé de réception',
    confirmed: 'Candidature confirmée',
    selected: 'Sélection',
    rejected: 'Refus',
    withdrawn: 'Retrait',
    'held-notice': 'Avis au contact inscrit (candidature en attente)',
  } satisfies Record<ApplicationMessage['kind'], string>,
  recipients: {
    'application-contact': 'Contact de la candidature',
    'registered-contact': 'Contact inscrit de la start-up',
  } satisfies Record<ApplicationMessage['to'], string>,
  states: {
    queued: 'En attente d’envoi',
    sending: 'Envoi en cours',
    retrying: 'Échec, nouvel essai prévu',
    sent: 'Envoyé',
    stopped: 'Non envoyé',
  } satisfies Record<ApplicationMessage['state'], string>,
  because: {
    erased: 'contact effacé',
    suppressed: 'adresse bloquée (rejet ou plainte antérieurs)',
    'no-recipient': 'aucun destinataire',
    'retries-spent': 'essais épuisés',
    refused: 'refusé par le service d’envoi',
    'hard-bounce': 'adresse refusée définitivement',
  } satisfies Record<NonNullable<ApplicationMessage['because']>, string>,
  returned: {
    'hard-bounce': 'revenu : adresse refusée',
    complaint: 'plainte du destinataire',
  } satisfies Record<NonNullable<ApplicationMessage['returned']>['kind'], string>,
  attempts: (n: number) => (n > 1 ? `${n} essais` : `${n} essai`),
  nextAttempt: (at: string) => `prochain essai : ${at}`,
  mayHaveArrivedTwice: 'a pu arriver deux fois (envoi interrompu puis repris)',
}
type MailLogMessages = typeof fr

const en: MailLogMessages = {
  title: 'Messages',
  hint: 'The e-mail each application led to, and where each stands (a few seconds behind at most). No address is shown: only to whom, by role.',
  forApplication: (edition) => `Application to ${edition}`,
  forHeldApplication: (edition) => `Application held for ${edition} (another contact than the registered one)`,
  none: 'No message yet.',
  unavailable: 'The messages cannot be read at the moment.',
  message: 'Message',
  to: 'To',
  state: 'State',
  when: 'When',
  kinds: {
    received: 'Receipt',
    confirmed: 'Application confirmed',
    selected: 'Selection',
    rejected: 'Rejection',
    withdrawn: 'Withdrawal',
    'held-notice': 'Notice to the registered contact (held application)',
  },
  recipients: {
    'application-contact': 'The application’s contact',
    'registered-contact': 'The start-up’s registered contact',
  },
  states: {
    queued: 'Waiting to be sent',
    sending: 'Being sent',
    retrying: 'Failed, to be tried again',
    sent: 'Sent',
    stopped: 'Not sent',
  },
  because: {
    erased: 'contact erased',
    suppressed: 'address blocked (an earlier bounce or complaint)',
    'no-recipient': 'nobody to write to',
    'retries-spent': 'tries spent',
    refused: 'refused by the mail service',
    'hard-bounce': 'address refused for good',
  },
  returned: {
    'hard-bounce': 'came back: address refused',
    complaint: 'the recipient complained',
  },
  attempts: (n) => (n > 1 ? `${n} tries` : `${n} try`),
  nextAttempt: (at) => `next try: ${at}`,
  mayHaveArrivedTwice: 'may have arrived twice (a send interrupted, then resumed)',
}

/** The mail log's words in `lang`. */
export const mailLogMessages = (lang: Lang): MailLogMessages => (lang === 'en' ? en : fr)
