import { describeApi } from '../../../functions/http/feature-routes.js'
import type { ApiDeps } from '../../../functions/http/deps.js'
import { noPageAssets } from '../../../functions/website/assets.js'
import { silentLogger } from '../../../functions/shared/logger.js'
import { signPartnerUserToken } from '../../../local/dev-tokens.js'
import { editionBody } from '../../fixtures/requests.js'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import type { Send } from './transports.js'

/**
 * Who a route expects: from its OpenAPI `security`, staff (a bearer token), a partner's key
 * or anyone; for the staff pages, a staff session cookie; for the partners' portal, a
 * partner's user's session cookie.
 */
type Caller = 'anonymous' | 'staff' | 'partner' | 'staffPage' | 'portalPage'

/** One operation of the app, as the hostile tests call it. */
export interface Operation {
  readonly method: string
  /** As OpenAPI writes it: `/editions/{editionId}/applications`. */
  readonly template: string
  readonly params: readonly string[]
  readonly caller: Caller
  /** The media types its body may have; empty when it takes none. */
  readonly mediaTypes: readonly string[]
  /** What a refusal is: an RFC 9457 problem (the API) or a page for people (the pages). */
  readonly answers: 'problem' | 'page'
}

/**
 * Routes Hono serves that OpenAPI does not list (the documents themselves: OpenAPI, AsyncAPI,
 * the event schemas; the reference page and its script). Every other route must be in the document: see `operationsOf`.
 */
export const undocumented = new Set(['GET /openapi.json', 'GET /docs', 'GET /docs/scalar.js', 'GET /asyncapi.json', 'GET /schemas/events.json'])

/**
 * The pages for people (functions/website), which OpenAPI does not list either, and who
 * each expects. A page route added later and missing here fails `operationsOf`.
 */
export const pages: Record<string, Caller> = {
  'GET /assets/{name}': 'anonymous',
  'GET /editions/{editionId}/apply': 'anonymous',
  'POST /editions/{editionId}/apply': 'anonymous',
  'GET /applications/{applicationId}/withdraw': 'anonymous',
  'POST /applications/{applicationId}/withdraw': 'anonymous',
  'GET /applications/{applicationId}/report-outcomes': 'anonymous',
  'POST /applications/{applicationId}/report-outcomes': 'anonymous',
  'GET /staff/sign-in': 'anonymous',
  'GET /staff/callback': 'anonymous',
  'POST /staff/sign-out': 'anonymous',
  'GET /staff/signed-out': 'anonymous',
  'GET /staff': 'staffPage',
  'GET /staff/dashboard': 'staffPage',
  'GET /staff/history.csv': 'staffPage',
  'GET /staff/editions/{editionId}': 'staffPage',
  'GET /staff/editions/{editionId}/awards.csv': 'staffPage',
  'GET /staff/editions/{editionId}/delegation.csv': 'staffPage',
  'POST /staff/editions/{editionId}/awards': 'staffPage',
  'POST /staff/editions/{editionId}/decisions': 'staffPage',
  'POST /staff/editions/{editionId}/partners': 'staffPage',
  'GET /staff/startups/{startupId}': 'staffPage',
  'POST /staff/startups/{startupId}/profile-correction': 'staffPage',
  'POST /staff/startups/{startupId}/recovery': 'staffPage',
  'GET /staff/editions/{editionId}/outcomes.csv': 'staffPage',
  'GET /staff/editions/{editionId}/outcomes/{startupId}': 'staffPage',
  'POST /staff/editions/{editionId}/outcomes/{startupId}': 'staffPage',
  'GET /staff/outcomes.csv': 'staffPage',
  'GET /staff/team-sud-export': 'staffPage',
  'GET /staff/team-sud-export.csv': 'staffPage',
  'POST /staff/team-sud-export/prospection': 'staffPage',
  'POST /staff/team-sud-export/support': 'staffPage',
  'POST /staff/editions/{editionId}/partners/{partnerId}/users': 'staffPage',
  'GET /portal/sign-in': 'anonymous',
  'GET /portal': 'portalPage',
  'GET /portal/catalogue': 'portalPage',
  'GET /portal/feed': 'portalPage',
  'GET /portal/keys': 'portalPage',
  'POST /portal/keys': 'portalPage',
  'POST /portal/keys/{keyId}/rotate': 'portalPage',
  'POST /portal/keys/{keyId}/revoke': 'portalPage',
  'GET /portal/subscriptions/{id}': 'portalPage',
  'POST /portal/subscriptions': 'portalPage',
  'POST /portal/subscriptions/{id}/pause': 'portalPage',
  'POST /portal/subscriptions/{id}/resume': 'portalPage',
  'POST /portal/subscriptions/{id}/test': 'portalPage',
  'POST /portal/subscriptions/{id}/redrive': 'portalPage',
  'POST /portal/subscriptions/{id}/rotate': 'portalPage',
  'POST /portal/subscriptions/{id}/delete': 'portalPage',
  'GET /portal/subscriptions/{id}/replay': 'portalPage',
  'POST /portal/subscriptions/{id}/replay': 'portalPage',
}

const paramsOf = (template: string) => [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string)
const honoPath = (template: string) => template.replaceAll(/\{([^}]+)\}/g, ':$1')

interface OpenApiOperation {
  readonly security?: ReadonlyArray<Record<string, unknown>>
  readonly requestBody?: { readonly content?: Record<string, unknown> }
}

const callerOf = (operation: OpenApiOperation): Caller => {
  const schemes = (operation.security ?? []).flatMap((entry) => Object.keys(entry))
  if (schemes.includes('apiKey')) return 'partner'
  if (schemes.includes('bearer')) return 'staff'
  return 'anonymous'
}

/**
 * Every operation of the app, read from its own OpenAPI document, so a route added later is
 * thrown the corpus without a line here. Hono's route table is checked against it: a route
 * served but not documented (other than `undocumented`) fails the tests that use this.
 *
 * @example for (const operation of operationsOf(harness.app)) …
 */
export const operationsOf = (app: ReturnType<typeof describeApi>): Operation[] => {
  const document = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } })
  const operations: Operation[] = []
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, OpenApiOperation>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      operations.push({
        method: method.toUpperCase(),
        template,
        params: paramsOf(template),
        caller: callerOf(operation),
        mediaTypes: Object.keys(operation.requestBody?.content ?? {}),
        answers: 'problem',
      })
    }
  }
  const known = new Set(
    [...operations.map((o) => `${o.method} ${o.template}`), ...Object.keys(pages)].map((route) => honoPath(route)),
  )
  const served = app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => `${route.method} ${route.path}`)
  const missing = [...new Set(served)].filter((route) => !known.has(route) && !undocumented.has(route))
  if (missing.length > 0) {
    throw new Error(`Routes served but neither in the OpenAPI document nor among the pages: ${missing.join(', ')}`)
  }
  for (const route of undocumented) {
    const [method = '', template = ''] = route.split(' ')
    operations.push({ method, template, params: [], caller: 'anonymous', mediaTypes: [], answers: 'problem' })
  }
  for (const [route, caller] of Object.entries(pages)) {
    const [method = '', template = ''] = route.split(' ')
    const mediaTypes = method === 'POST' ? ['application/x-www-form-urlencoded'] : []
    operations.push({ method, template, params: paramsOf(template), caller, mediaTypes, answers: 'page' })
  }
  return operations
}

/**
 * The app with no I/O behind it, only to read its routes when a test file is collected
 * (route definitions touch nothing until a request comes).
 */
export const routesOnlyApp = () =>
  describeApi({
    corsOrigins: [],
    rateLimits: { public: 0, partner: 0 },
    logger: silentLogger,
    clock: () => new Date(0),
  } as unknown as ApiDeps)

/**
 * What each path parameter is, by name. The edition is open and takes applications, so the
 * registration route goes as deep as a body lets it; every other target does not exist, so
 * a body that happened to be valid would still be refused (nothing may be written).
 */
export const paramValues: Record<string, string> = {
  editionId: 'ces-2020',
  applicationId: '01890a5d-ac96-774b-bcce-b302099a8057',
  partnerId: 'no-such-partner',
  keyId: '0123456789abcdef01234567',
  startupId: 'startup-00000000000000',
  streamId: 'edition-ces-2099',
  id: '01890a5d-ac96-774b-bcce-b302099a8058',
}

/** Only registration (the route and its form) may reach an existing target: closing may not. */
const registers = new Set(['/editions/{editionId}/applications', '/editions/{editionId}/apply'])
const targetFor = (operation: Operation, param: string) =>
  param === 'editionId' && !registers.has(operation.template) ? 'ces-2099' : (paramValues[param] ?? 'x')

/** The operation's path with its parameters filled in (or `override` for the first one). */
export const pathOf = (operation: Operation, override?: string) => {
  let first = true
  return operation.template.replaceAll(/\{([^}]+)\}/g, (_, name: string) => {
    const value = first && override !== undefined ? override : encodeURIComponent(targetFor(operation, name))
    first = false
    return value
  })
}

/**
 * The app as in AWS, on DynamoDB Local: staff sign in through a (stand-in) managed login,
 * whose token endpoint refuses every code the tests could send, as Cognito would.
 *
 * @example const harness = await hostileHarness()
 */
export const hostileHarness = () =>
  apiHarness({
    pages: {
      assets: noPageAssets,
      staffLogin: {
        domain: 'https://login.delegation-sud.example',
        clientId: 'hostile-tests',
        fetch: async () => Response.json({ error: 'invalid_grant' }, { status: 400 }),
      },
    },
  })

/**
 * The world the hostile tests run in: the open edition, a partner with a key that has
 * every scope; and the headers that authenticate each kind of caller.
 *
 * @example const world = await hostileWorld(harness, send)
 */
export const hostileWorld = async (harness: ApiHarness, send: Send) => {
  const api = client(send, harness)
  await api.admin('POST', '/editions', editionBody('ces-2020'))
  const joined = await api.admin('POST', '/editions/ces-2020/partners', {
    name: 'Métropole Test',
    kind: 'metropolis',
    contribution: 'Stands',
  })
  const { partnerId } = joined.json()
  const issued = await api.admin('POST', `/partners/${partnerId}/keys`, {
    scopes: ['feed:read', 'subscriptions:write'],
  })
  const apiKey: string = issued.json().apiKey
  const staffToken = await harness.token(['admin'])
  const credentials: Record<Caller, Record<string, string>> = {
    anonymous: {},
    staff: { Authorization: `Bearer ${staffToken}` },
    partner: { 'X-Api-Key': apiKey },
    staffPage: { Cookie: `staff_session=${staffToken}` },
    portalPage: { Cookie: `portal_session=${await signPartnerUserToken(harness.key, partnerId)}` },
  }
  return { credentials, apiKey, staffToken }
}
