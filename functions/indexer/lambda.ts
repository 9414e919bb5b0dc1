import { Logger } from '@aws-lambda-powertools/logger'
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda'

const logger = new Logger({ serviceName: 'delegation-sud-indexer' })

/** The Events stream's only consumer. For now it logs what it receives. */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  for (const record of event.Records) {
    logger.info('event recorded', {
      streamId: record.dynamodb?.Keys?.streamId?.S,
      version: record.dynamodb?.Keys?.version?.N,
    })
  }
  return { batchItemFailures: [] }
}
