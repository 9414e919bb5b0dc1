import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { recordCalls } from './aws-call-recorder.js'
import { traceClient } from './tracer.js'

interface DynamoClientOptions {
  /** Set for DynamoDB Local (`http://127.0.0.1:8000`); unset in AWS. */
  readonly endpoint?: string | undefined
  /** AWS_REGION in a Lambda; Paris for DynamoDB Local, which ignores it. */
  readonly region?: string | undefined
}

/**
 * One document client per process, created at module scope by each entry point.
 * Locally the credentials are dummies: DynamoDB Local (run with -sharedDb) accepts any.
 * In a traced Lambda each call is a subsegment of the invocation's X-Ray trace; under the
 * tests each call is recorded with the function it ran for (aws-call-recorder.ts).
 *
 * @example const doc = createDocumentClient({ endpoint: 'http://127.0.0.1:8000' })
 */
export const createDocumentClient = ({ endpoint, region }: DynamoClientOptions = {}) => {
  const client = recordCalls(
    traceClient(
      new DynamoDBClient({
        region: region ?? 'eu-west-3',
        ...(endpoint
          ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
          : {}),
        maxAttempts: 3,
      }),
    ),
    'dynamodb',
  )
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  })
}

export type DocumentClient = ReturnType<typeof createDocumentClient>

/**
 * Where DynamoDB is, from the environment: `DYNAMODB_ENDPOINT` only under `npm start`,
 * the tests and the CLIs (DynamoDB Local); `AWS_REGION` as Lambda sets it.
 */
export const dynamoEnvSchema = z.object({
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).optional(),
})

/**
 * The document client of a Lambda or a CLI, from its environment, parsed once at
 * cold start.
 *
 * @example const doc = documentClientFromEnv(process.env)
 */
export const documentClientFromEnv = (env: NodeJS.ProcessEnv): DocumentClient => {
  const { DYNAMODB_ENDPOINT, AWS_REGION } = dynamoEnvSchema.parse(env)
  return createDocumentClient({ endpoint: DYNAMODB_ENDPOINT, region: AWS_REGION })
}
