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

  const http: Workload = {
    label: 'HTTP POST applications (8 clients)',
    async run() {
      const ids = Array.from({ length: clients }, () => `bench-${++editions}`)
      await Promise.all(ids.map((id) => ok(api.post('/editions', editionBody(id, { capacity: 1000 }), api.adminHeaders), 'open')))
      return concurrently(ctx.size(400, 80), clients, (i) =>
        ok(api.post(`/editions/${ids[i % clients]}/applications`, applicationBody(validSiret(70_000_000 + ++siret))), 'apply'),
      )
    },
  }
  try {
    return [
      await compare('HTTP, 8 clients', http, ourAppend(ctx, clients, ctx.size(400, 80)), {
        rounds,
        target: 0.5,
        note: 'baseline: the append case (8 writers)',
      }),
    ]
  } finally {
    api.close()
  }
}
