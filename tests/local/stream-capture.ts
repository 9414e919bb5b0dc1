import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb'
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams'
import type { DynamoDBRecord } from 'aws-lambda'
import { toLambdaRecord } from '../../local/stream-record.js'

/**
 * Every record a table's stream holds in DynamoDB Local so far, shard by shard, oldest
 * first, in the shape Lambda delivers them (DynamoDB JSON, the stream's ARN and region):
 * records recorded from the real emulator, to hand to a handler or a filter.
 *
 * @example const records = await captureStream(client, endpoint, names.feed)
 */
export const captureStream = async (
  client: DynamoDBClient,
  endpoint: string,
  tableName: string,
  awsRegion = 'eu-west-3',
): Promise<DynamoDBRecord[]> => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }))
  const streamArn = Table?.LatestStreamArn
  if (!streamArn) throw new Error(`${tableName} has no stream`)
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: awsRegion,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })
  const { StreamDescription } = await streams.send(
    new DescribeStreamCommand({ StreamArn: streamArn }),
  )
  const records: DynamoDBRecord[] = []
  for (const { ShardId } of StreamDescription?.Shards ?? []) {
    let iterator = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator
    // An open shard always has a next iterator: its end, for now, is an empty page.
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }))
      const read = page.Records ?? []
      records.push(...read.map((record) => toLambdaRecord(record, streamArn, awsRegion)))
      iterator = read.length > 0 ? page.NextShardIterator : undefined
    }
  }
  streams.destroy()
  return records
}
