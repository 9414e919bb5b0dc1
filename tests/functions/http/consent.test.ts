import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client, testNow, type ApiHarness } from './api-harness.js'
import { nodeServer } from './transports.js'
import { currentSchemaVersion } from '../../../domain/events/index.js'

/** Consent (issue 12): a new application records the wording's version it agreed to, and when. */
describe('consent to the processing of the application', () => {
  const transport = nodeServer()
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  let sirets = 0
  const nextSiret = () => validSiret(40_000_000 + ++sirets)

  beforeAll(async () => {
    harness = await apiHarness()
    api = client(await transport.start(harness.app), harness)
    expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
  })
  afterAll(async () => {
    await transport.stop()
    expect(harness.unexpected).toEqual([])
  })

  it('is recorded in application.submitted: the version and when it was given', async () => {
    const answer = (
      await api.public('POST', '/editions/ces-2020/applications', applicationBody(nextSiret()))
    ).json()
    const [event] = await harness.store.readStream(`application-${answer.applicationId}`)
    expect(event?.schemaVersion).toBe(currentSchemaVersion('application.submitted'))
    expect(event?.data).toMatchObject({
      consent: { version: '2026-12', givenAt: testNow.toISOString() },
    })
  })

  it.each([
    ['missing', { consentVersion: undefined }, 'consent-version-required'],
    ['never published', { consentVersion: '1999-01' }, 'unknown-consent-version'],
  ])('refuses a version %s with a 422 problem, writing nothing', async (_case, overrides, code) => {
    const before = await harness.written()
    const refused = await api.public(
      'POST',
      '/editions/ces-2020/applications',
      applicationBody(nextSiret(), overrides),
    )
    expect(refused.status).toBe(422)
    expect(refused.json()).toMatchObject({ type: `/problems/${code}` })
    expect(await harness.written()).toEqual(before)
  })

  it('lets staff import history without it: not recorded', async () => {
    const body = {
      ...applicationBody(nextSiret(), { consentVersion: undefined }),
      occurredAt: '2019-08-01T10:00:00Z',
    }
    const answer = await api.admin('POST', '/editions/ces-2020/applications', body)
    expect(answer.status).toBe(201)
    const [event] = await harness.store.readStream(`application-${answer.json().applicationId}`)
    expect(event?.data).toMatchObject({ consent: null })
  })
})
