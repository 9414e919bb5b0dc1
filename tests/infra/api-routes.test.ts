import { Template } from 'aws-cdk-lib/assertions'
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api'
import { describe, expect, it } from 'vitest'
import { createDelegationSudApp } from '../../infra/stack.js'
import { pages, routesOnlyApp, undocumented } from '../functions/http/hostile-routes.js'
import { isGreedyRoute, selectRoute } from './gateway-routing.js'

/**
 * The app's own route table against the gateway's: API Gateway (not the app) decides
 * which requests reach the Lambda and whether the Cognito JWT authorizer stands in front.
 * A public or partner route behind the authorizer is unreachable (no bearer token, 401);
 * a staff route left open loses a line of defence; a route the gateway lacks never
 * arrives (404, or 401 under the default). Every route the app serves is checked here,
 * so one added to the app without its gateway route fails.
 */

type Authorization = 'JWT' | 'NONE'

interface AppRoute {
  readonly key: string
  readonly method: string
  readonly path: string
  /** What the gateway must do: JWT when every caller has a bearer token, else NONE. */
  readonly authorization: Authorization
  /** Anyone may call it, without any credential. */
  readonly anonymous: boolean
}

type Security = ReadonlyArray<Record<string, unknown>>

/** From an operation's OpenAPI `security`: any of its requirements lets a caller in. */
const accessOf = (security: Security): Pick<AppRoute, 'authorization' | 'anonymous'> => ({
  // The JWT authorizer refuses a request without `Authorization: Bearer …`: only a route
  // every caller reaches with one may sit behind it (not partners' X-Api-Key, not `{}`).
  authorization:
    security.length > 0 && security.every((requirement) => 'bearer' in requirement)
      ? 'JWT'
      : 'NONE',
  anonymous:
    security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0),
})

/**
 * Every route the app serves (Hono's route table, middleware aside), with the access it
 * expects: an API operation's from its OpenAPI `security`; a page's from the pages' table
 * the hostile tests use (staff pages carry a session cookie, which the authorizer cannot
 * read); the documents are public.
 */
const appRoutes = (): AppRoute[] => {
  const app = routesOnlyApp()
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
  })
  const paths = (document.paths ?? {}) as Record<string, Record<string, { security?: Security }>>
  const keys = new Set(
    app.routes
      .filter((route) => route.method !== 'ALL') // middleware: `use`, guards, page headers
      .map((route) => `${route.method} ${route.path.replaceAll(/:([^/]+)/g, '{$1}')}`),
  )
  return [...keys].map((key) => {
    const [method = '', path = ''] = key.split(' ')
    const operation = paths[path]?.[method.toLowerCase()]
    const page = pages[key]
    const access = operation
      ? accessOf(operation.security ?? document.security ?? [])
      : page
        ? { authorization: 'NONE' as const, anonymous: page === 'anonymous' }
        : undocumented.has(key)
          ? { authorization: 'NONE' as const, anonymous: true }
          : undefined
    if (!access) throw new Error(`${key} is served but neither documented nor a known page`)
    return { key, method, path, ...access }
  })
}

/** The path of a request to a route: each parameter filled with a value no literal has. */
const samplePath = (path: string) => path.replaceAll(/\{([^}]+)\}/g, 'sample-$1')

interface TemplateRoute {
  readonly key: string
  readonly authorization: Authorization
  readonly authorizerId: unknown
  readonly target: unknown
}

const synth = (context: Record<string, unknown>) => {
  const { stack } = createDelegationSudApp({
    context: { ...context, [BUNDLING_STACKS]: [] },
    builtinCloudFormationValidation: false,
  })
  const template = Template.fromStack(stack)
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string
  const routes: TemplateRoute[] = Object.values(
    template.findResources('AWS::ApiGatewayV2::Route'),
  ).map(({ Properties: p }) => ({
    key: p.RouteKey,
    authorization: p.AuthorizationType ?? 'NONE',
    authorizerId: p.AuthorizerId,
    target: p.Target,
  }))
  return {
    stack,
    template,
    routes,
    apiFunction: logicalId(stack.api.handler.fn),
    api: logicalId(stack.api.httpApi),
  }
}

const app = appRoutes()
const stages = [
  ['dev', synth({ stage: 'dev' })],
  ['prod', synth({ stage: 'prod', corsOrigins: 'https://www.maregionsud.fr' })],
] as const

describe('API Gateway route selection (tests/infra/gateway-routing.ts)', () => {
  // The developer guide's own example: GET /pets/dog/{id}, GET /pets/{proxy+}, ANY /{proxy+}, $default.
  const example = ['GET /pets/dog/{id}', 'GET /pets/{proxy+}', 'ANY /{proxy+}', '$default']

  it('selects as the developer guide says: full match, then greedy, then $default', () => {
    expect(selectRoute(example, 'GET', '/pets/dog/1')).toBe('GET /pets/dog/{id}')
    expect(selectRoute(example, 'GET', '/pets/cat/1')).toBe('GET /pets/{proxy+}')
    expect(selectRoute(example, 'POST', '/test/5')).toBe('ANY /{proxy+}')
    expect(selectRoute(example, 'GET', '/')).toBe('$default')
    expect(selectRoute(example.slice(0, 3), 'GET', '/')).toBeUndefined()
  })

  it('prefers a literal segment to a variable, and a route’s own method to ANY', () => {
    const routes = [
      'GET /staff/{page}',
      'GET /staff/dashboard',
      'ANY /staff/dashboard',
      'POST /staff/{page}',
    ]
    expect(selectRoute(routes, 'GET', '/staff/dashboard')).toBe('GET /staff/dashboard')
    expect(selectRoute(routes, 'POST', '/staff/dashboard')).toBe('ANY /staff/dashboard')
    expect(selectRoute(routes, 'GET', '/staff/editions')).toBe('GET /staff/{page}')
    expect(selectRoute(routes, 'DELETE', '/staff/editions')).toBeUndefined()
    // A variable or a greedy variable takes a segment, never an empty one.
    expect(selectRoute(['GET /assets/{name}'], 'GET', '/assets/')).toBeUndefined()
    expect(selectRoute(['ANY /{proxy+}'], 'GET', '/')).toBeUndefined()
    expect(selectRoute(['GET /docs', 'ANY /{proxy+}'], 'GET', '/docs/scalar.js')).toBe(
      'ANY /{proxy+}',
    )
  })
})

describe.each(stages)('the %s gateway against the app’s route table', (_stage, gateway) => {
  const keys = gateway.routes.map((route) => route.key)
  const byKey = new Map(gateway.routes.map((route) => [route.key, route]))

  it('routes every route the app serves to the Lambda, behind the authorizer exactly when it expects a bearer token', () => {
    const { template } = gateway
    const [authorizerId] = Object.keys(
      template.findResources('AWS::ApiGatewayV2::Authorizer', {
        Properties: { AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] },
      }),
    )
    const [integrationId] = Object.keys(
      template.findResources('AWS::ApiGatewayV2::Integration', {
        Properties: {
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: { 'Fn::GetAtt': [gateway.apiFunction, 'Arn'] },
        },
      }),
    )
    const wrong: string[] = []
    for (const route of app) {
      const selected = byKey.get(selectRoute(keys, route.method, samplePath(route.path)) ?? '')
      const reaches = selected && JSON.stringify(selected.target).includes(`"${integrationId}"`)
      const authorizedAsExpected =
        selected?.authorization === route.authorization &&
        (route.authorization === 'NONE' ||
          JSON.stringify(selected.authorizerId) === JSON.stringify({ Ref: authorizerId }))
      if (!reaches || !authorizedAsExpected) {
        wrong.push(
          `${route.key} (expects ${route.authorization}) → ${selected ? `${selected.key} ${selected.authorization}` : 'no route'}`,
        )
      }
    }
    expect(wrong).toEqual([])
    expect(app.length).toBeGreaterThan(60)
  })

  it('has no route the app does not serve: each open route is one of the app’s, the only greedy one the staff default', () => {
    const served = new Set(app.map((route) => route.key))
    const open = gateway.routes.filter((route) => !isGreedyRoute(route.key))
    expect(open.filter((route) => !served.has(route.key)).map((route) => route.key)).toEqual([])
    expect(open.every((route) => route.authorization === 'NONE')).toBe(true)
    expect(gateway.routes.filter((route) => isGreedyRoute(route.key))).toEqual([
      expect.objectContaining({ key: 'ANY /{proxy+}', authorization: 'JWT' }),
    ])
    expect(keys).not.toContain('$default')
    // Every route is some app route's choice: none is there for nothing.
    const chosen = new Set(
      app.map((route) => selectRoute(keys, route.method, samplePath(route.path))),
    )
    expect(keys.filter((key) => !chosen.has(key))).toEqual([])
  })

  it('lets API Gateway invoke the Lambda from any route of this API, by one permission (the policy does not grow with routes)', () => {
    const permissions = Object.values(
      gateway.template.findResources('AWS::Lambda::Permission', {
        Properties: {
          Principal: 'apigateway.amazonaws.com',
          FunctionName: { 'Fn::GetAtt': [gateway.apiFunction, 'Arn'] },
        },
      }),
    )
    expect(permissions).toHaveLength(1)
    const sourceArn = JSON.stringify(permissions[0]?.Properties.SourceArn)
    expect(sourceArn).toContain(`{"Ref":"${gateway.api}"}`)
    expect(sourceArn).toMatch(/"\/\*\/\*\/\*"\]\]\}$/)
  })

  it('throttles tighter than the stage exactly the routes anyone may write to', () => {
    const [stage] = Object.values(gateway.template.findResources('AWS::ApiGatewayV2::Stage'))
    const { DefaultRouteSettings: stageLimits, RouteSettings: routeSettings } =
      stage?.Properties ?? {}
    const tighter = Object.entries(routeSettings as Record<string, Record<string, number>>)
      .filter(
        ([, limits]) =>
          Number(limits.ThrottlingRateLimit) < stageLimits.ThrottlingRateLimit &&
          Number(limits.ThrottlingBurstLimit) < stageLimits.ThrottlingBurstLimit,
      )
      .map(([routeKey]) => routeKey)
    const anonymousWrites = app
      .filter((route) => route.anonymous && !['GET', 'HEAD'].includes(route.method))
      .map((route) => route.key)
    expect(tighter.sort()).toEqual(anonymousWrites.sort())
    expect(Object.keys(routeSettings).sort()).toEqual(tighter)
    // A route setting names a route key: the route must exist, and be there first.
    for (const routeKey of tighter) {
      const routeId = gateway.template.getResourceId('AWS::ApiGatewayV2::Route', {
        Properties: { RouteKey: routeKey },
      })
      expect(stage?.DependsOn, routeKey).toContain(routeId)
    }
  })
})
