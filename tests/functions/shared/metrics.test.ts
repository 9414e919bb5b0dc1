import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createMetrics,
  metricsEnabled,
  silentMetrics,
  withMetrics,
} from '../../../functions/shared/metrics.js'
import { captureEmf } from './emf.js'

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('metrics', () => {
  it('are written in a Lambda, and elsewhere only when POWERTOOLS_METRICS_DISABLED=false asks', () => {
    const lambda = { AWS_LAMBDA_FUNCTION_NAME: 'delegation-sud-dev-api' }
    expect(metricsEnabled(lambda)).toBe(true)
    expect(metricsEnabled({ ...lambda, POWERTOOLS_DEV: 'true' })).toBe(false)
    expect(metricsEnabled({ ...lambda, POWERTOOLS_METRICS_DISABLED: 'true' })).toBe(false)
    expect(metricsEnabled({})).toBe(false) // npm start, the CLIs
    expect(metricsEnabled({ POWERTOOLS_DEV: 'true' })).toBe(false) // the tests
    expect(metricsEnabled({ POWERTOOLS_METRICS_DISABLED: 'false' })).toBe(true)
    expect(metricsEnabled({ POWERTOOLS_DEV: 'true', POWERTOOLS_METRICS_DISABLED: '0' })).toBe(true)
  })

  it('are the silent ones where they are off', () => {
    expect(createMetrics({ POWERTOOLS_DEV: 'true' })).toBe(silentMetrics)
  })

  it('flush what was added as one EMF line in the stage namespace, and nothing when nothing was', () => {
    const lines = captureEmf()
    const env = {
      POWERTOOLS_METRICS_DISABLED: 'false',
      POWERTOOLS_METRICS_NAMESPACE: 'DelegationSud/dev',
    }
    const metrics = createMetrics(env)
    metrics.flush()
    expect(lines()).toEqual([])

    metrics.add('deliveriesFailed', 2)
    metrics.add('deadLetters')
    metrics.add('projectionLag', 420)
    metrics.flush()
    metrics.flush()
    const [line, ...more] = lines()
    expect(more).toEqual([])
    expect(line).toMatchObject({
      service: 'delegation-sud',
      DeliveriesFailed: 2,
      DeadLetters: 1,
      ProjectionLag: 420,
    })
    expect(line?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'DelegationSud/dev',
        Dimensions: [['service']],
        Metrics: [
          { Name: 'DeliveriesFailed', Unit: 'Count' },
          { Name: 'DeadLetters', Unit: 'Count' },
          { Name: 'ProjectionLag', Unit: 'Milliseconds' },
        ],
      },
    ])
  })

  it('are flushed at the end of each invocation, even one that throws', async () => {
    const lines = captureEmf()
    const metrics = createMetrics({ POWERTOOLS_METRICS_DISABLED: 'false' })
    const handler = withMetrics(metrics, async (fail: boolean) => {
      metrics.add('deadLetters')
      if (fail) throw new Error('boom')
      return 'done'
    })
    expect(await handler(false)).toBe('done')
    await expect(handler(true)).rejects.toThrow('boom')
    expect(
      lines().map((line) => [line.DeadLetters, line._aws.CloudWatchMetrics[0].Namespace]),
    ).toEqual([
      [1, 'DelegationSud/local'],
      [1, 'DelegationSud/local'],
    ])
  })
})
