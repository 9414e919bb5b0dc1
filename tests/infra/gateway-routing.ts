/**
 * API Gateway's route selection for HTTP APIs, as its developer guide states it ("Routing
 * API requests"): the route with the most specific match wins, in this order:
 *
 * 1. a full match of route and method: every segment a literal or a path variable
 *    (`{editionId}`, one non-empty segment); a literal segment is more specific than a
 *    variable, leftmost first, and a route's own method more than `ANY` ("matches all
 *    methods that you haven't defined for a resource");
 * 2. a match with a greedy path variable (`{proxy+}`, last, one segment or more): the
 *    longest literal prefix first, then the route's own method before `ANY`;
 * 3. the `$default` route.
 *
 * No match at all: API Gateway answers `{"message":"Not Found"}` itself (undefined here).
 */

interface ParsedRoute {
  readonly key: string
  readonly method: string
  readonly segments: readonly string[]
  readonly greedy: boolean
}

const segmentsOf = (path: string) => path.split('/').slice(1)
const isVariable = (segment: string) => /^\{[^}+]+\}$/.test(segment)
const isGreedy = (segment: string | undefined) =>
  segment !== undefined && /^\{[^}]+\+\}$/.test(segment)

const parse = (key: string): ParsedRoute => {
  const [method = '', path = ''] = key.split(' ')
  const segments = segmentsOf(path)
  const greedy = isGreedy(segments.at(-1))
  if (segments.slice(0, -1).some(isGreedy))
    throw new Error(`${key}: a greedy variable must be last`)
  return { key, method, segments: greedy ? segments.slice(0, -1) : segments, greedy }
}

const segmentMatches = (route: string, request: string) =>
  isVariable(route) ? request.length > 0 : route === request

const matches = (route: ParsedRoute, method: string, request: readonly string[]) => {
  if (route.method !== 'ANY' && route.method !== method) return false
  const { segments } = route
  if (route.greedy ? request.length <= segments.length : request.length !== segments.length)
    return false
  if (route.greedy && request.slice(segments.length).some((segment) => segment.length === 0))
    return false
  return segments.every((segment, i) => segmentMatches(segment, request[i] ?? ''))
}

/** Negative when `a` is the more specific of two routes that both match. */
const bySpecificity = (a: ParsedRoute, b: ParsedRoute): number => {
  if (a.greedy !== b.greedy) return a.greedy ? 1 : -1
  if (a.segments.length !== b.segments.length) return b.segments.length - a.segments.length
  for (let i = 0; i < a.segments.length; i++) {
    const [x = '', y = ''] = [a.segments[i], b.segments[i]]
    if (isVariable(x) !== isVariable(y)) return isVariable(x) ? 1 : -1
  }
  if ((a.method === 'ANY') !== (b.method === 'ANY')) return a.method === 'ANY' ? 1 : -1
  return 0
}

/**
 * The route key API Gateway selects for a request, among the API's route keys.
 *
 * @example selectRoute(['ANY /{proxy+}', 'GET /health'], 'GET', '/health') // 'GET /health'
 */
export const selectRoute = (
  routeKeys: readonly string[],
  method: string,
  path: string,
): string | undefined => {
  const request = segmentsOf(path)
  const candidates = routeKeys
    .filter((key) => key !== '$default')
    .map(parse)
    .filter((route) => matches(route, method, request))
    .sort(bySpecificity)
  const [best, second] = candidates
  if (best && second && bySpecificity(best, second) === 0) {
    throw new Error(`${method} ${path}: ${best.key} and ${second.key} are equally specific`)
  }
  return best?.key ?? (routeKeys.includes('$default') ? '$default' : undefined)
}

/** Whether a route key has a greedy path variable. */
export const isGreedyRoute = (routeKey: string) => routeKey !== '$default' && parse(routeKey).greedy
