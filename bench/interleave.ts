/**
 * Runs a case and its baseline in interleaved rounds (A B A B …) in one process,
 * so both see the same machine: on a 2-core box the same raw workload swings 3×
 * between runs, and only the ratio inside a round means anything.
 */

export interface Workload {
  readonly label: string
  /** Runs one round's worth of work; resolves to the number of operations done. */
  run(round: number): Promise<number>
}

export interface Comparison {
  readonly name: string
  readonly subject: string
  readonly baseline: string
  /** subject speed / baseline speed per round (1.0 = as fast as the baseline). */
  readonly ratios: readonly number[]
  readonly median: number
  readonly min: number
  readonly max: number
  /** Median operations per second of each side, for context only. */
  readonly subjectOpsPerSecond: number
  readonly baselineOpsPerSecond: number
  readonly target?: number
  readonly note?: string
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** Nearest-rank percentile (`p` from 0 to 1) of unsorted values: the latency cases' p50 and p99. */
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN
}

const timed = async (workload: Workload, round: number) => {
  const started = process.hrtime.bigint()
  const ops = await workload.run(round)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return ops / seconds
}

/**
 * @example const result = await compare('append, 1 writer', ours, rawPut, { rounds: 7 })
 */
export const compare = async (
  name: string,
  subject: Workload,
  baseline: Workload,
  { rounds, target, note }: { rounds: number; target?: number; note?: string },
): Promise<Comparison> => {
  // One warm-up of each side: JIT, connection pool, table partitions.
  await subject.run(-1)
  await baseline.run(-1)
  const ratios: number[] = []
  const subjectRates: number[] = []
  const baselineRates: number[] = []
  for (let round = 0; round < rounds; round++) {
    // Alternate who goes first, so neither always gets the warmer machine.
    const [first, second] = round % 2 ? [baseline, subject] : [subject, baseline]
    const firstRate = await timed(first, round)
    const secondRate = await timed(second, round)
    const [subjectRate, baselineRate] = first === subject ? [firstRate, secondRate] : [secondRate, firstRate]
    subjectRates.push(subjectRate)
    baselineRates.push(baselineRate)
    ratios.push(subjectRate / baselineRate)
  }
  return {
    name,
    subject: subject.label,
    baseline: baseline.label,
    ratios,
    median: median(ratios),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
    subjectOpsPerSecond: median(subjectRates),
    baselineOpsPerSecond: median(baselineRates),
    ...(target === undefined ? {} : { target }),
    ...(note === undefined ? {} : { note }),
  }
}

/** Runs `count` operations from `concurrency` workers (op gets its index and its worker's); resolves to `count`. */
export const concurrently = async (
  count: number,
  concurrency: number,
  op: (i: number, worker: number) => Promise<unknown>,
) => {
  let next = 0
  const worker = async (_: unknown, id: number) => {
    while (next < count) await op(next++, id)
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return count
}

export { median, percentile }
