import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifierHandler } from '../../../functions/notifier/handler.js'
import { createSesSender } from '../../../functions/notifier/ses-sender.js'
import { createLogger } from '../../../functions/shared/logger.js'
import { applicationBody, validSiret } from '../../fixtures/requests.js'
import { sesPermanentBounce } from '../../fixtures/ses-events.js'
import { fakeSes, type SesRequest } from '../../setup/fake-ses.js'
import { indexAll } from '../webhooks/fixtures.js'
import { identity, notifierWorld, type NotifierWorld } from './notifier-world.js'

/** The stage's configuration set, as CDK names it (infra/constructs/notifications.ts). */
const configurationSet = 'delegation-sud-dev-mail'

/** A tick of its one-minute EventBridge schedule. */
const tick = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eab',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2027-01-01T10:00:00Z',
  region: 'eu-west-3',
  resources: ['arn:aws:events:eu-west-3:123456789012:rule/notifier-catch-up'],
  detail: {},
}

/**
 * The notifier as its Lambda runs it (functions/notifier/lambda.ts): its handler, under its
 * function scope (`asFunction('notifier')`, so every AWS call it makes is recorded for the
 * least-privilege test, tests/infra/observed-calls.test.ts), woken by its schedule, sending through SES v2's SendEmail (the real SDK, SES standing in on the
 * wire) and taking SES's bounce events from EventBridge.
 */
describe('the notifier in AWS: its handler, SES v2 on the wire', () => {
  let world: NotifierWorld
  let ses: ReturnType<typeof fakeSes>
  let handler: ReturnType<typeof notifierHandler>
  let seed = 3100
  const apply = async (contact: { name: string; email: string }) => {
    const answer = await world.api.public(
      'POST',
      '/editions/ces-2020/applications',
      applicationBody(validSiret(seed++), { contact }),
    )
    expect(answer.status, answer.text).toBe(201)
    return answer.json<{ applicationId: string }>()
  }
  const sentTo = (address: string): SesRequest[] =>
    ses.requests.filter((r) =>
      r.body.Destination?.ToAddresses?.some((to) => to.endsWith(`<${address}>`)),
    )

  beforeAll(async () => {
    world = await notifierWorld()
    // SES refuses what its sandbox would: an address it was never shown (MessageRejected).
    ses = fakeSes((request) =>
      request.body.Destination?.ToAddresses?.some((to) => to.includes('@unverified.example'))
        ? { status: 400, type: 'MessageRejected', message: 'Email address is not verified.' }
        : { accept: true },
    )
    const send = createSesSender({ ses: ses.client, ...identity, configurationSet })
    handler = notifierHandler(world.notifier({ send }), createLogger('notifier'))
  }, 60_000)
  afterAll(() => world?.close())

  it('sends the receipt a tick of its schedule finds through SendEmail, from the identity, in the configuration set, tagged with its outbox reference', async () => {
    const { applicationId } = await apply({ name: 'Inès Martin', email: 'ines@calanques.example' })
    await indexAndRun()
    const [request, ...others] = sentTo('ines@calanques.example')
    expect(others).toEqual([])
    expect(request?.body).toMatchObject({
      FromEmailAddress: '=?UTF-8?B?RMOpbMOpZ2F0aW9uIFN1ZA==?= <delegation@maregionsud.example>',
      // Display names outside ASCII as RFC 2047 encoded-words, as SES wants them.
      Destination: { ToAddresses: ['=?UTF-8?B?SW7DqHMgTWFydGlu?= <ines@calanques.example>'] },
      ReplyToAddresses: [identity.replyTo],
      ConfigurationSetName: configurationSet,
      Content: { Simple: { Subject: { Charset: 'UTF-8' } } },
    })
    const ref = request?.body.EmailTags?.find((tag) => tag.Name === 'outbox')?.Value ?? ''
    expect(ref).toContain(applicationId)
    expect(request?.body.Content?.Simple?.Body?.Text?.Data).toContain(
      `${world.baseUrl}/applications/${applicationId}/withdraw?token=w1.`,
    )
    // The next tick finds nothing left: nothing is sent twice.
    expect(await handler(tick as never)).toMatchObject({ sent: 0, failed: 0 })
    expect(sentTo('ines@calanques.example')).toHaveLength(1)
    const [sent] = (await world.outbox.ofEdition('ces-2020')).filter(
      (m) => m.applicationId === applicationId,
    )
    expect(sent).toMatchObject({
      status: 'sent',
      messageId: expect.stringMatching(/^0102019a-stand-in-/),
    })
  })

  it('gives up on what SES refuses, keeping its reason and no address, and retries nothing', async () => {
    const { applicationId } = await apply({ name: 'Léa Roux', email: 'lea@unverified.example' })
    await indexAndRun()
    const [message] = (await world.outbox.ofEdition('ces-2020')).filter(
      (m) => m.applicationId === applicationId,
    )
    expect(message).toMatchObject({
      status: 'given-up',
      gaveUp: 'refused',
      lastError: expect.stringContaining('not verified'),
    })
    expect(JSON.stringify(message)).not.toContain('lea@unverified.example')
    world.time.advance(60 * 60_000)
    await handler(tick as never)
    expect(sentTo('lea@unverified.example')).toHaveLength(1)
  })

  it('suppresses an address SES reports as bounced for good (EventBridge → the handler): its next message is not sent', async () => {
    const contact = { name: 'Paul Aubert', email: 'paul@lavande.example' }
    await apply(contact)
    await indexAndRun()
    const [receipt] = sentTo(contact.email)
    const ref = receipt?.body.EmailTags?.find((tag) => tag.Name === 'outbox')?.Value ?? ''
    expect(
      await handler(sesPermanentBounce(configurationSet, contact.email, ref) as never),
    ).toEqual({
      kind: 'hard-bounce',
      suppressed: 1,
      marked: true,
    })
    const again = await apply(contact)
    await indexAndRun()
    expect(sentTo(contact.email)).toHaveLength(1)
    expect(
      (await world.outbox.ofEdition('ces-2020')).filter(
        (m) => m.applicationId === again.applicationId,
      ),
    ).toMatchObject([{ status: 'not-sent', notSent: 'suppressed' }])
  })

  /** The indexer's work on the Events stream, then a tick of the notifier's schedule. */
  const indexAndRun = async () => {
    await indexAll(world.harness.tables)
    expect(await handler(tick as never)).toMatchObject({ failed: 0 })
  }
})
