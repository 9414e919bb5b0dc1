import { createDynamoFeed } from '../../../functions/feed/dynamo-feed.js'
import type { MailSender } from '../../../functions/notifier/mail-sender.js'
import { lookUpMessage } from '../../../functions/notifier/message-lookup.js'
import { createNotifier, type NotifierOptions } from '../../../functions/notifier/notifier.js'
import { createNotifierCheckpoint } from '../../../functions/notifier/notifier-checkpoint.js'
import { createOutboxStore } from '../../../functions/notifier/outbox-store.js'
import { createSmtpSender } from '../../../functions/notifier/smtp-sender.js'
import { createSuppressionList } from '../../../functions/notifier/suppression-list.js'
import { createStreamReader } from '../../../functions/store/dynamo-event-store.js'
import { startMailCatcher, type MailCatcherOptions } from '../../../local/mail-catcher.js'
import { editionBody } from '../../fixtures/requests.js'
import type { TestTables } from '../../setup/test-tables.js'
import { testVault, testWithdrawalLinks } from '../../setup/test-vault.js'
import { apiHarness, client } from '../http/api-harness.js'
import { nodeServer } from '../http/transports.js'
import { fakeClock, indexAll } from '../webhooks/fixtures.js'

/** Who the programme writes as in the tests. */
export const identity = {
  from: { name: 'Délégation Sud', address: 'delegation@maregionsud.example' },
  replyTo: 'contact@maregionsud.example',
}

/**
 * A notifier factory on an app's tables, sending to an SMTP catcher: each call is a fresh
 * process (a restart), on the same tables and catcher. As the Lambda does (lambda.ts):
 * contacts opened with no key cache, links signed by the programme's key.
 *
 * @example const notifier = notifierOn({ tables, baseUrl, catcherUrl: catcher.url, clock })
 */
export const notifierOn = ({
  tables,
  baseUrl,
  catcherUrl,
  clock,
}: {
  tables: TestTables
  baseUrl: string
  catcherUrl: string
  clock: () => Date
}) => {
  const { doc, names } = tables
  const outbox = createOutboxStore({ doc, table: names.outbox })
  const suppressions = createSuppressionList({ doc, table: names.outbox })
  const smtp = createSmtpSender({ url: catcherUrl, ...identity, timeoutMs: 5_000 })
  const vault = testVault(tables, { cacheTtlMs: 0 })
  const links = testWithdrawalLinks(tables)
  const notifier = (
    overrides: Partial<NotifierOptions> & { wrapSend?: (send: MailSender) => MailSender } = {},
  ) => {
    const { wrapSend = (send) => send, ...rest } = overrides
    return createNotifier({
      feed: createDynamoFeed({ doc, table: names.feed }),
      outbox,
      checkpoint: createNotifierCheckpoint({ doc, table: names.outbox }),
      suppressions,
      lookUp: lookUpMessage(createStreamReader({ doc, events: names.events, personalData: vault })),
      emailIndex: (email) => vault.emailIndex(email),
      signWithdrawal: (applicationId) => links.sign(applicationId),
      send: wrapSend(smtp.send),
      links: { baseUrl, contactEmail: identity.replyTo },
      clock,
      random: () => 0.5,
      ...rest,
    })
  }
  return { notifier, outbox, suppressions, vault, close: () => smtp.close() }
}

/**
 * The whole mail path on fresh DynamoDB Local tables: the API served on a loopback port
 * (the stage's public URL, so a message's links are followed for real), the real indexer,
 * the notifier with its SMTP sender, and the catcher it sends to; one edition open (CES
 * 2020, the API's clock in mid-2019). The notifier's own clock is a fake one, moved by hand
 * for retries and leases.
 *
 * @example const world = await notifierWorld(); await world.apply(validSiret(1)); await world.notify()
 */
export const notifierWorld = async ({ refuses }: Pick<MailCatcherOptions, 'refuses'> = {}) => {
  const harness = await apiHarness()
  const transport = nodeServer()
  const api = client(await transport.start(harness.app), harness)
  const baseUrl = transport.origin ?? ''
  const catcher = await startMailCatcher(refuses ? { refuses } : {})
  const time = fakeClock(new Date())
  const { notifier, outbox, suppressions, vault, close } = notifierOn({
    tables: harness.tables,
    baseUrl,
    catcherUrl: catcher.url,
    clock: time.clock,
  })
  const main = notifier()

  const opened = await api.admin('POST', '/editions', editionBody('ces-2020'))
  if (opened.status !== 201) throw new Error(`edition not opened: ${opened.text}`)

  return {
    harness,
    api,
    baseUrl,
    catcher,
    time,
    outbox,
    suppressions,
    vault,
    notifier,
    /** The Events stream's work (the real indexer), then one notifier run. */
    async notify(run = main) {
      await indexAll(harness.tables)
      return run.run()
    },
    async close() {
      close()
      await Promise.all([catcher.close(), transport.stop()])
    },
  }
}

export type NotifierWorld = Awaited<ReturnType<typeof notifierWorld>>
