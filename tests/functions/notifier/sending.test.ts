import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maxSendAttempts, mayHaveArrivedTwice } from '../../../domain/notifications/index.js'
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
