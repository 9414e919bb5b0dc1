import { z } from 'zod'
import type { Contact } from './event-data.js'
import { personalDataFields, type EventType } from './event-types.js'

/**
 * Personal data inside events (RGPD): which fields hold it, whose it is, and how a
 * stored event carries it sealed. The cryptography lives in functions/personal-data;
 * here only the shapes and the pure rules, so every reader agrees on them.
 *
 * A data subject is one contact person of one start-up: (start-up id, normalised
 * e-mail). The same person at two start-ups is two subjects, so erasing one start-up
 * never touches the other's record, and erasure by e-mail finds each of them.
 */

/**
 * Personal fields of a stored event, encrypted under their subject's data key
 * (AES-256-GCM, base64). The event's own personal fields are stored as `null`
 * beside it; opening the seal puts them back, or leaves them `null` once the
 * subject's key is destroyed (erased).
 */
export const sealedSchema = z.object({
  /**
   * The data key it was sealed with: random, never reused (a new key never opens it), and
   * derived from nothing, so once the key is destroyed it names no one. The key is found
   * among its start-up's (the event's `startupId`, in clear).
   */
  keyId: z.string().min(1).max(100),
  /**
   * Written until March 2027, read still (stored events are never rewritten): the subject
   * as the Keys table named it, `<startupId>#<HMAC of the address>`. The HMAC's key is never
   * destroyed, so it kept an erased person linkable across events; nothing reads it.
   */
  subject: z.string().min(1).max(300).optional(),
  iv: z.string().min(1).max(100),
  tag: z.string().min(1).max(100),
  ciphertext: z.string().min(1).max(20_000),
})
export type Sealed = z.infer<typeof sealedSchema>

/** The same address written two ways is one person: trimmed, lower case, NFC. */
export const normaliseEmail = (email: string): string => email.normalize('NFC').trim().toLowerCase()

/** Whose personal data an event holds, in clear: the start-up and its contact's e-mail. */
export interface DataSubject {
  readonly startupId: string
  readonly email: string
}

const hasPersonalData = (type: EventType): boolean => (personalDataFields[type]?.length ?? 0) > 0

const recordOf = (data: unknown): Record<string, unknown> =>
  typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}

/**
 * The subject of an event's personal data, or undefined when it holds none (or it was
 * erased). Every event type with personal data names its start-up and its contact.
 *
 * @example subjectOf(registered) // { startupId: '01J…', email: 'ines@calanques.example' }
 */
export const subjectOf = (event: { readonly type: EventType; readonly data: unknown }): DataSubject | undefined => {
  if (!hasPersonalData(event.type)) return undefined
  const data = recordOf(event.data)
  const contact = data.contact as Contact | null | undefined
  if (!contact || typeof data.startupId !== 'string') return undefined
  return { startupId: data.startupId, email: normaliseEmail(contact.email) }
}

/**
 * Splits an event's data into what is stored in clear (personal fields `null`) and the
 * personal fields to seal; `personal` is undefined when there is nothing to seal.
 *
 * @example splitPersonalData(registered).personal // { contact: { name, email } }
 */
export const splitPersonalData = (
  type: EventType,
  data: unknown,
): { clear: Record<string, unknown>; personal: Record<string, unknown> | undefined } => {
  const fields = personalDataFields[type] ?? []
  const source = recordOf(data)
  const present = fields.filter((field) => source[field] !== undefined && source[field] !== null)
  if (present.length === 0) return { clear: source, personal: undefined }
  const clear = { ...source }
  for (const field of fields) clear[field] = null
  return { clear, personal: Object.fromEntries(present.map((field) => [field, source[field]])) }
}

/**
 * Stored data with its opened personal fields put back (`undefined`: erased or
 * withheld, so they stay `null`). Only the type's personal fields are taken.
 *
 * @example joinPersonalData('startup.registered', clear, { contact }).contact // contact
 */
export const joinPersonalData = (
  type: EventType,
  clear: unknown,
  personal: Record<string, unknown> | undefined,
): Record<string, unknown> => {
  const data = { ...recordOf(clear) }
  for (const field of personalDataFields[type] ?? []) data[field] = personal?.[field] ?? null
  return data
}
