import { z } from 'zod'
import { apiKeyScope, type ApiKeyScope } from '../../domain/partner-access/scopes.js'

export const apiKeySchema = z.object({
  keyId: z.string(),
  partnerId: z.string(),
  scopes: z.array(apiKeyScope),
  label: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Set when the key stopped working at once (revoked). */
  revokedAt: z.string().optional(),
  /**
   * When the key stops working: an expiry given at issue (which a rotation's replacement
   * inherits), or a rotation's overlap, whichever comes first.
   */
  notAfter: z.string().optional(),
  replacedBy: z.string().optional(),
})
/** A stored key: everything but the key itself, which only its hash stands for. */
export type ApiKeyRecord = z.infer<typeof apiKeySchema>

/** Whether a key lets its holder in at `now`. */
export const isKeyActive = (key: ApiKeyRecord, now: Date): boolean =>
  key.revokedAt === undefined &&
  (key.notAfter === undefined || Date.parse(key.notAfter) > now.getTime())

export interface NewKey {
  readonly partnerId: string
  readonly scopes: readonly ApiKeyScope[]
  readonly label?: string | undefined
  readonly createdBy: string
  readonly now: Date
  /** When the key stops working by itself (ISO 8601); never unless given. */
  readonly notAfter?: string | undefined
}

export interface IssuedKey {
  readonly record: ApiKeyRecord
  /** The key itself: shown once, never stored. */
  readonly apiKey: string
}
