import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { written } from '../shared/conditional-write.js'
import type { DocumentClient } from '../shared/dynamo-client.js'
import { checkpointMove, readCheckpoint } from '../shared/feed-checkpoint.js'
import { checkpointKey } from './outbox-layout.js'

export interface NotifierCheckpoint {
  /** The last Feed position queued (0 before the first run). */
  read(): Promise<number>
  /** Moves it from `from` to `to`, only if nobody moved it meanwhile: false when another run did. */
  commit(from: number, to: number, now: Date): Promise<boolean>
}

/**
 * The notifier's own place in the Feed, in the Outbox table: moved only after the page's
 * messages are queued, so a run that stops between the two queues them again (each put is
 * conditional: nothing twice), and never past a message not queued.
 *
 * @example const moved = await checkpoint.commit(40, 140, new Date())
 */
export const createNotifierCheckpoint = ({
  doc,
  table,
}: {
  doc: DocumentClient
  table: string
}): NotifierCheckpoint => ({
  read: () => readCheckpoint(doc, table, checkpointKey),
  commit: (from, to, now) =>
    written(() => doc.send(new UpdateCommand(checkpointMove(table, checkpointKey, from, to, now)))),
})
