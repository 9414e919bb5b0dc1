import type { DealValueBand } from '../../../domain/events/index.js'
import type { Lang } from './locale.js'

/**
 * The words of the outcomes pages (a member's report after the show, staff's corrections,
 * Team Sud Export's records, the dashboard's sections on them), French first; English
 * mirrors French key for key (the type says so). Kept beside messages.ts, not in it: these
 * pages are a feature of their own.
 */
const fr = {
  fields: {
    businessContacts: 'Contacts d’affaires noués',
    businessContactsHint: 'Acheteurs, distributeurs, investisseurs rencontrés au salon et depuis.',
    dealsSigned: 'Contrats signés depuis le salon',
    dealsSignedHint: 'Commandes, contrats, accords de distribution ou de partenariat ; 0 si aucun.',
    dealsValueBand: 'Montant total de ces contrats',
    dealsValueBandHint: 'Un ordre de grandeur suffit.',
    fundsRaisedEur: 'Fonds levés depuis le salon, en euros',
    fundsRaisedEurHint: 'Capital, prêts, subventions ; 0 si aucun.',
    pressArticles: 'Retombées presse',
    pressArticlesHint: 'Articles, reportages, publications de la presse sur la start-up au salon.',
    jobsCreated: 'Emplois créés depuis le salon',
    jobsPlanned: 'Emplois prévus grâce au salon',
    noteForStaff: 'Message pour l’équipe de la Région (facultatif)',
    noteForStaffHint: 'Lu seulement par l’équipe de la Région : il n’apparaît dans aucun rapport.',
  },
  bands: {
    none: 'Aucun contrat signé',
    'under-10k': 'Moins de 10 000 €',
    '10k-100k': 'De 10 000 à 100 000 €',
    '100k-1m': 'De 100 000 € à 1 M€',
    '1m-10m': 'De 1 à 10 M€',
    '10m-or-more': '10 M€ ou plus',
  } satisfies Record<DealValueBand | 'none', string>,
  errors: {
    required: 'Ce champ est obligatoire (0 si aucun).',
    wholeNumber: 'Donnez un nombre entier, 0 ou plus, sans décimales.',
    atMost: (max: number) => `${max.toLocaleString('fr-FR')} au plus.`,
    tooLong: (max: number) => `${max} caractères au plus.`,
    choose: 'Choisissez dans la liste.',
    invalidText: 'Ce texte contient des caractères invisibles non autorisés.',
    bandNeeded: 'Des contrats ont été signés : donnez l’ordre de grandeur de leur montant.',
    bandWithoutDeals: 'Aucun contrat signé : choisissez « Aucun contrat signé ».',
    summary: (count: number) =>
      count === 1 ? 'Le formulaire contient une erreur :' : `Le formulaire contient ${count} erreurs :`,
    title: 'Erreur',
  },
  own: {
    pageTitle: 'Après le salon',
    title: (edition: string) => `Ce que vous avez rapporté de ${edition}`,
    intro:
      'Dites à la Région Sud ce que le salon vous a apporté. Ces chiffres restent entre vous et la Région : ' +
      'les rapports ne publient que des totaux et des médianes de plusieurs start-ups, jamais les vôtres.',
    supersedes: (revision: number) =>
      `Vous avez déjà répondu (version ${revision}) : vos chiffres sont repris ci-dessous. En envoyant le formulaire, ` +
      'vous remplacez votre réponse précédente.',
    correctedByStaff: 'La dernière version a été corrigée par l’équipe de la Région.',
    submit: 'Envoyer mes chiffres',
    sending: 'Envoi en cours…',
    doneTitle: 'Merci, c’est enregistré',
    done: (edition: string, revision: number) =>
      `Vos chiffres pour ${edition} sont enregistrés (version ${revision}). Vous pouvez les modifier avec le même lien.`,
    again: 'Modifier mes chiffres',
    invalidLink: 'Ce lien n’est pas valide pour cette candidature : utilisez le lien reçu à la candidature.',
    missingToken: 'Ce lien est incomplet : utilisez le lien reçu à la candidature.',
    notMember: (edition: string) =>
      `Seules les start-ups membres de la délégation à ${edition} rapportent ce qu’elles ont obtenu du salon.`,
    beforeShow: (edition: string, day: string) =>
      `Le salon ${edition} commence le ${day} : vous pourrez rapporter ce qu’il vous a apporté à partir de ce jour-là.`,
    busy: 'Le service est très sollicité : vos chiffres n’ont pas été enregistrés. Renvoyez le formulaire.',
    keyReused: 'Ce formulaire a déjà été envoyé avec d’autres valeurs. Rechargez la page pour envoyer une nouvelle réponse.',
    linkOnConfirmation: 'Après le salon, ce même lien secret vous permettra de dire ce qu’il vous a apporté :',
    linkLabel: 'Rapporter ce que le salon m’a apporté',
  },
  staff: {
    section: 'Résultats après le salon',
    csv: 'Télécharger les résultats de l’édition (CSV, totaux et médianes)',
    sectionIntro: (answered: number, members: number) => `${answered} membre(s) sur ${members} ont répondu.`,
    noMembers: 'Aucun membre dans la délégation.',
    answer: 'Réponse',
    notYet: 'pas encore',
    revision: (revision: number, by: string, day: string) => `version ${revision} (${by}, ${day})`,
    byStartup: 'par la start-up',
    byStaff: 'par l’équipe',
    recordFor: (name: string) => `Saisir ou corriger les résultats de ${name}`,
    record: 'Saisir ou corriger',
    memberTitle: (name: string, edition: string) => `Résultats de ${name} — ${edition}`,
    memberIntro:
      'Ces chiffres sont ceux d’un seul membre : ils ne sortent jamais de l’espace Région. Enregistrer crée une ' +
      'nouvelle version, qui remplace la précédente.',
    current: (revision: number, by: string) => `Version actuelle : ${revision}, ${by}.`,
    none: 'Ce membre n’a pas encore répondu.',
    save: 'Enregistrer la nouvelle version',
    stale: (name: string) =>
      `Les résultats de ${name} ont changé depuis l’affichage de cette page (la start-up a pu répondre). ` +
      'Rien n’a été enregistré : voici la version actuelle, à corriger si besoin.',
    back: (edition: string) => `Retour à ${edition}`,
    recorded: (name: string, revision: number) => `Résultats de ${name} enregistrés (version ${revision}).`,
    refused: 'Action refusée :',
    notAMember: 'Cette start-up n’est pas membre de la délégation.',
  },
  export: {
    title: 'Team Sud Export',
    nav: 'Team Sud Export',
    csv: 'Télécharger les chiffres cumulés par année (CSV)',
    csvOutcomes: 'Télécharger les résultats des délégations, année après année (CSV)',
    intro:
      'La prospection d’entreprises étrangères et l’accompagnement d’entreprises régionales à l’international, ' +
      'par période. Une période n’est comptée qu’une fois par pays et secteur (ou territoire) : pour changer des ' +
      'chiffres, corrigez l’enregistrement.',
    cumulative: (prospected: number, supported: number, year: number | null) =>
      `${prospected.toLocaleString('fr-FR')} entreprises étrangères prospectées et ${supported.toLocaleString('fr-FR')} ` +
      `entreprises régionales accompagnées${year === null ? '' : ` jusqu’à ${year}`}.`,
    year: 'Année',
    show: 'Afficher',
    prospection: 'Prospection',
    support: 'Accompagnement',
    record: 'Enregistrement',
    period: 'Période',
    rows: 'Lignes',
    companies: 'Entreprises',
    state: 'État',
    live: 'en vigueur',
    correctedBy: (recordId: string) => `corrigé par ${recordId}`,
    noRecords: 'Aucun enregistrement pour cette année.',
    recordProspection: 'Enregistrer une prospection',
    recordSupport: 'Enregistrer un accompagnement',
    recordId: 'Identifiant de l’enregistrement',
    recordIdHint: 'En minuscules, chiffres et tirets, par exemple prospection-2019-q1.',
    from: 'Du',
    to: 'Au (inclus)',
    dateHint: 'AAAA-MM-JJ, par exemple 2019-03-31.',
    prospectionRows: 'Entreprises prospectées, une ligne par pays et secteur',
    prospectionRowsHint: 'Code pays ISO, secteur, nombre : par exemple « US smart-tech 120 ».',
    supportRows: 'Entreprises accompagnées, une ligne par territoire',
    supportRowsHint: 'Territoire, nombre : par exemple « nice-cote-d-azur 12 ».',
    corrects: 'Corrige l’enregistrement (facultatif)',
    correctsNone: 'Aucun : nouvel enregistrement',
    save: 'Enregistrer',
    recorded: (recordId: string) => `Enregistrement ${recordId} enregistré.`,
    lineNotUnderstood: (line: number) => `Ligne ${line} : attendu « code secteur nombre ».`,
    supportLineNotUnderstood: (line: number) => `Ligne ${line} : attendu « territoire nombre ».`,
    lineInvalid: (line: number) => `Ligne ${line} : valeur non valide.`,
    invalid: 'Valeur non valide.',
  },
  dashboard: {
    outcomes: 'Ce que les délégations ont rapporté',
    outcomesIntro: (minimum: number) =>
      `Réponses des membres après chaque salon : totaux et médianes, jamais les chiffres d’une start-up ` +
      `(un chiffre auquel moins de ${minimum} membres ont contribué n’est pas publié).`,
    answered: 'Membres ayant répondu',
    members: 'Membres de la délégation',
    answers: 'Réponses des membres, par édition',
    results: 'Contrats signés, emplois créés et retombées presse, par édition',
    dealsSigned: 'Contrats signés',
    jobsCreated: 'Emplois créés',
    pressArticles: 'Retombées presse',
    figuresTable: (edition: string) => `Résultats de ${edition} (totaux et médianes)`,
    answeredOf: (answered: number, members: number) => `${answered} membres sur ${members} ont répondu`,
    figure: 'Chiffre',
    total: 'Total',
    median: 'Médiane',
    contributors: 'Membres y contribuant',
    withheld: 'non publié',
    noAnswers: 'Pas encore de réponses.',
    exportTitle: 'Team Sud Export',
    exportChart: 'Entreprises prospectées et accompagnées, cumul par année',
    prospectedToDate: 'Entreprises étrangères prospectées (cumul)',
    supportedToDate: 'Entreprises régionales accompagnées (cumul)',
  },
}

type OutcomeMessages = typeof fr

const en: OutcomeMessages = {
  fields: {
    businessContacts: 'Business contacts made',
    businessContactsHint: 'Buyers, distributors and investors met at the show and since.',
    dealsSigned: 'Deals signed since the show',
    dealsSignedHint: 'Orders, contracts, distribution or partnership agreements; 0 if none.',
    dealsValueBand: 'Total value of these deals',
    dealsValueBandHint: 'An order of magnitude is enough.',
    fundsRaisedEur: 'Funds raised since the show, in euros',
    fundsRaisedEurHint: 'Equity, loans, grants; 0 if none.',
    pressArticles: 'Press coverage',
    pressArticlesHint: 'Articles, broadcasts and posts of the press about the start-up at the show.',
    jobsCreated: 'Jobs created since the show',
    jobsPlanned: 'Jobs planned because of the show',
    noteForStaff: 'A note for the Région’s team (optional)',
    noteForStaffHint: 'Read by the Région’s team only: it appears in no report.',
  },
  bands: {
    none: 'No deal signed',
    'under-10k': 'Under €10,000',
    '10k-100k': '€10,000 to €100,000',
    '100k-1m': '€100,000 to €1M',
    '1m-10m': '€1M to €10M',
    '10m-or-more': '€10M or more',
  },
  errors: {
    required: 'This field is required (0 if none).',
    wholeNumber: 'Give a whole number, 0 or more, without decimals.',
    atMost: (max) => `At most ${max.toLocaleString('en-GB')}.`,
    tooLong: (max) => `At most ${max} characters.`,
    choose: 'Choose from the list.',
    invalidText: 'This text contains invisible characters that are not allowed.',
    bandNeeded: 'Deals were signed: give the order of magnitude of their value.',
    bandWithoutDeals: 'No deal signed: choose “No deal signed”.',
    summary: (count) => (count === 1 ? 'The form has one error:' : `The form has ${count} errors:`),
    title: 'Error',
  },
  own: {
    pageTitle: 'After the show',
    title: (edition) => `What you brought back from ${edition}`,
    intro:
      'Tell the Région Sud what the show brought you. These figures stay between you and the Région: reports ' +
      'publish only totals and medians of several start-ups, never yours.',
    supersedes: (revision) =>
      `You have answered already (version ${revision}): your figures are shown below. Sending the form replaces ` +
      'your previous answer.',
    correctedByStaff: 'The latest version was corrected by the Région’s team.',
    submit: 'Send my figures',
    sending: 'Sending…',
    doneTitle: 'Thank you, it is recorded',
    done: (edition, revision) =>
      `Your figures for ${edition} are recorded (version ${revision}). You can change them with the same link.`,
    again: 'Change my figures',
    invalidLink: 'This link is not valid for this application: use the link given when applying.',
    missingToken: 'This link is incomplete: use the link given when applying.',
    notMember: (edition) => `Only the start-ups of the delegation to ${edition} report what the show brought them.`,
    beforeShow: (edition, day) => `${edition} starts on ${day}: you can report what it brought you from that day on.`,
    busy: 'The service is very busy: your figures were not recorded. Please send the form again.',
    keyReused: 'This form was already sent with other values. Reload the page to send a new answer.',
    linkOnConfirmation: 'After the show, this same secret link lets you tell us what it brought you:',
    linkLabel: 'Report what the show brought me',
  },
  staff: {
    section: 'Outcomes after the show',
    csv: 'Download the edition’s outcomes (CSV, totals and medians)',
    sectionIntro: (answered, members) => `${answered} of ${members} member(s) answered.`,
    noMembers: 'No members in the delegation.',
    answer: 'Answer',
    notYet: 'not yet',
    revision: (revision, by, day) => `version ${revision} (${by}, ${day})`,
    byStartup: 'by the start-up',
    byStaff: 'by staff',
    recordFor: (name) => `Record or correct ${name}’s outcomes`,
    record: 'Record or correct',
    memberTitle: (name, edition) => `${name}’s outcomes — ${edition}`,
    memberIntro:
      'These are one member’s own figures: they never leave the Région’s back-office. Recording makes a new ' +
      'version, which replaces the last one.',
    current: (revision, by) => `Current version: ${revision}, ${by}.`,
    none: 'This member has not answered yet.',
    save: 'Record the new version',
    stale: (name) =>
      `${name}’s outcomes changed after this page was shown (the start-up may have answered). Nothing was ` +
      'recorded: here is the current version, to correct if need be.',
    back: (edition) => `Back to ${edition}`,
    recorded: (name, revision) => `${name}’s outcomes recorded (version ${revision}).`,
    refused: 'Refused:',
    notAMember: 'This start-up is not a member of the delegation.',
  },
  export: {
    title: 'Team Sud Export',
    nav: 'Team Sud Export',
    csv: 'Download the cumulative figures by year (CSV)',
    csvOutcomes: 'Download the delegations’ outcomes, year over year (CSV)',
    intro:
      'Foreign companies prospected and regional companies supported in their international development, by ' +
      'period. A period counts once per country and sector (or territory): to change figures, correct the record.',
    cumulative: (prospected, supported, year) =>
      `${prospected.toLocaleString('en-GB')} foreign companies prospected and ${supported.toLocaleString('en-GB')} ` +
      `regional companies supported${year === null ? '' : ` by ${year}`}.`,
    year: 'Year',
    show: 'Show',
    prospection: 'Prospection',
    support: 'Support',
    record: 'Record',
    period: 'Period',
    rows: 'Rows',
    companies: 'Companies',
    state: 'State',
    live: 'current',
    correctedBy: (recordId) => `corrected by ${recordId}`,
    noRecords: 'No records for this year.',
    recordProspection: 'Record prospection',
    recordSupport: 'Record support',
    recordId: 'Record id',
    recordIdHint: 'Lowercase letters, digits and hyphens, for example prospection-2019-q1.',
    from: 'From',
    to: 'To (included)',
    dateHint: 'YYYY-MM-DD, for example 2019-03-31.',
    prospectionRows: 'Companies prospected, one line per country and sector',
    prospectionRowsHint: 'ISO country code, sector, number: for example “US smart-tech 120”.',
    supportRows: 'Companies supported, one line per territory',
    supportRowsHint: 'Territory, number: for example “nice-cote-d-azur 12”.',
    corrects: 'Corrects the record (optional)',
    correctsNone: 'None: a new record',
    save: 'Record',
    recorded: (recordId) => `Record ${recordId} recorded.`,
    lineNotUnderstood: (line) => `Line ${line}: expected “code sector number”.`,
    supportLineNotUnderstood: (line) => `Line ${line}: expected “territory number”.`,
    lineInvalid: (line) => `Line ${line}: not a valid value.`,
    invalid: 'Not a valid value.',
  },
  dashboard: {
    outcomes: 'What the delegations brought back',
    outcomesIntro: (minimum) =>
      `Members’ answers after each show: totals and medians, never one start-up’s figures (a figure fewer ` +
      `than ${minimum} members contributed to is not published).`,
    answered: 'Members who answered',
    members: 'Members of the delegation',
    answers: 'Members’ answers, per edition',
    results: 'Deals signed, jobs created and press coverage, per edition',
    dealsSigned: 'Deals signed',
    jobsCreated: 'Jobs created',
    pressArticles: 'Press coverage',
    figuresTable: (edition) => `${edition}’s outcomes (totals and medians)`,
    answeredOf: (answered, members) => `${answered} of ${members} members answered`,
    figure: 'Figure',
    total: 'Total',
    median: 'Median',
    contributors: 'Members contributing',
    withheld: 'withheld',
    noAnswers: 'No answers yet.',
    exportTitle: 'Team Sud Export',
    exportChart: 'Companies prospected and supported, cumulative by year',
    prospectedToDate: 'Foreign companies prospected (to date)',
    supportedToDate: 'Regional companies supported (to date)',
  },
}

/**
 * The outcomes pages' words in one language.
 *
 * @example outcomeMessagesFor('en').own.submit // 'Send my figures'
 */
export const outcomeMessagesFor = (lang: Lang): OutcomeMessages => (lang === 'en' ? en : fr)
export type { OutcomeMessages }
