import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiHarness } from './api-harness.js'
import { hostileCorpus, type HostileCase } from './hostile-corpus.js'
import { hostileHarness, hostileWorld, operationsOf, pathOf, routesOnlyApp, type Operation } from './hostile-routes.js'
import { expectAnswer } from './hostile-expectations.js'
import { inProcess, lambdaV2, type Send, type TestResponse, type Transport } from './transports.js'

const corpus = hostileCorpus()
const takesBody = (operation: Operation) => ['POST', 'PUT', 'PATCH'].includes(operation.method)

/** The request one case makes of one operation, or undefined where it does not apply. */
const requestFor = (operation: Operation, hostile: HostileCase, credentials: Record<string, string>) => {
  const base = takesBody(operation) ? { headers: { ...credentials, 'Content-Type': 'application/json' }, body: '{}' } : { headers: credentials }
  switch (hostile.kind) {
    case 'body':
      if (!takesBody(operation)) return undefined
      return {
        path: pathOf(operation),
        headers: { ...credentials, ...(hostile.contentType === undefined ? {} : { 'Content-Type': hostile.contentType }) },
        // fetch gives a string body `text/plain`: bytes keep "no content type" true to its name.
        ...(hostile.body === undefined ? {} : { body: typeof hostile.body === 'string' && hostile.contentType === undefined ? new TextEncoder().encode(hostile.body) : hostile.body }),
      }
    case 'header':
      return { ...base, path: pathOf(operation), headers: { ...base.headers, ...hostile.headers } }
    case 'query':
      return { ...base, path: `${pathOf(operation)}?${hostile.query}` }
    case 'param':
      return operation.params.length === 0 ? undefined : { ...base, path: pathOf(operation, hostile.param) }
  }
}

describe.each([inProcess(), lambdaV2()])('the hostile corpus, %s', (transport: Transport) => {
  let harness: ApiHarness
  let send: Send
  let credentials: Awaited<ReturnType<typeof hostileWorld>>['credentials']

  beforeAll(async () => {
    harness = await hostileHarness()
    send = await transport.start(harness.app)
    ;({ credentials } = await hostileWorld(harness, send))
  })
  afterAll(() => transport.stop())

  it(`has at least 200 cases (${corpus.length})`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200)
  })

  // Every operation of the OpenAPI document (and the undocumented pages), read when the
  // file is collected so that each gets its own line in the report.
  const operations = operationsOf(routesOnlyApp())

  it.each(operations.map((o) => [`${o.method} ${o.template}`, o] as const))(
    '%s: never a 5xx, never a write, every refusal a problem',
    async (_, operation) => {
      const before = await harness.written()
      const errorsBefore = harness.unexpected.length
      const failures: string[] = []
      let sent = 0
      for (const hostile of corpus) {
        const request = requestFor(operation, hostile, credentials[operation.caller])
        if (!request) continue
        sent += 1
        let response: TestResponse
        try {
          response = await send(operation.method, request.path, request)
        } catch (error: unknown) {
          failures.push(`${hostile.kind} ${hostile.name}: the transport threw ${String(error)}`)
          continue
        }
        const problem = expectAnswer(operation.answers, response)
        if (problem) failures.push(`${hostile.kind} ${hostile.name}: ${problem}`)
      }
      expect(failures).toEqual([])
      expect(sent).toBeGreaterThan(0)
      expect(await harness.written()).toEqual(before)
      expect(harness.unexpected.slice(errorsBefore)).toEqual([])
    },
    120_000,
  )
})
