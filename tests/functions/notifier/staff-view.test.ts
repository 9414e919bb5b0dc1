import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MailSender } from '../../../functions/notifier/mail-sender.js'
import type { ApplicationMessages } from '../../../functions/queries/application-messages.js'
import { applicationBody, validSiret } from '../../fixtures/requests.js'
import { notifierWorld, type NotifierWorld } from './notifier-world.js'

/**
 * Staff's view of what an application was mailed (`GET /applications/{id}/messages`): the
 * notifier run for real against the catcher, the route read through the whole API (as the
 * `api` function, whose role infra grants the outbox's byApplication index).
 */
describe('staff see which messages an application led to, and when, or why not', () => {
  let world: NotifierWorld
  let seed = 2600
  const apply = async (contact: { name: string; email: string }) => {
    const answer = await world.api.public(
      'POST',
      '/editions/ces-2020/applications',
      applicationBody(validSiret(seed++), { contact }),
    )
    expect(answer.status, answer.text).toBe(201)
    return answer.json<{ applicationId: string; startupId: string }>()
  }
  const messagesOf = async (applicationId: string) => {
    const answer = await world.api.admin('GET', `/applications/${applicationId}/messages`)
    expect(answer.status, answer.text).toBe(200)
    return { body: answer.json<ApplicationMessages>(), text: answer.text }
  }
  const select = (applicationId: string) =>
    world.api.admin(
      'POST',
      `/applications/${applicationId}/decision`,
      { decision: 'selected' },
      { 'If-Match': '"1"' },
    )

  beforeAll(async () => {
    world = await notifierWorld({ refuses: (address) => address.startsWith('nobody@') })
  }, 60_000)
  afterAll(() => world?.close())

  it('shows the receipt retried after a failure, then sent and when, to the applicant’s contact by role, never its address', async () => {
    const contact = { name: 'Aurélie Staffview', email: 'aurelie.staffview@calanques.example' }
    const { applicationId } = await apply(contact)
    expect(await messagesOf(applicationId)).toMatchObject({ body: { applicationId, messages: [] } })

    const busy: MailSender = async () => ({ kind: 'retryable', error: '421 4.3.2 Try again later' })
    expect(await world.notify(world.notifier({ send: busy }))).toMatchObject({ failed: 1 })
    const failedAt = world.time.clock().toISOString()
    const [retrying] = (await messagesOf(applicationId)).body.messages
    expect(retrying).toMatchObject({
      kind: 'received',
      to: 'application-contact',
      state: 'retrying',
      attempts: 1,
      lastAttemptAt: failedAt,
      lastError: '421 4.3.2 Try again later',
      mayHaveArrivedTwice: false,
    })
    expect(Date.parse(retrying?.nextAttemptAt ?? '')).toBeGreaterThan(Date.parse(failedAt))

    world.time.set(retrying?.nextAttemptAt ?? '')
    const sentAt = world.time.clock().toISOString()
    expect(await world.notify()).toMatchObject({ sent: 1 })
    const { body, text } = await messagesOf(applicationId)
    expect(body.messages).toEqual([
      {
        kind: 'received',
        to: 'application-contact',
        queuedAt: failedAt,
        state: 'sent',
        attempts: 2,
        sentAt,
        lastAttemptAt: sentAt,
        language: 'fr',
        mayHaveArrivedTwice: false,
      },
    ])
    // What the catcher holds is that message, to that contact.
    const caught = world.catcher.messages.filter((m) => m.text.includes(applicationId))
    expect(caught.map((m) => m.envelope.to)).toEqual([[contact.email]])
    for (const personal of [contact.email, contact.name, 'Staffview']) expect(text).not.toContain(personal)
  })

  it('shows an address refused for good as stopped (hard bounce), and the next message stopped as suppressed', async () => {
    const { applicationId } = await apply({ name: 'Nobody Staffview', email: 'nobody@staffview.example' })
    expect(await world.notify()).toMatchObject({ gaveUp: 1 })
    expect((await select(applicationId)).status).toBe(200)
    const stoppedAt = world.time.clock().toISOString()
    expect(await world.notify()).toMatchObject({ notSent: 1 })
    const { body, text } = await messagesOf(applicationId)
    expect(body.messages).toMatchObject([
      { kind: 'received', state: 'stopped', because: 'hard-bounce', lastError: expect.stringContaining('550') },
      { kind: 'selected', state: 'stopped', because: 'suppressed', stoppedAt, attempts: 1 },
    ])
    expect(body.messages.map((m) => m.sentAt)).toEqual([undefined, undefined])
    expect(text).not.toContain('staffview.example')
  })

  it('shows a message to an erased contact as stopped because the contact was erased', async () => {
    const { applicationId, startupId } = await apply({ name: 'Gone Staffview', email: 'gone.staffview@alpha.example' })
    expect((await world.api.admin('POST', `/startups/${startupId}/erasure`)).status).toBe(200)
    expect(await world.notify()).toMatchObject({ notSent: 1 })
    expect((await messagesOf(applicationId)).body.messages).toMatchObject([
      { kind: 'received', to: 'application-contact', state: 'stopped', because: 'erased' },
    ])
  })

  it('lists an application’s own messages only, oldest event first', async () => {
    const first = await apply({ name: 'Premier Staffview', email: 'premier@staffview-one.example' })
    const second = await apply({ name: 'Second Staffview', email: 'second@staffview-two.example' })
    expect((await select(first.applicationId)).status).toBe(200)
    expect(await world.notify()).toMatchObject({ sent: 3 })
    expect((await messagesOf(first.applicationId)).body.messages.map((m) => [m.kind, m.state])).toEqual([
      ['received', 'sent'],
      ['selected', 'sent'],
    ])
    expect((await messagesOf(second.applicationId)).body).toMatchObject({
      applicationId: second.applicationId,
      editionId: 'ces-2020',
      messages: [{ kind: 'received', state: 'sent' }],
    })
    expect((await messagesOf('0192f0a0-0000-7000-8000-000000000000')).body.messages).toEqual([])
  })

  it('answers only staff: 401 without a token, 403 to a reporting job', async () => {
    const { applicationId } = await apply({ name: 'Quiet Staffview', email: 'quiet@staffview.example' })
    const path = `/applications/${applicationId}/messages`
    const anonymous = await world.api.public('GET', path)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json')
    expect((await world.api.reports('GET', path)).status).toBe(403)
  })
})
