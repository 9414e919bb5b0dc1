import { marshall } from '@aws-sdk/util-dynamodb'
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda'
import type { EventEnvelope } from '../../../domain/events/index.js'

let sequence = 0

/** The SDK's AttributeValue and Lambda's differ only for binaries, which events never hold. */
const image = (item: Record<string, unknown>) =>
  marshall(item, { removeUndefinedValues: true }) as Record<string, AttributeValue>

/**
 * An INSERT record of the Events table's stream (NEW_IMAGE), as Lambda delivers it, with
 * a fresh sequence number; `newImage` overrides the image (to poison it).
 *
 * @example insertRecord(envelope).dynamodb?.Keys?.streamId?.S
 */
export const insertRecord = (
  item: EventEnvelope | Record<string, unknown>,
  newImage?: Record<string, AttributeValue>,
): DynamoDBRecord => {
  sequence += 1
  const { streamId, version } = item as Record<string, unknown>
  return {
    eventID: `event-${sequence}`,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-3',
    eventSourceARN: 'arn:aws:dynamodb:eu-west-3:000000000000:table/Events/stream/2026-01-01',
    dynamodb: {
      ApproximateCreationDateTime: 1_767_225_600,
      Keys: image({ streamId, version }),
      NewImage: newImage ?? image(item),
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: 512,
      StreamViewType: 'NEW_IMAGE',
    },
  }
}

/** A stream event of records. */
export const streamEvent = (Records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records })
