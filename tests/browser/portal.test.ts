import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { partnerEventTypes } from '../../functions/contract/event-catalogue.js'
import { exampleWebhookBody } from '../../functions/contract/webhook-examples.js'
import { signDevToken, signPartnerUserToken } from '../../local/dev-tokens.js'
import { testNow } from '../functions/http/api-harness.js'
import { createDynamoFeed } from '../../functions/feed/dynamo-feed.js'
import { createDeliverer } from '../../functions/webhooks/delivery/deliverer.js'
import { createWebhookSender } from '../../functions/webhooks/delivery/http-sender.js'
import { createDispatcher } from '../../functions/webhooks/dispatch/dispatcher.js'
import { createWebhookStores } from '../../functions/webhooks/services.js'
import { fakeClock, startReceiver, verifyAsReceived } from '../functions/webhooks/fixtures.js'
import { localPolicy } from '../functions/webhooks/partner-world.js'
import { launchChromium } from './chromium.js'
import { pageServer, type PageServer } from './page-server.js'
import { check, newPage, nice, registerPartners, signIn, toulon } from './portal-world.js'

/**
 * The partners' portal in a real headless Chromium, without JavaScript (the pages need
 * none), against the app on DynamoDB Local: a partner's user signs in with the
 * development sign-in, subscribes a receiver this test hosts, is shown the secret once,
 * sends a test event the receiver verifies with that secret, sees it in the log, pauses
 * and resumes; another partner's user can neither see nor change it, by page or by a
 * crafted request. Every page checked by axe-core and photographed.
 */

let server: PageServer
let chromium: Awaited<ReturnType<typeof launchChromium>>
let receiver: Awaited<ReturnType<typeof startReceiver>>
let admin: Record<string, string> = {}
const timeout = 120_000
/** The API's clock, which signs the webhooks' timestamps: the receivers' and the deliverer's too. */
const time = fakeClock(testNow)
const clock = time.clock

const text = (page: Page, selector: string) =>
  page.$eval(selector, (element) => element.textContent?.trim() ?? '')

/** A POST as a browser of this origin would send it, with a portal session of `token`. */
const craftedPost = (path: string, token: string, form: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Cookie: `portal_session=${token}`,
      'Sec-Fetch-Site': 'same-origin',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form),
  })

/** The subscriptions a partner has, as the API tells its own users. */
const subscriptionsOf = async (partnerId: string) => {
  const token = await signPartnerUserToken(server.key, partnerId)
  const response = await fetch(`${server.url}/subscriptions`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  return (
    (await response.json()) as {
      subscriptions: Array<{ id: string; url: string; paused: boolean }>
    }
  ).subscriptions
}

beforeAll(async () => {
  server = await pageServer({ now: clock, targetPolicy: localPolicy })
  admin = {
    Authorization: `Bearer ${await server.token(['admin'])}`,
    'Content-Type': 'application/json',
  }
  await registerPartners(server)
  receiver = await startReceiver(() => 204, clock)
  chromium = await launchChromium()
}, 240_000)

afterAll(async () => {
  await chromium?.close()
  await receiver?.close()
  await server?.close()
})

describe('the partners’ portal, in Chromium without JavaScript', () => {
  let subscriptionId = ''
  let secret = ''

  it(
    'a partner’s user signs in, subscribes a receiver, is shown the secret once, and a test event arrives signed with it',
    async () => {
      const page = await newPage(chromium, 'fr-FR,fr;q=0.9')
      await signIn(server, page, nice)
      await check(page, 'portal-subscriptions-empty')
      expect(await text(page, 'h1')).toBe('Abonnements webhook')
      // The catalogue's types, each with its summary; the editions to filter on.
      const types = await page.$$eval('input[name="types"]', (inputs) =>
        inputs.map((input) => input.value),
      )
      expect(types).toContain('award.won')
      expect(types).toContain('partner.joined')
      expect(types).not.toContain('application.submitted')

      // A refused URL: the API's reason beside the field, what was typed kept.
      await page.type('#f-url', 'ftp://nowhere.example/x')
      await Promise.all([
        page.waitForNavigation(),
        page.click('form[action="/portal/subscriptions"] button'),
      ])
      expect(await page.$('.notice.refused')).not.toBeNull()
      expect(await page.$eval('#f-url', (input) => (input as HTMLInputElement).value)).toBe(
        'ftp://nowhere.example/x',
      )
      await check(page, 'portal-subscriptions-refused')

      await page.$eval('#f-url', (input) => ((input as HTMLInputElement).value = ''))
      await page.type('#f-url', receiver.url)
      await page.click('input[name="types"][value="partner.joined"]')
      await page.click('input[name="types"][value="award.won"]')
      await page.select('#f-edition', 'ces-2020')
      await Promise.all([
        page.waitForNavigation(),
        page.click('form[action="/portal/subscriptions"] button'),
      ])
      expect(await text(page, 'h1')).toBe('Abonnement créé')
      secret = await text(page, '#signing-secret')
      expect(secret).toMatch(/^whsec_/)
      await check(page, 'portal-secret-once')

      const [created] = await subscriptionsOf(nice)
      expect(created).toMatchObject({
        url: receiver.url,
        types: ['award.won', 'partner.joined'],
        editionId: 'ces-2020',
      })
      subscriptionId = created?.id ?? ''

      await Promise.all([
        page.waitForNavigation(),
        page.click('main a[href^="/portal/subscriptions/"]'),
      ])
      expect(new URL(page.url()).pathname).toBe(`/portal/subscriptions/${subscriptionId}`)
      // The secret is never shown again.
      expect(await page.content()).not.toContain(secret)
      await Promise.all([page.waitForNavigation(), page.click(`form[action$="/test"] button`)])
      expect(await text(page, '.notice.done')).toContain('Événement de test envoyé')
      expect(await text(page, '#tests tbody tr td')).toBe('reçu')
      expect(await text(page, '#tests tbody tr td.num')).toBe('204')
      await check(page, 'portal-subscription-tested')

      expect(receiver.requests).toHaveLength(1)
      const [received] = receiver.requests
      expect(verifyAsReceived(secret, received!)).toMatchObject({
        type: 'subscription.tested',
        data: { subscriptionId },
      })
      // The page's secret verifies it, and no other does.
      expect(() =>
        verifyAsReceived(`whsec_${Buffer.from('not the secret').toString('base64')}`, received!),
      ).toThrow()
    },
    timeout,
  )

  it(
    'shows the catalogue from the contract: every type partners receive, its fields and an example body',
    async () => {
      const page = await newPage(chromium, 'en-GB,en;q=0.9')
      await signIn(server, page, nice)
      await Promise.all([page.waitForNavigation(), page.click('nav a[href="/portal/catalogue"]')])
      expect(await text(page, 'h1')).toBe('Event catalogue')
      const shown = await page.$$eval('main section h2', (headings) =>
        headings.map((h) => h.textContent?.trim()),
      )
      expect(shown).toEqual([...partnerEventTypes, 'subscription.tested'])
      const award = await text(page, 'section[aria-labelledby="award.won"]')
      expect(award).toContain('Fields sent:')
      const bodyShown = await page.$eval(
        'section[aria-labelledby="award.won"] pre',
        (pre) => JSON.parse(pre.textContent ?? '') as unknown,
      )
      expect(bodyShown).toEqual(exampleWebhookBody('award.won'))
      expect(await text(page, 'main')).not.toContain('application.submitted')
      await check(page, 'portal-catalogue-en')
    },
    timeout,
  )

  it(
    'pauses and resumes, in English, and the page says where it stands',
    async () => {
      const page = await newPage(chromium, 'en-GB,en;q=0.9')
      await signIn(server, page, nice)
      await page.goto(`${server.url}/portal/subscriptions/${subscriptionId}`)
      await Promise.all([page.waitForNavigation(), page.click(`form[action$="/pause"] button`)])
      expect(await text(page, '#subscription-status')).toBe('paused')
      expect((await subscriptionsOf(nice))[0]?.paused).toBe(true)
      await check(page, 'portal-subscription-paused-en')
      await Promise.all([page.waitForNavigation(), page.click(`form[action$="/resume"] button`)])
      expect(await text(page, '#subscription-status')).toBe('active')
      expect((await subscriptionsOf(nice))[0]?.paused).toBe(false)
      await Promise.all([
        page.waitForNavigation(),
        page.select('#f-filter', 'dead'),
        page.click('form.filters button'),
      ])
      expect(new URL(page.url()).searchParams.get('filter')).toBe('dead')
      expect(await text(page, 'main')).toContain('No deliveries.')

      // A new secret, shown once; the previous one signs too for a day, so the receiver may switch.
      await Promise.all([page.waitForNavigation(), page.click(`form[action$="/rotate"] button`)])
      expect(await text(page, 'h1')).toBe('New signing secret')
      const rotated = await text(page, '#signing-secret')
      expect(rotated).toMatch(/^whsec_/)
      expect(rotated).not.toBe(secret)
      await check(page, 'portal-secret-rotated-en')
      await page.goto(`${server.url}/portal/subscriptions/${subscriptionId}`)
      await Promise.all([page.waitForNavigation(), page.click(`form[action$="/test"] button`)])
      const tested = receiver.requests.at(-1)
      expect(verifyAsReceived(rotated, tested!)).toMatchObject({ type: 'subscription.tested' })
      expect(verifyAsReceived(secret, tested!)).toMatchObject({ type: 'subscription.tested' })
    },
    timeout,
  )

  it(
    'another partner’s user sees none of it, and cannot change it by page or by a crafted request',
    async () => {
      const page = await newPage(chromium, 'fr-FR,fr;q=0.9')
      await signIn(server, page, toulon)
      expect(await text(page, 'main')).toContain('Aucun abonnement pour l’instant.')
      expect(await page.content()).not.toContain(receiver.url)
      const response = await page.goto(`${server.url}/portal/subscriptions/${subscriptionId}`)
      expect(response?.status()).toBe(404)
      expect(await page.content()).not.toContain(receiver.url)
      await check(page, 'portal-other-partner-404')

      const toulonUser = await signPartnerUserToken(server.key, toulon)
      for (const action of ['pause', 'test', 'redrive', 'rotate', 'delete']) {
        const crafted = await craftedPost(
          `/portal/subscriptions/${subscriptionId}/${action}`,
          toulonUser,
        )
        expect(crafted.status, action).toBe(404)
      }
      const [still] = await subscriptionsOf(nice)
      expect(still).toMatchObject({ id: subscriptionId, paused: false })
      // The two test events Nice sent (before and after its rotation), none for Toulon.
      expect(receiver.requests).toHaveLength(2)
    },
    timeout,
  )

  it(
    'opens to a partner’s user only: no session goes to the sign-in, a staff token or another site’s post is refused',
    async () => {
      const signedOut = await fetch(`${server.url}/portal`, { redirect: 'manual' })
      expect(signedOut.status).toBe(303)
      expect(signedOut.headers.get('location')).toBe('/portal/sign-in?next=%2Fportal')
      const staff = await signDevToken(server.key, { subject: 'staff-1', roles: ['admin'] })
      const asStaff = await fetch(`${server.url}/portal`, {
        headers: { Cookie: `portal_session=${staff}` },
      })
      expect(asStaff.status).toBe(403)
      const niceUser = await signPartnerUserToken(server.key, nice)
      const fromElsewhere = await fetch(
        `${server.url}/portal/subscriptions/${subscriptionId}/pause`,
        {
          method: 'POST',
          redirect: 'manual',
          headers: { Cookie: `portal_session=${niceUser}`, 'Sec-Fetch-Site': 'cross-site' },
        },
      )
      expect(fromElsewhere.status).toBe(403)
      expect((await subscriptionsOf(nice))[0]?.paused).toBe(false)
      // The portal's own pages: this origin's assets only, no inline script, no framing.
      const own = await fetch(`${server.url}/portal`, {
        headers: { Cookie: `portal_session=${niceUser}` },
      })
      expect(own.status).toBe(200)
      const csp = own.headers.get('content-security-policy') ?? ''
      expect(csp).toContain(`script-src 'self'`)
      expect(csp).toContain(`frame-ancestors 'none'`)
      expect(await own.text()).not.toMatch(/<script(?![^>]*\bsrc=)/)
      // The portal's session is not the back-office's.
      const staffPage = await fetch(`${server.url}/staff`, {
        redirect: 'manual',
        headers: { Cookie: `staff_session=${niceUser}` },
      })
      expect(staffPage.status).toBe(403)
    },
    timeout,
  )

  it(
    'deletes, and the subscription is gone from the list and the API',
    async () => {
      const page = await newPage(chromium, 'fr-FR,fr;q=0.9')
      await signIn(server, page, nice)
      await page.goto(`${server.url}/portal/subscriptions/${subscriptionId}`)
      await Promise.all([page.waitForNavigation(), page.click(`form[action$="/delete"] button`)])
      expect(new URL(page.url()).pathname).toBe('/portal')
      expect(await text(page, '.notice.done')).toBe('Abonnement supprimé.')
      expect(await subscriptionsOf(nice)).toEqual([])
    },
    timeout,
  )
})

/**
 * The deliverer's side, as its schedule would run it: the Feed's new events dispatched to
 * the subscriptions, then every delivery attempted until none is pending, the clock jumping
 * to the next one due when a run posts nothing (tests/functions/webhooks/partner-world.ts).
 */
const webhookWorker = () => {
  const { doc, names } = server.tables
  const stores = createWebhookStores({ doc, table: names.partners })
  const dispatcher = createDispatcher({
    feed: createDynamoFeed({ doc, table: names.feed }),
    ...stores,
    clock,
  })
  const deliverer = createDeliverer({
    ...stores,
    send: createWebhookSender({ policy: localPolicy, timeoutMs: 2_000 }),
    clock,
    random: () => 0.5,
  })
  return {
    dispatch: async () => {
      await server.catchUp()
      await dispatcher.run()
    },
    drain: async (subscriptionId: string) => {
      for (let run = 1; run <= 60; run += 1) {
        const { delivered, failed, dead } = await deliverer.run()
        const { deliveries } = await stores.deliveries.log(subscriptionId, { limit: 200 })
        const pending = deliveries.filter((delivery) => delivery.status === 'pending')
        if (pending.length === 0) return
        if (delivered + failed + dead > 0) continue
        time.set(
          new Date(
            Math.min(...pending.map((delivery) => Date.parse(delivery.nextAttemptAt ?? ''))),
          ),
        )
      }
      throw new Error('deliveries still pending after 60 runs')
    },
  }
}

describe('the partner’s API keys, from the portal', () => {
  const feedWith = async (apiKey: string) =>
    (await fetch(`${server.url}/feed`, { headers: { 'X-Api-Key': apiKey } })).status

  it(
    'issues a key shown once that reads the feed, which the other partner cannot revoke, and revokes it',
    async () => {
      const page = await newPage(chromium, 'fr-FR,fr;q=0.9')
      await signIn(server, page, nice)
      await Promise.all([page.waitForNavigation(), page.click('nav a[href="/portal/keys"]')])
      expect(await text(page, 'main')).toContain('Aucune clé.')
      await page.type('#f-label', 'Intranet')
      await Promise.all([
        page.waitForNavigation(),
        page.click('form[action="/portal/keys"] button'),
      ])
      const apiKey = await text(page, '#api-key')
      expect(await feedWith(apiKey)).toBe(200)
      expect(await text(page, '#keys tbody th')).toBe('Intranet')
      await check(page, 'portal-key-issued')
      const keyId =
        (
          await page.$eval('#keys form[action$="/revoke"]', (form) => form.getAttribute('action'))
        )?.split('/')[3] ?? ''
      // Reading the list again (a GET: a reload would post the form again, issuing another key).
      await page.goto(`${server.url}/portal/keys`)
      expect(await page.$$eval('#keys tbody tr', (rows) => rows.length)).toBe(1)
      expect(await page.content()).not.toContain(apiKey)

      // Toulon's user, by a crafted post: not its key.
      const toulonUser = await signPartnerUserToken(server.key, toulon)
      expect((await craftedPost(`/portal/keys/${keyId}/revoke`, toulonUser)).status).toBe(404)
      expect(await feedWith(apiKey)).toBe(200)

      await Promise.all([
        page.waitForNavigation(),
        page.click(`#keys form[action="/portal/keys/${keyId}/revoke"] button`),
      ])
      expect(await text(page, '.notice.done')).toBe('Clé révoquée.')
      expect(await feedWith(apiKey)).toBe(401)
    },
    timeout,
  )
})

describe('staff invite a partner’s people from the back-office', () => {
  it(
    'the edition page has a form per partner; the invitation is made and the page says so',
    async () => {
      const page = await newPage(chromium, 'fr-FR,fr;q=0.9')
      await page.goto(`${server.url}/staff/editions/ces-2020`)
      await page.click('#role-admin')
      await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')])
      const form = `form[action="/staff/editions/ces-2020/partners/${toulon}/users"]`
      await page.type(`${form} input[name="email"]`, 'claire@toulon.example')
      await Promise.all([page.waitForNavigation(), page.click(`${form} button`)])
      expect(await text(page, '.notice.done')).toContain('Invitation envoyée')
      await check(page, 'staff-invite-partner-user')
      const listed = await fetch(`${server.url}/partners/${toulon}/users`, { headers: admin })
      expect(
        ((await listed.json()) as { users: Array<{ email: string; partnerId: string }> }).users,
      ).toMatchObject([{ email: 'claire@toulon.example', partnerId: toulon }])
    },
    timeout,
  )
})

describe('the delivery log and the redrive of dead letters, from the portal', () => {
  it(
    'a receiver that fails is retried then dead-lettered, the log says so attempt by attempt, and the redrive from the page delivers it',
    async () => {
      let failing = true
      const flaky = await startReceiver(() => (failing ? 500 : 204), clock)
      try {
        const page = await newPage(chromium, 'fr-FR,fr;q=0.9')
        await signIn(server, page, nice)
        await page.type('#f-url', flaky.url)
        await page.click('input[name="types"][value="partner.joined"]')
        await page.select('#f-edition', 'ces-2020')
        await Promise.all([
          page.waitForNavigation(),
          page.click('form[action="/portal/subscriptions"] button'),
        ])
        const secret = await text(page, '#signing-secret')
        const subscription = (await subscriptionsOf(nice)).find((s) => s.url === flaky.url)
        const id = subscription?.id ?? ''

        // An event the subscription takes: a partner joins CES 2020.
        const joined = await fetch(`${server.url}/editions/ces-2020/partners`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({
            partnerId: 'aix',
            name: 'Pays d’Aix',
            kind: 'agglomeration',
            contribution: 'Un stand',
          }),
        })
        expect(joined.status).toBe(201)
        const worker = webhookWorker()
        await worker.dispatch()
        await worker.drain(id)
        const attempts = flaky.requests.length
        expect(attempts).toBeGreaterThan(1)
        expect(flaky.requests.every((request) => request.answer === 500)).toBe(true)

        await page.goto(`${server.url}/portal/subscriptions/${id}?filter=dead`)
        const rows = await page.$$eval('#deliveries tbody tr', (trs) =>
          trs.map((tr) => ({
            type: tr.querySelector('code')?.textContent,
            status: tr.querySelectorAll('td')[1]?.textContent?.trim(),
            attempts: tr.querySelectorAll('li').length,
            text: tr.textContent ?? '',
          })),
        )
        expect(rows).toHaveLength(1)
        expect(rows[0]).toMatchObject({
          type: 'partner.joined',
          status: 'échec définitif',
          attempts,
        })
        expect(rows[0]?.text).toContain('HTTP 500')
        await check(page, 'portal-dead-letters')
        await page.goto(`${server.url}/portal/subscriptions/${id}?filter=failed`)
        expect(await page.$$eval('#deliveries tbody tr', (trs) => trs.length)).toBe(1)

        failing = false
        await Promise.all([page.waitForNavigation(), page.click('form[action$="/redrive"] button')])
        expect(await text(page, '.notice.done')).toBe(
          'Les envois en échec définitif sont renvoyés.',
        )
        await worker.drain(id)
        const last = flaky.requests.at(-1)
        expect(last?.answer).toBe(204)
        expect(verifyAsReceived(secret, last!)).toMatchObject({
          type: 'partner.joined',
          data: { streamId: 'edition-ces-2020', data: { partnerId: 'aix', editionId: 'ces-2020' } },
        })

        await page.goto(`${server.url}/portal/subscriptions/${id}`)
        const after = await page.$$eval('#deliveries tbody tr td', (tds) =>
          tds.map((td) => td.textContent?.trim() ?? ''),
        )
        expect(after[1]).toBe('reçu')
        expect(after[2]).toContain('HTTP 204')
        await page.goto(`${server.url}/portal/subscriptions/${id}?filter=dead`)
        expect(await text(page, 'main')).toContain('Aucun envoi.')
        await check(page, 'portal-redriven')

        // A replay from the event before that one (by its number, `sequence`, as the log
        // shows it): the page says what it will send, then sends that.
        await page.goto(`${server.url}/portal/subscriptions/${id}`)
        const sequence = Number(await text(page, '#deliveries tbody th'))
        expect(sequence).toBeGreaterThan(0)
        await page.type('#f-after', String(sequence - 1))
        await Promise.all([page.waitForNavigation(), page.click('form[action$="/replay"] button')])
        expect(await text(page, '#replay-count')).toBe(
          `1 envoi(s), parmi les événements n° ${sequence} à ${sequence} :`,
        )
        expect(await text(page, 'main')).not.toMatch(/position/i)
        expect(await text(page, '#replay-types')).toBe('partner.joined : 1')
        await check(page, 'portal-replay-preview')
        const before = flaky.requests.length
        await Promise.all([
          page.waitForNavigation(),
          page.click('form[method="post"][action$="/replay"] button'),
        ])
        expect(await text(page, '.notice.done')).toContain('1 envoi(s) recréé(s)')
        await worker.drain(id)
        const replayed = flaky.requests.slice(before)
        expect(replayed).toHaveLength(1)
        expect(replayed[0]?.headers['webhook-id']).not.toBe(last?.headers['webhook-id'])
        expect(verifyAsReceived(secret, replayed[0]!)).toMatchObject({
          type: 'partner.joined',
          data: { sequence, data: { partnerId: 'aix' } },
          replay: {},
        })
      } finally {
        await flaky.close()
      }
    },
    timeout,
  )
})
