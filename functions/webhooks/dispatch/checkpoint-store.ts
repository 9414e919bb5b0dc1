import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { written } from '../../shared/conditional-write.js'
import type { DocumentClient } from '../../shared/dynamo-client.js'
import { checkpointMove, readCheckpoint } from '../../shared/feed-checkpoint.js'
import { checkpointKey, registryVersionKey } from '../../shared/partners-table.js'

export interface CheckpointStore {
  /** The last Feed position dispatched (0 before the first run). */
  read(): Promise<number>
  /**
   * Moves the checkpoint from `from` to `to`, only if nobody moved it meanwhile and no
   * subscription was added since the registry was read at `registryVersion`.
   * False when either happened: re-read both and dispatch again (puts are idempotent).
   */
  commit(from: number, to: number, registryVersion: number, now: Date): Promise<boolean>
}

/**
 * The dispatcher's own checkpoint in the Partners table, committed together with a
 * check on the subscription registry's version, so a subscription created while a
 * page was being matched can never miss an event of that page.
 *
 * @example const moved = await checkpoints.commit(40, 140, registry.version, new Date())
 */
export const createCheckpointStore = ({
  doc,
  table,
}: {
  doc: DocumentClient
  table: string
}): CheckpointStore => ({
  read: () => readCheckpoint(doc, table, checkpointKey),

  commit: (from, to, registryVersion, now) =>
    written(() =>
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: table,
                Key: registryVersionKey,
                ConditionExpression:
                  registryVersion === 0 ? 'attribute_not_exists(version)' : 'version = :v',
                ...(registryVersion === 0
                  ? {}
                  : { ExpressionAttributeValues: { ':v': registryVersion } }),
              },
            },
            { Update: checkpointMove(table, checkpointKey, from, to, now) },
          ],
        }),
      ),
    ),
})
