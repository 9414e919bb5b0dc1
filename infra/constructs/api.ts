import { CfnOutput, Duration, Validations } from 'aws-cdk-lib'
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway'
import {
  CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  LogGroupLogDestination,
  type HttpRoute,
  type HttpStage,
} from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import { LogGroup } from 'aws-cdk-lib/aws-logs'
import { Construct } from 'constructs'
import { limitsEnvironment, type StageConfig } from '../stage-config.js'
import { tableEnvironment, type DefinedTable } from './dynamo-table.js'
import { allow, dynamo } from './grants.js'
import type { EventStore } from './event-store.js'
import { functionEntry, NodeFunction } from './node-function.js'
import type { ReadModels } from './read-models.js'
import { tables } from '../../functions/shared/tables.js'
import { StaffDirectory } from './staff-directory.js'

const partnersIndex = tables.partners.globalIndexes[0].indexName

/** The one route with its own, tighter throttle: anyone may post the registration form. */
export const registrationRoute = {
  method: HttpMethod.POST,
  path: '/editions/{editionId}/applications',
}

/** The form page's post, which sends the same command: throttled as tightly. */
export const applyPageRoute = { method: HttpMethod.POST, path: '/editions/{editionId}/apply' }

/**
 * The pages (functions/api/pages). Public ones are public; the staff pages carry their
 * token in a session cookie, which the gateway's JWT authorizer does not read: the
 * Lambda checks it, with the same verifier as the Authorization header.
 */
export const pageRoutes: ReadonlyArray<{ method: HttpMethod; path: string }> = [
  { method: HttpMethod.GET, path: '/editions/{editionId}/apply' },
  applyPageRoute,
  { method: HttpMethod.ANY, path: '/applications/{applicationId}/withdraw' },
  { method: HttpMethod.GET, path: '/assets/{proxy+}' },
  { method: HttpMethod.ANY, path: '/staff' },
  { method: HttpMethod.ANY, path: '/staff/{proxy+}' },
]

/**
 * Routes the gateway leaves open (still throttled). The Lambda validates every request,
 * authorises the optional staff token on withdrawals, and checks X-Api-Key on partner
 * routes (/feed, /subscriptions). Every other route needs a staff or reporting token.
 */
export const openRoutes: ReadonlyArray<{ method: HttpMethod; path: string }> = [
  registrationRoute,
  { method: HttpMethod.POST, path: '/applications/{applicationId}/withdrawal' },
  { method: HttpMethod.GET, path: '/territories' },
  { method: HttpMethod.GET, path: '/health' },
  { method: HttpMethod.GET, path: '/openapi.json' },
  { method: HttpMethod.GET, path: '/asyncapi.json' },
  { method: HttpMethod.GET, path: '/schemas/events.json' },
  { method: HttpMethod.GET, path: '/docs' },
  { method: HttpMethod.GET, path: '/feed' },
  { method: HttpMethod.ANY, path: '/subscriptions' },
  { method: HttpMethod.ANY, path: '/subscriptions/{proxy+}' },
  ...pageRoutes,
]

// One JSON line per request; the fields an on-call engineer filters on.
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    time: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
)

export interface ApiProps {
  readonly config: StageConfig
  readonly eventStore: EventStore
  readonly readModels: ReadModels
  readonly partners: DefinedTable
}

/**
 * The HTTP API (API Gateway v2) in front of the Hono Lambda: a Cognito JWT authorizer on
 * staff and reporting routes, open but throttled public and partner routes, CORS for the
 * registration form's origins and JSON access logs.
 *
 * @example const { httpApi } = new Api(this, 'Api', { config, eventStore, readModels, partners })
 */
export class Api extends Construct {
  readonly handler: NodeFunction
  readonly httpApi: HttpApi
  readonly stage: HttpStage
  readonly staff: StaffDirectory

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id)
    const { config, eventStore, readModels, partners } = props
    const { events, guards, snapshots } = eventStore
    // First, so the staff sign-in's callback URLs can name its endpoint.
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${config.prefix}-api`,
      description: 'Délégation Sud: registrations, staff, reports and partner feed',
      createDefaultStage: false,
      ...(config.corsOrigins.length > 0 ? { corsPreflight: this.cors(config) } : {}),
    })
    this.staff = new StaffDirectory(this, 'Staff', { config, pagesUrl: this.httpApi.apiEndpoint })
    this.handler = new NodeFunction(this, 'Handler', {
      entry: functionEntry('api'),
      runsAs: 'api',
      config,
      description: 'Délégation Sud HTTP API (Hono)',
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {
        ...tableEnvironment(events, guards, snapshots, readModels.readModels, readModels.feed, partners),
        JWKS_URL: `${this.staff.issuer}/.well-known/jwks.json`,
        JWT_ISSUER: this.staff.issuer,
        JWT_AUDIENCE: this.staff.client.userPoolClientId,
        CORS_ORIGINS: config.corsOrigins.join(','),
        // The staff pages sign in through the pool's managed login (authorization code + PKCE).
        STAFF_LOGIN_DOMAIN: this.staff.domain.baseUrl(),
        STAFF_LOGIN_CLIENT_ID: this.staff.client.userPoolClientId,
        ...limitsEnvironment(config.callerLimits),
      },
    })
    const { fn } = this.handler
    // Append only: read, put new items and check conditions; never update or delete events.
    allow(fn, events, [dynamo.get, dynamo.query, dynamo.put, dynamo.conditionCheck])
    // Guards and idempotency records are put (conditionally) in the append's transaction,
    // and counters (the edition's lifecycle, its seats) checked in it.
    allow(fn, guards, [dynamo.get, dynamo.put, dynamo.conditionCheck])
    allow(fn, snapshots, [dynamo.get, dynamo.put])
    allow(fn, readModels.readModels, [dynamo.get, dynamo.query])
    // The Feed's head (where a new subscription starts) and its pages (partners' feed).
    allow(fn, readModels.feed, [dynamo.get, dynamo.query])
    // Keys and subscriptions are put and updated, never deleted (a revocation, a deletion
    // is an update); a replay rewrites deliveries in bulk; the key listing and the dead
    // letters are read from the byStatus index.
    allow(fn, partners, [dynamo.get, dynamo.query, dynamo.put, dynamo.update, dynamo.conditionCheck, dynamo.batchWrite], {
      indexes: [partnersIndex],
    })

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    })
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: config.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: accessLogFormat,
      },
    })
    this.addRoutes(new HttpLambdaIntegration('Lambda', fn), config)
    new CfnOutput(this, 'Url', { value: this.stage.url })
    new CfnOutput(this, 'UserPoolId', { value: this.staff.userPool.userPoolId })
    new CfnOutput(this, 'UserPoolClientId', { value: this.staff.client.userPoolClientId })
  }

  private addRoutes(integration: HttpLambdaIntegration, config: StageConfig): void {
    const authorizer = new HttpUserPoolAuthorizer('Staff', this.staff.userPool, {
      userPoolClients: [this.staff.client],
    })
    const methods = [HttpMethod.ANY]
    this.httpApi.addRoutes({ path: '/{proxy+}', methods, integration, authorizer })
    for (const { method, path } of openRoutes) {
      const routes = this.httpApi.addRoutes({ path, methods: [method], integration })
      acknowledgeOpen(routes, `${method} ${path}`)
      if ([registrationRoute, applyPageRoute].some((tight) => tight.path === path && tight.method === method)) {
        this.throttleRoute(routes, `${method} ${path}`, config)
      }
    }
  }

  // Route-level throttling exists only on the L1 stage; the route must exist before it.
  private throttleRoute(routes: HttpRoute[], routeKey: string, config: StageConfig): void {
    const stage = this.stage.node.defaultChild as CfnStage
    stage.routeSettings = {
      ...(stage.routeSettings as Record<string, unknown> | undefined),
      [routeKey]: {
        ThrottlingRateLimit: config.registrationThrottle.rateLimit,
        ThrottlingBurstLimit: config.registrationThrottle.burstLimit,
      },
    }
    for (const route of routes) stage.node.addDependency(route)
  }

  // The gateway answers preflights and overrides the Lambda's CORS headers, so this
  // mirrors the Hono app's cors() options (functions/api/app.ts) to behave the same locally.
  private cors(config: StageConfig) {
    return {
      allowOrigins: [...config.corsOrigins],
      allowMethods: (['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH'] as const).map(
        (method) => CorsHttpMethod[method],
      ),
      allowHeaders: [
        'Content-Type',
        'Authorization',
        'Idempotency-Key',
        'If-Match',
        'X-Correlation-Id',
      ],
      exposeHeaders: ['ETag', 'Location', 'X-Request-Id', 'X-Correlation-Id'],
      maxAge: Duration.minutes(10),
    }
  }
}

const acknowledgeOpen = (routes: HttpRoute[], routeKey: string): void => {
  for (const route of routes) {
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: `${routeKey} is public by design (registration form, docs, health), ` +
        'authenticated by the Lambda with a partner API key, or a staff page whose session ' +
        'cookie the Lambda verifies; it is throttled at the stage.',
    })
  }
}
