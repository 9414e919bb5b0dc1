import { setTimeout as sleep } from 'node:timers/promises'
import { createSmtpSender } from '../../functions/notifier/smtp-sender.js'
import { notifierOnTables } from '../../functions/notifier/notifier-on-tables.js'
import { localMasterKey } from '../../functions/personal-data/master-key.js'
import { localMasterKeyPath } from '../../functions/personal-data/vault-from-env.js'
import { createDocumentClient } from '../../functions/shared/dynamo-client.js'
import { schedules } from '../../local/lambda-entries.js'
import { startMailCatcher } from '../../local/mail-catcher.js'
import { startScheduler } from '../../local/scheduler.js'
import type { BenchContext } from '../context.js'
import { startBenchApi } from '../fixtures/api-server.js'
import { applicationBody, editionBody, validSiret } from '../fixtures/requests.js'
import { startStreamPipeline } from '../fixtures/stream-pipeline.js'
import { percentile } from '../interleave.js'
import type { LatencyResult } from '../report.js'

/** npm start's timings: its stream poller's default interval, and the notifier's schedule. */
const streamPollMs = 250
const notifierEveryMs = schedules.find((job) => job.name === 'notifier-catch-up')?.everyMs ?? 5_000
const perSecond = 10
const stallMs = 60_000
const identity = { from: { name: 'Délégation Sud', address: 'delegation@maregionsud.example' }, replyTo: 'contact@maregionsud.example' }

/**
 * Append → message received, as `npm start` runs the mail path: applications posted to the
 * real app over loopback at a steady rate (open loop), the real indexer on the Events stream
 * (polled every 250 ms), the notifier as its Lambda builds it (notifier-on-tables.ts) on the
 * 5-second schedule, sending over SMTP to the in-process catcher. Each application has its own
 * contact address, so each *received* message is matched to its application by recipient.
 */
export const mailLagCases = async (ctx: BenchContext): Promise<LatencyResult[]> => {
  const total = ctx.size(20 * perSecond, 5 * perSecond)
  const catcher = await startMailCatcher()
  const api = await startBenchApi(ctx)
  const pipeline = await startStreamPipeline(ctx, ctx.names, streamPollMs)
  const smtp = createSmtpSender({ url: catcher.url, ...identity, timeoutMs: 10_000 })
  const notifier = notifierOnTables({
    doc: createDocumentClient({ endpoint: ctx.endpoint }),
    tables: ctx.names,
    masterKey: localMasterKey(localMasterKeyPath),
    send: smtp.send,
    links: { baseUrl: api.base, contactEmail: identity.replyTo },
    clock: () => new Date(),
    random: Math.random,
  })
  const runMs: number[] = []
  const job = startScheduler({
    name: 'notifier-catch-up',
    everyMs: notifierEveryMs,
    region: 'eu-west-3',
    handler: async () => {
      const started = performance.now()
      const summary = await notifier.run()
      if (summary.sent > 0) runMs.push(performance.now() - started)
    },
  })
  const startedAt = new Map<string, number>()
  const receivedAt = new Map<string, number>()
  const stopListening = catcher.onMessage((message) => {
    const to = message.envelope.to[0] ?? ''
    if (startedAt.has(to) && !receivedAt.has(to)) receivedAt.set(to, performance.now())
  })
  try {
    const opened = await api.post('/editions', editionBody('mail-lag'), api.adminHeaders)
    if (opened !== 201) throw new Error(`mail lag: the edition was not opened (${opened})`)
    const posts: Array<Promise<void>> = []
    const t0 = performance.now()
    for (let i = 0; i < total; i++) {
      const wait = t0 + (i * 1000) / perSecond - performance.now()
      if (wait > 0) await sleep(wait)
      const email = `mail-lag-${i}@calanques.example`
      startedAt.set(email, performance.now())
      const body = applicationBody(validSiret(900_000 + i), {
        contact: { name: 'Inès Martin', email, phone: '+33 4 91 00 00 00' },
      })
      posts.push(api.post('/editions/mail-lag/applications', body).then((status) => {
        if (status !== 201) throw new Error(`mail lag: an application answered ${status}`)
      }))
    }
    await Promise.all(posts)
    let progressAt = performance.now()
    for (let seen = receivedAt.size; seen < total; seen = receivedAt.size) {
      await sleep(50)
      if (receivedAt.size > seen) progressAt = performance.now()
      else if (performance.now() - progressAt > stallMs) {
        throw new Error(`mail lag: ${receivedAt.size} of ${total} messages received`)
      }
    }
    await job.stop() // the last run's time counted before the rows are made
    const lags = [...startedAt].map(([email, started]) => (receivedAt.get(email) as number) - started)
    const row = (name: string, values: number[], rest: Partial<LatencyResult> = {}) => ({
      name, p50Ms: percentile(values, 0.5), p99Ms: percentile(values, 0.99), samples: values.length, ...rest,
    })
    return [
      row('mail lag (application posted → *received* message in the catcher)', lags, {
        note: `${total} applications posted to the app at ${perSecond}/s (open loop), each with ` +
          'its own contact; real indexer on the Events stream polled every ' +
          `${streamPollMs} ms and the notifier on its ${notifierEveryMs / 1000}-second schedule, ` +
          "both npm start's timings (AWS runs the notifier every minute), sending over SMTP to " +
          'the in-process catcher; timed until the catcher has the message. The schedule ' +
          `dominates: a message waits for the next run, up to ${notifierEveryMs / 1000} s`,
      }),
      row('… one notifier run that sent (queue from the Feed, open, render, send)', runMs),
    ]
  } finally {
    stopListening()
    await job.stop()
    await pipeline.stop()
    smtp.close()
    api.close()
    await catcher.close()
  }
}
