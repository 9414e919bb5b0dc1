/**
 * `npm run token -- admin` (or `-- reports`): prints a bearer token valid for an hour,
 * signed with this machine's development key, that `npm start` accepts.
 *
 * @example curl -H "Authorization: Bearer $(npm run -s token -- admin)" localhost:3000/streams/edition-ces-2020
 */
import { loadOrCreateDevKey, signDevToken } from '../local/dev-tokens.js'

const roles = ['admin', 'reports'] as const
const role = process.argv[2] ?? 'admin'
if (!roles.includes(role as (typeof roles)[number])) {
  console.error(`Usage: npm run token -- <${roles.join('|')}>`)
  process.exit(2)
}
const key = await loadOrCreateDevKey()
console.log(await signDevToken(key, { subject: `local-${role}`, roles: [role], expiresIn: '1h' }))
