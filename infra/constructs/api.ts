import { CfnOutput, Duration, Validations } from 'aws-cdk-lib'
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway'
import {
  CfnStage,
  CorsHttpMethod,
  HttpApi,
  LogGroupLogDestination,
  type HttpRoute,
  type HttpStage,
} from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import type { IFunction } from 'aws-cdk-lib/aws-lambda'
import { LogGroup } from 'aws-cdk-lib/aws-logs'
import { Construct } from 'constructs'
import { limitsEnvironment, type StageConfig } from '../stage-config.js'
import { tableEnvironment, type DefinedTable } from './dynamo-table.js'
import { allow, dynamo } from './grants.js'
import type { EventStore } from './event-store.js'
import { openRoutes, publicWriteRoutes, staffDefaultRoute } from './api-routes.js'
import { functionEntry, NodeFunction } from './node-function.js'
import type { ReadModels } from './read-models.js'
import { tables } from '../../functions/shared/tables.js'
import { StaffDirectory } from './staff-directory.js'

const partnersIndex = tables.partners.globalIndexes[0].indexName
const sequenceIndex = tables.feed.globalIndexes[0].indexName

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
      entry: functionEntry('http'),
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
        // Staff invite partners' people into the same pool (functions/partner-access/users).
        PARTNER_USER_POOL_ID: this.staff.userPool.userPoolId,
        ...limitsEnvironment(config.callerLimits),
      },
    })
    const { fn } = this.handler
    // Append only: read, put new items and check conditions; never update or delete events.
    allow(fn, events, [dynamo.get, dynamo.query, dynamo.put, dynamo.conditionCheck])
    // Guards and idempotency records are put (conditionally) in the append's transaction,
    // and counters (the edition's lifecycle, its seats) checked in it; the limits per caller
    // are counted there too (UpdateItem ADD).
    allow(fn, guards, [dynamo.get, dynamo.put, dynamo.conditionCheck, dynamo.update])
    allow(fn, snapshots, [dynamo.get, dynamo.put])
    allow(fn, readModels.readModels, [dynamo.get, dynamo.query])
    // The Feed's head (where a new subscription starts) and its pages (replays); partners'
    // feed, replays and the delivery log read the events partners receive by sequence.
    allow(fn, readModels.feed, [dynamo.get, dynamo.query], { indexes: [sequenceIndex] })
    // Keys and subscriptions are put and updated, never deleted (a revocation, a deletion
    // is an update); a replay rewrites deliveries in bulk; the key listing and the dead
    // letters are read from the byStatus index.
    allow(fn, partners, [dynamo.get, dynamo.query, dynamo.put, dynamo.update, dynamo.conditionCheck, dynamo.batchWrite], {
      indexes: [partnersIndex],
    })
    // A partner's first invitation makes its group; each makes a user and puts it in the
    // partner's group and `partner`; the staff page lists a partner's group. On this pool only.
    this.staff.userPool.grant(
      fn,
      'cognito-idp:CreateGroup',
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:ListUsersInGroup',
    )

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
    this.addRoutes(fn, config)
    new CfnOutput(this, 'Url', { value: this.stage.url })
    new CfnOutput(this, 'UserPoolId', { value: this.staff.userPool.userPoolId })
    new CfnOutput(this, 'UserPoolClientId', { value: this.staff.client.userPoolClientId })
  }

  /**
   * Staff's view of an application's messages (functions/queries/application-messages.ts):
   * the outbox's name, and Query on its `byApplication` index only (with its key, if it
   * has its own). The outbox is the notifier's (notifications.ts), built after the API.
   */
  readOutbox(outbox: DefinedTable): void {
    const { fn } = this.handler
    fn.addEnvironment(outbox.definition.envVar, outbox.table.tableName)
    allow(fn, outbox, [], { indexes: [tables.outbox.globalIndexes[1].indexName] })
  }

  /**
   * The routes (api-routes.ts): staff and reporting by default behind the JWT authorizer,
   * and one open route per public, partner or page route the app serves; public writes
   * throttled tighter than the stage.
   */
  private addRoutes(fn: IFunction, config: StageConfig): void {
    // One invoke permission for the whole API rather than one per route: the function's
    // resource policy (20 KB at most) stays the same size however many routes there are.
    const integration = new HttpLambdaIntegration('Lambda', fn, { scopePermissionToRoute: false })
    const authorizer = new HttpUserPoolAuthorizer('Staff', this.staff.userPool, {
      userPoolClients: [this.staff.client],
    })
    const { method, path } = staffDefaultRoute
    this.httpApi.addRoutes({ path, methods: [method], integration, authorizer })
    const throttled = new Map<string, HttpRoute[]>()
    for (const route of openRoutes) {
      const routeKey = `${route.method} ${route.path}`
      const added = this.httpApi.addRoutes({ path: route.path, methods: [route.method], integration })
      acknowledgeOpen(added, routeKey)
      if (publicWriteRoutes.includes(route)) throttled.set(routeKey, added)
    }
    this.throttle(throttled, config)
  }

  // Route-level throttling exists only on the L1 stage; the routes must exist before it.
  private throttle(routes: Map<string, HttpRoute[]>, config: StageConfig): void {
    const stage = this.stage.node.defaultChild as CfnStage
    const limits = {
      ThrottlingRateLimit: config.registrationThrottle.rateLimit,
      ThrottlingBurstLimit: config.registrationThrottle.burstLimit,
    }
    stage.routeSettings = Object.fromEntries([...routes.keys()].map((routeKey) => [routeKey, limits]))
    for (const route of [...routes.values()].flat()) stage.node.addDependency(route)
  }

  // The gateway answers preflights and overrides the Lambda's CORS headers, so this
  // mirrors the Hono app's cors() options (functions/http/app.ts) to behave the same locally.
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
