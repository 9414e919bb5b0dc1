/**
 * `npm run seed`: records the programme's history (CES 2017 to CES 2020, as the
 * interview tells it) into the running system, through the command API only.
 * API_URL (default http://127.0.0.1:3000) and TOKEN (default: a staff token signed
 * with this machine's development key, the one `npm start` verifies). Run it twice:
 * the second run writes nothing.
 *
 * @example npm start & npm run seed
 */
import { z } from 'zod'
import { loadOrCreateDevKey, signDevToken } from '../local/dev-tokens.js'
import { SeedRequestError } from './seed-data/client.js'
import { runSeed, type SeedSummary } from './seed-data/run.js'

const settings = z
  .object({
    API_URL: z.url().default('http://127.0.0.1:3000'),
    TOKEN: z.string().min(1).optional(),
    SEED_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
  })
  .parse(process.env)

const apiUrl = settings.API_URL.replace(/\/+$/, '')

const printSummary = ({ editions, written, replayed, retries, ms }: SeedSummary) => {
  console.table(editions)
  console.log(
    `${written} requests wrote, ${replayed} replayed an earlier run, ` +
      `${retries} retried on contention, in ${(ms / 1000).toFixed(1)} s`,
  )
}

const main = async () => {
  const health = await fetch(`${apiUrl}/health`).catch(() => undefined)
  if (!health?.ok) throw new Error(`No API answers at ${apiUrl}: start it with \`npm start\``)
  const token =
    settings.TOKEN ??
    (await signDevToken(await loadOrCreateDevKey(), { subject: 'seed', roles: ['admin'] }))
  console.log(`Seeding ${apiUrl} with CES 2017 to CES 2020…`)
  const summary = await runSeed({
    apiUrl,
    token,
    concurrency: settings.SEED_CONCURRENCY,
    log: (line) => console.log(line),
  })
  printSummary(summary)
}

// Idempotency keys are kept 30 days: after that, a rerun meets its own history as a conflict.
const hintFor = (error: SeedRequestError) =>
  error.status === 409 || error.status === 422
    ? '\nThe system already holds this history under other idempotency keys (kept 30 days): ' +
      'seed a fresh `npm start` instead.'
    : ''

main().catch((error: unknown) => {
  if (error instanceof SeedRequestError) console.error(error.message + hintFor(error))
  else console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
