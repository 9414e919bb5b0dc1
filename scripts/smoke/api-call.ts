/** A step's failure, said plainly: what was asked, what came back. */
export class SmokeFailure extends Error {
  override readonly name = 'SmokeFailure'
}

export interface ApiCall {
  readonly method: string
  readonly path: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
  /** The status that means success; anything else is a SmokeFailure… */
  readonly expect: number
  /** …but these, which mean "not there yet" (a projection catching up): answered as undefined. */
  readonly notYet?: readonly number[]
}

/** A problem+json body in one line: `401 unauthenticated: The bearer token has expired`. */
const describeAnswer = (status: number, text: string): string => {
  try {
    const problem = JSON.parse(text) as { type?: unknown; detail?: unknown; title?: unknown }
    const code = typeof problem.type === 'string' ? problem.type.replace(/^\/problems\//, '') : ''
    const detail = [problem.detail, problem.title].find((value) => typeof value === 'string')
    if (code || detail) return `${status} ${[code, detail].filter(Boolean).join(': ')}`
  } catch {
    // Not JSON (a gateway's HTML page, an empty body): its first characters will do.
  }
  return `${status} ${text.slice(0, 200).replace(/\s+/g, ' ')}`.trim()
}

/** `path` under `baseUrl`, keeping any path the base has (a stage, a custom domain's base path). */
const under = (baseUrl: string, path: string) =>
  new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)

/**
 * Calls one route of the API at `baseUrl`; answers the JSON body (or null) when the status is
 * the expected one, else throws a SmokeFailure naming the call and the answer.
 *
 * @example const edition = await callApi(url, { method: 'POST', path: '/editions', body, headers, expect: 201 })
 */
export const callApi = async (baseUrl: string, call: ApiCall): Promise<unknown> => {
  const { method, path, body, headers = {}, expect, notYet = [] } = call
  let response: Response
  try {
    response = await fetch(under(baseUrl, path), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    })
  } catch (error: unknown) {
    const cause =
      error instanceof Error
        ? ((error.cause as Error | undefined)?.message ?? error.message)
        : String(error)
    throw new SmokeFailure(`${method} ${path}: cannot reach ${baseUrl} (${cause})`)
  }
  const text = await response.text()
  if (notYet.includes(response.status)) return undefined
  if (response.status !== expect) {
    throw new SmokeFailure(`${method} ${path} answered ${describeAnswer(response.status, text)}`)
  }
  return text ? (JSON.parse(text) as unknown) : null
}

/**
 * Asks `check` again every `intervalMs` until it answers something, for at most `waitMs`
 * (what lags behind a write: the Feed, the read models); undefined if it never did.
 *
 * @example const report = await pollUntil(() => countsIt(), 60_000)
 */
export const pollUntil = async <T>(
  check: () => Promise<T | undefined>,
  waitMs: number,
  intervalMs = 500,
): Promise<T | undefined> => {
  const deadline = performance.now() + waitMs
  for (;;) {
    const found = await check()
    if (found !== undefined || performance.now() >= deadline) return found
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
