import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import type { ColdStartResult } from './cases/cold-start.js'
import type { RushResult } from './cases/deadline-rush.js'
import type { Comparison } from './interleave.js'

export interface LatencyResult {
  readonly name: string
  readonly p50Ms: number
  readonly p99Ms: number
  readonly samples: number
  readonly targetP99Ms?: number
  /** What a reader must know to read the figure (setup, intervals). */
  readonly note?: string
}

export interface BenchReport {
  readonly date: string
  readonly machine: { readonly cores: number; readonly cpu: string; readonly node: string }
  readonly quick: boolean
  readonly rounds: number
  readonly comparisons: readonly Comparison[]
  readonly coldStarts: readonly ColdStartResult[]
  readonly latencies: readonly LatencyResult[]
  readonly rush?: RushResult
}

const fixed = (n: number, digits = 2) => n.toFixed(digits)
const verdict = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'met' : 'missed')

export const machine = () => ({ cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version })

/** The report as Markdown tables: ratios first (the figures that mean something), rates as context. */
export const toMarkdown = (report: BenchReport) => {
  const lines = [
    `# Benchmark results`,
    '',
    `${report.date} · ${report.machine.cores} cores (${report.machine.cpu}) · Node ${report.machine.node} · ` +
      `${report.rounds} interleaved rounds${report.quick ? ' · --quick' : ''} · DynamoDB Local`,
    '',
    'Ratio = our speed ÷ the baseline’s speed in the same round (1.00 = as fast). Median and min–max over rounds.',
    '',
    '| case | ours | baseline | median ratio | min–max | target | ours ops/s | baseline ops/s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.comparisons.map(
      (c) =>
        `| ${c.name} | ${c.subject} | ${c.baseline} | **${fixed(c.median)}** | ${fixed(c.min)}–${fixed(c.max)} | ` +
        `${c.target === undefined ? '–' : `≥ ${fixed(c.target)} ${verdict(c.median >= c.target)}`} | ${fixed(c.subjectOpsPerSecond, 0)} | ${fixed(c.baselineOpsPerSecond, 0)} |`,
    ),
  ]
  if (report.rush) lines.push('', ...rushMarkdown(report.rush))
  if (report.latencies.length > 0) {
    lines.push('', '| latency | p50 | p99 | samples | target |', '| --- | --- | --- | --- | --- |')
    for (const l of report.latencies) {
      const target = l.targetP99Ms === undefined ? '–' : `p99 < ${l.targetP99Ms} ms ${verdict(l.p99Ms < l.targetP99Ms)}`
      lines.push(`| ${l.name} | ${fixed(l.p50Ms, 0)} ms | ${fixed(l.p99Ms, 0)} ms | ${l.samples} | ${target} |`)
    }
  }
  if (report.coldStarts.length > 0) {
    // Issue 11: the API under 250 KB and within 2.5× a bare Hono bundle; issue 19: the stream
    // and schedule Lambdas within 1.3× a floor that imports the same SDK and makes one call.
    const coldStartTarget = (c: ColdStartResult) =>
      c.name === 'api' ? `≤ 2.50 and < 250 KB: ${verdict(c.ratio <= 2.5 && c.bytes < 250_000)}` : `≤ 1.30: ${verdict(c.ratio <= 1.3)}`
    lines.push(
      '',
      'Cold start: a fresh `node` process imports the minified bundle and serves one request. Ratio = our time ÷ its baseline’s (lower is better): the API against a bare Hono bundle, the other Lambdas against the SDK floor (bench/fixtures/sdk-floor.ts: the same DynamoDB clients imported, one GetItem, nothing else). ' +
        'Bundles are code split: “at start” is the entry and the chunks it imports statically, what a cold start reads; “deployed” adds the chunks loaded on first use (the API’s routes, the Tracer where tracing is on). ' +
        'The API’s measured request, GET /health, needs only its core; its first other request loads the routes, zod, the AWS SDK and jose. ' +
        'The other Lambdas need the AWS SDK on every invocation (left to the runtime, read from node_modules): the floor is what that alone costs.',
      '',
      '| Lambda | at start (minified) | deployed | import + one request | baseline | median time ratio | min–max | target |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...report.coldStarts.map(
        (c) =>
          `| ${c.name} | ${fixed(c.bytes / 1024, 0)} KiB | ${fixed(c.totalBytes / 1024, 0)} KiB | ${fixed(c.medianMs, 0)} ms | ${c.baseline}: ${fixed(c.baselineMs, 0)} ms | **${fixed(c.ratio)}** | ` +
          `${fixed(c.min)}–${fixed(c.max)} | ${coldStartTarget(c)} |`,
      ),
    )
  }
  const notes = [...report.comparisons, ...report.latencies].filter((r) => r.note !== undefined)
  if (notes.length > 0) {
    lines.push('', 'Notes:', '', ...notes.map((r) => `- **${r.name}**: ${r.note}`))
  }
  return `${lines.join('\n')}\n`
}

/** The deadline rush: answers other than 201, latency per block of 100, flatness. */
const rushMarkdown = (rush: RushResult) => {
  const refused = Object.entries(rush.refused)
  const refusals = refused.length === 0 ? 'none' : refused.map(([status, n]) => `${n} × ${status}`).join(', ')
  const flat = rush.flatness
  return [
    `Deadline rush: ${rush.applications} applications to one edition from ${rush.clients} clients per round. ` +
      `Answers other than 201: **${refusals}** (target: none, ${verdict(refused.length === 0)}). ` +
      `p99 of the last 100 ÷ p99 of the first 100: **${fixed(flat.median)}** (${fixed(flat.min)}–${fixed(flat.max)}; ` +
      `target ≤ 1.50 ${verdict(flat.median <= 1.5)}).`,
    '',
    `| block of 100 | ${rush.blocks.map((b) => b.block).join(' | ')} |`,
    `| --- | ${rush.blocks.map(() => '---').join(' | ')} |`,
    `| p50 ms | ${rush.blocks.map((b) => fixed(b.p50Ms, 0)).join(' | ')} |`,
    `| p99 ms | ${rush.blocks.map((b) => fixed(b.p99Ms, 0)).join(' | ')} |`,
  ]
}

/** Writes `<dir>/<name>.json` and `.md`. */
export const writeReport = (report: BenchReport, dir: string, name: string) => {
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}/${name}.json`, `${JSON.stringify(report, null, 2)}\n`)
  writeFileSync(`${dir}/${name}.md`, toMarkdown(report))
}
