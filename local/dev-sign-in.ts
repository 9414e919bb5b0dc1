import { Hono } from 'hono'
import { html } from 'hono/html'
import type { PageAssets } from '../functions/website/assets.js'
import { layout, pageContext } from '../functions/website/layout.js'
import { pageHeaders } from '../functions/website/page-headers.js'
import { staffPath, startSession } from '../functions/website/staff/session.js'
import { type DevKey, signDevToken } from './dev-tokens.js'

const words = {
  fr: {
    title: 'Connexion de développement',
    note: 'Cette page n’existe que sous npm start : elle signe le même jeton que npm run token. En AWS, la connexion passe par Cognito.',
    role: 'Se connecter comme',
    admin: 'Personnel de la Région (admin)',
    reports: 'Lecture des rapports (reports)',
    submit: 'Se connecter',
  },
  en: {
    title: 'Development sign-in',
    note: 'This page exists only under npm start: it signs the same token as npm run token. In AWS, sign-in goes through Cognito.',
    role: 'Sign in as',
    admin: 'Région staff (admin)',
    reports: 'Reports reader (reports)',
    submit: 'Sign in',
  },
}

const roles = ['admin', 'reports'] as const
type Role = (typeof roles)[number]
// As long as the token it holds ('1h').
const lifetimeSeconds = 3600

/**
 * `GET|POST /staff/sign-in` under `npm start` and in the browser tests: pick a role, get
 * the session cookie holding a token `npm run token -- <role>` would print. It never
 * ships: only local/start.ts (and the tests) put it in front of the app.
 *
 * @example serve({ fetch: withDevSignIn(app, { key, assets }).fetch })
 */
export const devSignInRoutes = ({ key, assets }: { key: DevKey; assets: PageAssets }) =>
  new Hono()
    .use('/staff/sign-in', pageHeaders())
    .get('/staff/sign-in', (c) => {
      const page = pageContext(c, assets)
      const w = words[page.lang]
      const next = staffPath(c.req.query('next'))
      const body = html`<h1>${w.title}</h1>
        <p>${w.note}</p>
        <form method="post" action="${page.href('/staff/sign-in')}">
          <input type="hidden" name="next" value="${next}" />
          <fieldset class="field">
            <legend>${w.role}</legend>
            ${roles.map(
              (role, index) => html`<div class="choice">
                <input type="radio" id="role-${role}" name="role" value="${role}"${index === 0 ? html` checked` : ''} />
                <label for="role-${role}">${w[role]}</label>
              </div>`,
            )}
          </fieldset>
          <button type="submit">${w.submit}</button>
        </form>`
      return c.html(layout(page, { title: w.title, body }))
    })
    .post('/staff/sign-in', async (c) => {
      const form = await c.req.parseBody()
      const role: Role = roles.find((known) => known === form.role) ?? 'admin'
      const token = await signDevToken(key, { subject: `local-${role}`, roles: [role], expiresIn: '1h' })
      startSession(c, token, lifetimeSeconds)
      return c.redirect(staffPath(typeof form.next === 'string' ? form.next : undefined), 303)
    })

/**
 * The app with the development sign-in in front of it: `/staff/sign-in` is answered
 * here, every other request by the app itself.
 *
 * @example const server = serve({ fetch: withDevSignIn(app, { key, assets }).fetch, port })
 */
export const withDevSignIn = (
  app: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> },
  options: { key: DevKey; assets: PageAssets },
) => new Hono().route('/', devSignInRoutes(options)).all('*', (c) => app.fetch(c.req.raw, c.env))
