import { Hono } from 'hono'
import { ProblemError, problemResponse } from '../functions/shared/http/problem.js'

/** The addresses `HOST` may name to listen everywhere: no host name to answer to. */
const wildcards = new Set(['0.0.0.0', '::', '[::]'])

/**
 * Whether the development server answers a request for `hostname` (the Host header's name, as
 * in a URL: `[::1]` for IPv6): loopback names only (`localhost` and its subdomains, which
 * browsers resolve to loopback themselves, 127.0.0.0/8, `[::1]`), and `also` (the `HOST` it
 * listens on, when that names one interface). A page of another site that rebinds its own
 * name to 127.0.0.1 still sends its own name: it gets nothing, the dev sign-in included.
 *
 * @example answersTo('localhost', []) // true
 * @example answersTo('rebind.attacker.example', []) // false
 */
export const answersTo = (hostname: string, also: readonly string[]): boolean => {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(name) ||
    name === '[::1]' ||
    also.some((host) => !wildcards.has(host) && hostOf(host) === name)
  )
}

/** `::1` → `[::1]`, `LocalHost` → `localhost`: a `HOST` setting as URLs spell it. */
const hostOf = (host: string) => (host.includes(':') ? `[${host}]` : host).toLowerCase()

/**
 * The development server's app behind a Host check (issue 20, point 6: DNS rebinding): any
 * other name gets `421 misdirected-request` (problem+json) and reaches nothing. Only
 * local/start.ts uses it; in AWS the API is reached through API Gateway's own host names.
 *
 * @example serve({ fetch: loopbackOnly(app, { alsoAnswers: [settings.HOST] }).fetch })
 */
export const loopbackOnly = (
  app: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> },
  { alsoAnswers = [] }: { alsoAnswers?: readonly string[] } = {},
) =>
  new Hono().all('*', (c) => {
    // The URL's host is the Host header's (@hono/node-server builds it from it, checked).
    const { hostname } = new URL(c.req.url)
    if (answersTo(hostname, alsoAnswers)) return app.fetch(c.req.raw, c.env)
    const problem = new ProblemError({
      status: 421,
      code: 'misdirected-request',
      detail:
        'The development server answers only to loopback host names (localhost, 127.0.0.1, [::1])',
    })
    return problemResponse(c, problem.toProblem())
  })
