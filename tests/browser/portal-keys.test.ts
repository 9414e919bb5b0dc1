import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signDevToken, signPartnerUserToken } from '../../local/dev-tokens.js'
import { testNow } from '../functions/http/api-harness.js'
import { localPolicy } from '../functions/webhooks/partner-world.js'
import { launchChromium } from './chromium.js'
import { pageServer, type PageServer } from './page-server.js'
import { check, newPage, nice, registerPartners, signIn, submit, text } from './portal-world.js'
import { eventSummary } from '../../functions/website/i18n/event-summaries.js'

/**
 * The portal's API keys and its refusals, in a real headless Chromium without JavaScript,
 * against the app on DynamoDB Local. A partner's user issues a key (shown once), reads the
 * Feed with it, replaces it (the new key shown once, with the old one's expiry; the old
 * one stops at once, as the page says) and revokes it. The API's refusals read in French:
 * the offending field named, never the API's English detail. Every state photographed and
 * checked by axe-core.
 */

let server: PageServer
let chromium: Awaited<ReturnType<typeof launchChromium>>
const timeout = 120_000
const french = 'fr-FR,fr;q=0.9'

const feedWith = async (apiKey: string) =>
  (await fetch(`${server.url}/feed`, { headers: { 'X-Api-Key': apiKey } })).status

/** The partner's keys as the API tells its own users. */
const keysOf = async (partnerId: string) => {
  const token = await signPartnerUserToken(server.key, partnerId)
  const response = await fetch(`${server.url}/partners/${partnerId}/keys`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  return ((await response.json()) as { keys: Array<{ keyId: string; notAfter?: string; status: string }> }).keys
}

/**
 * The keys table as the reader sees it: label, status, end date, and the key its forms act
 * on (none for a key that is over). Sorted by status: the API lists keys by id.
 */
const keyRows = async (page: Parameters<typeof text>[0]) =>
  (
    await page.$$eval('#keys tbody tr', (rows) =>
      rows.map((row) => {
        const cell = (selector: string) => row.querySelector(selector)?.textContent?.trim() ?? ''
        const action = row.querySelector('form[action$="/revoke"]')?.getAttribute('action') ?? ''
        return {
          label: cell('th'),
          status: cell('td.key-status'),
          expires: cell('td:nth-of-type(3)'),
          keyId: action.split('/')[3] ?? '',
        }
      }),
    )
  ).sort((a, b) => a.status.localeCompare(b.status))

/** The rows without the key ids, to compare with what the reader should see. */
const shown = async (page: Parameters<typeof text>[0]) =>
  (await keyRows(page)).map(({ keyId: _keyId, ...row }) => row)

beforeAll(async () => {
  server = await pageServer({ now: () => new Date(testNow), targetPolicy: localPolicy })
  await registerPartners(server)
  chromium = await launchChromium()
}, 240_000)

afterAll(async () => {
  await chromium?.close()
  await server?.close()
})

describe('a partner’s API key, issued, replaced and revoked from the portal', () => {
  it(
    'shows each new key once; the replacement keeps the expiry and the replaced key stops at once, as the page says',
    async () => {
      const page = await newPage(chromium, french)
      await signIn(server, page, nice)
      await Promise.all([page.waitForNavigation(), page.click('nav a[href="/portal/keys"]')])
      await check(page, 'portal-keys-empty-fr')

      // Issued: shown once, with its end date (the form's default, within a year).
      await page.type('#f-label', 'ERP')
      const expiry = await page.$eval('#f-expires', (input) => (input as HTMLInputElement).value)
      expect(await submit(page, 'form[action="/portal/keys"]')).toBe(201)
      const first = await text(page, '#api-key')
      expect(first).toMatch(/^dsk_/)
      expect(await text(page, '#api-key-expires')).toBe(expiry)
      expect(await page.$('#key-rotated')).toBeNull()
      expect(await feedWith(first)).toBe(200)
      await check(page, 'portal-key-issued-fr')

      // The page read again (a GET): the key is not on it any more.
      await Promise.all([page.waitForNavigation(), page.click('nav a[href="/portal/keys"]')])
      expect(await page.$('#api-key')).toBeNull()
      expect(await page.content()).not.toContain(first)
      expect(await shown(page)).toEqual([{ label: 'ERP', status: 'active', expires: expiry }])
      await check(page, 'portal-keys-listed-fr')

      // Replaced: the new key shown once, the same end date; the page says the old one stops now.
      const firstId = (await keyRows(page))[0]?.keyId ?? ''
      expect(await submit(page, `form[action="/portal/keys/${firstId}/rotate"]`)).toBe(201)
      const second = await text(page, '#api-key')
      expect(second).toMatch(/^dsk_/)
      expect(second).not.toBe(first)
      expect(await text(page, '#api-key-expires')).toBe(expiry)
      expect(await text(page, '#key-rotated')).toMatch(/^La clé remplacée ne fonctionne plus dès maintenant/)
      expect(await shown(page)).toEqual([
        { label: 'ERP', status: 'active', expires: expiry },
        { label: 'ERP', status: 'remplacée', expires: expiry },
      ])
      await check(page, 'portal-key-rotated-fr')
      // As the page said: the replaced key is refused now, the new one reads the Feed.
      expect(await feedWith(first)).toBe(401)
      expect(await feedWith(second)).toBe(200)
      // A rotation never extends: the API's record of the new key ends when the old one did.
      const keys = await keysOf(nice)
      expect(keys.find((key) => key.keyId === firstId)).toMatchObject({ status: 'revoked' })
      const replacement = keys.find((key) => key.keyId !== firstId)
      expect(replacement?.notAfter).toBe(`${expiry}T23:59:59.000Z`)

      await Promise.all([page.waitForNavigation(), page.click('nav a[href="/portal/keys"]')])
      expect(await page.content()).not.toContain(second)
      const secondId = (await keyRows(page)).find((row) => row.status === 'active')?.keyId ?? ''
      expect(secondId).not.toBe('')
      // The replaced key has no actions left: only the live one can be replaced or revoked.
      expect(await page.$(`form[action="/portal/keys/${firstId}/rotate"]`)).toBeNull()

      // Revoked: the page says so, and the key no longer opens the Feed.
      expect(await submit(page, `form[action="/portal/keys/${secondId}/revoke"]`)).toBe(200)
      expect(new URL(page.url()).searchParams.get('done')).toBe('revoked')
      expect(await text(page, '.notice.done')).toBe('Clé révoquée.')
      expect(await shown(page)).toEqual([
        { label: 'ERP', status: 'remplacée', expires: expiry },
        { label: 'ERP', status: 'révoquée', expires: expiry },
      ])
      expect(await feedWith(second)).toBe(401)
      await check(page, 'portal-key-revoked-fr')
    },
    timeout,
  )
})

describe('the portal’s refusals, in French', () => {
  it(
    'words a refused receiver URL and an unknown event type, naming the field, never with the API’s English',
    async () => {
      const page = await newPage(chromium, french)
      await signIn(server, page, nice)
      const create = 'form[action="/portal/subscriptions"]'
      const typeUrl = async (url: string) => {
        await page.$eval('#f-url', (input) => ((input as HTMLInputElement).value = ''))
        await page.type('#f-url', url)
      }

      // A private address: the target policy's refusal, worded, beside the field and in the notice.
      await typeUrl('https://10.0.0.1/hooks')
      expect(await submit(page, create)).toBe(422)
      expect(await text(page, '#refused p')).toBe('Refusé : Nous n’enverrons pas d’événements à cette adresse.')
      const notPublic =
        'Ce serveur n’est pas joignable sur Internet : son nom doit désigner des adresses publiques ' +
        'uniquement (pas de réseau privé ni local).'
      expect(await text(page, '#refused li[data-field="url"]')).toBe(`Adresse de réception (URL) : ${notPublic}`)
      expect(await text(page, '#f-url-error')).toBe(notPublic)
      expect(await page.$eval('#f-url', (input) => input.getAttribute('aria-invalid'))).toBe('true')
      expect(await text(page, 'main')).not.toMatch(/The URL|must name a host/)
      await check(page, 'portal-refused-private-address-fr')

      // A port no receiver may use: the ports it may use, named.
      await typeUrl('https://hooks.example:22/x')
      expect(await submit(page, create)).toBe(422)
      expect(await text(page, '#f-url-error')).toBe(
        'Ce port n’est pas accepté : le récepteur doit écouter sur le port 443 ou 8443.',
      )
      await check(page, 'portal-refused-port-fr')

      // An event type partners do not receive (a crafted choice): the schema's refusal, worded.
      await typeUrl('https://hooks.example/x')
      await page.$eval('input[name="types"][value="award.won"]', (input) => {
        input.value = 'application.submitted'
        input.checked = true
      })
      expect(await submit(page, create)).toBe(400)
      expect(await text(page, '#refused p')).toBe('Refusé : Certains champs sont à corriger.')
      expect(await text(page, '#refused li[data-field="types"]')).toBe(
        'Types d’événements : Choisissez les types d’événements dans le catalogue.',
      )
      expect(await text(page, 'main')).not.toMatch(/Invalid option|expected one of/i)
      await check(page, 'portal-refused-event-type-fr')
      // What each type means, in French on the French page (no English left to mark).
      const hints = await page.$$eval('input[name="types"] ~ .hint', (all) =>
        all.map((hint) => ({ lang: hint.getAttribute('lang'), text: hint.textContent?.trim() })),
      )
      const types = await page.$$eval('input[name="types"]', (inputs) => inputs.map((input) => input.value))
      expect(hints.length).toBeGreaterThan(5)
      expect(hints).toEqual(types.map((type) => ({ lang: null, text: eventSummary(type, 'fr') })))
      expect(await page.$eval('html', (root) => root.getAttribute('lang'))).toBe('fr')
    },
    timeout,
  )

  it(
    'words a key already replaced, when a page left open offers to replace it again',
    async () => {
      const page = await newPage(chromium, french)
      await signIn(server, page, nice)
      await page.goto(`${server.url}/portal/keys`)
      await page.type('#f-label', 'Tableau de bord')
      expect(await submit(page, 'form[action="/portal/keys"]')).toBe(201)
      const keyId = (await keyRows(page)).find((row) => row.label === 'Tableau de bord')?.keyId ?? ''
      expect(keyId).not.toBe('')

      // The same person's second tab, opened before the key is replaced in the first.
      const stale = await page.browserContext().newPage()
      await stale.setJavaScriptEnabled(false)
      await stale.setExtraHTTPHeaders({ 'Accept-Language': french })
      await stale.goto(`${server.url}/portal/keys`)
      expect(await submit(page, `form[action="/portal/keys/${keyId}/rotate"]`)).toBe(201)

      expect(await submit(stale, `form[action="/portal/keys/${keyId}/rotate"]`)).toBe(409)
      expect(await text(stale, '#refused p')).toBe(
        'Refusé : Cette clé a déjà été révoquée ou remplacée : rechargez la page pour voir les clés en vigueur.',
      )
      expect(await text(stale, 'main')).not.toContain('already revoked')
      expect(await stale.$('#api-key')).toBeNull()
      await check(stale, 'portal-refused-key-replaced-fr')
    },
    timeout,
  )
})

describe('the portal’s error pages, photographed and checked by axe-core', () => {
  it(
    'a staff session, a form sent after the session ended, an unknown subscription and an unknown key',
    async () => {
      // Staff have no portal: the page says who it is for.
      const staff = await newPage(chromium, french)
      const staffToken = await signDevToken(server.key, { subject: 'staff-1', roles: ['admin'] })
      await staff.setCookie({ name: 'portal_session', value: staffToken, url: server.url })
      expect((await staff.goto(`${server.url}/portal`))?.status()).toBe(403)
      expect(await text(staff, 'main')).toContain('Ce portail est réservé aux personnes d’un partenaire')
      await check(staff, 'portal-forbidden-staff-fr')

      const page = await newPage(chromium, french)
      await signIn(server, page, nice)
      // A subscription that is not there (or not this partner's).
      expect((await page.goto(`${server.url}/portal/subscriptions/no-such-subscription`))?.status()).toBe(404)
      expect(await text(page, 'main')).toContain('Cet abonnement n’existe pas, ou n’est pas le vôtre.')
      await check(page, 'portal-subscription-not-found-fr')

      // A key that is not there: the keys page says so in French.
      await page.goto(`${server.url}/portal/keys`)
      await page.type('#f-label', 'Éphémère')
      expect(await submit(page, 'form[action="/portal/keys"]')).toBe(201)
      await page.$eval('#keys form[action$="/revoke"]', (form) =>
        form.setAttribute('action', '/portal/keys/0123456789abcdef01234567/revoke'),
      )
      expect(await submit(page, '#keys form[action="/portal/keys/0123456789abcdef01234567/revoke"]')).toBe(404)
      expect(await text(page, '#refused p')).toBe('Refusé : Cette clé n’existe pas, ou n’est pas la vôtre.')
      await check(page, 'portal-key-not-found-fr')

      // The session ended while the page was open: the form is refused, and the page says to sign in again.
      await page.deleteCookie({ name: 'portal_session', url: server.url })
      expect(await submit(page, 'form[action="/portal/keys"]')).toBe(401)
      expect(await text(page, 'h1')).toBe('Connexion au portail des partenaires')
      expect(await text(page, 'main')).toContain('Votre session a pris fin : rien n’a été fait.')
      expect(await page.$eval('main a', (link) => link.getAttribute('href'))).toBe('/portal/sign-in')
      await check(page, 'portal-session-ended-fr')
    },
    timeout,
  )
})

describe('what a portal action says when it had nothing to do', () => {
  it(
    'a redrive with no dead letters says there was nothing to send again',
    async () => {
      const token = await signPartnerUserToken(server.key, nice)
      const created = await fetch(`${server.url}/subscriptions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: 'http://127.0.0.1:9/nothing-to-redrive' }),
      })
      expect(created.status).toBe(201)
      const { id } = (await created.json()) as { id: string }
      const page = await newPage(chromium, french)
      await signIn(server, page, nice)
      await page.goto(`${server.url}/portal/subscriptions/${id}`)
      expect(await submit(page, 'form[action$="/redrive"]')).toBe(200)
      expect(await text(page, '.notice.done')).toBe('Aucun envoi en échec définitif : rien à renvoyer.')
      await check(page, 'portal-redrive-nothing-fr')
    },
    timeout,
  )
})
