import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MailSender } from '../../../functions/notifier/mail-sender.js'
import { applicationBody, validSiret } from '../../fixtures/requests.js'
import { notifierWorld, type NotifierWorld } from './notifier-world.js'

/**
 * Personal data on the mail path: the outbox names people by reference only and opens
 * their contact at send time, so an erased person is sent nothing, even a message queued
 * before the erasure; an address that bounced for good or complained is written to no more.
 */
describe('mail and personal data', () => {
  let world: NotifierWorld
  let seed = 2400
  const apply = async (contact: { name: string; email: string }) => {
    const answer = await world.api.public(
      'POST',
      '/editions/ces-2020/applications',
      applicationBody(validSiret(seed++), { contact }),
    )
    expect(answer.status, answer.text).toBe(201)
    return answer.json<{ applicationId: string; startupId: string }>()
  }
  const messagesOf = async (applicationId: string) =>
    (await world.outbox.ofEdition('ces-2020')).filter((m) => m.applicationId === applicationId)
  const sentTo = (address: string) =>
    world.catcher.messages.filter((m) => m.envelope.to.includes(address))
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

  it('sends nothing to an erased contact, not even the message queued before the erasure', async () => {
    const contact = { name: 'Zéphyrine Markeralpha', email: 'markeralpha@alpha.example' }
    const { applicationId, startupId } = await apply(contact)
    // Queued, and its first attempt failed (the server answered 421): it waits for its retry.
    const busy: MailSender = async () => ({ kind: 'retryable', error: '421 4.3.2 Try again later' })
    expect(await world.notify(world.notifier({ send: busy }))).toMatchObject({
      queued: 1,
      failed: 1,
    })
    expect((await world.api.admin('POST', `/startups/${startupId}/erasure`)).status).toBe(200)
    world.time.advance(2 * 60_000)
    expect(await world.notify()).toMatchObject({ sent: 0, notSent: 1 })
    expect(await messagesOf(applicationId)).toMatchObject([
      { status: 'not-sent', notSent: 'erased', attempts: 2 },
    ])
    // Later events about the application mail no one either.
    expect((await select(applicationId)).status).toBe(200)
    expect(await world.notify()).toMatchObject({ queued: 1, sent: 0, notSent: 1 })
    expect(sentTo(contact.email)).toEqual([])
    const scan = await world.harness.tables.doc.send(
      new ScanCommand({ TableName: world.harness.tables.names.outbox }),
    )
    expect(scan.Items?.length).toBeGreaterThan(1)
    for (const marker of [contact.email, contact.name, 'Markeralpha'])
      expect(JSON.stringify(scan.Items)).not.toContain(marker)
  })

  it('stops at the address a server refused for good: given up, suppressed by its blind index, the next message not sent', async () => {
    const contact = { name: 'Nobody Home', email: 'nobody@gone.example' }
    const { applicationId } = await apply(contact)
    expect(await world.notify()).toMatchObject({ gaveUp: 1 })
    const [receipt] = await messagesOf(applicationId)
    expect(receipt).toMatchObject({
      status: 'given-up',
      gaveUp: 'hard-bounce',
      lastError: expect.stringContaining('550'),
    })
    expect(receipt?.lastError).not.toContain('gone.example')
    const index = await world.vault.emailIndex(contact.email)
    expect(await world.suppressions.find(index)).toMatchObject({ reason: 'hard-bounce' })
    expect((await select(applicationId)).status).toBe(200)
    expect(await world.notify()).toMatchObject({ notSent: 1 })
    expect((await messagesOf(applicationId)).map((m) => [m.kind, m.status, m.notSent])).toEqual([
      ['received', 'given-up', undefined],
      ['selected', 'not-sent', 'suppressed'],
    ])
    const scan = await world.harness.tables.doc.send(
      new ScanCommand({ TableName: world.harness.tables.names.outbox }),
    )
    expect(JSON.stringify(scan.Items)).not.toContain('gone.example')
  })

  it('records a complaint SES reports: the message marked returned, the address suppressed for every start-up', async () => {
    const contact = { name: 'Paul Aubert', email: 'paul@lavande.example' }
    const { applicationId } = await apply(contact)
    expect(await world.notify()).toMatchObject({ sent: 1 })
    const [receipt] = sentTo(contact.email)
    // As SES's configuration set puts it on EventBridge (the fields we read, and a few more).
    const complaint = {
      version: '0',
      id: 'e2f5c9a4-1b7e-4c3f-9a41-6c1f0a0d5b21',
      'detail-type': 'Email Complaint Received',
      source: 'aws.ses',
      account: '123456789012',
      time: '2027-10-16T08:00:00Z',
      region: 'eu-west-3',
      resources: [],
      detail: {
        eventType: 'Complaint',
        complaint: {
          complainedRecipients: [{ emailAddress: contact.email }],
          timestamp: '2027-10-16T07:59:58.000Z',
          feedbackId: '0102018f-complaint',
          complaintFeedbackType: 'abuse',
        },
        mail: {
          timestamp: '2027-10-16T07:40:00.000Z',
          source: 'delegation@maregionsud.example',
          messageId: '0102018f-message',
          destination: [contact.email],
          tags: { outbox: [receipt?.ref ?? ''], 'ses:configuration-set': ['delegation-sud-dev'] },
        },
      },
    }
    expect(await world.notifier().recordReturn(complaint)).toEqual({
      kind: 'complaint',
      suppressed: 1,
      marked: true,
    })
    expect(await messagesOf(applicationId)).toMatchObject([
      { status: 'sent', returned: { kind: 'complaint', at: '2027-10-16T07:59:58.000Z' } },
    ])
    // The same person applying for another start-up is not written to either.
    const again = await apply({ name: 'Paul Aubert', email: 'Paul@Lavande.example' })
    expect(await world.notify()).toMatchObject({ notSent: 1, sent: 0 })
    expect(await messagesOf(again.applicationId)).toMatchObject([{ notSent: 'suppressed' }])
    expect(sentTo(contact.email)).toHaveLength(1)
    // A transient bounce (a full mailbox) stops nothing.
    const transient = {
      ...complaint,
      'detail-type': 'Email Bounced',
      detail: {
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Transient',
          bouncedRecipients: [{ emailAddress: 'x@y.example' }],
          timestamp: '2027-10-16T08:00:00.000Z',
        },
        mail: complaint.detail.mail,
      },
    }
    expect(await world.notifier().recordReturn(transient)).toEqual({
      kind: 'ignored',
      suppressed: 0,
      marked: false,
    })
  })
})
