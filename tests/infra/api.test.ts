import { Match, Template } from 'aws-cdk-lib/assertions'
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api'
import { describe, expect, it } from 'vitest'
import { createDelegationSudApp } from '../../infra/stack.js'

const origins = ['https://www.maregionsud.fr', 'https://forms.example.org']

interface Throttling {
  readonly ThrottlingRateLimit: number
  readonly ThrottlingBurstLimit: number
}

// One synthesis per stage for the file; prod with the form's origins given as `-c` would.
// `bundle: false` skips esbuild (as `cdk synth` does for unselected stacks): for a check
// that does not look at the functions' code.
const synth = (context: Record<string, unknown>, { bundle = true } = {}) => {
  const { stack } = createDelegationSudApp({
    context: bundle ? context : { ...context, [BUNDLING_STACKS]: [] },
    builtinCloudFormationValidation: false,
  })
  const template = Template.fromStack(stack)
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string
  return { stack, template, id }
}
const dev = synth({ stage: 'dev' })
const prod = synth({ stage: 'prod', corsOrigins: origins.join(',') })

const issuerParts = (userPoolId: string) => [
  'https://cognito-idp.',
  { Ref: 'AWS::Region' },
  '.amazonaws.com/',
  { Ref: userPoolId },
]

const route = (template: Template, routeKey: string) => {
  const [found] = Object.values(
    template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }),
  )
  if (!found) throw new Error(`No route ${routeKey}`)
  return found.Properties
}

describe('the HTTP API', () => {
  it('puts staff and reporting routes (the default) behind the Cognito JWT authorizer', () => {
    const { template, stack, id } = dev
    const { userPool, client } = stack.api.staff
    const authorizerId = template.getResourceId('AWS::ApiGatewayV2::Authorizer', {
      Properties: {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: id(client) }],
          Issuer: { 'Fn::Join': ['', issuerParts(id(userPool))] },
        },
      },
    })
    expect(route(template, 'ANY /{proxy+}')).toMatchObject({
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: authorizerId },
    })
  })

  it('throttles the whole stage, and the registration route tighter still', () => {
    // Which routes are throttled tighter, and why: tests/infra/api-routes.test.ts.
    const registration = 'POST /editions/{editionId}/applications'
    const stage = prod.template.findResources('AWS::ApiGatewayV2::Stage')
    const [{ Properties: props, DependsOn: dependsOn }] = Object.values(stage) as [
      {
        Properties: {
          StageName: string
          AutoDeploy: boolean
          DefaultRouteSettings: Throttling
          RouteSettings: Record<string, Throttling>
        }
        DependsOn: string[]
      },
    ]
    expect(props.StageName).toBe('$default')
    expect(props.AutoDeploy).toBe(true)
    // A backstop above what one address may send (300 a minute: 5 a second), so one
    // client can never use up the gateway's bucket that every client shares.
    expect(props.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 200,
      ThrottlingBurstLimit: 400,
    })
    const tight = props.RouteSettings[registration]
    expect(tight?.ThrottlingRateLimit).toBeLessThan(props.DefaultRouteSettings.ThrottlingRateLimit)
    expect(tight?.ThrottlingBurstLimit).toBeLessThan(props.DefaultRouteSettings.ThrottlingBurstLimit)
    // Route settings name a route key: the route must exist before the stage deploys.
    const registrationRouteId = prod.template.getResourceId('AWS::ApiGatewayV2::Route', {
      Properties: { RouteKey: registration },
    })
    expect(dependsOn).toContain(registrationRouteId)
  })

  it('writes JSON access logs to a log group with retention', () => {
    const stage = Object.values(prod.template.findResources('AWS::ApiGatewayV2::Stage'))[0]
    const settings = stage?.Properties.AccessLogSettings
    const logGroupId = settings.DestinationArn['Fn::GetAtt'][0]
    expect(JSON.parse(settings.Format)).toMatchObject({ requestId: '$context.requestId' })
    prod.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 })
    expect(prod.template.findResources('AWS::Logs::LogGroup')[logGroupId]).toMatchObject({
      Properties: { RetentionInDays: 90 },
      DeletionPolicy: 'Retain',
    })
  })

  it('allows CORS from the form origins given in context, and tells the Lambda', () => {
    prod.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: origins,
        AllowHeaders: Match.arrayWith(['Content-Type', 'Authorization', 'Idempotency-Key']),
      }),
    })
    const fn = prod.template.findResources('AWS::Lambda::Function')[
      prod.id(prod.stack.api.handler.fn)
    ]
    expect(fn?.Properties.Environment.Variables.CORS_ORIGINS).toBe(origins.join(','))
  })

  it('configures no CORS at all when a stage has no form origin', () => {
    const bare = synth({ stage: 'prod' }, { bundle: false })
    bare.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.absent(),
    })
  })

  it('allows the local form origin in dev by default', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['http://localhost:5173'] }),
    })
  })
})

describe('the API Lambda', () => {
  it('gets table names and its token settings from the user pool, nothing else', () => {
    const { template, stack, id } = dev
    const { userPool, client } = stack.api.staff
    const fn = template.findResources('AWS::Lambda::Function')[id(stack.api.handler.fn)]
    const variables = fn?.Properties.Environment.Variables
    expect(Object.keys(variables).sort()).toEqual([
      'CORS_ORIGINS',
      'EVENTS_TABLE',
      'FEED_TABLE',
      'GUARDS_TABLE',
      'JWKS_URL',
      'JWT_AUDIENCE',
      'JWT_ISSUER',
      'KEYS_TABLE',
      'MAX_SUBSCRIPTIONS_PER_PARTNER',
      'NODE_OPTIONS',
      'OUTBOX_TABLE',
      'PARTNERS_TABLE',
      'PARTNER_RATE_LIMIT',
      'PARTNER_USER_POOL_ID',
      'PERSONAL_DATA_KEY_ID',
      'POWERTOOLS_METRICS_NAMESPACE',
      'PUBLIC_RATE_LIMIT',
      'READ_MODELS_TABLE',
      'SNAPSHOTS_TABLE',
      'STAFF_LOGIN_CLIENT_ID',
      'STAFF_LOGIN_DOMAIN',
      'WEBHOOK_ALLOWED_PORTS',
    ])
    const issuer = issuerParts(id(userPool))
    expect(variables.JWT_ISSUER).toEqual({ 'Fn::Join': ['', issuer] })
    expect(variables.JWKS_URL).toEqual({ 'Fn::Join': ['', [...issuer, '/.well-known/jwks.json']] })
    expect(variables.JWT_AUDIENCE).toEqual({ Ref: id(client) })
    // The staff pages sign in through the same client, on the pool's managed login domain.
    expect(variables.STAFF_LOGIN_CLIENT_ID).toEqual({ Ref: id(client) })
    expect(JSON.stringify(variables.STAFF_LOGIN_DOMAIN)).toContain('.auth.')
    expect(variables.EVENTS_TABLE).toEqual({ Ref: id(stack.eventStore.events.table) })
    // Staff's view of an application's messages reads the notifier's outbox.
    expect(variables.OUTBOX_TABLE).toEqual({ Ref: id(stack.notifications.outbox.table) })
  })

  it('gets the limits per caller from the stage, and the deliverer and dispatcher the same webhook ports', () => {
    const variablesOf = ({ template, id }: typeof dev, fn: Parameters<typeof id>[0]) =>
      template.findResources('AWS::Lambda::Function')[id(fn)]?.Properties.Environment.Variables
    expect(variablesOf(dev, dev.stack.api.handler.fn)).toMatchObject({
      PUBLIC_RATE_LIMIT: '300',
      PARTNER_RATE_LIMIT: '600',
      MAX_SUBSCRIPTIONS_PER_PARTNER: '20',
      WEBHOOK_ALLOWED_PORTS: '443,8443',
    })
    // The dispatcher posts new deliveries at once: it checks the same ports.
    for (const fn of [dev.stack.webhooks.deliverer.fn, dev.stack.webhooks.dispatcher.fn]) {
      expect(variablesOf(dev, fn)).toMatchObject({ WEBHOOK_ALLOWED_PORTS: '443,8443' })
    }
    // `-c publicRateLimit=…` and its peers, as a stage's operators would set them.
    const tuned = synth(
      { stage: 'dev', publicRateLimit: '0', partnerRateLimit: '120', maxSubscriptionsPerPartner: '5' },
      { bundle: false },
    )
    expect(variablesOf(tuned, tuned.stack.api.handler.fn)).toMatchObject({
      PUBLIC_RATE_LIMIT: '0',
      PARTNER_RATE_LIMIT: '120',
      MAX_SUBSCRIPTIONS_PER_PARTNER: '5',
    })
  })
})

describe('the staff user pool', () => {
  it('has the admin and reports groups, no self sign-up, and a public app client', () => {
    for (const group of ['admin', 'reports']) {
      dev.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group })
    }
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12 }) },
    })
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
    })
  })

  it('is protected and retained in prod only', () => {
    prod.template.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
      DeletionPolicy: 'Retain',
    })
    dev.template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete' })
  })
})
