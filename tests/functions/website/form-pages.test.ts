import { beforeAll, describe, expect, it } from 'vitest'
import { currentConsentVersion } from '../../../domain/shared/consent.js'
import { territories } from '../../../domain/shared/territories.js'
import { apiHarness, type ApiHarness } from '../http/api-harness.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'

let harness: ApiHarness

const admin = async () => ({ Authorization: `Bearer ${await harness.token(['admin'])}`, 'Content-Type': 'application/json' })

/** The form's fields as a browser posts them, from an application body. */
const formOf = (siret: string, extra: Record<string, string> = {}) => {
  const { startup, contact, pitch } = applicationBody(siret)
  const params = new URLSearchParams({
    'startup[name]': startup.name,
    'startup[siret]': startup.siret,
    'startup[city]': startup.city,
    'startup[territory]': startup.territory,
    'startup[website]': startup.website,
    'startup[description]': startup.description,
    'contact[name]': contact.name,
    'contact[email]': contact.email,
    'contact[phone]': '',
    pitch,
    consent: 'on',
    consentVersion: currentConsentVersion,
    ...extra,
  })
  for (const theme of startup.themes) params.append('startup[themes][]', theme)
  return params
}

const post = (path: string, form: URLSearchParams, headers: Record<string, string> = {}) =>
  harness.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: form.toString(),
  })

beforeAll(async () => {
  harness = await apiHarness()
  for (const body of [editionBody('ces-2020'), editionBody('ces-2019', { name: 'CES Las Vegas 2019' })]) {
    expect((await harness.app.request('/editions', { method: 'POST', headers: await admin(), body: JSON.stringify(body) })).status).toBe(201)
  }
  const close = await harness.app.request('/editions/ces-2019/close', { method: 'POST', headers: await admin(), body: '{}' })
  expect(close.status).toBe(200)
})

describe('GET /editions/{editionId}/apply', () => {
  it('is in French unless the reader asks for English (?lang=en beats Accept-Language)', async () => {
    const french = await (await harness.app.request('/editions/ces-2020/apply')).text()
    expect(french).toContain('<html lang="fr">')
    expect(french).toContain('Candidater à CES Las Vegas 2020')
    const english = await harness.app.request('/editions/ces-2020/apply', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } })
    expect(await english.text()).toContain('Apply to CES Las Vegas 2020')
    expect(english.headers.get('Vary')).toContain('Accept-Language')
    const chosen = await harness.app.request('/editions/ces-2020/apply?lang=fr', { headers: { 'Accept-Language': 'en' } })
    expect(await chosen.text()).toContain('<html lang="fr">')
  })

  it('labels every field, offers the API’s territories and the edition’s themes, and the current consent', async () => {
    const page = await (await harness.app.request('/editions/ces-2020/apply')).text()
    const controls = [...page.matchAll(/<(?:input|select|textarea)\b[^>]*\sid="([^"]+)"/g)].map((match) => match[1])
    expect(controls.length).toBe(14) // 10 fields, 3 themes and the consent
    for (const id of controls) expect(page, id).toContain(`<label for="${id}">`)
    for (const { slug } of territories) expect(page).toContain(`<option value="${slug}">`)
    expect([...page.matchAll(/name="startup\[themes\]\[\]" value="([^"]+)"/g)].map((m) => m[1])).toEqual(editionBody().themes)
    expect(page).toContain(`name="consentVersion" value="${currentConsentVersion}"`)
    const key = (html: string) => /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1]
    const again = await (await harness.app.request('/editions/ces-2020/apply')).text()
    expect(key(page)).toBeDefined()
    expect(key(again)).not.toBe(key(page))
  })

  it('may be framed by the configured origins only, and loads nothing from elsewhere', async () => {
    const csp = (await harness.app.request('/editions/ces-2020/apply')).headers.get('Content-Security-Policy') ?? ''
    expect(csp).toContain("frame-ancestors 'self' https://forms.maregionsud.example")
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
  })

  it('says the edition is closed, or unknown, instead of showing the form', async () => {
    const closed = await harness.app.request('/editions/ces-2019/apply')
    expect(closed.status).toBe(410)
    const text = await closed.text()
    expect(text).toContain('Les candidatures à CES Las Vegas 2019 sont closes.')
    expect(text).not.toContain('<form')
    expect((await harness.app.request('/editions/ces-1999/apply')).status).toBe(404)
  })
})

describe('POST /editions/{editionId}/apply', () => {
  it('shows each message of the API’s schema beside its field, values kept', async () => {
    const before = await harness.written()
    const response = await post('/editions/ces-2020/apply', formOf('12345678901234', { 'contact[email]': 'not-an-email', consent: '' }))
    expect(response.status).toBe(400)
    const page = await response.text()
    expect(page).toContain('id="f-startup-siret-error"')
    expect(page).toContain('aria-describedby="f-startup-siret-hint f-startup-siret-error" aria-invalid="true"')
    expect(page).toContain('Cette adresse e-mail n’est pas valide.')
    expect(page).toContain('Cochez cette case pour donner votre consentement')
    expect(page).toContain('value="12345678901234"')
    expect(page).toContain('value="not-an-email"')
    expect(await harness.written()).toEqual(before)
  })

  it('records the application through the API once, however often the same form is posted', async () => {
    const form = formOf(validSiret(11), { idempotencyKey: 'form-key-1' })
    const first = await post('/editions/ces-2020/apply', form)
    expect(first.status).toBe(201)
    const page = await first.text()
    const applicationId = /id="application-id">([^<]+)</.exec(page)?.[1]
    expect(page).toMatch(new RegExp(`/applications/${applicationId}/withdraw\\?token=[\\w-]+`))
    const written = await harness.written()
    const again = await post('/editions/ces-2020/apply', form)
    expect(await again.text()).toContain(`id="application-id">${applicationId}<`)
    expect(await harness.written()).toEqual(written)

    // Another form (another key) for the same start-up: recorded, held for staff, and the page
    // says nothing of the first application (issue 20: a SIRET is public).
    const twice = await post('/editions/ces-2020/apply', formOf(validSiret(11), { idempotencyKey: 'form-key-2' }))
    expect(twice.status).toBe(201)
    const second = await twice.text()
    const heldId = /id="application-id">([^<]+)</.exec(second)?.[1]
    expect(heldId).not.toBe(applicationId)
    expect(second).not.toContain(applicationId ?? 'no id')
    expect((await harness.store.readStream(`application-${heldId}`))[0]?.type).toBe('application.held')
  })

  it('shows the form again, answers kept, with the API’s refusal in the applicant’s language', async () => {
    const before = await harness.written()
    // A form from a wording that was never published (tampered, or from another stage).
    const response = await post('/editions/ces-2020/apply', formOf(validSiret(13), { consentVersion: '1999-01-01' }))
    expect(response.status).toBe(422)
    const page = await response.text()
    expect(page).toContain('La version 1999-01-01 du texte de consentement n’a jamais été publiée : rechargez la page pour lire le texte en vigueur.')
    expect(page).not.toContain('was never published')
    expect(page).toContain(`value="${validSiret(13)}"`)
    expect(await harness.written()).toEqual(before)
  })

  it('leaves the JSON API accepting the consent version the form posts', async () => {
    const response = await harness.app.request('/editions/ces-2020/applications', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...applicationBody(validSiret(12)), consentVersion: currentConsentVersion }),
    })
    expect(response.status).toBe(201)
  })
})
