import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** One offending field of a request, as listed in a validation problem. */
export interface FieldError {
  /** Where the field is, as a JSON-pointer-like path: `startup.siret`, `contact.email`. */
  readonly field: string
  readonly message: string
  readonly code?: string
}

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

/** Problem type URIs are relative to the API, one per code: `/problems/edition-full`. */
export const problemType = (code: string) => `/problems/${code}`

/**
 * An error that already knows the problem it answers with. Middleware and routes
 * throw it; `app.onError` renders it, so no route writes an error response by hand.
 *
 * @example throw new ProblemError(415, 'unsupported-media-type', 'Unsupported media type', 'Send JSON')
 */
export class ProblemError extends Error {
  override readonly name = 'ProblemError'
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title)
  }

  toProblem(): Problem {
    // Extensions first: a rule's details (an application's `status`…) never mask the standard members.
    return {
      ...this.extensions,
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
    }
  }
}

/** Renders a problem as `application/problem+json`. */
export const problemResponse = (c: Context, problem: Problem, headers: Record<string, string> = {}) =>
  c.body(JSON.stringify({ ...problem, instance: problem.instance ?? c.req.path }), problem.status, {
    ...headers,
    'Content-Type': 'application/problem+json; charset=utf-8',
  })
