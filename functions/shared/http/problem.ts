import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'

/** One offending field of a request, as listed in a validation problem. */
export interface FieldError {
  /** Where the field is, as a JSON-pointer-like path: `startup.siret`, `contact.email`. */
  readonly field: string
  readonly message: string
  readonly code?: string
  /** What the field may hold instead, when the refusal can say (the ports a URL may use). */
  readonly allowed?: readonly string[]
}

/** A FieldError as read back from an answer: the API's contract and the pages' client share it. */
export const fieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
  code: z.string().optional(),
  allowed: z.array(z.string()).optional(),
}) satisfies z.ZodType<FieldError>

/** An RFC 9457 problem details document. */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: ContentfulStatusCode
  readonly detail?: string
  readonly instance?: string
  readonly errors?: readonly FieldError[]
  readonly [extension: string]: unknown
}

interface ProblemOptions {
  readonly status: ContentfulStatusCode
  /** Stable and kebab-case: the problem's `type` is `/problems/<code>`. Never rename one. */
  readonly code: string
  /** The type's name in English; by default the code in words (`edition-full`: `Edition full`). */
  readonly title?: string
  /** What happened this time, for the person reading the response. */
  readonly detail?: string | undefined
  /** Extra members of the document: the offending `errors`, a `currentVersion`… */
  readonly extensions?: Record<string, unknown>
  /** Headers the answer needs: `WWW-Authenticate`, `Retry-After`… */
  readonly headers?: Record<string, string>
}

/** Problem type URIs are relative to the API, one per code: `/problems/edition-full`. */
const problemType = (code: string) => `/problems/${code}`

/** `edition-full` → `Edition full`: the title names the problem type in English. */
const titleOf = (code: string) =>
  code.charAt(0).toUpperCase() + code.slice(1).replaceAll('-', ' ')

/**
 * An error that already knows the problem it answers with. Catalogues (api/problems.ts,
 * partner-access/problems.ts, webhooks/problems.ts) make them, routes and middleware
 * throw them, and `app.onError` renders them: no route writes an error response by hand.
 *
 * @example throw new ProblemError({ status: 404, code: 'key-not-found', detail: `No ${keyId}` })
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError'
  readonly status: ContentfulStatusCode
  readonly code: string
  readonly title: string
  readonly detail: string | undefined
  readonly extensions: Record<string, unknown>
  readonly headers: Record<string, string>

  constructor({ status, code, title, detail, extensions = {}, headers = {} }: ProblemOptions) {
    super(detail ?? title ?? titleOf(code))
    this.status = status
    this.code = code
    this.title = title ?? titleOf(code)
    this.detail = detail
    this.extensions = extensions
    this.headers = headers
  }

  toProblem(): Problem {
    // Extensions first: a rule's details never mask the standard members (a rule names
    // an application's status `applicationStatus`, since `status` here is HTTP's).
    return {
      ...this.extensions,
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
    }
  }
}

/**
 * Renders a problem as `application/problem+json`, its `instance` the request's path.
 *
 * @example return problemResponse(c, error.toProblem(), error.headers)
 */
export const problemResponse = (
  c: Context,
  problem: Problem,
  headers: Record<string, string> = {},
) =>
  c.body(JSON.stringify({ ...problem, instance: problem.instance ?? c.req.path }), problem.status, {
    ...headers,
    'Content-Type': 'application/problem+json; charset=utf-8',
  })
