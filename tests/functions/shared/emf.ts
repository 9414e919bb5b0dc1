import { vi } from 'vitest'

/**
 * Powertools' EMF lines (and no other console.log) as a Lambda would write them, parsed: switches metrics on and
 * catches console.log, which Powertools writes through under POWERTOOLS_DEV (vitest.config.ts).
 * Call it before creating the metrics; `vi.unstubAllEnvs()` and `vi.restoreAllMocks()` undo it.
 *
 * @example const lines = captureEmf(); …; expect(lines()).toEqual([…])
 */
export const captureEmf = () => {
  vi.stubEnv('POWERTOOLS_DEV', 'true')
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false')
  const log = vi.spyOn(console, 'log').mockImplementation(() => {})
  return () =>
    log.mock.calls
      .map(([line]) => String(line))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, any>)
}
