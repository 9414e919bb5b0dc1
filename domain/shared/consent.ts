/**
 * The consent a start-up gives when it applies, word for word, by version. A version
 * is never edited once published: new wording is a new version, so what each applicant
 * agreed to can always be shown again. The form shows `currentConsentVersion` and posts
 * that version with the application.
 */
export const consentTexts = {
  '2026-12': {
    fr:
      'J’accepte que la Région Sud et ses partenaires de la délégation traitent les informations ' +
      'de ce formulaire pour étudier la candidature, organiser la délégation et en rendre compte. ' +
      'Les coordonnées de la personne de contact ne sont jamais transmises aux partenaires ; ' +
      'elles peuvent être effacées sur demande.',
    en:
      'I agree that the Région Sud and the delegation’s partners process the information in this ' +
      'form to review the application, organise the delegation and report on it. The contact ' +
      'person’s details are never passed on to partners and can be erased on request.',
  },
} as const satisfies Record<string, { fr: string; en: string }>

export type ConsentVersion = keyof typeof consentTexts

/** The wording the form shows today. */
export const currentConsentVersion: ConsentVersion = '2026-12'

/**
 * The wording of one version in one language; undefined for a version never published.
 *
 * @example consentText('2026-12', 'en')
 */
export const consentText = (version: string, lang: 'fr' | 'en'): string | undefined =>
  Object.hasOwn(consentTexts, version) ? consentTexts[version as ConsentVersion][lang] : undefined

/**
 * Whether a version of the wording was ever published: an application consents to one.
 *
 * @example isConsentVersion('2026-12') // true
 */
export const isConsentVersion = (version: string): version is ConsentVersion =>
  Object.hasOwn(consentTexts, version)
