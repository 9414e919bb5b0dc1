import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { v7 as uuidv7 } from 'uuid'
import { createApp } from '../../functions/api/app.js'
import { createTokenVerifier } from '../../functions/api/auth/token-verifier.js'
import { createDynamoFeed } from '../../functions/feed/dynamo-feed.js'
import { createApiKeyStore } from '../../functions/partner-access/api-key-store.js'
import { createWebhookServices } from '../../functions/webhooks/services.js'
import { targetPolicyFromEnv } from '../../functions/webhooks/target-policy.js'
import { createReadModels } from '../../functions/projector/read-models.js'
import { generateDevKey, signDevToken } from '../../local/dev-tokens.js'
import { applicationBody, editionBody, validSiret } from '../../tests/fixtures/requests.js'
import type { BenchContext } from '../context.js'
import { compare, concurrently, type Workload } from '../interleave.js'
import { ourAppend } from './append.js'

const quiet = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) }

/** `POST /editions/{id}/applications` through @hono/node-server, one edition per client. */
export const httpCases = async (ctx: BenchContext, rounds: number) => {
  const key = await generateDevKey()
  const app = createApp({
    store: ctx.store,
    verifier: createTokenVerifier({ jwks: key.jwks }),
    logger: quiet,
    clock: () => new Date('2019-09-01T10:00:00Z'),
    newId: uuidv7,
    corsOrigins: [],
    feed: createDynamoFeed({ doc: ctx.doc, table: ctx.names.feed }),
    readModels: createReadModels({ doc: ctx.doc, table: ctx.names.readModels }),
    apiKeys: createApiKeyStore({ doc: ctx.doc, table: ctx.names.partners }),
    webhooks: createWebhookServices({ doc: ctx.doc, table: ctx.names.partners, policy: targetPolicyFromEnv(process.env) }),
  })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const admin = await signDevToken(key, { subject: 'bench', roles: ['admin'] })
  const clients = 8
  let siret = 0
  let editions = 0

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  }

  const http: Workload = {
    label: 'HTTP POST applications (8 clients)',
    async run() {
      const ids = Array.from({ length: clients }, () => `bench-${++editions}`)
      await Promise.all(ids.map((id) => post('/editions', editionBody(id, { capacity: 1000 }), { Authorization: `Bearer ${admin}` })))
      return concurrently(ctx.size(400, 80), clients, (i) =>
        post(`/editions/${ids[i % clients]}/applications`, applicationBody(validSiret(70_000_000 + ++siret))),
      )
    },
  }
  try {
    return [await compare('HTTP, 8 clients', http, ourAppend(ctx, clients, ctx.size(400, 80)), { rounds, note: 'baseline: the append case (8 writers)' })]
  } finally {
    server.close()
  }
}
