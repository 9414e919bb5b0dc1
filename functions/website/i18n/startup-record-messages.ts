import type { Lang } from './locale.js'

/**
 * The words of the back-office's start-up record (`/staff/startups/{startupId}`), French
 * first; English mirrors it key for key (the type says so). The profile's field labels are
 * the registration form's (`t.apply`).
 */
const fr = {
  title: (name: string) => `Start-up : ${name}`,
  profile: 'Profil',
  siretNote: 'Le SIRET ne change pas : c’est l’identité de la start-up.',
  registeredAt: 'Inscrite le',
  notRegistered: 'Jamais inscrite par un formulaire (reprise de l’historique).',
  applications: 'Candidatures',
  edition: 'Édition',
  submittedAt: 'Déposée le',
  status: 'Statut',
  noApplications: 'Aucune candidature.',
  awards: 'Prix',
  noAwards: 'Aucun prix.',
  correct: 'Corriger le profil ou la personne de contact',
  correctHint:
    'Seuls les champs remplis sont modifiés. Pour changer la personne de contact, donnez son nom et son ' +
    'adresse e-mail. Les partenaires qui ont reçu le profil le reçoivent de nouveau ; le contact, jamais.',
  recover: 'Rendre la start-up à ses vrais représentants',
  recoverHint:
    'Quand quelqu’un d’autre a inscrit la start-up le premier (un SIRET est public) : le profil et la ' +
    'personne de contact réels remplacent ceux inscrits, et les candidatures de l’ancien contact pourront ' +
    'être écartées. L’historique reste tel qu’enregistré.',
  newContact: 'Personne de contact',
  language: 'Langue des messages',
  reason: 'Motif (gardé dans l’historique)',
  saveCorrection: 'Enregistrer la correction',
  saveRecovery: 'Rendre la start-up',
  corrected: 'Correction enregistrée.',
  recovered: 'Start-up rendue à ses vrais représentants.',
  republished: 'Les partenaires ont reçu le profil corrigé.',
  refused: 'Rien n’a été enregistré :',
  lagNote: 'Le profil affiché se met à jour en quelques secondes.',
  back: 'Retour à l’édition',
}
type StartupRecordMessages = typeof fr

const en: StartupRecordMessages = {
  title: (name) => `Start-up: ${name}`,
  profile: 'Profile',
  siretNote: 'The SIRET does not change: it is the start-up’s identity.',
  registeredAt: 'Registered on',
  notRegistered: 'Never registered through a form (imported history).',
  applications: 'Applications',
  edition: 'Edition',
  submittedAt: 'Submitted on',
  status: 'Status',
  noApplications: 'No application.',
  awards: 'Awards',
  noAwards: 'No award.',
  correct: 'Correct the profile or the contact person',
  correctHint:
    'Only the fields you fill in change. To change the contact person, give their name and e-mail address. ' +
    'Partners who received the profile receive it again; the contact, never.',
  recover: 'Give the start-up back to its real representatives',
  recoverHint:
    'When someone else registered the start-up first (a SIRET is public): the real profile and contact ' +
    'replace the registered ones, and the earlier contact’s applications can then be dismissed. The ' +
    'history stays as recorded.',
  newContact: 'Contact person',
  language: 'Language of messages',
  reason: 'Reason (kept in the history)',
  saveCorrection: 'Save the correction',
  saveRecovery: 'Give the start-up back',
  corrected: 'Correction saved.',
  recovered: 'Start-up given back to its real representatives.',
  republished: 'Partners received the corrected profile.',
  refused: 'Nothing was saved:',
  lagNote: 'The profile shown updates within a few seconds.',
  back: 'Back to the edition',
}

export const startupRecordMessages = (lang: Lang): StartupRecordMessages => (lang === 'en' ? en : fr)
