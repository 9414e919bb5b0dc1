import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startupIdOf } from '../../../functions/commands/ids.js'
import { applicationBody, editionBody, validSiret } from '../../fixtures/requests.js'
import { apiHarness, client, type ApiHarness } from './api-harness.js'
import { nodeServer } from './transports.js'
import { editionApplicationGuardId } from '../../../functions/store/guard-ids.js'

/**
 * No takeover through a known SIRET (issue 12): SIRETs are public, so an application
 * naming a registered start-up with a contact person it did not register is held apart
 * until staff confirm it. It changes nothing of the start-up, blocks nothing, and its
 * token withdraws nothing but itself.
 */
describe('an application through a known SIRET', () => {
  const transport = nodeServer()
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  let sirets = 0
  const nextSiret = () => validSiret(20_000_000 + ++sirets)
  const stranger = { name: 'Eve Usurpe', email: 'eve@elsewhere.example' }
  const apply = (body: unknown, editionId = 'ces-2020', headers: Record<string, string> = {}) =>
    api.public('POST', `/editions/${editionId}/applications`, body, headers)
  const confirmation = (applicationId: string, outcome: 'confirmed' | 'dismissed') =>
    api.admin('POST', `/applications/${applicationId}/confirmation`, { outcome })
  const withdraw = (applicationId: string, token: string) =>
    api.public('POST', `/applications/${applicationId}/withdrawal`, { token })
  const guardOf = (startupId: string, editionId = 'ces-2020') =>
    harness.store.findGuard(editionApplicationGuardId(editionId, startupId))
  /** What an application is, as recorded: the public answer says `received` either way. */
  const kindOf = async (applicationId: string) => (await harness.store.readStream(`application-${applicationId}`))[0]?.type

  beforeAll(async () => {
    harness = await apiHarness()
    api = client(await transport.start(harness.app), harness)
    for (const id of ['ces-2020', 'ces-2021', 'ces-2022']) {
      expect((await api.admin('POST', '/editions', editionBody(id))).status).toBe(201)
    }
  })
  afterAll(async () => {
    await transport.stop()
    expect(harness.unexpected).toEqual([])
  })

  /** A start-up registered by its own contact person through an application to ces-2021. */
  const registered = async () => {
    const siret = nextSiret()
    const own = await apply(applicationBody(siret), 'ces-2021')
    expect(own.json()).toMatchObject({ status: 'received' })
    expect(await kindOf(own.json().applicationId)).toBe('application.submitted')
    return { siret, startupId: startupIdOf(siret) }
  }

  it('is held: the start-up’s record stays as registered and the real start-up still applies', async () => {
    const { siret, startupId } = await registered()
    const before = await harness.store.readStream(`startup-${startupId}`)

    const takeover = await apply(applicationBody(siret, { contact: stranger }))
    expect(takeover.status).toBe(201)
    const held = takeover.json()
    // The answer tells the caller nothing of whose contact it named: `received`, as any.
    expect(held).toMatchObject({ startupId, status: 'received', withdrawalToken: expect.any(String) })
    expect(await kindOf(held.applicationId)).toBe('application.held')
    expect(await harness.store.readStream(`startup-${startupId}`)).toEqual(before)
    expect(await guardOf(startupId)).toBeUndefined()

    // The real start-up (its contact's address in another case) is not blocked.
    const ownContact = { ...applicationBody(siret).contact, email: 'INES@calanques.example' }
    const real = await apply(applicationBody(siret, { contact: ownContact }))
    expect(real.status).toBe(201)
    const mine = real.json()
    expect(mine).toMatchObject({ startupId, status: 'received' })
    expect(await kindOf(mine.applicationId)).toBe('application.submitted')
    expect(await guardOf(startupId)).toMatchObject({ applicationId: mine.applicationId })

    // The stranger's token withdraws neither the real application nor, confirmed, takes it.
    const refused = await withdraw(mine.applicationId, held.withdrawalToken)
    expect(refused.status).toBe(403)
    expect(refused.json()).toMatchObject({ type: '/problems/invalid-withdrawal-token' })
    const confirm = await confirmation(held.applicationId, 'confirmed')
    expect(confirm.status).toBe(409)
    expect(confirm.json()).toMatchObject({
      type: '/problems/already-applied',
      applicationId: mine.applicationId,
    })
    expect(await harness.store.streamVersion(`application-${mine.applicationId}`)).toBe(1)
    expect(await harness.store.readStream(`startup-${startupId}`)).toEqual(before)

    // Staff dismiss it; the real application carries on, withdrawn with its own token.
    expect((await confirmation(held.applicationId, 'dismissed')).json()).toEqual({
      applicationId: held.applicationId,
      status: 'dismissed',
    })
    expect((await withdraw(mine.applicationId, mine.withdrawalToken)).status).toBe(200)
  })

  it('counts for the start-up once staff confirm it, with its own token', async () => {
    const { siret, startupId } = await registered()
    const newcomer = { name: 'Paul Nouveau', email: 'paul@calanques.example' }
    const held = (await apply(applicationBody(siret, { contact: newcomer }))).json()
    expect(await kindOf(held.applicationId)).toBe('application.held')

    const refused = await api.admin('POST', `/applications/${held.applicationId}/decision`, {
      decision: 'selected',
    })
    expect(refused.json()).toMatchObject({
      status: 409,
      type: '/problems/application-awaiting-confirmation',
    })

    const confirmed = await confirmation(held.applicationId, 'confirmed')
    expect(confirmed.status).toBe(200)
    expect(confirmed.headers.get('etag')).toBe('"2"')
    expect(await guardOf(startupId)).toMatchObject({ applicationId: held.applicationId })
    const events = await harness.store.readStream(`application-${held.applicationId}`)
    expect(events.map((event) => event.type)).toEqual(['application.held', 'application.submitted'])
    expect(events[1]?.metadata.actor).toBe('staff:test-staff')

    // Now it is the start-up's one application to the edition: another, even from its own
    // contact, is held for staff, and the answer names no other application.
    const again = await apply(applicationBody(siret))
    expect(again.status).toBe(201)
    expect(again.json()).toEqual({ applicationId: expect.any(String), startupId, status: 'received', withdrawalToken: expect.any(String) })
    expect(await kindOf(again.json().applicationId)).toBe('application.held')
    expect(await guardOf(startupId)).toMatchObject({ applicationId: held.applicationId })
    expect((await confirmation(held.applicationId, 'confirmed')).json()).toMatchObject({
      type: '/problems/application-not-held',
    })
    expect(
      (
        await api.admin('POST', `/applications/${held.applicationId}/decision`, {
          decision: 'selected',
        })
      ).status,
    ).toBe(200)
    expect((await withdraw(held.applicationId, held.withdrawalToken)).status).toBe(200)
  })

  it('lets whoever made a held application withdraw it with its token, and no one else', async () => {
    const { siret } = await registered()
    const held = (await apply(applicationBody(siret, { contact: stranger }))).json()
    expect((await withdraw(held.applicationId, 'guess')).status).toBe(403)
    expect((await withdraw(held.applicationId, held.withdrawalToken)).json()).toEqual({
      applicationId: held.applicationId,
      status: 'withdrawn',
    })
  })

  it('is held even from a process that has not seen the start-up (cold) while its guard is taken', async () => {
    const { siret, startupId } = await registered()
    const real = (await apply(applicationBody(siret))).json()
    // A second process on the same tables: its caches know nothing of the start-up, so it
    // first takes it for new, and the guard it finds taken makes it read and decide again.
    const other = await apiHarness({ sameTablesAs: harness })
    const coldTransport = nodeServer()
    const cold = client(await coldTransport.start(other.app), other)
    const takeover = await cold.public(
      'POST',
      '/editions/ces-2020/applications',
      applicationBody(siret, { contact: stranger }),
    )
    await coldTransport.stop()
    expect(takeover.json()).toMatchObject({ status: 'received', startupId })
    expect(await kindOf(takeover.json().applicationId)).toBe('application.held')
    expect(await guardOf(startupId)).toMatchObject({ applicationId: real.applicationId })
    expect(other.unexpected).toEqual([])
  })

  it('refuses staff confirmation of what is not held, or does not exist', async () => {
    const { siret } = await registered()
    const own = (await apply(applicationBody(siret))).json()
    expect((await confirmation(own.applicationId, 'dismissed')).json()).toMatchObject({
      status: 409,
      type: '/problems/application-not-held',
    })
    expect((await confirmation('nope', 'confirmed')).json()).toMatchObject({
      status: 404,
      type: '/problems/application-not-found',
    })
    const anonymous = await api.public('POST', `/applications/${own.applicationId}/confirmation`, {
      outcome: 'confirmed',
    })
    expect(anonymous.status).toBe(401)
  })
})
