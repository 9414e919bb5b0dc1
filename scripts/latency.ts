/**
 * `npm run latency` (against a running `npm start`, or `API_URL`): measures what users
 * feel end to end — a POST until the report shows it (projection lag), and a POST until
 * a partner's webhook receiver on 127.0.0.1 has it (delivery latency).
 *
 * @example npm start & npm run latency
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import { loadOrCreateDevKey, signDevToken } from '../local/dev-tokens.js'
import { applicationBody, editionBody, validSiret } from '../bench/fixtures/requests.js'

const api = process.env.API_URL ?? 'http://127.0.0.1:3000'
const samples = Number(process.env.SAMPLES ?? 20)
const key = await loadOrCreateDevKey()
const bearer = async (role: string) => `Bearer ${await signDevToken(key, { subject: `latency-${role}`, roles: [role] })}`
const admin = { Authorization: await bearer('admin') }
const reports = { Authorization: await bearer('reports') }

/** One API call; its answer is parsed with `schema` (only the fields we go on with). */
const call = async <S extends z.ZodType>(
  schema: S,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<z.infer<S>> => {
  const response = await fetch(api + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const json: unknown = await response.json()
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`)
  return schema.parse(json)
}
const anything = z.unknown()
const submitted = z.object({ applicationId: z.string(), startupId: z.string() })
// The webhook's body: the public event in `data`, its own payload in `data.data`. Partners never
// receive applications nor registrations, so the probe follows a selection (staff's decision).
const webhook = z.object({ data: z.object({ data: z.object({ startupId: z.string() }) }) })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? NaN
const summary = (name: string, values: number[]) =>
  console.log(`${name}: p50 ${percentile(values, 0.5).toFixed(0)} ms, p99 ${percentile(values, 0.99).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (${values.length} samples)`)

const editionId = `latency-${Date.now().toString(36)}`
let siret = Date.now() % 1_000_000_000
const apply = () => call(submitted, 'POST', `/editions/${editionId}/applications`, applicationBody(validSiret(++siret)))
await call(anything, 'POST', '/editions', editionBody(editionId, { applicationDeadline: '2099-01-01T00:00:00Z', startsOn: '2099-01-05', endsOn: '2099-01-08', capacity: 1000 }), admin)

/** Applications the report counts so far (0 while the edition has not reached the read models). */
const counted = async () => {
  const response = await fetch(`${api}/reports/editions/${editionId}`, { headers: reports })
  return response.ok ? ((await response.json()) as { counts: { applications: number } }).counts.applications : 0
}

const lags: number[] = []
for (let i = 1; i <= samples; i++) {
  const started = performance.now()
  await apply()
  while ((await counted()) < i) await sleep(10)
  lags.push(performance.now() - started)
}
summary('projection lag (POST → GET /reports/editions)', lags)

const received = new Map<string, number>()
const receiver = createServer((request, response) => {
  let body = ''
  request.on('data', (chunk) => (body += chunk))
  request.on('end', () => {
    const delivered = webhook.safeParse(JSON.parse(body))
    if (delivered.success) received.set(delivered.data.data.data.startupId, performance.now())
    response.writeHead(204).end()
  })
})
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
const { partnerId } = await call(z.object({ partnerId: z.string() }), 'POST', `/editions/${editionId}/partners`, { name: `Latency probe ${editionId}`, kind: 'other', contribution: 'Measures' }, admin)
const { apiKey } = await call(z.object({ apiKey: z.string() }), 'POST', `/partners/${partnerId}/keys`, { scopes: ['subscriptions:write'] }, admin)
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
await call(anything, 'POST', '/subscriptions', { url, types: ['application.selected'] }, { 'X-Api-Key': apiKey })
const deliveries: number[] = []
for (let i = 0; i < samples; i++) {
  const { startupId, applicationId } = await apply()
  const started = performance.now()
  await call(anything, 'POST', `/applications/${applicationId}/decision`, { decision: 'selected' }, admin)
  while (!received.has(startupId)) await sleep(5)
  deliveries.push((received.get(startupId) ?? NaN) - started)
}
summary('delivery latency (POST decision → webhook received)', deliveries)
receiver.close()
