import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { tableEnv } from '../../../functions/shared/table-names.js'
import { sampleEvents } from '../feed/feed-fixtures.js'
import { projectorHarness, wholeCollection } from '../projector/harness.js'

const run = promisify(execFile)

describe('npm run rebuild', () => {
  it('rebuilds in bounded memory and says what it wrote and its peak memory', async () => {
    const { tables, readModels, append } = await projectorHarness()
    await append(sampleEvents(120, 6))
    const env = { ...process.env, ...tableEnv(tables.names), DYNAMODB_ENDPOINT: tables.endpoint }
    const script = ['--import', 'tsx', 'scripts/rebuild.ts']

    const json = await run(process.execPath, [...script, '--json', '--cache-size', '40'], { env })
    const text = await run(process.execPath, script, { env })

    expect(JSON.parse(json.stdout)).toMatchObject({
      previous: 1, generation: 2, events: 120, position: 120,
      cache: { size: 40, peak: expect.any(Number) }, peak: { rssMiB: expect.any(Number) },
    })
    expect(JSON.parse(json.stdout).cache.peak).toBeLessThanOrEqual(40)
    const said = text.stdout.trim().split('\n').at(-1)
    expect(said).toMatch(/^Rebuilt generation 3 \(was 2\) up to position 120: 120 events in /)
    expect(said).toMatch(/; \d+ documents written, peak memory \d+ MiB \(heap \d+ MiB\)$/)
    expect(await wholeCollection(readModels, 'edition-summary')).toHaveLength(6)
  }, 60_000)
})
