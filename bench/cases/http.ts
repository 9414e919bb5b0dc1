import { applicationBody, editionBody, validSiret } from '../fixtures/requests.js'
import type { BenchContext } from '../context.js'
import { startBenchApi } from '../fixtures/api-server.js'
import { compare, concurrently, type Workload } from '../interleave.js'
import { ourAppend } from './append.js'

/** `POST /editions/{id}/applications` through @hono/node-server, one edition per client. */
export const httpCases = async (ctx: BenchContext, rounds: number) => {
  const api = await startBenchApi(ctx)
  const clients = 8
  let siret = 0
  let editions = 0
  const ok = async (status: Promise<number>, what: string) => {
    const code = await status
    if (code >= 300) throw new Error(`${what}: ${code}`)
  }

  // The same posts to an app that counts each caller's requests in DynamoDB (hit-counter.ts),
  // with a limit no round reaches: what the shared limit costs a request (issue 20).
  const limited = await startBenchApi(ctx, { rateLimits: { public: 1_000_000_000, partner: 1_000_000_000 } })
  const posting = (server: typeof api, label: string): Workload => ({
    label,
    async run() {
      const ids = Array.from({ length: clients }, () => `bench-${++editions}`)
      await Promise.all(ids.map((id) => ok(server.post('/editions', editionBody(id, { capacity: 1000 }), server.adminHeaders), 'open')))
      return concurrently(ctx.size(400, 80), clients, (i) =>
        ok(server.post(`/editions/${ids[i % clients]}/applications`, applicationBody(validSiret(70_000_000 + ++siret))), 'apply'),
      )
    },
  })
  try {
    return [
      await compare('HTTP, 8 clients', posting(api, 'HTTP POST applications (8 clients)'), ourAppend(ctx, clients, ctx.size(400, 80)), {
        rounds,
        target: 0.5,
        note: 'baseline: the append case (8 writers)',
      }),
      await compare('HTTP with shared rate limits', posting(limited, 'HTTP POST applications, limits counted'), posting(api, 'the same, limits off'), {
        rounds,
        target: 0.9,
        note: 'one counter update per request (issue 20)',
      }),
    ]
  } finally {
    api.close()
    limited.close()
  }
}
