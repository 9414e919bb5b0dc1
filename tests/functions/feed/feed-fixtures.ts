import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { v7 as uuidv7 } from 'uuid'
import {
  currentSchemaVersion,
  parseEnvelope,
  type DomainEvent,
  type EventEnvelope,
} from '../../../domain/events/index.js'
import { batchWriteAll } from '../../../functions/feed/batch-io.js'
import { feedItem, headKey } from '../../../functions/feed/feed-layout.js'
import type { DocumentClient } from '../../../functions/shared/dynamo-client.js'
import {
  applicationSubmitted,
  editionOpened,
  metadata,
  partnerJoined,
} from '../../fixtures/events.js'

/** An envelope as the event store would record it. */
export const envelopeOf = (streamId: string, version: number, event: DomainEvent): EventEnvelope =>
  parseEnvelope({
    eventId: uuidv7(),
    streamId,
    version,
    ...event,
    schemaVersion: currentSchemaVersion(event.type),
    metadata: metadata(),
    recordedAt: '2019-09-01T10:00:00.000Z',
  })

/**
 * `count` events over `streams` edition streams, round robin: each stream opens its
 * edition, then alternates partners joining and applications.
 *
 * @example sampleEvents(3, 2).map((e) => e.type) // opened, opened, partner.joined
 */
export const sampleEvents = (count: number, streams = 10): EventEnvelope[] => {
  const versions = new Map<number, number>()
  return Array.from({ length: count }, (_, i) => {
    const stream = i % streams
    const version = (versions.get(stream) ?? 0) + 1
    versions.set(stream, version)
    const editionId = `show-${stream + 1}`
    const event = version === 1
      ? editionOpened(editionId)
      : version % 2 === 0
        ? partnerJoined(`partner-${version}`, editionId)
        : applicationSubmitted(`app-${stream}-${version}`, `startup-${version}`, { editionId })
    return envelopeOf(`edition-${editionId}`, version, event)
  })
}

/**
 * Writes events straight into the Feed at positions `from`, `from + 1`, … and moves the
 * head, as the indexer would (without its transactions: fast, for read-side tests).
 *
 * @example await writeFeed(doc, names.feed, sampleEvents(100))
 */
export const writeFeed = async (
  doc: DocumentClient,
  table: string,
  events: readonly EventEnvelope[],
  from = 1,
): Promise<void> => {
  const items = events.map((event, i) => feedItem(event, from + i))
  await batchWriteAll(doc, table, items.map((Item) => ({ PutRequest: { Item } })))
  const head = { ...headKey, position: from + events.length - 1 }
  await doc.send(new PutCommand({ TableName: table, Item: head }))
}
