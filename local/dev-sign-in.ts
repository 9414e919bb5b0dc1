import { Hono } from 'hono'
import { html } from 'hono/html'
import type { PageAssets } from '../functions/website/assets.js'
import { layout, pageContext } from '../functions/website/layout.js'
import { pageHeaders } from '../functions/website/page-headers.js'
import { portalPath, sessionAreas, signedInPath, staffPath, startSession } from '../functions/website/staff/session.js'
import { type DevKey, signDevToken, signPartnerUserToken } from './dev-tokens.js'

const words = {
  fr: {
    title: 'Connexion de développement',
    note: 'Cette page n’existe que sous npm start : elle signe le même jeton que npm run token. En AWS, la connexion passe par Cognito.',
    role: 'Se connecter comme',
    admin: 'Personnel de la Région (admin)',
    reports: 'Lecture des rapports (reports)',
    partner: 'Une personne d’un partenaire (portail des partenaires)',
    partnerId: 'Partenaire',
    noPartners: 'Aucun partenaire enregistré : ajoutez-en un à une édition depuis l’espace Région.',
    submit: 'Se connecter',
  },
  en: {
    title: 'Development sign-in',
    note: 'This page exists only under npm start: it signs the same token as npm run token. In AWS, sign-in goes through Cognito.',
    role: 'Sign in as',
    admin: 'Région staff (admin)',
    reports: 'Reports reader (reports)',
    partner: 'One of a partner’s people (the partners’ portal)',
    partnerId: 'Partner',
    noPartners: 'No partner registered yet: add one to an edition from the staff pages.',
    submit: 'Sign in',
  },
}

const roles = ['admin', 'reports', 'partner'] as const
type Role = (typeof roles)[number]

type AppFetch = (request: Request, env?: unknown) => Response | Promise<Response>

/** The registered partners, as the partners report lists them (asked of the app itself). */
const registeredPartners = async (key: DevKey, app: AppFetch): Promise<Array<{ partnerId: string; name: string }>> => {
  const token = await signDevToken(key, { subject: 'local-sign-in', roles: ['reports'], expiresIn: '1m' })
  const response = await app(new Request('http://localhost/reports/partners', { headers: { Authorization: `Bearer ${token}` } }))
  if (!response.ok) return []
  const report = (await response.json()) as { partners?: Array<{ partnerId: string; name: string }> }
  return report.partners ?? []
}
// As long as the token it holds ('1h').
const lifetimeSeconds = 3600

/**
 * `GET|POST /staff/sign-in` under `npm start` and in the browser tests: pick a role (or a
 * registered partner, for one of its people), get the session cookie holding a token
 * `npm run token -- <role>` (or `-- partner <partnerId>`) would print: the back-office's,
 * or the portal's for a partner's user. It never ships: only local/start.ts (and the
 * tests) put it in front of the app.
 *
 * @example serve({ fetch: withDevSignIn(app, { key, assets }).fetch })
 */
export const devSignInRoutes = ({ key, assets, app }: { key: DevKey; assets: PageAssets; app: AppFetch }) =>
  new Hono()
    .use('/staff/sign-in', pageHeaders())
    .get('/staff/sign-in', async (c) => {
      const page = pageContext(c, assets)
      const w = words[page.lang]
      const next = signedInPath(c.req.query('next'))
      const partners = await registeredPartners(key, app)
      // Coming from the portal, a partner's user is the likely choice.
      const checked: Role = next.startsWith('/portal') && partners.length > 0 ? 'partner' : 'admin'
      const body = html`<h1>${w.title}</h1>
        <p>${w.note}</p>
        <form method="post" action="${page.href('/staff/sign-in')}">
          <input type="hidden" name="next" value="${next}" />
          <fieldset class="field">
            <legend>${w.role}</legend>
            ${roles.map(
              (role) => html`<div class="choice">
                <input type="radio" id="role-${role}" name="role" value="${role}"${role === checked ? html` checked` : ''} />
                <label for="role-${role}">${w[role]}</label>
              </div>`,
            )}
          </fieldset>
          ${partners.length === 0
            ? html`<p>${w.noPartners}</p>`
            : html`<div class="field">
                <label for="partner-id">${w.partnerId}</label>
                <select id="partner-id" name="partnerId">
                  ${partners.map((partner) => html`<option value="${partner.partnerId}">${partner.name} (${partner.partnerId})</option>`)}
                </select>
              </div>`}
          <button type="submit">${w.submit}</button>
        </form>`
      return c.html(layout(page, { title: w.title, body }))
    })
    .post('/staff/sign-in', async (c) => {
      const form = await c.req.parseBody()
      const role: Role = roles.find((known) => known === form.role) ?? 'admin'
      const next = typeof form.next === 'string' ? form.next : undefined
      if (role === 'partner') {
        // Only a registered partner's: the development sign-in binds no one to a made-up partner.
        const partners = await registeredPartners(key, app)
        const partner = partners.find(({ partnerId }) => partnerId === form.partnerId)
        if (!partner) return c.redirect('/staff/sign-in?next=/portal', 303)
        startSession(c, await signPartnerUserToken(key, partner.partnerId, '1h'), lifetimeSeconds, sessionAreas.portal)
        return c.redirect(portalPath(next), 303)
      }
      const token = await signDevToken(key, { subject: `local-${role}`, roles: [role], expiresIn: '1h' })
      startSession(c, token, lifetimeSeconds)
      return c.redirect(staffPath(next), 303)
    })

/**
 * The app with the development sign-in in front of it: `/staff/sign-in` is answered
 * here, every other request by the app itself.
 *
 * @example const server = serve({ fetch: withDevSignIn(app, { key, assets }).fetch, port })
 */
export const withDevSignIn = (
  app: { fetch: AppFetch },
  options: { key: DevKey; assets: PageAssets },
) =>
  new Hono()
    .route('/', devSignInRoutes({ ...options, app: (request) => app.fetch(request) }))
    .all('*', (c) => app.fetch(c.req.raw, c.env))
