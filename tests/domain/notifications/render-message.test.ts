import { describe, expect, it } from 'vitest'
import {
  messageKinds,
  MissingLinkError,
  renderMessage,
  type MessageKind,
} from '../../../domain/notifications/index.js'
import { dataOf, languages, links, withdrawalUrl } from './fixtures.js'

const every = messageKinds.flatMap((kind) => languages.map((language) => [kind, language] as const))
const render = (
  kind: MessageKind,
  data: object = dataOf[kind],
  language: 'fr' | 'en' = 'fr',
  with_ = links,
) => renderMessage(kind, data as never, language, with_)

/** Every href of an HTML part. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1] ?? '')

describe('every kind of message, in French and English', () => {
  it.each(every)(
    '%s (%s) renders a subject, a plain-text part and an HTML part',
    (kind, language) => {
      const { subject, text, html } = render(kind, dataOf[kind], language)
      expect(subject.length).toBeGreaterThan(10)
      expect(subject).toContain('CES Las Vegas 2020')
      expect(html.startsWith('<!doctype html>\n<html lang="' + language + '">')).toBe(true)
      expect(html).toContain(`<title>${subject}</title>`)
      for (const part of [text, html]) {
        expect(part).toContain('0192f0a0-7d6a-7c3e-9b1a-2f4e5d6c7b8a')
        expect(part).toContain('CES Las Vegas 2020')
        expect(part).toContain('Calanques Tech')
        expect(part).toContain('Inès Martin')
        expect(part).toContain('delegation@maregionsud.example')
        expect(part).toContain('https://delegation.maregionsud.example/prod/')
      }
      expect(text).toMatch(/\n-- \n/)
      expect(text).toMatch(language === 'fr' ? /^Bonjour Inès Martin,/ : /^Dear Inès Martin,/)
    },
  )

  it.each(every)('%s (%s) leaves no placeholder unfilled', (kind, language) => {
    const { subject, text, html } = render(kind, dataOf[kind], language)
    for (const part of [subject, text, html]) {
      expect(part).not.toMatch(/undefined|null|NaN|\[object|\$\{|\{\{|\}\}|Invalid Date/)
    }
    // Balanced: every paragraph, table and link the HTML opens, it closes.
    for (const tag of ['p', 'a', 'table', 'tr', 'blockquote', 'div']) {
      const opened = html.match(new RegExp(`<${tag}[ >]`, 'g'))?.length ?? 0
      expect(html.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0).toBe(opened)
    }
  })

  it.each(every)(
    '%s (%s): every link is absolute, to the stage or to the Région',
    (kind, language) => {
      const { html } = render(kind, dataOf[kind], language)
      const all = hrefs(html)
      expect(all.length).toBeGreaterThanOrEqual(2)
      for (const href of all) {
        expect(href).toMatch(
          /^(https:\/\/delegation\.maregionsud\.example\/prod\/|mailto:delegation@maregionsud\.example)/,
        )
      }
    },
  )

  it('greets without a name when none is known', () => {
    const { recipientName: _name, ...anonymous } = dataOf.selected
    expect(render('selected', anonymous, 'fr').text).toMatch(/^Bonjour,\n/)
    expect(render('selected', anonymous, 'en').text).toMatch(/^Hello,\n/)
  })
})

describe('what each message says', () => {
  it('a receipt: the reference, the edition, the deadline in Paris time, what comes next, the way to withdraw', () => {
    const fr = render('received', { ...dataOf.received, awaitingConfirmation: false }, 'fr')
    expect(fr.text).toContain('15 octobre 2019 à 23:59 (heure de Paris)')
    expect(fr.text).toContain('Et ensuite\u00a0?')
    expect(fr.text).toContain(`Retirer la candidature\n${withdrawalUrl}`)
    expect(hrefs(fr.html)).toContain(withdrawalUrl)
    expect(fr.text).not.toContain('nous vérifions auprès de')
    const en = render('received', dataOf.received, 'en')
    expect(en.text).toContain('15 October 2019 at 23:59 (Paris time)')
    expect(en.text).toContain('What happens next?')
    expect(en.text).toContain('we are checking with Calanques Tech')
    expect(hrefs(en.html)).toContain(withdrawalUrl)
  })

  it('a receipt cannot go without the way to withdraw', () => {
    const { withdrawalPath: _path, ...noWithdrawal } = links
    expect(() => render('received', dataOf.received, 'fr', noWithdrawal)).toThrow(MissingLinkError)
    // Other kinds offer it only when given.
    expect(render('selected', dataOf.selected, 'fr', noWithdrawal).text).not.toContain(
      'withdraw?token',
    )
    expect(render('selected', dataOf.selected, 'fr').text).toContain(withdrawalUrl)
  })

  it('a selection: where and when the show is', () => {
    expect(render('selected', dataOf.selected, 'fr').text).toContain(
      'à Las Vegas (7–10 janvier 2020)',
    )
    expect(render('selected', dataOf.selected, 'en').text).toMatch(
      /in Las Vegas \(7\s–\s10 January 2020\)/,
    )
  })

  it('a rejection: the reason staff gave, line by line, or none', () => {
    const withReason = render('rejected', dataOf.rejected, 'fr')
    expect(withReason.text).toContain('    Outside this edition’s themes.\n    Try VivaTech!')
    expect(withReason.html).toContain('Outside this edition’s themes.<br>Try VivaTech!')
    const { reason: _reason, ...none } = dataOf.rejected
    const without = render('rejected', none, 'fr')
    expect(without.text).not.toContain('Le mot de notre équipe')
    expect(without.html).not.toContain('<blockquote')
  })

  it('a withdrawal: by the start-up, or by staff', () => {
    expect(render('withdrawn', dataOf.withdrawn, 'en').text).toContain('As you asked')
    expect(render('withdrawn', { ...dataOf.withdrawn, by: 'staff' }, 'en').text).toContain(
      'The Région Sud has withdrawn',
    )
  })

  it('the held notice: an application in the start-up’s name is held; if not you, tell the Région (with its address and the reference)', () => {
    const { text, html } = render('held-notice', dataOf['held-notice'], 'fr')
    // Held because its contact is not the registered one, or because the start-up had applied
    // already (issue 20): the notice says neither, only that it waits for the start-up's word.
    expect(text).toContain('nous la gardons en attente jusqu’à ce que vous nous confirmiez')
    expect(text).toContain('Si ce n’est ni vous ni votre équipe, prévenez la Région')
    expect(hrefs(html)).toContain(
      'mailto:delegation@maregionsud.example?subject=Candidature%200192f0a0-7d6a-7c3e-9b1a-2f4e5d6c7b8a',
    )
    expect(text).not.toContain('withdraw?token')
  })
})

describe('hostile data', () => {
  const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)> \'Co\''

  it.each(every)('%s (%s) escapes every name in HTML', (kind, language) => {
    const data = {
      ...dataOf[kind],
      recipientName: hostile,
      startupName: hostile,
      editionName: `CES ${hostile}`,
      ...(kind === 'rejected' ? { reason: hostile } : {}),
    }
    const { html, text } = render(kind, data, language)
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/)
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#60;img')
    // Plain text is not HTML: it says what was typed.
    expect(text).toContain('<script>alert("x")</script>')
  })

  it('keeps a forged header out of the subject and control characters out of the text', () => {
    const { subject, text } = render('received', {
      ...dataOf.received,
      startupName: 'Calanques\r\nBcc: everyone@example.com',
      editionName: 'CES 2020\r\nBcc: everyone@example.com\u0000',
    })
    expect(subject).not.toMatch(/[\r\n]/)
    expect(subject).not.toContain('\u0000')
    expect(subject).toContain('CES 2020 Bcc: everyone@example.com')
    expect(text).not.toMatch(/\r|Calanques\n/)
    expect(text).not.toContain('\u0000')
  })

  it('drops direction overrides that would make a name read backwards', () => {
    const { text, html } = render('received', {
      ...dataOf.received,
      startupName: 'Calanques \u202Egnp.exe',
    })
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
  })

  it('refuses a name that is nothing but control characters, rather than send it blank', () => {
    expect(() => render('selected', { ...dataOf.selected, startupName: '\u0000\u0007' })).toThrow()
  })

  it('refuses links that would not be absolute to the stage', () => {
    for (const withdrawalPath of [
      '//evil.example/x',
      'https://evil.example/x',
      'applications/x',
      '/a b',
    ]) {
      expect(() =>
        render('received', dataOf.received, 'fr', { ...links, withdrawalPath }),
      ).toThrow()
    }
    for (const baseUrl of ['javascript:alert(1)', 'ftp://delegation.example', '/prod']) {
      expect(() => render('selected', dataOf.selected, 'fr', { ...links, baseUrl })).toThrow()
    }
    const slash = render('received', dataOf.received, 'fr', {
      ...links,
      baseUrl: `${links.baseUrl}/`,
    })
    expect(slash.text).toContain(withdrawalUrl)
  })

  it('refuses data its kind does not have', () => {
    expect(() => render('selected', { ...dataOf.selected, startsOn: 'soon' })).toThrow()
    expect(() => render('received', { ...dataOf.received, reference: '' })).toThrow()
    expect(() => renderMessage('received', dataOf.received, 'de' as 'fr', links)).toThrow()
  })
})
