import { describe, expect, it } from 'vitest'
import { traceClient, traced, tracingEnabled } from '../../../functions/shared/tracer.js'

describe('the tracer', () => {
  it('traces in a Lambda only, as Powertools decides, unless POWERTOOLS_TRACE_ENABLED=false', () => {
    const lambda = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' }
    expect(tracingEnabled(lambda)).toBe(true)
    expect(tracingEnabled({ ...lambda, POWERTOOLS_TRACE_ENABLED: 'false' })).toBe(false)
    expect(tracingEnabled({ ...lambda, AWS_SAM_LOCAL: 'true' })).toBe(false)
    expect(tracingEnabled({ AWS_EXECUTION_ENV: 'AWS_Lambda_amplify-mock' })).toBe(false)
    expect(tracingEnabled({})).toBe(false)
  })

  it('leaves handlers and clients as they are where it does not trace (npm start, the tests)', () => {
    // (Traces as a Lambda sends them: tests/functions/lambda-observability.test.ts.)
    const handler = async (n: number) => n + 1
    const client = { send: async () => ({}) }
    expect(traced('test', handler)).toBe(handler)
    expect(traceClient(client)).toBe(client)
  })
})
