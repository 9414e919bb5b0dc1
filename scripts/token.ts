/**
 * `npm run token -- admin` (or `-- reports`, or `-- partner <partnerId>`): prints a bearer
 * token valid for an hour, signed with this machine's development key, that `npm start`
 * accepts: staff's, a reporting job's, or a user of one partner (what the portal signs in).
 *
 * @example curl -H "Authorization: Bearer $(npm run -s token -- admin)" localhost:3000/streams/edition-ces-2020
 * @example curl -H "Authorization: Bearer $(npm run -s token -- partner nice-cote-d-azur)" localhost:3000/subscriptions
 */
import { slug } from '../domain/events/index.js'
import { loadOrCreateDevKey, signDevToken, signPartnerUserToken } from '../local/dev-tokens.js'

const roles = ['admin', 'reports', 'partner'] as const
const [role = 'admin', partnerId] = process.argv.slice(2)
const usage = () => {
  console.error(`Usage: npm run token -- <admin|reports>, or npm run token -- partner <partnerId>`)
  process.exit(2)
}
if (!roles.includes(role as (typeof roles)[number])) usage()
if (role === 'partner' && !slug.safeParse(partnerId).success) usage()
const key = await loadOrCreateDevKey()
console.log(
  role === 'partner' && partnerId
    ? await signPartnerUserToken(key, partnerId)
    : await signDevToken(key, { subject: `local-${role}`, roles: [role], expiresIn: '1h' }),
)
