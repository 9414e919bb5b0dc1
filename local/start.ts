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
import { withDevSignIn } from './dev-sign-in.js'
import { devAudience, devIssuer, devKeyPath, loadOrCreateDevKey, type DevKey } from './dev-tokens.js'
import { startDynamoDbLocal } from './dynamodb-local.js'
import { consumers, loadHandler, schedules } from './lambda-entries.js'
import { startScheduler } from './scheduler.js'
import { messageOf } from './shard-reader.js'
import { startStreamPoller } from './stream-poller.js'

const REGION = 'eu-west-3'

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).optional(),
  TABLE_PREFIX: z.string().min(1).default('delegation-sud-local'),
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

  // The pages' script and stylesheet, where app-instance.ts loads them from.
  const assets = await buildPageAssets(pageAssetsDir)
  line('Page assets', `${Object.values(assets.manifest).join(', ')} (built in ${assets.ms} ms)`)

  const { app, pageAssets } = await import('../functions/http/app-instance.js')
  // Staff sign in at /staff/sign-in with the development key: this exists only here.
  const fetch = devKey ? withDevSignIn(app, { key: devKey, assets: pageAssets }).fetch : app.fetch
  const server = await listen(fetch, settings.PORT, settings.HOST)
  closers.push(() => close(server))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : settings.PORT
  const url = `http://${settings.HOST}:${port}`
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
