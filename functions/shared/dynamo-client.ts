import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'

export interface DynamoClientOptions {
  /** Set for DynamoDB Local (`http://127.0.0.1:8000`); unset in AWS. */
  readonly endpoint?: string | undefined
  readonly region?: string | undefined
}

/**
 * One document client per process, created at module scope by each entry point.
 * Locally the credentials are dummies: DynamoDB Local (run with -sharedDb) accepts any.
 *
 * @example const doc = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT })
 */
export const createDocumentClient = ({ endpoint, region }: DynamoClientOptions = {}) => {
  const client = new DynamoDBClient({
    region: region ?? process.env.AWS_REGION ?? 'eu-west-3',
    ...(endpoint
      ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  })
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  })
}

export type DocumentClient = ReturnType<typeof createDocumentClient>
