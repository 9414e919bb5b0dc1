import { eventTypes, schemaVersions, type EventType } from '../../domain/events/index.js'
import {
  partnerShares,
  withheldEventTypes,
  withheldFields,
} from '../../domain/partner-access/partner-view.js'

export { partnerEventTypes } from '../../domain/partner-access/partner-view.js'

/** Where the JSON Schema catalogue is served. */
export const eventSchemasPath = '/schemas/events.json'

/**
 * An event type's name in the documents' identifiers.
 *
 * @example pascalName('award.won') // 'AwardWon'
 */
export const pascalName = (type: EventType): string =>
  type
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')

/** @example camelName('award.won') // 'awardWon' */
export const camelName = (type: EventType): string =>
  pascalName(type).charAt(0).toLowerCase() + pascalName(type).slice(1)

/** The `$defs` key of a type's stored data at one version in the JSON Schema catalogue. */
export const storedDefName = (type: EventType, schemaVersion: number) => `${type}.v${schemaVersion}`

/** The `$defs` key of what partners see of a type (current version). */
export const partnerDefName = (type: EventType) => `${type}.partner`

/**
 * What a type means and how its schema evolved, in the catalogue's words: every version,
 * what each later one changed, and where each version's JSON Schema is.
 *
 * @example eventDescription('award.won') // 'A member of a delegation won … Schema version 2 …'
 */
export const eventDescription = (type: EventType): string => {
  const versions = schemaVersions(type)
  const current = versions.at(-1)?.schemaVersion ?? 1
  const history = versions
    .filter((v) => !v.current)
    .map((v) => `v${v.schemaVersion} → v${v.schemaVersion + 1}: ${v.changedInNext}`)
  const hidden = withheldFields(type)
  return [
    eventTypes[type].summary,
    `Schema version ${current} (\`schemaVersion\`). Events stored at an earlier version are ` +
      'upcast when read: partners only ever receive the current version.',
    ...history,
    `What partners receive: ${partnerShares[type].why}` +
      (hidden.length > 0 ? ` Never sent: ${hidden.map((f) => `\`${f}\``).join(', ')}.` : ''),
    `JSON Schema of every version: \`${eventSchemasPath}\`, ` +
      versions.map((v) => `\`#/$defs/${storedDefName(type, v.schemaVersion)}\``).join(', ') +
      '.',
  ].join('\n\n')
}

/**
 * What partners never receive, in the catalogue's words: the types withheld whole and why,
 * for the feed's and the documents' descriptions.
 *
 * @example withheldTypesNote() // 'Partners never receive `application.submitted` (…)'
 */
export const withheldTypesNote = (): string =>
  'Partners receive an allow-list of fields of each event type, never personal data, and ' +
  'never these types: ' +
  withheldEventTypes.map((type) => `\`${type}\` (${partnerShares[type].why})`).join('; ') +
  '. Nothing counts them: events are numbered by `sequence` over the events partners ' +
  'receive alone (1, 2, 3 … without gaps), and carry no Feed position nor stream version.'
