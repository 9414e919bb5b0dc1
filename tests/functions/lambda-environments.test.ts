import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { DynamoDBRecord } from 'aws-lambda'
import { importJWK, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDynamoFeed } from '../../functions/feed/dynamo-feed.js'
import { feedWakeUps } from '../../functions/feed/feed-stream.js'
import { startupIdOf } from '../../functions/commands/ids.js'
import { bundleLambda, lambdaEntries } from '../../infra/lambda-bundles.js'
import { matchesFilters } from '../../local/event-filter.js'
import { generateDevKey, type DevKey } from '../../local/dev-tokens.js'
import { applicationBody, editionBody, validSiret } from '../fixtures/requests.js'
import { selectRoute } from '../infra/gateway-routing.js'
import { captureStream } from '../local/stream-capture.js'
import { createTestTables, type TestTables } from '../setup/test-tables.js'
import {
  startJwksStandIn,
  startKmsStandIn,
  startSesStandIn,
  startXrayDaemonStandIn,
} from './lambda-boot/aws-stand-ins.js'
import { bootLambda } from './lambda-boot/boot.js'
import {
  account,
  synthesizedFunctions,
  type LambdaName,
} from './lambda-boot/template-environment.js'

/**
 * Each Lambda's bundle, as deployed, in a fresh Node process with exactly the environment
 * its function has in the dev stage's template (tokens resolved to stand-in values: the
 * tables created in DynamoDB Local, the user pool, the KMS key) and what stands in for AWS
 * itself (the Lambda runtime's variables, endpoints of loopback stand-ins, dummy
 * credentials), handling real events of its kind, one Lambda after the other as in AWS:
 * the API's requests write events, whose stream records wake the indexer, whose Feed
 * records (through the Feed's own filter) wake the projector and the dispatcher.
 */

const synthesized = synthesizedFunctions()
let tables: TestTables
let dir: string
let key: DevKey
let kms: Awaited<ReturnType<typeof startKmsStandIn>>
let jwks: Awaited<ReturnType<typeof startJwksStandIn>>
let xray: Awaited<ReturnType<typeof startXrayDaemonStandIn>>
let ses: Awaited<ReturnType<typeof startSesStandIn>>
const outfiles = {} as Record<LambdaName, string>

const deployment = () => ({
  tables: tables.names,
  userPoolId: `${account.region}_StandIn01`,
  userPoolClientId: '5standin0app0client0id0000',
  kmsKeyArn: `arn:aws:kms:${account.region}:${account.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  apiId: 'standin01',
})

/** What Lambda itself puts in every function's environment, and the stand-ins for AWS. */
const awsItself = (name: LambdaName): Record<string, string> => {
  const { properties } = synthesized.functions[name]
  return {
    AWS_REGION: account.region,
    AWS_DEFAULT_REGION: account.region,
    AWS_ACCESS_KEY_ID: 'ASIASTANDINSTANDIN00',
    AWS_SECRET_ACCESS_KEY: 'stand-in-secret',
    AWS_SESSION_TOKEN: 'stand-in-session',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: `delegation-sud-dev-${name}`,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(properties.MemorySize),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/delegation-sud-dev-${name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '2027/01/01/[$LATEST]0123456789abcdef',
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
    LAMBDA_TASK_ROOT: dirname(outfiles[name]),
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    _HANDLER: String(properties.Handler),
    TZ: ':UTC',
    _X_AMZN_TRACE_ID: 'Root=1-67a1b2c3-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=0',
    AWS_XRAY_DAEMON_ADDRESS: xray.address,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    // The services, on loopback.
    AWS_ENDPOINT_URL_DYNAMODB: tables.endpoint,
    AWS_ENDPOINT_URL_KMS: kms.endpoint,
    AWS_ENDPOINT_URL_SESV2: ses.endpoint,
    // Trust in the JWKS stand-in's certificate, as a Lambda trusts Cognito's.
    NODE_EXTRA_CA_CERTS: jwks.certFile,
  }
}

const boot = (name: LambdaName, events: unknown[]) => {
  const template = synthesized.environmentOf(name, deployment())
  return bootLambda({
    name,
    outfile: outfiles[name],
    env: { ...awsItself(name), ...template },
    events,
    dir,
    fetchStandIns: { [`https://cognito-idp.${account.region}.amazonaws.com`]: jwks.origin },
  })
}

beforeAll(async () => {
  tables = await createTestTables()
  key = await generateDevKey()
  mkdirSync(resolve('node_modules/.cache'), { recursive: true })
  dir = mkdtempSync(resolve('node_modules/.cache/boot-'))
  kms = await startKmsStandIn(deployment().kmsKeyArn)
  jwks = await startJwksStandIn(dir, key.jwks)
  xray = await startXrayDaemonStandIn()
  ses = await startSesStandIn()
  for (const name of Object.keys(lambdaEntries) as LambdaName[]) {
    outfiles[name] = (await bundleLambda(name, lambdaEntries[name], dir)).outfile
  }
}, 180_000)

afterAll(async () => {
  await Promise.all([kms?.close(), jwks?.close(), xray?.close(), ses?.close()])
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** An API Gateway HTTP API (v2) request, with the route the template's gateway selects. */
const httpRequest = (
  method: string,
  path: string,
  { token, body }: { token?: string; body?: unknown } = {},
) => {
  const routeKey = selectRoute(synthesized.routeKeys, method, path) ?? '$default'
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'api.stand-in.example',
      'x-forwarded-for': '203.0.113.7',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      accountId: account.accountId,
      apiId: 'standin01',
      domainName: 'api.stand-in.example',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'boot-test' },
      requestId: `req-${method}-${path}`,
      routeKey,
      stage: '$default',
      time: '01/Jan/2027:10:00:00 +0000',
      timeEpoch: 1_798_797_600_000,
    },
  }
}

/** A staff access token as the stand-in user pool would sign it. */
const staffToken = async (issuer: string, clientId: string) =>
  new SignJWT({ token_use: 'access', client_id: clientId, 'cognito:groups': ['admin'] })
    .setProtectedHeader({ alg: 'RS256', kid: key.privateJwk.kid ?? 'stand-in' })
    .setSubject('staff-stand-in')
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(await importJWK(key.privateJwk, 'RS256'))

/** A scheduled EventBridge event, as a rule's target receives it. */
const scheduledEvent = (rule: string) => ({
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: account.accountId,
  time: '2027-01-01T10:00:00Z',
  region: account.region,
  resources: [`arn:aws:events:${account.region}:${account.accountId}:rule/${rule}`],
  detail: {},
})

/**
 * Settings our code reads that the template does not give, on purpose: each has a default
 * or a meaning for AWS when unset. Anything else our code reads must come from the
 * template (or from Lambda itself), or the test fails: a misnamed or forgotten variable
 * would otherwise fall back to its default without a word.
 */
const unsetInAws: Record<string, string> = {
  DYNAMODB_ENDPOINT:
    'DynamoDB Local (npm start, the tests, the CLIs); the SDK finds DynamoDB in AWS',
  DEV_JWKS: "npm start's development key; in AWS the user pool's JWKS_URL",
  LOCAL_MASTER_KEY_FILE: 'the local master key, used only where PERSONAL_DATA_KEY_ID is unset',
  ALLOW_HTTP_TARGETS: 'plain http webhook receivers, under npm start only',
  WEBHOOK_ALLOWED_HOSTS: 'loopback webhook receivers, under npm start only',
  SMTP_URL: "the notifier's SMTP server (npm start's catcher, or one a developer names); unset in AWS, where it sends through SES",
  WEBHOOK_TIMEOUT_MS: 'a webhook post’s time limit, 5 s unless a test shortens it',
  AWS_SAM_LOCAL: "Powertools' sign of SAM's emulator, which Lambda never sets",
  POWERTOOLS_TRACE_ENABLED: "Powertools' switch: tracing stays on in AWS",
  POWERTOOLS_DEV: "Powertools' development switch: off in AWS",
  POWERTOOLS_METRICS_DISABLED: "Powertools' switch: metrics stay on in AWS",
  AWS_CALL_RECORDING_DIR: 'where the tests record AWS calls (functions/shared/aws-call-recorder.ts); unset, nothing is recorded',
}

/**
 * Settings the template gives that this code does not read, on purpose: Node reads
 * NODE_OPTIONS itself; every function gets the stage's metrics namespace, which only
 * those that count something read.
 */
const readOutsideOurCode = new Set(['NODE_OPTIONS', 'POWERTOOLS_METRICS_NAMESPACE'])

/**
 * Our code's reads: from a source file of ours (functions/, domain/), or by a zod schema of
 * ours parsing the environment; not the SDK's, Powertools' or Node's own knobs.
 */
const ours = (readers: readonly string[]) =>
  readers.some(
    (file) =>
      file.includes('/node_modules/zod/') ||
      (/\/(functions|domain)\//.test(file) && !file.includes('/node_modules/')),
  )

/**
 * What a function's process read against what its template gives: every variable our
 * code reads comes from the template, from Lambda, or is a known local-only setting; every
 * variable the template gives is read. The reads are attributed through the bundle's
 * source maps: none may be left pointing into the bundle itself.
 */
const expectTemplateSettings = (name: LambdaName, reads: Record<string, string[]>) => {
  const template = Object.keys(synthesized.functions[name].variables)
  const lambda = Object.keys(awsItself(name))
  expect(
    Object.entries(reads).filter(([, readers]) => readers.some((file) => file.includes(dir))),
  ).toEqual([])
  const byUs = Object.keys(reads).filter((key) => ours(reads[key] ?? []))
  const unexpected = byUs.filter(
    (key) => !template.includes(key) && !lambda.includes(key) && !(key in unsetInAws),
  )
  expect(unexpected, `${name} reads variables its template does not give`).toEqual([])
  const unread = template.filter((key) => !byUs.includes(key) && !readOutsideOurCode.has(key))
  expect(unread, `${name}'s template gives variables nothing reads`).toEqual([])
  return byUs
}

const feed = () => createDynamoFeed({ doc: tables.doc, table: tables.names.feed })
let eventRecords: DynamoDBRecord[] = []
let feedWakeUpRecords: DynamoDBRecord[] = []

describe('each Lambda bundle, with its template environment, on real events', () => {
  it('the template has these eight functions and no other', () => {
    expect(synthesized.lambdaIds.sort()).toEqual(
      Object.values(synthesized.functions)
        .map((fn) => fn.logicalId)
        .sort(),
    )
  })

  it('api: a staff command and a public registration, then a personal-data export in another container, as API Gateway v2 requests', async () => {
    const env = synthesized.environmentOf('api', deployment())
    const token = await staffToken(env.JWT_ISSUER ?? '', env.JWT_AUDIENCE ?? '')
    const edition = editionBody('boot-2099', {
      startsOn: '2099-01-06',
      endsOn: '2099-01-09',
      applicationDeadline: '2098-12-01T23:59:59+01:00',
    })
    const siret = validSiret(2099)
    const startupId = startupIdOf(siret)
    const first = await boot('api', [
      httpRequest('POST', '/editions', { token, body: edition }),
      httpRequest('POST', '/editions/boot-2099/applications', { body: applicationBody(siret) }),
    ])
    expect(first.results.map((result: any) => result.statusCode)).toEqual([201, 201])
    const sealed = kms.requests.splice(0)
    // Another container (a warm one keeps unwrapped data keys a minute): it must unwrap.
    const second = await boot('api', [
      httpRequest('GET', `/startups/${startupId}/personal-data`, { token }),
    ])
    const [exported] = second.results as Array<{ statusCode: number; body: string }>
    expect(exported?.statusCode).toBe(200)
    expect(exported?.body).toContain('ines@calanques.example')
    // The user pool's keys, fetched from the template's JWKS_URL by each container.
    expect(jwks.paths).toEqual([
      new URL(env.JWKS_URL ?? '').pathname,
      new URL(env.JWKS_URL ?? '').pathname,
    ])
    // The contact sealed and opened with the template's KMS key (the stand-in opens only
    // under the context a key was sealed with).
    expect(new Set(sealed.map((r) => `${r.operation} ${r.keyId}`))).toEqual(
      new Set([`Encrypt ${env.PERSONAL_DATA_KEY_ID}`]),
    )
    expect(new Set(kms.requests.map((r) => `${r.operation} ${r.keyId}`))).toEqual(
      new Set([`Decrypt ${env.PERSONAL_DATA_KEY_ID}`]),
    )
    expectTemplateSettings('api', first.reads)
    expectTemplateSettings('api', second.reads)
    eventRecords = await captureStream(tables.client, tables.endpoint, tables.names.events)
  }, 90_000)

  it('indexer: the Events stream batch DynamoDB Local recorded', async () => {
    expect(eventRecords.length).toBeGreaterThanOrEqual(3)
    const { results, reads } = await boot('indexer', [{ Records: eventRecords }])
    expect(results).toEqual([{ batchItemFailures: [] }])
    expect(await feed().head()).toBe(eventRecords.length)
    expectTemplateSettings('indexer', reads)
    const feedRecords = await captureStream(tables.client, tables.endpoint, tables.names.feed)
    feedWakeUpRecords = feedRecords.filter((record) => matchesFilters(feedWakeUps.filters, record))
  }, 60_000)

  it('projector: the Feed stream batch its filter lets through, then its schedule', async () => {
    expect(feedWakeUpRecords).toHaveLength(eventRecords.length)
    const { results, reads } = await boot('projector', [
      { Records: feedWakeUpRecords },
      scheduledEvent('projector-catch-up'),
    ])
    expect(results[0]).toEqual({ batchItemFailures: [] })
    expect(results[1]).toMatchObject({
      position: eventRecords.length,
      caughtUp: true,
      failures: [],
    })
    expectTemplateSettings('projector', reads)
  }, 60_000)

  it('dispatcher: the Feed stream batch its filter lets through, then its schedule', async () => {
    const { results, reads } = await boot('dispatcher', [
      { Records: feedWakeUpRecords },
      scheduledEvent('dispatcher-catch-up'),
    ])
    expect(results[0]).toEqual({ batchItemFailures: [] })
    expect(results[1]).toMatchObject({ to: eventRecords.length })
    expectTemplateSettings('dispatcher', reads)
  }, 60_000)

  it('deliverer: its schedule', async () => {
    const { results, reads } = await boot('deliverer', [scheduledEvent('deliverer')])
    expect(results).toEqual([{ delivered: 0, failed: 0, dead: 0, disabled: 0, paused: 0 }])
    expectTemplateSettings('deliverer', reads)
  }, 60_000)

  it('retention: its schedule, over the start-up just registered', async () => {
    const { results, reads } = await boot('retention', [scheduledEvent('personal-data-retention')])
    // Its edition ends in 2099: examined, kept.
    expect(results).toEqual([{ examined: 1, reapplied: 0, erased: [] }])
    expectTemplateSettings('retention', reads)
  }, 60_000)

  it('notifier: its schedule, mailing the registration through SES from the template’s identity and configuration set', async () => {
    const env = synthesized.environmentOf('notifier', deployment())
    kms.requests.splice(0)
    const { results, reads } = await boot('notifier', [scheduledEvent('notifier-catch-up')])
    expect(results).toEqual([expect.objectContaining({ queued: 1, sent: 1, failed: 0, gaveUp: 0 })])
    expect(ses.requests).toHaveLength(1)
    const [request] = ses.requests
    expect(request?.body).toMatchObject({
      ConfigurationSetName: env.MAIL_CONFIGURATION_SET,
      Destination: { ToAddresses: [expect.stringContaining('<ines@calanques.example>')] },
      ReplyToAddresses: [env.CONTACT_EMAIL],
    })
    expect(String(request?.body.FromEmailAddress)).toMatch(new RegExp(`@${env.MAIL_IDENTITY}>$`))
    // Its links lead to the stage's public URL: the API's endpoint, as no publicUrl is set.
    expect(JSON.stringify(request?.body)).toContain('https://standin01.execute-api.eu-west-3.amazonaws.com/applications/')
    // The contact opened and the withdrawal-link key made with the template's KMS key.
    expect(new Set(kms.requests.map((r) => `${r.operation} ${r.keyId}`))).toEqual(
      new Set([`Encrypt ${env.PERSONAL_DATA_KEY_ID}`, `Decrypt ${env.PERSONAL_DATA_KEY_ID}`]),
    )
    expectTemplateSettings('notifier', reads)
  }, 60_000)

  it('rebuild: invoked on demand', async () => {
    const { results, reads } = await boot('rebuild', [{}])
    expect(results[0]).toMatchObject({ previous: 1, generation: 2, events: eventRecords.length })
    expectTemplateSettings('rebuild', reads)
  }, 60_000)
})
