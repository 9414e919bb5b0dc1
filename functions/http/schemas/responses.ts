import { z } from '@hono/zod-openapi'
import { fieldErrorSchema } from '../../shared/http/problem.js'

const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .openapi('Problem')

/** A problem+json answer, for a route's OpenAPI entry. */
export const problemContent = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problem } },
})

/** The problem answers a command route may give, for its OpenAPI entry. */
export const commandProblems = {
  400: problemContent('Malformed or invalid body, listing each offending field'),
  401: problemContent('No valid bearer token'),
  403: problemContent('The token lacks the role'),
  404: problemContent('The edition or application does not exist'),
  409: problemContent('The programme’s rules refuse it (deadline passed, edition full, already applied…)'),
  412: problemContent('If-Match is not the current version'),
  413: problemContent('Body too large'),
  415: problemContent('Neither JSON nor a form'),
  422: problemContent('Idempotency key reused with another request, or inconsistent values'),
  503: problemContent(
    'The data store stayed busy or unavailable: retry after `Retry-After` (with the same `Idempotency-Key`: a command that did land answers as it first would have)',
  ),
} as const

/** Any route may be throttled by API Gateway (per-stage limits): it answers 429 itself. */
export const throttled = {
  429: { description: 'Throttled by the API gateway: retry later' },
} as const

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})
