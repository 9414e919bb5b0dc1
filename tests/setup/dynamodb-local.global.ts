import type { TestProject } from 'vitest/node'
import { startDynamoDbLocal } from '../../local/dynamodb-local.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The one DynamoDB Local of the run, e.g. `http://127.0.0.1:41234`. */
    dynamoEndpoint: string
  }
}

/**
 * Vitest global setup: one DynamoDB Local (in memory) for the whole run. Test files
 * read its endpoint with `inject('dynamoEndpoint')` (see test-tables.ts) and work on
 * tables of their own. The JVM dies with the run on every path: a failed start kills
 * it, teardown stops it, and the process hooks and pdeathsig cover interruptions.
 *
 * @example globalSetup: ['tests/setup/dynamodb-local.global.ts']
 */
export const setup = async (project: TestProject): Promise<() => Promise<void>> => {
  const db = await startDynamoDbLocal()
  try {
    project.provide('dynamoEndpoint', db.endpoint)
  } catch (error: unknown) {
    await db.stop()
    throw error
  }
  return () => db.stop()
}
