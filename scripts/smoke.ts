/**
 * `npm run smoke -- --url <api> --token <staff token>`: checks a deployment (or `npm start`)
 * with the README's main flows, on an edition of its own that it closes at the end. One line
 * per step (✓ / ✗ / –), then a summary; exits 1 if anything failed, 2 on a usage error.
 *
 * @example npm run smoke -- --url https://abc123.execute-api.eu-west-3.amazonaws.com --token "$TOKEN"
 */
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { runSmoke } from './smoke/run-smoke.js'

const usage =
  'Usage: npm run smoke -- --url <API base URL> --token <staff access token with the admin group> [--wait <seconds, 60>]'

const argsSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1),
  wait: z.coerce.number().positive().max(3600).default(60),
})

const { values } = parseArgs({
  options: { url: { type: 'string' }, token: { type: 'string' }, wait: { type: 'string' } },
  strict: true,
})
const parsed = argsSchema.safeParse(values)
if (!parsed.success) {
  console.error(
    `${parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n')}\n${usage}`,
  )
  process.exit(2)
}
const { url, token, wait } = parsed.data
const now = new Date()
// Unique per run, readable in the reports: smoke-20261214-2230-k3f9.
const runId = `${now
  .toISOString()
  .slice(0, 16)
  .replace(/\D/g, '')
  .replace(/^(\d{8})/, '$1-')}-${randomBytes(2).toString('hex')}`
console.log(`Smoke test of ${url}`)
const passed = await runSmoke({ url, token, waitMs: wait * 1000, runId, now }, (line) =>
  console.log(line),
)
process.exit(passed ? 0 : 1)
