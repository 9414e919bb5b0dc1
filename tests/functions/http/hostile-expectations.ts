import type { TestResponse } from './transports.js'

/**
 * What every answer to hostile input must be: below 500, and unless it succeeded, an
 * RFC 9457 problem (`application/problem+json` whose `status` is the response's own, with
 * a `type` and a `title`). Returns what is wrong, or undefined.
 *
 * @example const wrong = expectProblemOrSuccess(response)
 */
export const expectProblemOrSuccess = (response: TestResponse): string | undefined => {
  if (response.status >= 500) return `answered ${response.status}: ${response.text.slice(0, 200)}`
  if (response.status < 400) return undefined
  const type = response.headers.get('content-type') ?? ''
  if (!/^application\/problem\+json/.test(type)) return `${response.status} as ${type || 'no content type'}`
  let problem: Record<string, unknown>
  try {
    problem = response.json()
  } catch {
    return `${response.status} with a body that is not JSON`
  }
  if (problem.status !== response.status) return `problem status ${String(problem.status)} on a ${response.status}`
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string') return 'a problem without type or title'
  return undefined
}

/**
 * What every answer of a page for people must be: below 500, and unless it succeeded or
 * redirected, a page (HTML under the pages' own CSP) or, where no page route matched
 * (an unknown asset), the API's RFC 9457 problem. Returns what is wrong, or undefined.
 *
 * @example const wrong = expectPageOrProblem(response)
 */
export const expectPageOrProblem = (response: TestResponse): string | undefined => {
  if (response.status >= 500) return `answered ${response.status}: ${response.text.slice(0, 200)}`
  if (response.status < 400) return undefined
  const type = response.headers.get('content-type') ?? ''
  if (/^application\/problem\+json/.test(type)) return expectProblemOrSuccess(response)
  if (!/^text\/html/.test(type)) return `${response.status} as ${type || 'no content type'}`
  if (!/frame-ancestors/.test(response.headers.get('content-security-policy') ?? '')) return 'a page without its CSP'
  return undefined
}

/** The expectation that fits an operation: a problem from the API, a page from the pages. */
export const expectAnswer = (answers: 'problem' | 'page', response: TestResponse) =>
  answers === 'page' ? expectPageOrProblem(response) : expectProblemOrSuccess(response)
