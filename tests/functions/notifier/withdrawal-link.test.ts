import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applicationBody, validSiret } from '../../fixtures/requests.js'
import { notifierWorld, type NotifierWorld } from './notifier-world.js'

/**
 * The way to withdraw in the *application received* message: a link signed for its
 * application (an HMAC of its id under the programme's key), followed for real against
 * the API's pages. It withdraws its application, in the language of the message; another
 * application's link, a tampered one, or one signed by another key does not.
 */
describe('the withdrawal link of the application received message', () => {
  let world: NotifierWorld
  const apps: Record<'fr' | 'en' | 'other', { applicationId: string; withdrawalToken: string }> = {
    fr: { applicationId: '', withdrawalToken: '' },
    en: { applicationId: '', withdrawalToken: '' },
    other: { applicationId: '', withdrawalToken: '' },
  }
  const linkFor = (applicationId: string) => {
    const receipt = world.catcher.messages.find((m) => m.text.includes(applicationId))
    // The button's address, written out on its own line in the plain-text part.
    const link = new RegExp(`^(${world.baseUrl}/applications/\\S+/withdraw\\?\\S+)$`, 'm').exec(
      receipt?.text ?? '',
    )?.[1]
    if (!link) throw new Error(`no withdrawal link for ${applicationId}`)
    return new URL(link)
  }
  /** Follows a link as a person does: the page asks, its form's POST withdraws. */
  const follow = async (link: URL) => {
    const page = await fetch(link)
    const html = await page.text()
    const field = (name: string) =>
      new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? ''
    const form = new URLSearchParams({
      token: field('token'),
      idempotencyKey: field('idempotencyKey'),
      answer: 'withdraw',
    })
    const posted = await fetch(
      new URL(`${link.pathname}?lang=${link.searchParams.get('lang') ?? 'fr'}`, link),
      {
        method: 'POST',
        body: form,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      },
    )
    return {
      page: { status: page.status, html },
      posted: { status: posted.status, html: await posted.text() },
    }
  }
  const statusOf = async (applicationId: string) =>
    (await world.harness.store.readStream(`application-${applicationId}`)).map((e) => e.type).at(-1)

  beforeAll(async () => {
    world = await notifierWorld()
    const apply = async (seed: number, extra: Record<string, unknown> = {}) => {
      const answer = await world.api.public(
        'POST',
        '/editions/ces-2020/applications',
        applicationBody(validSiret(seed), extra),
      )
      expect(answer.status, answer.text).toBe(201)
      return answer.json()
    }
    apps.fr = await apply(2201, {
      contact: { name: 'Inès Martin', email: 'ines@calanques.example' },
    })
    apps.en = await apply(2202, {
      contact: { name: 'Paul Aubert', email: 'paul@lavande.example' },
      language: 'en',
    })
    apps.other = await apply(2203, { contact: { name: 'Léa Roux', email: 'lea@mistral.example' } })
    expect(await world.notify()).toMatchObject({ sent: 3 })
  }, 60_000)
  afterAll(() => world?.close())

  it('is signed for its application, not the token shown on the confirmation page (whose hash alone is stored)', () => {
    const link = linkFor(apps.fr.applicationId)
    expect(link.pathname).toBe(`/applications/${apps.fr.applicationId}/withdraw`)
    expect(link.searchParams.get('token')).toMatch(/^w1\.[A-Za-z0-9_-]{43}$/)
    expect(link.searchParams.get('token')).not.toBe(apps.fr.withdrawalToken)
    expect(link.searchParams.get('lang')).toBe('fr')
    expect(linkFor(apps.en.applicationId).searchParams.get('lang')).toBe('en')
  })

  it('refuses a tampered link, and another application’s, changing nothing', async () => {
    const link = linkFor(apps.fr.applicationId)
    const token = link.searchParams.get('token') ?? ''
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    const tampered = new URL(link)
    tampered.searchParams.set('token', flipped)
    expect((await follow(tampered)).posted.status).toBe(403)
    // The other application's link, on this application's page, and through the API.
    const borrowed = new URL(link)
    borrowed.searchParams.set(
      'token',
      linkFor(apps.other.applicationId).searchParams.get('token') ?? '',
    )
    const refused = await follow(borrowed)
    expect(refused.posted.status).toBe(403)
    expect(refused.posted.html).toContain('Ce lien de retrait n’est pas valide')
    const api = await world.api.public(
      'POST',
      `/applications/${apps.fr.applicationId}/withdrawal`,
      {
        token: linkFor(apps.other.applicationId).searchParams.get('token'),
      },
    )
    expect(api.status).toBe(403)
    expect(api.json()).toMatchObject({ type: '/problems/invalid-withdrawal-token' })
    // Signed with another key (the same shape, a valid mac for nothing here).
    const forged = await world.api.public(
      'POST',
      `/applications/${apps.fr.applicationId}/withdrawal`,
      { token: `w1.${'A'.repeat(43)}` },
    )
    expect(forged.status).toBe(403)
    expect(await statusOf(apps.fr.applicationId)).toBe('application.submitted')
  })

  it('withdraws its application when followed, in the message’s language, and the contact hears of it', async () => {
    const followed = await follow(linkFor(apps.en.applicationId))
    expect(followed.page.status).toBe(200)
    expect(followed.page.html).toContain('<html lang="en">')
    expect(followed.posted.status).toBe(200)
    expect(await statusOf(apps.en.applicationId)).toBe('application.withdrawn')
    const [withdrawn] = (
      await world.harness.store.readStream(`application-${apps.en.applicationId}`)
    ).slice(-1)
    expect(withdrawn?.data).toMatchObject({ by: 'startup' })
    expect(await world.notify()).toMatchObject({ sent: 1 })
    expect(world.catcher.messages.at(-1)).toMatchObject({
      subject: 'Application withdrawn – CES Las Vegas 2020',
      envelope: { to: ['paul@lavande.example'] },
    })
    expect(world.catcher.messages.at(-1)?.text).toContain('As you asked,')
    // Once withdrawn, the link withdraws nothing more.
    expect((await follow(linkFor(apps.en.applicationId))).posted.status).toBe(409)
  })

  it('works through the API route as the token shown when applying does', async () => {
    const token = linkFor(apps.other.applicationId).searchParams.get('token')
    const withdrawn = await world.api.public(
      'POST',
      `/applications/${apps.other.applicationId}/withdrawal`,
      { token },
    )
    expect(withdrawn.status, withdrawn.text).toBe(200)
    expect(withdrawn.json()).toEqual({
      applicationId: apps.other.applicationId,
      status: 'withdrawn',
    })
    // The token shown on the confirmation page still withdraws its own application too.
    const shown = await world.api.public(
      'POST',
      `/applications/${apps.fr.applicationId}/withdrawal`,
      { token: apps.fr.withdrawalToken },
    )
    expect(shown.status).toBe(200)
  })
})
