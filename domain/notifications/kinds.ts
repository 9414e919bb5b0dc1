import { z } from 'zod'
import { isoDate, isoDateTime } from '../events/index.js'

/**
 * What the programme writes to the people it serves, one kind per occasion:
 * - `received`: to the application's contact, when it is recorded (held or not);
 * - `confirmed`: to the contact of a held application once staff confirm it;
 * - `selected`, `rejected` (with the reason staff gave, if any), `withdrawn`: to the
 *   application's contact;
 * - `held-notice`: to the start-up's *registered* contact, never to whoever applied:
 *   someone applied in the start-up's name with another contact.
 */
export const messageKinds = [
  'received',
  'confirmed',
  'selected',
  'rejected',
  'withdrawn',
  'held-notice',
] as const
export const messageKind = z.enum(messageKinds)
export type MessageKind = z.infer<typeof messageKind>

const common = {
  /** Who it greets: the contact person's name (a plain "Bonjour," without). */
  recipientName: z.string().min(1).max(200).optional(),
  /** The application's id: the reference people quote to the Région. */
  reference: z.string().min(1).max(200),
  /**
   * The start-up as the message names it: the name its application gave, or, in the
   * held notice, the name it is registered under (never what a stranger typed).
   */
  startupName: z.string().min(1).max(200),
  /** The edition as staff named it (`CES Las Vegas 2020`). */
  editionName: z.string().min(1).max(200),
}

/** The data each kind of message is written from; the notifier fills it (see compose.ts). */
export const messageData = {
  received: z.object({
    ...common,
    applicationDeadline: isoDateTime,
    /** A held application: the start-up is asked first whether it is its own. */
    awaitingConfirmation: z.boolean(),
  }),
  confirmed: z.object({ ...common, applicationDeadline: isoDateTime }),
  selected: z.object({
    ...common,
    city: z.string().min(1).max(100),
    startsOn: isoDate,
    endsOn: isoDate,
  }),
  rejected: z.object({ ...common, reason: z.string().min(1).max(2000).optional() }),
  withdrawn: z.object({ ...common, by: z.enum(['startup', 'staff']) }),
  'held-notice': z.object(common),
} as const satisfies Record<MessageKind, z.ZodObject>

export type MessageData<K extends MessageKind> = z.infer<(typeof messageData)[K]>
