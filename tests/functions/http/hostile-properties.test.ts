import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applicationBody, validSiret } from '../../fixtures/requests.js'
import type { ApiHarness } from './api-harness.js'
import { expectAnswer, expectProblemOrSuccess } from './hostile-expectations.js'
import { hostileHarness, hostileWorld, operationsOf, pathOf, routesOnlyApp, type Operation } from './hostile-routes.js'
import { inProcess, lambdaV2, type Body, type Send, type Transport } from './transports.js'

/**
 * Generated hostile input for every operation of the OpenAPI document, in process and
 * through the Lambda handler: fast-check's arbitrary text, bytes, JSON, forms, headers,
 * queries and path segments. The same promises as the corpus: never a 5xx, every refusal
 * a problem, nothing written unless a request is accepted.
 */
const operations = operationsOf(routesOnlyApp())
const takesBody = (operation: Operation) => ['POST', 'PUT', 'PATCH'].includes(operation.method)

const contentType = fc.constantFrom(
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  undefined,
)
const text = fc.string({ unit: 'grapheme', maxLength: 200 })
const body: fc.Arbitrary<Body> = fc.oneof(
  text,
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.array(fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 })), { maxLength: 10 }).map((fields) => new URLSearchParams(fields).toString()),
)
// Header values as HTTP carries them: visible ASCII and Latin-1, no line breaks.
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 100 })
const headers = fc.dictionary(
  fc.constantFrom('Authorization', 'X-Api-Key', 'Idempotency-Key', 'If-Match', 'Accept', 'X-Correlation-Id', 'Cookie', 'Origin', 'Sec-Fetch-Site', 'Accept-Language'),
  headerValue,
  { maxKeys: 3 },
)
const segment = fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent)
const query = fc
  .array(fc.tuple(fc.constantFrom('limit', 'cursor', 'after', 'types', 'editionId', 'territory', 'theme', 'status', 'fromVersion', 'partnerId', 'token', 'next', 'code', 'state', 'lang', 'x'), fc.string({ unit: 'binary', maxLength: 30 })), { maxLength: 4 })
  .map((pairs) => new URLSearchParams(pairs).toString())

const request = () =>
  fc.record({
    contentType,
    body: fc.option(body, { nil: undefined }),
    headers,
    query,
    param: fc.option(segment, { nil: undefined }),
  })

describe.each([inProcess(), lambdaV2()])('generated hostile input, %s', (transport: Transport) => {
  let harness: ApiHarness
  let send: Send
  let credentials: Awaited<ReturnType<typeof hostileWorld>>['credentials']
  let sirets = 70_000_000

  beforeAll(async () => {
    harness = await hostileHarness()
    send = await transport.start(harness.app)
    ;({ credentials } = await hostileWorld(harness, send))
  })
  afterAll(() => transport.stop())

  it.each(operations.map((o) => [`${o.method} ${o.template}`, o] as const))('%s', async (_, operation) => {
    const before = await harness.written()
    const errorsBefore = harness.unexpected.length
    await fc.assert(
      fc.asyncProperty(request(), async (generated) => {
        const path = `${pathOf(operation, operation.params.length > 0 ? generated.param : undefined)}?${generated.query}`
        const withBody = takesBody(operation) && generated.body !== undefined
        const response = await send(operation.method, path, {
          headers: {
            ...credentials[operation.caller],
            ...generated.headers,
            ...(withBody && generated.contentType ? { 'Content-Type': generated.contentType } : {}),
          },
          // fetch gives string bodies a text/plain type: bytes keep "no content type" so.
          ...(withBody ? { body: typeof generated.body === 'string' && !generated.contentType ? new TextEncoder().encode(generated.body) : generated.body } : {}),
        })
        expect(expectAnswer(operation.answers, response)).toBeUndefined()
      }),
      { numRuns: 25 },
    )
    expect(await harness.written()).toEqual(before)
    expect(harness.unexpected.slice(errorsBefore)).toEqual([])
  }, 120_000)

  it('POST /editions/{editionId}/applications: a valid application with one field replaced or removed', async () => {
    const paths = [['pitch'], ['consent'], ['startup', 'siret'], ['startup', 'name'], ['startup', 'themes'], ['startup', 'territory'], ['contact', 'email'], ['startup'], ['contact', 'phone']]
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.option(fc.oneof(fc.jsonValue({ maxDepth: 2 }), text)), async (path, replacement) => {
        const application: any = applicationBody(validSiret(++sirets))
        const parent = path.length === 2 ? application[path[0] as string] : application
        const key = path.at(-1) as string
        if (replacement === null) delete parent[key]
        else parent[key] = replacement
        const before = await harness.written()
        const response = await send('POST', '/editions/ces-2020/applications', {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(application),
        })
        expect(expectProblemOrSuccess(response)).toBeUndefined()
        const after = await harness.written()
        if (response.status !== 201) expect(after).toEqual(before)
        else {
          // Accepted: the application, its guard, and the start-up's registration.
          expect(after.events - before.events).toBe(2)
          expect(after.guards - before.guards).toBe(1)
        }
      }),
      { numRuns: 60 },
    )
  }, 120_000)
})
