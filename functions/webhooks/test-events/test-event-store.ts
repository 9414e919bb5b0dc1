import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import type { DocumentClient } from '../../shared/dynamo-client.js'
import {
  deliveredRetentionDays,
  deliveryPk,
  epochSeconds,
  testEventKey,
  testEventsPrefix,
} from '../../shared/partners-table.js'

/** One test event sent to a subscription, and what its endpoint made of it. */
export const testEventRecordSchema = z.object({
  testId: z.string(),
  subscriptionId: z.string(),
  partnerId: z.string(),
  webhookId: z.string(),
  sentAt: z.string(),
  /** Who asked: a key's id, `user:<subject>` (a partner's user), or staff. */
  requestedBy: z.string(),
  /** The endpoint answered 2xx. */
  delivered: z.boolean(),
  statusCode: z.number().int().optional(),
  error: z.string().optional(),
  latencyMs: z.number().int().min(0),
})
export type TestEventRecord = z.infer<typeof testEventRecordSchema>

export interface TestEventStore {
  record(test: TestEventRecord): Promise<void>
  /** The subscription's latest test events, newest first. */
  latest(subscriptionId: string, limit: number): Promise<TestEventRecord[]>
}

/**
 * Test events in the Partners table, beside their subscription's deliveries (layout:
 * shared/partners-table.ts), kept as long as delivered deliveries are.
 *
 * @example await createTestEventStore({ doc, table }).latest(subscriptionId, 10)
 */
export const createTestEventStore = ({
  doc,
  table,
}: {
  doc: DocumentClient
  table: string
}): TestEventStore => ({
  async record(test) {
    await doc.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...testEventKey(test.subscriptionId, test.sentAt, test.testId),
          ...testEventRecordSchema.parse(test),
          expiresAt: epochSeconds(test.sentAt, deliveredRetentionDays),
        },
      }),
    )
  },
  async latest(subscriptionId, limit) {
    const { Items = [] } = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': deliveryPk(subscriptionId),
          ':prefix': testEventsPrefix,
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    )
    return Items.map((item) => testEventRecordSchema.parse(item))
  },
})
