/**
 * `npm run bench` (or `npm run bench -- --quick`): starts its own DynamoDB Local and
 * runs every case against its baseline in interleaved rounds, in one process; prints
 * the table and writes bench/results/latest.{json,md} (quick runs: quick.{json,md}).
 * `-- --only rebuild,projection-lag,mail-lag` runs the named steps alone and only prints.
 */
import { parseArgs } from 'node:util'
import { startDynamoDbLocal } from '../local/dynamodb-local.js'
import { appendCases } from './cases/append.js'
import { castoreCases } from './cases/castore.js'
import { coldStartCases } from './cases/cold-start.js'
import { deadlineRushCases } from './cases/deadline-rush.js'
import { feedCases } from './cases/feed.js'
import { httpCases } from './cases/http.js'
import { mailLagCases } from './cases/mail-lag.js'
import { projectionLagCases } from './cases/projection-lag.js'
import { rebuildCases, seedProgramme } from './cases/rebuild.js'
import { registerCases } from './cases/register.js'
import { rehydrateCases } from './cases/rehydrate.js'
import { personalDataCases } from './cases/personal-data.js'
import { benchContext, type BenchContext } from './context.js'
import type { Comparison } from './interleave.js'
import { machine, toMarkdown, writeReport, type LatencyResult } from './report.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, rounds: { type: 'string' }, only: { type: 'string' } } })
const quick = values.quick ?? false
const rounds = Number(values.rounds ?? (quick ? 5 : 7))
// Steps by their printed label, dashed: append, append-vs-castore, http, projection-lag, rebuild…
const only = values.only?.split(',').map((name) => name.trim())
const wanted = (label: string) => !only || only.includes(label.toLowerCase().replaceAll(' ', '-'))

const db = await startDynamoDbLocal()
try {
  const ctx = await benchContext(db.endpoint, quick)
  const comparisons: Comparison[] = []
  const latencies: LatencyResult[] = []
  const step = async <T>(label: string, run: () => Promise<T[]>, always = false) => {
    if (!always && !wanted(label)) return []
    const started = Date.now()
    const results = await run()
    console.error(`· ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
    return results
  }
  comparisons.push(...(await step('append', () => appendCases(ctx, rounds))))
  comparisons.push(...(await step('append vs Castore', () => castoreCases(ctx, rounds))))
  comparisons.push(...(await step('register', () => registerCases(ctx, rounds))))
  comparisons.push(...(await step('rehydrate', () => rehydrateCases(ctx, rounds))))
  comparisons.push(...(await step('personal data', () => personalDataCases(ctx, rounds))))
  comparisons.push(...(await step('HTTP', () => httpCases(ctx, rounds))))
  const [rush] = await step('deadline rush', async () => [await deadlineRushCases(ctx, rounds)])
  if (rush) comparisons.push(rush.throughput, rush.ceiling)
  // DynamoDB Local slows every write to a table with a stream as stream records pile up (by
  // 3× after 10,000, 7× after 20,000), whatever the table: the read side gets its own, fresh.
  const isolated = async <T>(run: (fresh: BenchContext) => Promise<T>) => {
    const own = await startDynamoDbLocal()
    try {
      return await run(await benchContext(own.endpoint, quick))
    } finally {
      await own.stop()
    }
  }
  latencies.push(...(await step('projection lag', () => isolated(projectionLagCases))))
  latencies.push(...(await step('mail lag', () => isolated(mailLagCases))))
  if (wanted('feed') || wanted('rebuild')) comparisons.push(...(await isolated(async (fresh) => {
    const [seeded] = await step('seed the Feed', async () => [await seedProgramme(fresh)], true)
    if (!seeded) throw new Error('the Feed was not seeded')
    return [
      ...(await step('feed', () => feedCases(fresh, rounds, seeded))),
      ...(await step('rebuild', () => rebuildCases(fresh, rounds, seeded))),
    ]
  })))
  const coldStarts = await step('cold start', () => coldStartCases(ctx, rounds))
  const report = { date: new Date().toISOString(), machine: machine(), quick, rounds, comparisons, coldStarts, latencies, ...(rush ? { rush } : {}) }
  if (!only) writeReport(report, 'bench/results', quick ? 'quick' : 'latest')
  console.log(toMarkdown(report))
} finally {
  await db.stop()
}
