import { z } from 'zod'
import { countedAlready } from '../shared/http/app-env.js'
import { fieldErrorSchema } from '../shared/http/problem.js'

/** The app's own `request`: a Request through every middleware and route, in process. */
export type AppRequest = (path: string, init: RequestInit, env?: unknown) => Response | Promise<Response>

export interface ApiCall {
  readonly method?: 'GET' | 'POST' | 'DELETE'
  readonly body?: unknown
  /** The staff member's bearer token, checked by the API as from any client. */
  readonly token?: string | undefined
  readonly idempotencyKey?: string | undefined
  /** The version the page showed: a moved resource answers 412, never a silent overwrite. */
  readonly ifMatch?: number | undefined
  readonly correlationId?: string | undefined
  /** The page request's environment: the call is the page's client's (its address), counted once. */
  readonly from?: unknown
  /** Other request headers a route reads (a start-up's application token). */
  readonly headers?: Readonly<Record<string, string>>
}

const problemSchema = z.looseObject({
  type: z.string(),
  detail: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
})

export type ApiAnswer =
  | { readonly ok: true; readonly status: number; readonly body: unknown; readonly response: Response }
  | {
      readonly ok: false
      readonly status: number
      /** The problem's code: `already-applied` for `/problems/already-applied`. */
      readonly code: string
      readonly problem: z.infer<typeof problemSchema> | undefined
    }

/**
 * The pages as a client of the API, in process: every command a page sends goes through
 * the same route, validation, authorisation, idempotency and If-Match checks as a curl
 * call would, so there is one copy of each rule.
 *
 * @example const answer = await callApi(app.request, '/editions/ces-2020/applications', { method: 'POST', body })
 */
export const callApi = async (request: AppRequest, path: string, call: ApiCall = {}): Promise<ApiAnswer> => {
  const headers: Record<string, string> = { ...call.headers, Accept: 'application/json' }
  if (call.body !== undefined) headers['Content-Type'] = 'application/json'
  if (call.token) headers.Authorization = `Bearer ${call.token}`
  if (call.idempotencyKey) headers['Idempotency-Key'] = call.idempotencyKey
  if (call.ifMatch !== undefined) headers['If-Match'] = `"${call.ifMatch}"`
  if (call.correlationId) headers['X-Correlation-Id'] = call.correlationId
  const env = { ...(typeof call.from === 'object' && call.from !== null ? call.from : {}), [countedAlready]: true }
  const response = await request(
    path,
    { method: call.method ?? 'GET', headers, ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }) },
    env,
  )
  if (response.ok) {
    const type = response.headers.get('Content-Type') ?? ''
    const body = type.includes('json') ? ((await response.clone().json()) as unknown) : undefined
    return { ok: true, status: response.status, body, response }
  }
  return readRefusal(response)
}

/**
 * A refusal of the API as the pages read it: its status, the problem's code and document.
 *
 * @example const refused = await readRefusal(response) // { ok: false, status: 429, code: 'too-many-requests', … }
 */
export const readRefusal = async (response: Response): Promise<Extract<ApiAnswer, { ok: false }>> => {
  const parsed = problemSchema.safeParse(await response.json().catch(() => undefined))
  const problem = parsed.success ? parsed.data : undefined
  return { ok: false, status: response.status, code: problem?.type.split('/').at(-1) ?? 'unknown', problem }
}
