import { beforeAll, describe, expect, it } from 'vitest'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, type ApiHarness } from '../http/api-harness.js'
import { catchUp } from '../reports/catch-up.js'

/**
 * The outcomes pages in process (their browser behaviour is tests/browser/outcomes.test.ts):
 * what each answers, and that every action goes through the API's own route.
 */
let harness: ApiHarness
let now = new Date('2019-09-01T10:00:00Z')
let member: { applicationId: string; startupId: string; withdrawalToken: string }
let other: { applicationId: string; startupId: string; withdrawalToken: string }

const json = async () => ({ Authorization: `Bearer ${await harness.token(['admin'])}`, 'Content-Type': 'application/json' })
const staff = async () => ({ Cookie: `staff_session=${await harness.token(['admin'])}` })
const request = (path: string, init: RequestInit = {}) => harness.app.request(path, init)
const postForm = async (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin', ...headers },
    body: new URLSearchParams(fields).toString(),
  })
const figures = {
  businessContacts: '1 200',
  dealsSigned: '2',
  dealsValueBand: '100k-1m',
  fundsRaisedEur: '450 000',
  pressArticles: '3',
  jobsCreated: '1',
  jobsPlanned: '4',
  noteForStaff: '',
}
const keyOf = (page: string) => /name="idempotencyKey" value="([^"]+)"/.exec(page)?.[1] ?? ''

beforeAll(async () => {
  harness = await apiHarness({ now: () => now })
  expect((await request('/editions', { method: 'POST', headers: await json(), body: JSON.stringify(editionBody('ces-2020')) })).status).toBe(201)
  const apply = async (n: number) => {
    const body = JSON.stringify(applicationBody(validSiret(88_000_000 + n)))
    const answer = await request('/editions/ces-2020/applications', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
    return (await answer.json()) as typeof member
  }
  member = await apply(1)
  other = await apply(2)
  for (const { applicationId } of [member, other]) {
    const decided = await request(`/applications/${applicationId}/decision`, { method: 'POST', headers: await json(), body: '{"decision":"selected"}' })
    expect(decided.status).toBe(200)
  }
  now = new Date('2020-01-20T09:00:00Z')
})

describe('a start-up’s outcomes page', () => {
  const pagePath = (id = member.applicationId) => `/applications/${id}/report-outcomes`

  it('opens with the start-up’s own token only', async () => {
    const page = await request(`${pagePath()}?token=${encodeURIComponent(member.withdrawalToken)}`)
    expect(page.status).toBe(200)
    const text = await page.text()
    expect(text).toContain('Ce que vous avez rapporté de CES Las Vegas 2020')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('cache-control')).toBe('no-store')
    for (const token of [other.withdrawalToken, `${member.withdrawalToken}x`]) {
      const refused = await request(`${pagePath()}?token=${encodeURIComponent(token)}`)
      expect(refused.status).toBe(403)
      expect(await refused.text()).not.toContain('<form method="post"')
    }
    expect((await request(pagePath())).status).toBe(400)
  })

  it('records the report through the API, numbers typed the French way, then shows it to replace it', async () => {
    const opened = await (await request(`${pagePath()}?token=${encodeURIComponent(member.withdrawalToken)}&lang=en`)).text()
    const answer = await postForm(`${pagePath()}?lang=en`, { token: member.withdrawalToken, idempotencyKey: keyOf(opened), ...figures })
    expect(answer.status).toBe(201)
    expect(await answer.text()).toContain('Your figures for CES Las Vegas 2020 are recorded (version 1)')
    const [event] = await harness.store.readStream(`outcomes-ces-2020.${member.startupId}`)
    expect(event?.data).toMatchObject({ businessContacts: 1200, fundsRaisedEur: 450_000, dealsValueBand: '100k-1m', reportedBy: { by: 'startup' } })
    expect(event?.data).not.toHaveProperty('noteForStaff')
    const again = await (await request(`${pagePath()}?token=${encodeURIComponent(member.withdrawalToken)}`)).text()
    expect(again).toContain('value="1200"')
    expect(again).toContain('version 1')
  })

  it('puts each refusal beside its field, and sends nothing', async () => {
    const before = await harness.written()
    const answer = await postForm(pagePath(), { token: member.withdrawalToken, idempotencyKey: 'k-1', ...figures, jobsCreated: 'deux', pressArticles: '' })
    expect(answer.status).toBe(400)
    const text = await answer.text()
    expect(text).toContain('id="f-jobsCreated-error"')
    expect(text).toContain('Donnez un nombre entier, 0 ou plus, sans décimales.')
    expect(text).toContain('id="f-pressArticles-error"')
    const band = await postForm(pagePath(), { token: member.withdrawalToken, idempotencyKey: 'k-2', ...figures, dealsValueBand: '' })
    expect(band.status).toBe(422)
    expect(await band.text()).toContain('donnez l’ordre de grandeur de leur montant')
    expect(await harness.written()).toEqual(before)
  })

  it('refuses a post with another start-up’s token, writing nothing', async () => {
    const before = await harness.written()
    const answer = await postForm(pagePath(), { token: other.withdrawalToken, idempotencyKey: 'k-3', ...figures })
    expect(answer.status).toBe(403)
    expect(await harness.written()).toEqual(before)
  })

  it('shows the confirmation’s link to it, with the application’s token', async () => {
    now = new Date('2019-09-02T10:00:00Z')
    await request('/editions', { method: 'POST', headers: await json(), body: JSON.stringify(editionBody('ces-2021', { name: 'CES 2021', applicationDeadline: '2019-12-01T00:00:00Z' })) })
    const form = new URLSearchParams(
      Object.entries({
        'startup[name]': 'Lien Tech', 'startup[siret]': validSiret(88_000_010), 'startup[city]': 'Nice', 'startup[territory]': 'nice-cote-d-azur',
        'startup[website]': 'https://lien.example', 'startup[themes][]': 'environment', 'startup[description]': 'x', 'contact[name]': 'A B',
        'contact[email]': 'a@lien.example', pitch: 'y', consent: 'on', consentVersion: '2026-12', idempotencyKey: 'confirmation-0193a5c4-7d2e-7b31',
      }),
    )
    const confirmation = await (await request('/editions/ces-2021/apply', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() })).text()
    expect(confirmation).toMatch(/id="outcomes-link" href="http:\/\/localhost\/applications\/[^/]+\/report-outcomes\?token=[\w-]+"/)
    now = new Date('2020-01-20T09:00:00Z')
  })
})

describe('the back-office', () => {
  it('lists the members’ answers on the edition page and records staff’s correction pinned to the version shown', async () => {
    await catchUp(harness.tables)
    const edition = await (await request('/staff/editions/ces-2020', { headers: await staff() })).text()
    expect(edition).toContain('1 membre(s) sur 2 ont répondu.')
    expect(edition).toContain(`/staff/editions/ces-2020/outcomes/${member.startupId}`)

    const path = `/staff/editions/ces-2020/outcomes/${member.startupId}`
    const shown = await (await request(path, { headers: await staff() })).text()
    expect(shown).toContain('name="version" value="1"')
    // Meanwhile the start-up answers again: staff's form is one version behind.
    const opened = await (await request(`/applications/${member.applicationId}/report-outcomes?token=${encodeURIComponent(member.withdrawalToken)}`)).text()
    expect((await postForm(`/applications/${member.applicationId}/report-outcomes`, { token: member.withdrawalToken, idempotencyKey: keyOf(opened), ...figures, pressArticles: '5' })).status).toBe(201)

    const correction = { version: '1', idempotencyKey: keyOf(shown), ...figures, businessContacts: '80', noteForStaff: 'Rappelée le 3 février.' }
    const stale = await postForm(path, correction, await staff())
    expect(stale.status).toBe(412)
    const staleText = await stale.text()
    expect(staleText).toContain('name="version" value="2"')
    expect(staleText).toContain('value="5"')

    const saved = await postForm(path, { ...correction, version: '2', idempotencyKey: keyOf(staleText) }, await staff())
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe('/staff/editions/ces-2020?done=recorded')
    const last = (await harness.store.readStream(`outcomes-ces-2020.${member.startupId}`)).at(-1)
    expect(last?.data).toMatchObject({ revision: 3, businessContacts: 80, noteForStaff: 'Rappelée le 3 février.', reportedBy: { by: 'staff', staffMember: 'test-staff' } })
    expect(await (await request(path, { headers: await staff() })).text()).toContain('Rappelée le 3 février.')
  })

  it('serves the reports its pages link to as CSV, with the staff member’s token, and nothing without a session', async () => {
    await catchUp(harness.tables)
    const edition = await (await request('/staff/editions/ces-2020', { headers: await staff() })).text()
    expect(edition).toContain('id="outcomes-csv" href="/staff/editions/ces-2020/outcomes.csv"')
    const csv = await request('/staff/editions/ces-2020/outcomes.csv', { headers: await staff() })
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    const [header, ...rows] = (await csv.text()).trim().split(/\r?\n/)
    expect(header).toContain('Answered')
    // One member of two answered: the row says so, and the figures of fewer than 3 members are withheld.
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((row) => row.includes(',2,1,'))).toBe(true)
    expect(rows.join('\n')).not.toContain('1200')

    const tse = await (await request('/staff/team-sud-export', { headers: await staff() })).text()
    for (const link of ['/staff/team-sud-export.csv', '/staff/outcomes.csv']) {
      expect(tse).toContain(`href="${link}"`)
      const answer = await request(link, { headers: await staff() })
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toMatch(/^text\/csv/)
      expect((await request(link)).status).not.toBe(200)
    }
    expect(await (await request('/staff/outcomes.csv', { headers: await staff() })).text()).toMatch(/^\uFEFF?Year,Edition,Members,Answered/)
  })

  it('records Team Sud Export’s figures from lines typed by staff, and names the line that is wrong', async () => {
    const fields = {
      'prospection[recordId]': 'prospection-2019-q4',
      'prospection[from]': '2019-10-01',
      'prospection[to]': '2019-12-31',
      'prospection[rows]': 'us smart-tech 120\n\nJP, health, 30',
      'prospection[corrects]': '',
      idempotencyKey: 'tse-page-0193a5c4-7d2e-7b31',
    }
    const recorded = await postForm('/staff/team-sud-export/prospection', fields, await staff())
    expect(recorded.status).toBe(303)
    expect(recorded.headers.get('location')).toBe('/staff/team-sud-export?year=2019&done=prospection-2019-q4')
    const [event] = await harness.store.readStream('team-sud-export-prospection-2019')
    expect(event?.data).toMatchObject({ rows: [{ country: 'US', sector: 'smart-tech', companies: 120 }, { country: 'JP', sector: 'health', companies: 30 }] })

    const before = await harness.written()
    const wrong = await postForm('/staff/team-sud-export/prospection', { ...fields, 'prospection[recordId]': 'p2', 'prospection[rows]': 'US smart-tech 1\nXX ai 3', idempotencyKey: 'x' }, await staff())
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('Ligne 2 : valeur non valide.')
    const twice = await postForm('/staff/team-sud-export/prospection', { ...fields, 'prospection[recordId]': 'p3', idempotencyKey: 'y' }, await staff())
    expect(twice.status).toBe(409)
    expect(await twice.text()).toContain('prospection-2019-q4')
    expect(await harness.written()).toEqual(before)

    await catchUp(harness.tables)
    const page = await (await request('/staff/team-sud-export?year=2019', { headers: await staff() })).text()
    expect(page).toContain('150 entreprises étrangères prospectées')
    expect(page).toMatch(/<code>prospection-2019-q4<\/code>[\s\S]*?<td class="num">2<\/td>\s*<td class="num">150<\/td>/)
  })
})
