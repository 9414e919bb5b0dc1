import { z } from 'zod'
import type { IdempotencyRequest } from './command-context.js'
import { openSecrets, sealSecrets } from './replay-secrets.js'

/**
 * What a command's idempotency record keeps of its first answer: the result and the
 * version it left its stream at, its secret fields (a withdrawal token) sealed under the
 * caller's key (replay-secrets.ts), never in clear.
 */
export interface StoredOutcome {
  readonly result: unknown
  readonly version: number
  readonly sealed?: unknown
}

/**
 * The record to store with the first append: `secretFields` of the result taken out and
 * sealed (left out altogether for a guessable key).
 *
 * @example storedOutcome({ applicationId, withdrawalToken }, 1, ['withdrawalToken'], idempotency)
 */
export const storedOutcome = (
  result: unknown,
  version: number,
  secretFields: readonly string[],
  { clientKey, key }: IdempotencyRequest,
): StoredOutcome => {
  if (!secretFields.length || typeof result !== 'object' || result === null) return { result, version }
  const entries = Object.entries(result)
  const secrets = Object.fromEntries(entries.filter(([field]) => secretFields.includes(field)))
  const sealed = sealSecrets(clientKey, key, secrets)
  return {
    result: Object.fromEntries(entries.filter(([field]) => !secretFields.includes(field))),
    version,
    ...(sealed ? { sealed } : {}),
  }
}

const stored = z.object({ result: z.unknown(), version: z.number().int().min(0), sealed: z.unknown().optional() })
// Records written before the write side knew no HTTP kept the response itself; they are
// kept 30 days, so a retry across the deploy still finds its first answer.
const storedResponse = z.object({
  body: z.unknown(),
  headers: z.record(z.string(), z.string()).optional(),
  sealed: z.unknown().optional(),
})

/**
 * The first answer back from its record, its sealed secrets opened with the retry's key.
 *
 * @example const { result, version } = replayedOutcome(record.result, idempotency)
 */
export const replayedOutcome = (record: unknown, { clientKey, key }: IdempotencyRequest) => {
  const parsed = stored.safeParse(record)
  const { result, version, sealed } = parsed.success
    ? parsed.data
    : (({ body, headers, sealed: s }) => ({
        result: body,
        version: Number(/\d+/.exec(headers?.ETag ?? '')?.[0] ?? 0),
        sealed: s,
      }))(storedResponse.parse(record))
  const secrets = sealed === undefined ? undefined : openSecrets(clientKey, key, sealed)
  return {
    result: secrets && typeof result === 'object' && result !== null ? { ...result, ...secrets } : result,
    version,
  }
}
