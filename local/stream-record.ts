import type {
  AttributeValue as StreamsAttributeValue,
  _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams'
import type { AttributeValue, DynamoDBRecord, StreamRecord } from 'aws-lambda'

type Image = Record<string, StreamsAttributeValue>

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

/** The SDK decodes binaries to bytes; Lambda hands them over base64-encoded. */
const toLambdaValue = (value: StreamsAttributeValue): AttributeValue => {
  if (value.S !== undefined) return { S: value.S }
  if (value.N !== undefined) return { N: value.N }
  if (value.B !== undefined) return { B: base64(value.B) }
  if (value.BOOL !== undefined) return { BOOL: value.BOOL }
  if (value.NULL !== undefined) return { NULL: value.NULL }
  if (value.M !== undefined) return { M: toLambdaImage(value.M) }
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) }
  if (value.SS !== undefined) return { SS: value.SS }
  if (value.NS !== undefined) return { NS: value.NS }
  if (value.BS !== undefined) return { BS: value.BS.map(base64) }
  throw new Error(`Unknown attribute value: ${JSON.stringify(value)}`)
}

const toLambdaImage = (image: Image): Record<string, AttributeValue> =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaValue(value)]))

const imageField = <K extends 'Keys' | 'NewImage' | 'OldImage'>(key: K, image?: Image) =>
  image ? { [key]: toLambdaImage(image) } : {}

/**
 * One record as Lambda's event source mapping delivers it: DynamoDB JSON images,
 * epoch seconds, and the region and stream ARN of the mapping. Absent fields stay absent.
 *
 * @example toLambdaRecord(record, streamArn, 'eu-west-3').dynamodb?.NewImage?.streamId?.S
 */
export const toLambdaRecord = (
  record: StreamsRecord,
  streamArn: string,
  awsRegion: string,
): DynamoDBRecord => {
  const stream = record.dynamodb ?? {}
  const created = stream.ApproximateCreationDateTime
  const dynamodb: StreamRecord = {
    ...(created ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1_000) } : {}),
    ...imageField('Keys', stream.Keys),
    ...imageField('NewImage', stream.NewImage),
    ...imageField('OldImage', stream.OldImage),
    ...(stream.SequenceNumber ? { SequenceNumber: stream.SequenceNumber } : {}),
    ...(stream.SizeBytes !== undefined ? { SizeBytes: stream.SizeBytes } : {}),
    ...(stream.StreamViewType ? { StreamViewType: stream.StreamViewType } : {}),
  }
  return {
    ...(record.eventID ? { eventID: record.eventID } : {}),
    ...(record.eventName ? { eventName: record.eventName } : {}),
    ...(record.eventVersion ? { eventVersion: record.eventVersion } : {}),
    eventSource: 'aws:dynamodb',
    awsRegion,
    eventSourceARN: streamArn,
    dynamodb,
    // TTL deletions carry the DynamoDB service as their author.
    ...(record.userIdentity ? { userIdentity: { ...record.userIdentity } } : {}),
  }
}
