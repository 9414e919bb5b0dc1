/** The command API as the seed calls it: staff POSTs with idempotency keys, retried when busy. */
import { backoff } from '../../functions/shared/backoff.js'

export type Fetch = (input: string, init: RequestInit) => Promise<Response>

/** A request the API refused for good (anything but contention). */
export class SeedRequestError extends Error {
  override readonly name = 'SeedRequestError'
  constructor(
    readonly path: string,
    readonly status: number,
    readonly problem: string,
  ) {
    super(`POST ${path} answered ${status}: ${problem}`)
  }
}

export interface SeedClient {
  /** POSTs `body`; resolves to the JSON answer (the first one again on a replay). */
  post(path: string, body: unknown, key: string): Promise<Record<string, unknown>>
  readonly stats: { written: number; replayed: number; retries: number }
}

const maxAttempts = 10

// Contention on one edition's stream (every application appends to it) is expected
// with parallel requests: the API answers 409 concurrent-modification or 503 busy.
const isContention = (status: number, text: string) =>
  status === 503 || (status === 409 && text.includes('/problems/concurrent-modification'))

/**
 * A client for the API at `apiUrl` with a staff token.
 *
 * @example const api = seedClient({ apiUrl, token }); await api.post('/editions', body, key)
 */
export const seedClient = ({
  apiUrl,
  token,
  fetch = globalThis.fetch,
}: {
  apiUrl: string
  token: string
  fetch?: Fetch | undefined
}): SeedClient => {
  const stats = { written: 0, replayed: 0, retries: 0 }
  const post = async (path: string, body: unknown, key: string) => {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${apiUrl}${path}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
        },
        body: JSON.stringify(body),
      })
      const text = await response.text()
      if (response.ok) {
        if (response.headers.get('Idempotent-Replayed') === 'true') stats.replayed += 1
        else stats.written += 1
        return JSON.parse(text) as Record<string, unknown>
      }
      if (!isContention(response.status, text) || attempt >= maxAttempts) {
        throw new SeedRequestError(path, response.status, text)
      }
      stats.retries += 1
      // Jittered, so the parallel requests that collided do not all come back together.
      await backoff(attempt, { baseMs: 40, capMs: 1_280 })
    }
  }
  return { post, stats }
}

/**
 * Runs `task` over `items`, `limit` at a time, and resolves to the results in order.
 *
 * @example await inParallel(applications, 8, (application) => api.post(…))
 */
export const inParallel = async <T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> => {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) {
      results[index] = await task(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
