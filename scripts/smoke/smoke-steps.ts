import { callApi, pollUntil, SmokeFailure } from './api-call.js'
import {
  decided,
  feedPage,
  issued,
  joined,
  report,
  smokeApplication,
  smokeEdition,
  smokePartner,
  submitted,
} from './smoke-requests.js'

export interface SmokeOptions {
  /** The API's base URL: `https://<id>.execute-api.<region>.amazonaws.com` or `http://127.0.0.1:3000`. */
  readonly url: string
  /** A staff access token with the `admin` group (its `Bearer ` prefix optional). */
  readonly token: string
  /** How long to wait for the projections and the Feed to catch up, in ms. */
  readonly waitMs: number
  /** Names this run's edition: `smoke-<runId>`, unique per run. */
  readonly runId: string
  readonly now: Date
}

/** What earlier steps made, that later steps use and the last steps clean up. */
export interface Made {
  editionId?: string
  applicationId?: string
  selected?: true
  partnerId?: string
  keyId?: string
  apiKey?: string
}

export interface Step {
  readonly title: string
  /** What the step needs from earlier ones; without it, it is skipped. */
  readonly needs: readonly (keyof Made)[]
  /** Answers a line of detail, or throws a SmokeFailure saying what went wrong. */
  run(): Promise<string>
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`

/**
 * The README's main flows against a deployment, one step at a time: an edition of its own,
 * an application through the public route, a selection pinned with If-Match, the report that
 * counts it, a partner key and the partner feed that shows it; then the key revoked and the
 * edition closed. Steps share what they made through `made`.
 *
 * @example const { steps, made } = smokeSteps(options)
 */
export const smokeSteps = (options: SmokeOptions): { steps: Step[]; made: Made } => {
  const { url, waitMs, runId, now } = options
  const staff: Record<string, string> = {
    Authorization: `Bearer ${options.token.replace(/^Bearer\s+/i, '')}`,
  }
  const made: Made = {}
  const editionId = `smoke-${runId}`
  const key = (step: string) => `smoke-${runId}-${step}`
  const call = (method: string, path: string, expect: number, body?: unknown, headers = staff) =>
    callApi(url, { method, path, expect, headers, ...(body === undefined ? {} : { body }) })

  const steps: Step[] = [
    {
      title: 'the API answers GET /health',
      needs: [],
      run: async () => `${JSON.stringify(await call('GET', '/health', 200, undefined, {}))}`,
    },
    {
      title: `staff open edition ${editionId}`,
      needs: [],
      async run() {
        const edition = smokeEdition(editionId, runId, now)
        await call('POST', '/editions', 201, edition, { ...staff, 'Idempotency-Key': key('open') })
        made.editionId = editionId
        return 'POST /editions: 201'
      },
    },
    {
      title: 'a start-up applies through the public route',
      needs: ['editionId'],
      async run() {
        const answer = submitted.parse(
          await call('POST', `/editions/${editionId}/applications`, 201, smokeApplication, {
            'Idempotency-Key': key('apply'),
          }),
        )
        // The public answer never says whether an application was held (issue 20): a held one
        // shows when staff select it, in the next step.
        if (answer.status !== 'received')
          throw new SmokeFailure(`the application is ${answer.status}, not received`)
        made.applicationId = answer.applicationId
        return `application ${answer.applicationId}, consent ${smokeApplication.consentVersion}`
      },
    },
    {
      title: 'staff select it (If-Match "1")',
      needs: ['applicationId'],
      async run() {
        const path = `/applications/${made.applicationId}/decision`
        const answer = decided.parse(
          await call('POST', path, 200, { decision: 'selected' }, { ...staff, 'If-Match': '"1"' }),
        )
        if (answer.status !== 'selected')
          throw new SmokeFailure(`the application is ${answer.status}, not selected`)
        made.selected = true
        return 'selected'
      },
    },
    {
      title: 'the edition report counts the selection',
      needs: ['selected'],
      async run() {
        const started = performance.now()
        let last = 'no report for the edition yet'
        const counted = await pollUntil(async () => {
          // 404 until the projector has seen the edition.
          const path = `/reports/editions/${editionId}`
          const answer = await callApi(url, {
            method: 'GET',
            path,
            headers: staff,
            expect: 200,
            notYet: [404],
          })
          if (answer === undefined) return undefined
          const { counts, currentTo } = report.parse(answer)
          last = `the report counts ${counts.selected} selected (Feed position ${currentTo})`
          return counts.selected === 1
            ? `${counts.selected} selected of ${counts.applications}, current to Feed position ${currentTo}`
            : undefined
        }, waitMs)
        if (!counted) throw new SmokeFailure(`after ${seconds(started)}: ${last}`)
        return `${counted}, after ${seconds(started)}`
      },
    },
    {
      title: 'a partner joins the edition and gets a feed:read key',
      needs: ['editionId'],
      async run() {
        const { partnerId } = joined.parse(
          await call('POST', `/editions/${editionId}/partners`, 201, smokePartner, {
            ...staff,
            'Idempotency-Key': key('partner'),
          }),
        )
        made.partnerId = partnerId
        // Revoked at the end; it expires in an hour should the revocation not happen.
        const expiresAt = new Date(now.getTime() + 3_600_000).toISOString()
        const { keyId, apiKey } = issued.parse(
          await call('POST', `/partners/${partnerId}/keys`, 201, {
            scopes: ['feed:read'],
            label: editionId,
            expiresAt,
          }),
        )
        Object.assign(made, { keyId, apiKey })
        return `partner ${partnerId}, key ${keyId}`
      },
    },
    {
      title: 'the partner feed shows the selection',
      needs: ['apiKey', 'selected'],
      async run() {
        const started = performance.now()
        let after: string | undefined
        const found = await pollUntil(async () => {
          const query = new URLSearchParams({
            types: 'application.selected',
            editionId,
            limit: '500',
            ...(after ? { after } : {}),
          })
          const page = feedPage.parse(
            await call('GET', `/feed?${query}`, 200, undefined, { 'X-Api-Key': made.apiKey ?? '' }),
          )
          after = page.next
          return page.events.find((event) => event.data.applicationId === made.applicationId)
        }, waitMs)
        if (!found)
          throw new SmokeFailure(
            `after ${seconds(started)}: no application.selected for ${made.applicationId} in the feed`,
          )
        return `sequence ${found.sequence}, after ${seconds(started)}`
      },
    },
    {
      title: 'the partner key is revoked',
      needs: ['keyId'],
      async run() {
        await call('DELETE', `/partners/${made.partnerId}/keys/${made.keyId}`, 204)
        return 'DELETE: 204'
      },
    },
    {
      title: `staff close edition ${editionId}`,
      needs: ['editionId'],
      async run() {
        await call('POST', `/editions/${editionId}/close`, 200, undefined, {
          ...staff,
          'Idempotency-Key': key('close'),
        })
        return 'closed'
      },
    },
  ]
  return { steps, made }
}
