import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import type { DynamoDBRecord } from 'aws-lambda'
import { parseEnvelope, type EventEnvelope } from '../../domain/events/index.js'

/** What one Events stream record says, once parsed. */
export type ParsedRecord =
  | { readonly kind: 'event'; readonly id: string; readonly envelope: EventEnvelope }
  /** Not an insert (the table is append-only, so nothing to index). */
  | { readonly kind: 'ignored'; readonly id: string }
  /** Unreadable: it fails alone, and with it its stream's later records in the batch. */
  | {
      readonly kind: 'poisoned'
      readonly id: string
      readonly streamId: string | undefined
      readonly error: unknown
    }

type Image = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>

/**
 * Lambda hands images over as DynamoDB JSON with base64 binaries; Events items hold no
 * binaries, so the SDK's unmarshall reads them as they are. The result is then parsed.
 */
const plain = (image: Image): Record<string, unknown> =>
  unmarshall(image as Record<string, AttributeValue>)

/** The record's stream id, if its keys or image still say it. */
const streamIdOf = (record: DynamoDBRecord): string | undefined =>
  record.dynamodb?.Keys?.streamId?.S ?? record.dynamodb?.NewImage?.streamId?.S

/** How a record is named in `batchItemFailures` (its sequence number). */
export const recordIdOf = (record: DynamoDBRecord): string =>
  record.dynamodb?.SequenceNumber ?? record.eventID ?? ''

/**
 * Reads one record of the Events table's stream (NEW_IMAGE) into an envelope,
 * validated as on every read. Never throws.
 *
 * @example event.Records.map(parseRecord) // [{ kind: 'event', id, envelope }, …]
 */
export const parseRecord = (record: DynamoDBRecord): ParsedRecord => {
  const id = recordIdOf(record)
  if (record.eventName === 'REMOVE') return { kind: 'ignored', id }
  try {
    const image = record.dynamodb?.NewImage
    if (!image) throw new TypeError('The record has no NewImage (stream view must be NEW_IMAGE)')
    return { kind: 'event', id, envelope: parseEnvelope(plain(image)) }
  } catch (error: unknown) {
    return { kind: 'poisoned', id, streamId: streamIdOf(record), error }
  }
}
