import { eventTypeNames, eventTypes, schemaVersions } from '../../domain/events/index.js'
import {
  isSharedWithPartners,
  partnerDataSchema,
  partnerShares,
  withheldFields,
} from '../../domain/partner-access/partner-view.js'
import { partnerDefName, storedDefName } from './event-catalogue.js'
import { jsonSchemaOf } from './json-schema.js'

/**
 * The JSON Schema catalogue (`GET /schemas/events.json`): one schema per event type and
 * schema version of the data the Events table holds (`award.won.v1`, `award.won.v2`…),
 * past versions marked deprecated, plus what partners receive of each type today
 * (`award.won.partner`; none for a type partners never receive). Generated from the zod schemas that validate events.
 *
 * @example eventSchemasDocument('https://api.example.org')
 */
export const eventSchemasDocument = (origin: string) => {
  const defs: Record<string, unknown> = {}
  for (const type of eventTypeNames) {
    const hidden = withheldFields(type)
    for (const version of schemaVersions(type)) {
      defs[storedDefName(type, version.schemaVersion)] = {
        title: `${type} v${version.schemaVersion}`,
        description: [
          eventTypes[type].summary,
          version.current
            ? 'The current version: every new event is written with it.'
            : `A past version, upcast on read. The next one changed: ${version.changedInNext}`,
          `What partners receive: ${partnerShares[type].why}`,
          ...(isSharedWithPartners(type) && hidden.length > 0
            ? [`Never sent to partners: ${hidden.join(', ')}.`]
            : []),
        ].join(' '),
        ...(version.current ? {} : { deprecated: true }),
        ...jsonSchemaOf(version.data, 'draft-2020-12', 'output'),
      }
    }
    if (!isSharedWithPartners(type)) continue
    defs[partnerDefName(type)] = {
      title: `${type} as partners receive it`,
      description: `The \`data\` of a ${type} event on the feed and in webhooks (current version).`,
      ...jsonSchemaOf(partnerDataSchema(type), 'draft-2020-12', 'input'),
    }
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${origin}/schemas/events.json`,
    title: 'Délégation Sud events: the data of every event type, at every schema version',
    description:
      'Refer to one definition by its key, e.g. `events.json#/$defs/award.won.v2`. Stored data ' +
      'refuses unknown fields; what partners receive may gain optional fields.',
    $defs: defs,
  }
}
