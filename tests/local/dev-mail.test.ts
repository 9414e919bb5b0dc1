import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSmtpSender } from '../../functions/notifier/smtp-sender.js'
import { withDevMail } from '../../local/dev-mail.js'
import { startMailCatcher, type MailCatcher } from '../../local/mail-catcher.js'
import { identity } from '../functions/notifier/notifier-world.js'

/**
 * `npm start`'s dev mail page (local/dev-mail.ts) over a real catcher, fed by the notifier's
 * own SMTP sender: what a developer reads there is what the catcher received.
 */
describe('dev mail page (npm start)', () => {
  let catcher: MailCatcher
  let smtp: ReturnType<typeof createSmtpSender>
  const app = new Hono().get('/health', (c) => c.json({ status: 'ok' }))
  let served: ReturnType<typeof withDevMail>
  const get = (path: string) => served.fetch(new Request(`http://127.0.0.1${path}`))

  beforeAll(async () => {
    catcher = await startMailCatcher()
    smtp = createSmtpSender({ url: catcher.url, ...identity })
    served = withDevMail(app, catcher)
  })
  afterAll(async () => {
    smtp?.close()
    await catcher?.close()
  })

  it('says no message came yet, and leaves every other path to the app', async () => {
    const empty = await get('/dev/mail')
    expect(empty.status).toBe(200)
    expect(await empty.text()).toContain('No message yet')
    expect(await (await get('/health')).json()).toEqual({ status: 'ok' })
    expect((await get('/dev/mail/1')).status).toBe(404)
  })

  it('lists what the catcher received, newest first, each readable: headers, text, its HTML sandboxed', async () => {
    const sent = [
      {
        name: 'Inès Martin',
        email: 'ines@calanques.example',
        subject: 'Nous avons bien reçu votre candidature',
        language: 'fr' as const,
      },
      {
        name: 'Léa <b>Roux</b>',
        email: 'lea@mistral.example',
        subject: 'Your application <script>alert(1)</script>',
        language: 'en' as const,
      },
    ]
    for (const [index, mail] of sent.entries()) {
      const outcome = await smtp.send({
        to: { name: mail.name, email: mail.email },
        subject: mail.subject,
        text: `Text of message ${index + 1}`,
        html: `<p>HTML of message ${index + 1}</p><script>document.title = 'ran'</script>`,
        language: mail.language,
        ref: `ces-2028.app-${index + 1}.000000000001.application-contact`,
      })
      expect(outcome.kind).toBe('accepted')
    }
    await catcher.waitFor(2)

    const list = await get('/dev/mail')
    const listed = await list.text()
    expect(list.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(listed).toContain('Mail caught by npm start (2)')
    // Newest first, each linking to its page; what came in is shown as text, never as markup.
    expect(listed.indexOf('/dev/mail/2')).toBeLessThan(listed.indexOf('/dev/mail/1'))
    expect(listed).toContain('Your application &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(listed).not.toContain('<script>')
    expect(listed).toContain('ines@calanques.example')

    const first = await (await get('/dev/mail/1')).text()
    expect(first).toContain('Nous avons bien reçu votre candidature')
    expect(first).toContain('<pre>Text of message 1')
    expect(first).toContain('contact@maregionsud.example')
    expect(first).toContain('ces-2028.app-1.000000000001.application-contact')
    expect(first).toMatch(/<dt>Language<\/dt>\s*<dd>fr<\/dd>/)
    expect(first).toContain('<iframe src="/dev/mail/1/html"')

    const html = await get('/dev/mail/1/html')
    expect(html.headers.get('content-security-policy')).toMatch(/default-src 'none'.*; sandbox$/)
    expect(await html.text()).toContain('<p>HTML of message 1</p>')

    const second = await (await get('/dev/mail/2')).text()
    expect(second).toContain('Léa &lt;b&gt;Roux&lt;/b&gt;')
    expect(second).not.toContain('<b>Roux</b>')
    expect((await get('/dev/mail/3')).status).toBe(404)
  })
})
