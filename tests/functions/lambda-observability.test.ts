import { execFile } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { feedItem } from '../../functions/feed/feed-layout.js'
import { tableEnv } from '../../functions/shared/table-names.js'
import { bundleLambda, lambdaEntries } from '../../infra/lambda-bundles.js'
import { createTestTables } from '../setup/test-tables.js'
import { sampleEvents, writeFeed } from './feed/feed-fixtures.js'
import { insertRecord, streamEvent } from './indexer/stream-events.js'

const run = promisify(execFile)
const traceId = '1-67a1b2c3-0123456789abcdef01234567'

/** A stand-in X-Ray daemon on a loopback UDP port: the documents the SDK sends it. */
const startDaemon = async () => {
  const socket = createSocket('udp4')
  const documents: Array<Record<string, any>> = []
  socket.on('message', (message) => {
    const [, body] = message.toString('utf8').split('\n') // {"format":"json","version":1}\n{…}
    if (body) documents.push(JSON.parse(body))
  })
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done))
  return {
    address: `127.0.0.1:${socket.address().port}`,
    documents,
    close: () => new Promise<void>((done) => socket.close(() => done())),
  }
}

/**
 * The projector's bundle, as deployed, run in a fresh node process with the environment
 * Lambda gives a function with active tracing (no POWERTOOLS_DEV there): it sends its
 * trace to the X-Ray daemon and writes its metrics as EMF on stdout.
 */
describe('a Lambda in AWS', () => {
  let daemon: Awaited<ReturnType<typeof startDaemon>>
  beforeAll(async () => {
    daemon = await startDaemon()
  })
  afterAll(() => daemon.close())

  it('traces each invocation with its DynamoDB calls and writes the projection lag as EMF', async () => {
    const { names, doc, endpoint } = await createTestTables()
    const recordedAt = new Date(Date.now() - 1_500).toISOString()
    const events = sampleEvents(12, 3).map((event) => ({ ...event, recordedAt }))
    await writeFeed(doc, names.feed, events)
    mkdirSync(resolve('node_modules/.cache'), { recursive: true })
    const { outfile } = await bundleLambda(
      'projector',
      lambdaEntries.projector,
      mkdtempSync(resolve('node_modules/.cache/bundle-')),
    )

    const { POWERTOOLS_DEV: _dev, ...inherited } = process.env
    const env = {
      ...inherited,
      ...tableEnv(names),
      DYNAMODB_ENDPOINT: endpoint,
      AWS_REGION: 'eu-west-3',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      AWS_LAMBDA_FUNCTION_NAME: 'delegation-sud-dev-projector',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      LAMBDA_TASK_ROOT: resolve('node_modules/.cache'),
      _X_AMZN_TRACE_ID: `Root=${traceId};Parent=53995c3f42cd8ad8;Sampled=1`,
      AWS_XRAY_DAEMON_ADDRESS: daemon.address,
      POWERTOOLS_METRICS_NAMESPACE: 'DelegationSud/dev',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    }
    const wakeUp = streamEvent([insertRecord(feedItem(events.at(-1)!, events.length))])
    const script = `const { handler } = await import(${JSON.stringify(outfile)})
const result = await handler(${JSON.stringify(wakeUp)}, { getRemainingTimeInMillis: () => 30000 })
console.log(JSON.stringify({ result }))`
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env,
      cwd: resolve('.'),
    })
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))

    expect(lines.at(-1)).toEqual({ result: { batchItemFailures: [] } })
    const emf = lines.filter((line) => line._aws)
    expect(emf).toHaveLength(1)
    expect(emf[0]._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'DelegationSud/dev',
        Dimensions: [['service']],
        Metrics: [{ Name: 'ProjectionLag', Unit: 'Milliseconds' }],
      },
    ])
    expect(emf[0].ProjectionLag).toBeGreaterThanOrEqual(1_500)
    expect(emf[0].ProjectionLag).toBeLessThan(60_000)

    // Subsegments of the trace Lambda started, each sent as it closes.
    await expect
      .poll(() => daemon.documents.some((d) => d.name === '## projector'), { timeout: 5_000 })
      .toBe(true)
    const handler = daemon.documents.find((d) => d.name === '## projector')
    expect(handler).toMatchObject({
      trace_id: traceId,
      parent_id: '53995c3f42cd8ad8', // Lambda's own segment, from _X_AMZN_TRACE_ID
      annotations: { ColdStart: true, Service: 'delegation-sud-projector' },
    })
    const calls = daemon.documents.filter((d) => d.namespace === 'aws')
    expect(calls.length).toBeGreaterThan(0)
    for (const call of calls) {
      expect(call).toMatchObject({ name: 'DynamoDB', trace_id: traceId, parent_id: handler?.id })
    }
    expect(calls.map((call) => call.aws.operation)).toEqual(expect.arrayContaining(['Query']))
  }, 60_000)
})
