import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maxSendAttempts, mayHaveArrivedTwice } from '../../../domain/notifications/index.js'
import { keyOfRef } from '../../../functions/notifier/outbox-layout.js'
import { createNotifierCheckpoint } from '../../../functions/notifier/notifier-checkpoint.js'
import { createSmtpSender } from '../../../functions/notifier/smtp-sender.js'
import type { MailSender } from '../../../functions/notifier/mail-sender.js'
import { freePort } from '../../../local/free-port.js'
import { applicationBody, validSiret } from '../../fixtures/requests.js'
import { identity, notifierWorld, type NotifierWorld } from './notifier-world.js'

/**
 * How the notifier hands messages over when things go wrong: two runs at once, a process
 * stopped between the hand-over and its settlement, a mail server down for hours.
 */
describe('sending through the outbox', () => {
  let world: NotifierWorld
  let seed = 2300
  const apply = async (
    contact = { name: 'Inès Martin', email: `ines${seed}@calanques.example` },
  ) => {
    const answer = await world.api.public(
      'POST',
      '/editions/ces-2020/applications',
      applicationBody(validSiret(seed++), { contact }),
    )
    expect(answer.status, answer.text).toBe(201)
    return answer.json<{ applicationId: string }>().applicationId
  }
  const messagesOf = async (applicationId: string) =>
    (await world.outbox.ofEdition('ces-2020')).filter((m) => m.applicationId === applicationId)
  const caughtFor = (applicationId: string) =>
    world.catcher.messages.filter((m) => m.text.includes(applicationId))

  beforeAll(async () => {
    world = await notifierWorld()
  }, 60_000)
  afterAll(() => world?.close())

  it('a run stopped after queueing, before moving its checkpoint, queues nothing twice when run again', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => apply()))
    const before = world.catcher.messages.length
    const stopsBeforeCommit = world.notifier({
      checkpoint: {
        read: () =>
          createNotifierCheckpoint({
            doc: world.harness.tables.doc,
            table: world.harness.tables.names.outbox,
          }).read(),
        commit: () => Promise.reject(new Error('the process stopped here')),
      },
    })
    await expect(world.notify(stopsBeforeCommit)).rejects.toThrow('the process stopped here')
    expect(await Promise.all(ids.map(messagesOf))).toMatchObject(
      ids.map(() => [{ status: 'pending', attempts: 0 }]),
    )
    expect(await world.notify(world.notifier())).toMatchObject({ queued: 0, sent: 5 })
    expect(world.catcher.messages.slice(before)).toHaveLength(5)
  })

  it('two runs started together on new events queue and send each message exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, () => apply()))
    const before = world.catcher.messages.length
    await world.notify(world.notifier({ maxEvents: 0 })) // indexes only: nothing looked at
    const [first, second] = await Promise.all([
      world.notifier({ pageSize: 2 }).run(),
      world.notifier({ pageSize: 3 }).run(),
    ])
    expect(first.queued + second.queued).toBe(12)
    expect(first.sent + second.sent).toBe(12)
    expect(world.catcher.messages.slice(before)).toHaveLength(12)
    for (const id of ids) {
      expect(caughtFor(id)).toHaveLength(1)
      expect(await messagesOf(id)).toMatchObject([{ status: 'sent', attempts: 1 }])
    }
  })

  it('a run stopped between the hand-over and the settlement sends one duplicate at most, and records it', async () => {
    const id = await apply()
    // The process dies right after the server took the message: its settlement never happens.
    const stopsAfterSending =
      (send: MailSender): MailSender =>
      async (mail) => {
        await send(mail)
        throw new Error('the process stopped here')
      }
    await expect(world.notify(world.notifier({ wrapSend: stopsAfterSending }))).rejects.toThrow(
      'the process stopped here',
    )
    expect(caughtFor(id)).toHaveLength(1)
    expect(await messagesOf(id)).toMatchObject([{ status: 'pending', attempts: 1, inFlight: true }])
    // Until the lease lapses no one takes it again; then another run does, and sends once more.
    expect(await world.notify(world.notifier())).toMatchObject({ sent: 0 })
    world.time.advance(60_000)
    expect(await world.notify(world.notifier())).toMatchObject({ sent: 1 })
    const [message] = await messagesOf(id)
    expect(message).toMatchObject({ status: 'sent', attempts: 2, interrupted: 1 })
    expect(message && mayHaveArrivedTwice(message)).toBe(true)
    const caught = caughtFor(id)
    expect(caught).toHaveLength(2)
    // Both carry the same Message-ID: a client that dedupes by it shows one.
    expect(caught[0]?.messageId).toBe(caught[1]?.messageId)
    expect(
      await world.notify(
        world.notifier({ clock: () => new Date(world.time.clock().getTime() + 3_600_000) }),
      ),
    ).toMatchObject({ sent: 0 })
    expect(caughtFor(id)).toHaveLength(2)
  })

  it('200 applications in a rush, the notifier stopped between a hand-over and its record midway: a fresh one sends the rest, each once, the interrupted one twice', async () => {
    const contacts = Array.from({ length: 200 }, (_, i) => ({
      name: `Rush Applicant ${i}`,
      email: `rush${i}@ruee.example`,
    }))
    const ids = await Promise.all(contacts.map((contact) => apply(contact)))
    const emailOf = new Map(ids.map((id, i) => [id, contacts[i]?.email]))
    const before = world.catcher.messages.length

    // The first process queues part of the rush (its checkpoint moves page by page), then
    // sends one message at a time and stops for good right after the server took the 20th,
    // before recording it: one attempt in flight, so one message may arrive twice.
    let handed = 0
    let stopped = false
    let interruptedRef = ''
    const stopsAfter20th =
      (send: MailSender): MailSender =>
      async (mail) => {
        if (stopped) throw new Error('this process has stopped')
        const outcome = await send(mail)
        handed += 1
        if (handed === 20) {
          stopped = true
          interruptedRef = mail.ref
          throw new Error('the process stopped here')
        }
        return outcome
      }
    await expect(
      world.notify(
        world.notifier({ wrapSend: stopsAfter20th, concurrency: 1, pageSize: 25, maxEvents: 100 }),
      ),
    ).rejects.toThrow('the process stopped here')
    const queuedBefore = (await world.outbox.ofEdition('ces-2020')).filter((m) =>
      emailOf.has(m.applicationId),
    )
    expect(queuedBefore.length).toBeGreaterThan(20)
    expect(queuedBefore.length).toBeLessThan(200)
    expect(world.catcher.messages.length - before).toBe(20)
    const interruptedId = keyOfRef(interruptedRef)?.sk.split('#')[1] ?? ''
    expect(emailOf.has(interruptedId)).toBe(true)

    // A fresh process, fresh state, once the interrupted attempt's lease has lapsed: it goes
    // on from the checkpoint and the outbox.
    world.time.advance(60_000)
    const resumed = await world.notify(world.notifier())
    expect(resumed).toMatchObject({ queued: 200 - queuedBefore.length, sent: 200 - 19, failed: 0 })

    const caught = world.catcher.messages.slice(before)
    expect(caught).toHaveLength(201)
    for (const id of ids) {
      const received = caught.filter((m) => m.text.includes(id))
      // Each to its own contact; the interrupted one twice, with one Message-ID.
      expect(received.map((m) => m.envelope.to), id).toEqual(
        Array.from({ length: id === interruptedId ? 2 : 1 }, () => [emailOf.get(id)]),
      )
      expect(new Set(received.map((m) => m.messageId)).size).toBe(1)
    }
    const messages = (await world.outbox.ofEdition('ces-2020')).filter((m) => emailOf.has(m.applicationId))
    expect(messages).toHaveLength(200)
    expect(messages.every((m) => m.kind === 'received' && m.status === 'sent')).toBe(true)
    // The outbox says where the duplicate may be, and only there.
    expect(messages.filter(mayHaveArrivedTwice).map((m) => m.applicationId)).toEqual([interruptedId])
  }, 180_000)

  it('retries a server that is down for about thirteen hours, then gives the message up saying why', async () => {
    const id = await apply()
    const down = createSmtpSender({
      url: `smtp://127.0.0.1:${await freePort()}`,
      ...identity,
      timeoutMs: 2_000,
    })
    const notifier = world.notifier({ send: down.send })
    const started = world.time.clock().getTime()
    for (let attempt = 1; attempt < maxSendAttempts; attempt++) {
      expect(await world.notify(notifier)).toMatchObject({ sent: 0, failed: 1 })
      const [message] = await messagesOf(id)
      expect(message).toMatchObject({
        status: 'pending',
        attempts: attempt,
        lastError: expect.stringContaining('ECONNREFUSED'),
      })
      world.time.set(message?.dueAt ?? '')
    }
    expect(await world.notify(notifier)).toMatchObject({ gaveUp: 1 })
    expect(await messagesOf(id)).toMatchObject([
      { status: 'given-up', gaveUp: 'retries-spent', attempts: maxSendAttempts },
    ])
    expect((world.time.clock().getTime() - started) / 3_600_000).toBeGreaterThan(13)
    expect(caughtFor(id)).toEqual([])
    down.close()
  })

  it('a message that failed goes once the server is back', async () => {
    const id = await apply()
    const down = createSmtpSender({
      url: `smtp://127.0.0.1:${await freePort()}`,
      ...identity,
      timeoutMs: 2_000,
    })
    expect(await world.notify(world.notifier({ send: down.send }))).toMatchObject({ failed: 1 })
    down.close()
    world.time.advance(60_000 * 1.2)
    expect(await world.notify()).toMatchObject({ sent: 1 })
    expect(await messagesOf(id)).toMatchObject([{ status: 'sent', attempts: 2 }])
    expect((await messagesOf(id))[0]?.lastError).toBeUndefined()
    expect(caughtFor(id)).toHaveLength(1)
  })
})
