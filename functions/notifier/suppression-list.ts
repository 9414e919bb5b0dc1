import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import { z } from 'zod'
import { returnKinds } from '../../domain/notifications/index.js'
import { written } from '../shared/conditional-write.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { suppressionKey } from './outbox-layout.js'

const suppressionSchema = z.object({ reason: z.enum(returnKinds), since: z.string() })
export type Suppression = z.infer<typeof suppressionSchema>

export interface SuppressionList {
  /** Why mail to this address stopped, if it did. */
  find(emailIndex: string): Promise<Suppression | undefined>
  /** Stops mail to an address; the first reason stays (false: it was already stopped). */
  add(emailIndex: string, suppression: Suppression): Promise<boolean>
}

/**
 * Addresses the programme no longer writes to, after a hard bounce or a complaint, keyed by
 * the blind index of the address (the vault's `emailIndex`): the list names no one in
 * clear, and an erased person's entry stays, so their address is still never written to.
 *
 * @example if (await suppressions.find(await vault.emailIndex(email))) // not sent
 */
export const createSuppressionList = ({
  doc,
  table,
}: {
  doc: DocumentClient
  table: string
}): SuppressionList => ({
  async find(emailIndex) {
    const { Item } = await doc.send(
      new GetCommand({ TableName: table, Key: suppressionKey(emailIndex), ConsistentRead: true }),
    )
    return Item ? suppressionSchema.parse(Item) : undefined
  },

  add: (emailIndex, suppression) =>
    written(() =>
      doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...suppressionKey(emailIndex), ...suppression },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ),
})
