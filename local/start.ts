import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import { serve, type ServerType } from '@hono/node-server'
import type { DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { tableEnv, tableNamesForPrefix } from '../functions/shared/table-names.js'
import { tables } from '../functions/shared/tables.js'
import { buildPageAssets, pageAssetsDir } from '../infra/page-assets.js'
import { createTables } from './create-tables.js'
import { writeRuntimeFile } from './runtime-file.js'
import { withDevMail } from './dev-mail.js'
import { withDevSignIn } from './dev-sign-in.js'
import { loopbackOnly } from './loopback-only.js'
import { devAudience, devIssuer, devKeyPath, loadOrCreateDevKey, type DevKey } from './dev-tokens.js'
import { startDynamoDbLocal } from './dynamodb-local.js'
import { consumers, loadHandler, schedules } from './lambda-entries.js'
import { startMailCatcher, type MailCatcher } from './mail-catcher.js'
import { startScheduler } from './scheduler.js'
import { messageOf } from './shard-reader.js'
import { startStreamPoller } from './stream-poller.js'

const REGION = 'eu-west-3'

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).optional(),
  TABLE_PREFIX: z.string().min(1).default('delegation-sud-local'),
  /** Another SMTP server for the notifier (`smtp://host:port`); else the catcher in process. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The catcher's port (0: any free one). */
  MAIL_CATCHER_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
})

const line = (component: string, detail: string) => console.log(`${component.padEnd(16)}${detail}`)

/** Stop functions of what has started so far, run newest first on the way out. */
const closers: Array<() => Promise<void>> = []
let stopping = false

const shutdown = async (code: number) => {
  if (stopping) process.exit(1) // a second Ctrl-C: no more waiting
  stopping = true
  for (const close of closers.reverse()) {
    await close().catch((error: unknown) => console.error(`while stopping: ${messageOf(error)}`))
  }
  process.exit(code)
}

const listen = (fetch: (request: Request) => Response | Promise<Response>, port: number,
  hostname: string) =>
  new Promise<ServerType>((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server))
    server.once('error', reject)
  })

const close = (server: ServerType) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve())
    if ('closeAllConnections' in server) server.closeAllConnections()
  })

const main = async () => {
  // The Node of the `node` devDependency, first on every npm script's PATH (not the system's).
  line('Node', `${process.version} (${process.execPath})`)
  const settings = settingsSchema.parse(process.env)
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } })
  const dataDir = values['data-dir'] ?? settings.DATA_DIR

  const db = await startDynamoDbLocal(dataDir ? { dataDir } : {})
  closers.push(() => db.stop())
  const storage = dataDir ? `data in ${dataDir}` : 'in memory'
  line('DynamoDB Local', `${db.endpoint} (ready in ${db.readyInMs} ms, ${storage}, pid ${db.pid})`)

  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' }
  const aws = { endpoint: db.endpoint, region: REGION, credentials }
  const client = new DynamoDBClient(aws)
  const names = tableNamesForPrefix(settings.TABLE_PREFIX)
  await createTables(client, names)
  line('Tables', `${settings.TABLE_PREFIX}-{${Object.values(tables).map((t) => t.id).join(',')}}`)
  // `npm run report` and `npm run rebuild` find this DynamoDB Local through it.
  const removeRuntimeFile = writeRuntimeFile({ DYNAMODB_ENDPOINT: db.endpoint, TABLE_PREFIX: settings.TABLE_PREFIX })
  closers.push(async () => removeRuntimeFile())

  // The Lambda modules read these at import time, as they do in AWS.
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: db.endpoint,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...tableEnv(names),
  })

  // Local partners' webhook receivers run on this machine: allow http and loopback here only.
  process.env.ALLOW_HTTP_TARGETS ??= 'true'
  process.env.WEBHOOK_ALLOWED_HOSTS ??= '127.0.0.1,localhost'

  // Tokens from `npm run token` verify against this machine's development key.
  let devKey: DevKey | undefined
  if (!process.env.JWKS_URL && !process.env.DEV_JWKS) {
    devKey = await loadOrCreateDevKey()
    const { jwks } = devKey
    process.env.DEV_JWKS = JSON.stringify(jwks)
    process.env.JWT_ISSUER ??= devIssuer
    process.env.JWT_AUDIENCE ??= devAudience
    line('Auth', `development key in ${devKeyPath} (tokens: npm run token)`)
  }

  // The notifier's mail: to the catcher in process, unless SMTP_URL names another server.
  let catcher: MailCatcher | undefined
  if (settings.SMTP_URL) {
    line('Mail', `notifier sends to ${settings.SMTP_URL.replace(/\/\/[^@/]*@/, '//')} (SMTP_URL)`)
  } else {
    catcher = await startMailCatcher({ host: '127.0.0.1', port: settings.MAIL_CATCHER_PORT, keep: 1000 })
    const { close: closeCatcher } = catcher
    closers.push(() => closeCatcher())
    process.env.SMTP_URL = catcher.url
  }
  process.env.MAIL_FROM ??= 'Délégation Sud <delegation@delegation-sud.localhost>'
  process.env.CONTACT_EMAIL ??= 'contact@delegation-sud.localhost'

  // The pages' script and stylesheet, where app-instance.ts loads them from.
  const assets = await buildPageAssets(pageAssetsDir)
  line('Page assets', `${Object.values(assets.manifest).join(', ')} (built in ${assets.ms} ms)`)

  // The API listens before the Lambdas load: the notifier's links lead to its URL, whose
  // port is known only once bound (PORT=0 in the tests). The pollers start from the
  // streams' beginning (TRIM_HORIZON), so nothing written meanwhile is missed.
  const { app, pageAssets } = await import('../functions/http/app-instance.js')
  // Staff sign in at /staff/sign-in with the development key: this exists only here.
  const signedIn = devKey ? withDevSignIn(app, { key: devKey, assets: pageAssets }) : app
  const served = catcher ? withDevMail(signedIn, catcher) : signedIn
  // Only to loopback names: a page elsewhere that rebinds its name to 127.0.0.1 gets nothing.
  const { fetch } = loopbackOnly(served, { alsoAnswers: [settings.HOST] })
  const server = await listen(fetch, settings.PORT, settings.HOST)
  closers.push(() => close(server))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : settings.PORT
  const url = `http://${settings.HOST}:${port}`
  process.env.PUBLIC_URL ??= url
  if (catcher) {
    line('Mail', `catcher on ${catcher.url}, read at ${url}/dev/mail`)
    catcher.onMessage((m) => line('Mail', `#${m.id} to ${m.envelope.to.join(', ')}: ${m.subject} (${url}/dev/mail/${m.id})`))
  }

  const streams = new DynamoDBStreamsClient(aws)
  for (const consumer of consumers) {
    const { table, batchSize, startingPosition, filters } = consumer.stream
    const tableName = names[table]
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }))
    if (!Table?.LatestStreamArn) throw new Error(`${tableName} has no stream`)
    const handler = await loadHandler<DynamoDBStreamEvent, DynamoDBBatchResponse | void>(
      consumer.module, consumer.export)
    // The batch size, starting position and filters of the event source mapping in AWS.
    const poller = startStreamPoller({
      client: streams, tableName, streamArn: Table.LatestStreamArn, handler,
      batchSize, startingPosition, filters,
    })
    closers.push(() => poller.stop())
    line('Stream poller', `${tableName} → ${consumer.module}#${consumer.export}`)
  }

  for (const job of schedules) {
    const handler = await loadHandler<ScheduledEvent, unknown>(job.module, job.export)
    const scheduler = startScheduler({ ...job, handler, region: REGION })
    closers.push(() => scheduler.stop())
    line('Schedule', `every ${job.everyMs} ms → ${job.module}#${job.export}`)
  }

  line('API', `${url} (Hono on @hono/node-server)`)
  line('Pages', `${url}/staff (back-office, sign in locally), ${url}/portal (partners' portal), ${url}/editions/<editionId>/apply (form)`)
  console.log(`Délégation Sud is running on ${url}`)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(0))

main().catch(async (error: unknown) => {
  if (stopping) return // interrupted while starting: shutdown() is on it
  console.error(`npm start failed: ${messageOf(error)}`)
  await shutdown(1)
})
