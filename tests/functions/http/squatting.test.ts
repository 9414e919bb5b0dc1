import { describe, expect, it } from 'vitest'
import { startupIdOf } from '../../../functions/commands/ids.js'
import { applicationBody, validSiret } from '../../fixtures/requests.js'
import { indexAll } from '../webhooks/fixtures.js'
import { apiHarness, client } from './api-harness.js'
import { hostileWorld } from './hostile-routes.js'
import { lambdaV2 } from './transports.js'

/**
 * Squatting on a public SIRET (issue 20): whoever applies first for a SIRET registers the
 * start-up. Partners must never receive a stranger's profile, and staff must be able to
 * give the start-up back to its real people without losing its history.
 */
describe('a start-up registered first by a stranger', () => {
  it('reaches no partner, is recovered by staff, and partners then see the real profile only', async () => {
    const harness = await apiHarness()
    const send = await lambdaV2().start(harness.app)
    const api = client(send, harness)
    const { apiKey } = await hostileWorld(harness, send)
    const siret = validSiret(4_242)
    const startupId = startupIdOf(siret)
    const feedTypes = async () => {
      await indexAll(harness.tables)
      const page = await api.send('GET', '/feed?limit=500', { headers: { 'X-Api-Key': apiKey } })
      expect(page.status).toBe(200)
      return page
    }

    // A stranger applies first, with a name and a website of their own.
    const fake = applicationBody(siret, { contact: { name: 'Eve Usurpe', email: 'eve@phishing.example' } })
    const squat = await api.public('POST', '/editions/ces-2020/applications', {
      ...fake,
      startup: { ...fake.startup, name: 'Calanques Tech (officiel)', website: 'https://calanques-login.example' },
    })
    expect(squat.status).toBe(201)
    const squatted = await feedTypes()
    expect(squatted.text).not.toMatch(/officiel|calanques-login|startup\.registered/)

    // The real start-up applies: its contact is not the registered one, so it is held.
    const real = await api.public('POST', '/editions/ces-2020/applications', applicationBody(siret))
    expect(real.json().status).toBe('received')
    const realId: string = real.json().applicationId
    expect((await harness.store.readStream(`application-${realId}`))[0]?.type).toBe('application.held')

    // Staff recover it, dismiss the stranger's application, confirm and select the real one.
    const { startup, contact } = applicationBody(siret)
    const { siret: _siret, ...profile } = startup
    const recovered = await api.admin('POST', `/startups/${startupId}/recovery`, { ...profile, contact, reason: 'Registered first by someone else' })
    expect(recovered.status, recovered.text).toBe(200)
    expect(recovered.json()).toEqual({ startupId, republished: false })
    expect((await api.admin('POST', `/applications/${squat.json().applicationId}/confirmation`, { outcome: 'dismissed', reason: 'Not the start-up' })).status).toBe(200)
    const confirmed = await api.admin('POST', `/applications/${realId}/confirmation`, { outcome: 'confirmed' })
    expect(confirmed.status, confirmed.text).toBe(200)
    expect((await api.admin('POST', `/applications/${realId}/decision`, { decision: 'selected' })).status).toBe(200)

    // The history is whole: registered by the stranger, recovered, then published as it really is.
    const record = (await harness.store.readStream(`startup-${startupId}`)).map((event) => event.type)
    expect(record).toEqual(['startup.registered', 'startup.recovered', 'startup.profile-published'])
    const published = await feedTypes()
    const profiles = published.json().events.filter((event: { type: string }) => event.type === 'startup.profile-published')
    expect(profiles.map((event: { data: unknown }) => event.data)).toEqual([
      { startupId, name: profile.name, city: profile.city, territory: profile.territory, website: profile.website, themes: profile.themes },
    ])
    expect(published.text).not.toMatch(/officiel|calanques-login|eve@|Usurpe/)
  }, 60_000)

  it('lets staff correct a selected start-up’s profile, which partners then receive again', async () => {
    const harness = await apiHarness()
    const api = client(await lambdaV2().start(harness.app), harness)
    await hostileWorld(harness, await lambdaV2().start(harness.app))
    const siret = validSiret(4_343)
    const applied = (await api.public('POST', '/editions/ces-2020/applications', applicationBody(siret))).json()
    expect((await api.admin('POST', `/applications/${applied.applicationId}/decision`, { decision: 'selected' })).status).toBe(200)
    const corrected = await api.admin('POST', `/startups/${startupIdOf(siret)}/profile-correction`, { name: 'Calanques Technologies', reason: 'Renamed' })
    expect(corrected.json()).toEqual({ startupId: startupIdOf(siret), republished: true })
    const nothing = await api.admin('POST', `/startups/${startupIdOf(siret)}/profile-correction`, { name: 'Calanques Technologies', reason: 'Again' })
    expect(nothing.status).toBe(422)
    expect(nothing.json()).toMatchObject({ type: '/problems/startup-correction-changes-nothing' })
    const refused = await api.public('POST', `/startups/${startupIdOf(siret)}/profile-correction`, { name: 'Mine now', reason: 'x' })
    expect(refused.status).toBe(401)
  }, 60_000)
})
