import type { Context, MiddlewareHandler } from 'hono'
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { html } from 'hono/html'
import { loadHistory } from '../../queries/history-report.js'
import { sequenceCursor } from '../../shared/cursor.js'
import type { ApiEnv } from '../../shared/http/app-env.js'
import type { TokenVerifier } from '../../shared/http/token-verifier.js'
import type { ApplyPagesDeps } from '../apply/apply-routes.js'
import { type ApiAnswer, callApi } from '../api-client.js'
import type { PageAssets } from '../assets.js'
import { readForm } from '../form-body.js'
import { messagePage, pageContext } from '../layout.js'
import { pageHeaders } from '../page-headers.js'
import { fromAnotherSite, sessionAreas } from '../staff/session.js'
import { cataloguePage } from './catalogue-page.js'
import { type FeedFilter, type FeedRow, feedPage } from './feed-page.js'
import { portalRefusal as refusalOf } from './refusals.js'
import { type IssuedKey, type KeyRow, keysPage } from './keys-page.js'
import {
  type DeliveryFilter,
  type DeliveryRow,
  deliveryFilters,
  type FieldError,
  type Notice,
  type ReplayPreview,
  replayPreviewPage,
  secretPage,
  type SubscriptionDraft,
  type SubscriptionRow,
  subscriptionPage,
  subscriptionsPage,
  type TestRow,
} from './portal-pages.js'

/** What the portal's pages put on the context: the user's token and the partner it acts for. */
export type PortalEnv = ApiEnv & { Variables: { portalToken: string; partnerId: string } }

const text = (value: unknown, max = 2_000): string =>
  typeof value === 'string' ? value.slice(0, max) : ''

/**
 * The portal's gate: a valid session of a partner's user (a token bound to one partner).
 * Without one, a page read goes to the sign-in and comes back; a post is refused, as is
 * a post from another site (the cookie is Lax; Sec-Fetch-Site or Origin say the rest).
 * Staff have no portal session: the portal acts for one partner, and staff for none.
 */
const portalSession =
  (verifier: TokenVerifier, assets: PageAssets): MiddlewareHandler<PortalEnv> =>
  async (c, next) => {
    const page = pageContext(c, assets)
    const forbidden = () =>
      c.html(
        messagePage(page, { title: page.t.portal.title, message: page.t.portal.forbidden }),
        403,
      )
    if (c.req.method === 'POST' && fromAnotherSite(c)) return forbidden()
    const token = getCookie(c, sessionAreas.portal.cookie)
    const principal = token ? await verifier.verify(token).catch(() => undefined) : undefined
    if (!token || !principal) {
      if (c.req.method !== 'GET') {
        // A form sent after the session ended: nothing done, and the way back in.
        return c.html(
          messagePage(page, {
            title: page.t.portal.signInTitle,
            message: page.t.portal.sessionEnded,
            extra: html`<p><a href="${page.href('/portal/sign-in')}">${page.t.portal.signInAgain}</a></p>`,
          }),
          401,
        )
      }
      const url = new URL(c.req.url)
      return c.redirect(
        page.href(`/portal/sign-in?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`),
        303,
      )
    }
    if (!principal.partnerId) return forbidden()
    c.set('portalToken', token)
    c.set('partnerId', principal.partnerId)
    await next()
  }

type PortalAction = 'pause' | 'resume' | 'test' | 'redrive'

/**
 * The partners' portal (`/portal`): a partner's people manage its webhook subscriptions
 * without curl. Every read and every action is the API's own route, called in process
 * with the user's token, so the API's rule that a partner's user sees and changes its own
 * partner's objects only is the pages' rule too (an other partner's subscription is 404
 * there, so here). Sign-in is the staff pages' (one user pool): `/portal/sign-in` sends
 * the reader there, and the callback opens the portal's session for a partner's user.
 *
 * @example app.route('/', portalRoutes({ deps, request, assets }))
 */
export const portalRoutes = ({ deps, request, assets }: ApplyPagesDeps) => {
  const gate = portalSession(deps.verifier, assets)

  const api = (c: Context<PortalEnv>, path: string, call: Parameters<typeof callApi>[2] = {}) =>
    callApi(request, path, {
      ...call,
      token: c.var.portalToken,
      correlationId: c.var.correlationId,
    })

  const notFound = (c: Context<PortalEnv>) => {
    const page = pageContext(c, assets)
    return c.html(
      messagePage(page, { title: page.t.notFound.title, message: page.t.portal.notFound }),
      404,
    )
  }

  const refusedStatus = (status: number) =>
    status === 409 || status === 422 || status === 503 ? status : 409

  const renderList = async (
    c: Context<PortalEnv>,
    extra: { notice?: Notice; draft?: SubscriptionDraft; errors?: readonly FieldError[] } = {},
    status: 200 | 400 | 409 | 422 | 503 = 200,
  ) => {
    const page = pageContext(c, assets)
    const [listed, history] = await Promise.all([
      api(c, '/subscriptions'),
      loadHistory(deps.readModels),
    ])
    const subscriptions = listed.ok
      ? (listed.body as { subscriptions: SubscriptionRow[] }).subscriptions
      : []
    const editions = [...history.editions]
      .reverse()
      .map(({ editionId, name }) => ({ editionId, name }))
    const done = c.req.query('done')
    const notice =
      extra.notice ??
      (done === 'remove'
        ? { kind: 'done' as const, text: page.t.portal.done.remove ?? '' }
        : undefined)
    return c.html(
      subscriptionsPage(page, {
        partnerId: c.var.partnerId,
        subscriptions,
        editions,
        ...extra,
        notice,
      }),
      status,
    )
  }

  const renderSubscription = async (
    c: Context<PortalEnv>,
    notice?: Notice,
    status: 200 | 409 | 422 | 503 = 200,
  ) => {
    const page = pageContext(c, assets)
    const id = encodeURIComponent(c.req.param('id') ?? '')
    const asked = c.req.query('filter')
    const filter: DeliveryFilter = deliveryFilters.find((known) => known === asked) ?? 'all'
    const query = filter === 'failed' ? '?failed=true' : filter === 'dead' ? '?status=dead' : ''
    const [subscription, tests, deliveries] = await Promise.all([
      api(c, `/subscriptions/${id}`),
      api(c, `/subscriptions/${id}/tests`),
      api(c, `/subscriptions/${id}/deliveries${query}`),
    ])
    if (!subscription.ok) return notFound(c)
    const done = c.req.query('done')
    const doneText =
      done === 'replay'
        ? page.t.portal.replayed(Number(c.req.query('count') ?? 0) || 0)
        : done
          ? page.t.portal.done[done]
          : undefined
    return c.html(
      subscriptionPage(page, {
        partnerId: c.var.partnerId,
        subscription: subscription.body as SubscriptionRow,
        tests: tests.ok ? (tests.body as { tests: TestRow[] }).tests : [],
        deliveries: deliveries.ok
          ? (deliveries.body as { deliveries: DeliveryRow[] }).deliveries
          : [],
        filter,
        notice: notice ?? (doneText ? { kind: 'done', text: doneText } : undefined),
      }),
      status,
    )
  }

  /** Events a page of the portal's feed shows. */
  const feedPageSize = 50

  const renderFeed = async (c: Context<PortalEnv>) => {
    const page = pageContext(c, assets)
    const filter: FeedFilter = {
      type: text(c.req.query('type'), 100),
      editionId: text(c.req.query('editionId'), 64),
    }
    const older = text(c.req.query('older'), 40)
    const query = (extra: Record<string, string>) =>
      new URLSearchParams(
        Object.entries({
          ...(filter.type ? { type: filter.type } : {}),
          ...(filter.editionId ? { editionId: filter.editionId } : {}),
          ...extra,
        }),
      ).toString()
    const apiQuery = new URLSearchParams({
      order: 'desc',
      limit: String(feedPageSize),
      ...(filter.type ? { types: filter.type } : {}),
      ...(filter.editionId ? { editionId: filter.editionId } : {}),
      ...(older ? { after: older } : {}),
    })
    const [answer, history] = await Promise.all([
      api(c, `/feed?${apiQuery.toString()}`),
      loadHistory(deps.readModels),
    ])
    const editions = [...history.editions]
      .reverse()
      .map(({ editionId, name }) => ({ editionId, name }))
    const newestHref = older ? page.href(`/portal/feed?${query({})}`) : undefined
    if (!answer.ok) {
      const status = answer.status === 400 ? 400 : refusedStatus(answer.status)
      const notice = refusalOf(page, answer)
      return c.html(
        feedPage(page, {
          partnerId: c.var.partnerId,
          events: [],
          editions,
          filter,
          newestHref,
          notice,
        }),
        status,
      )
    }
    const { events, next } = answer.body as { events: FeedRow[]; next: string }
    // `next` is the oldest sequence looked at: older events exist while it is above 1.
    const olderHref = sequenceCursor.decode(next) > 1 ? page.href(`/portal/feed?${query({ older: next })}`) : undefined
    return c.html(
      feedPage(page, {
        partnerId: c.var.partnerId,
        events,
        editions,
        filter,
        olderHref,
        newestHref,
      }),
    )
  }

  const keysPath = (c: Context<PortalEnv>) =>
    `/partners/${encodeURIComponent(c.var.partnerId)}/keys`

  const renderKeys = async (
    c: Context<PortalEnv>,
    extra: { notice?: Notice; issued?: IssuedKey } = {},
    status: 200 | 201 | 404 | 409 | 422 | 503 = 200,
  ) => {
    const page = pageContext(c, assets)
    const listed = await api(c, keysPath(c))
    const keys = listed.ok ? (listed.body as { keys: KeyRow[] }).keys : []
    // A partner's user's key must expire within a year: ninety days unless they choose.
    const defaultExpiry = new Date(deps.clock().getTime() + 90 * 86_400_000)
      .toISOString()
      .slice(0, 10)
    const done =
      c.req.query('done') === 'revoked'
        ? { kind: 'done' as const, text: page.t.portal.keyRevokedDone }
        : undefined
    return c.html(
      keysPage(page, {
        partnerId: c.var.partnerId,
        keys,
        defaultExpiry,
        notice: extra.notice ?? done,
        issued: extra.issued,
      }),
      status,
    )
  }

  const keyAnswer = async (c: Context<PortalEnv>, answer: ApiAnswer, replaced = false) => {
    const page = pageContext(c, assets)
    if (answer.ok) {
      const { apiKey, keyId, notAfter } = answer.body as IssuedKey
      return renderKeys(c, { issued: { apiKey, keyId, notAfter, replaced } }, 201)
    }
    const status =
      answer.status === 404 ? 404 : answer.status === 400 ? 422 : refusedStatus(answer.status)
    return renderKeys(c, { notice: refusalOf(page, answer) }, status)
  }

  /** One of the subscription's actions through its API route, then back to its page. */
  const act = async (c: Context<PortalEnv>, action: PortalAction) => {
    const page = pageContext(c, assets)
    const id = encodeURIComponent(c.req.param('id') ?? '')
    const answer = await api(c, `/subscriptions/${id}/${action}`, { method: 'POST' })
    if (!answer.ok)
      return answer.status === 404
        ? notFound(c)
        : renderSubscription(c, refusalOf(page, answer), refusedStatus(answer.status))
    // A redrive with no dead letters did nothing: the page says so rather than "sent again".
    const nothing = action === 'redrive' && (answer.body as { redriven?: number }).redriven === 0
    return c.redirect(page.href(`/portal/subscriptions/${id}?done=${nothing ? 'redriveNone' : action}`), 303)
  }

  return new Hono<PortalEnv>()
    .use('/portal', pageHeaders())
    .use('/portal/*', pageHeaders())
    .get('/portal/sign-in', (c) => {
      // One sign-in for the pool's people: it opens the portal for a partner's user.
      const page = pageContext(c, assets)
      const next = c.req.query('next') ?? '/portal'
      return c.redirect(page.href(`/staff/sign-in?next=${encodeURIComponent(next)}`), 303)
    })
    .get('/portal', gate, (c) => renderList(c))
    .get('/portal/keys', gate, (c) => renderKeys(c))
    .post('/portal/keys', gate, async (c) => {
      const form = await readForm(() => c.req.parseBody({ all: true }))
      const scopes = ([] as unknown[]).concat(form.scopes ?? []).map((scope) => text(scope, 40))
      const label = text(form.label, 100).trim()
      const expires = text(form.expires, 10)
      const body = {
        scopes,
        ...(label ? { label } : {}),
        // The end of the chosen day, UTC; a date the browser did not send is the API's to refuse.
        ...(/^\d{4}-\d{2}-\d{2}$/.test(expires) ? { expiresAt: `${expires}T23:59:59Z` } : {}),
      }
      return keyAnswer(c, await api(c, keysPath(c), { method: 'POST', body }))
    })
    .post('/portal/keys/:keyId/rotate', gate, async (c) =>
      keyAnswer(
        c,
        // No overlap: the replaced key stops at once, as the page then says (keyRotatedNote).
        await api(c, `${keysPath(c)}/${encodeURIComponent(c.req.param('keyId'))}/rotation`, {
          method: 'POST',
          body: {},
        }),
        true,
      ),
    )
    .post('/portal/keys/:keyId/revoke', gate, async (c) => {
      const page = pageContext(c, assets)
      const answer = await api(c, `${keysPath(c)}/${encodeURIComponent(c.req.param('keyId'))}`, {
        method: 'DELETE',
      })
      if (!answer.ok) return keyAnswer(c, answer)
      return c.redirect(page.href('/portal/keys?done=revoked'), 303)
    })
    .get('/portal/feed', gate, (c) => renderFeed(c))
    .get('/portal/catalogue', gate, (c) =>
      c.html(cataloguePage(pageContext(c, assets), c.var.partnerId)),
    )
    .post('/portal/subscriptions', gate, async (c) => {
      const page = pageContext(c, assets)
      const form = await readForm(() => c.req.parseBody({ all: true }))
      const types = ([] as unknown[]).concat(form.types ?? []).map((type) => text(type, 100))
      const draft = { url: text(form.url).trim(), types, editionId: text(form.editionId, 64) }
      const body = {
        url: draft.url,
        ...(types.length > 0 ? { types } : {}),
        ...(draft.editionId ? { editionId: draft.editionId } : {}),
      }
      const answer = await api(c, '/subscriptions', { method: 'POST', body })
      if (!answer.ok) {
        const status = answer.status === 400 ? 400 : refusedStatus(answer.status)
        // The notice names each offending field; the field shows its own message beside it.
        const notice = refusalOf(page, answer)
        return renderList(c, { notice, draft, errors: notice.fields ?? [] }, status)
      }
      const created = answer.body as SubscriptionRow & { secret: string }
      return c.html(
        secretPage(page, {
          partnerId: c.var.partnerId,
          title: page.t.portal.createdTitle,
          subscription: created,
          secret: created.secret,
        }),
        201,
      )
    })
    .get('/portal/subscriptions/:id', gate, (c) => renderSubscription(c))
    .post('/portal/subscriptions/:id/rotate', gate, async (c) => {
      const page = pageContext(c, assets)
      const id = encodeURIComponent(c.req.param('id'))
      const answer = await api(c, `/subscriptions/${id}/secret-rotation`, {
        method: 'POST',
        body: {},
      })
      if (!answer.ok)
        return answer.status === 404
          ? notFound(c)
          : renderSubscription(c, refusalOf(page, answer), refusedStatus(answer.status))
      const subscription = await api(c, `/subscriptions/${id}`)
      if (!subscription.ok) return notFound(c)
      const { secret } = answer.body as { secret: string }
      const p = page.t.portal
      return c.html(
        secretPage(page, {
          partnerId: c.var.partnerId,
          title: p.rotatedTitle,
          note: p.rotatedNote,
          subscription: subscription.body as SubscriptionRow,
          secret,
        }),
      )
    })
    .post('/portal/subscriptions/:id/delete', gate, async (c) => {
      const page = pageContext(c, assets)
      const answer = await api(c, `/subscriptions/${encodeURIComponent(c.req.param('id'))}`, {
        method: 'DELETE',
      })
      if (!answer.ok)
        return answer.status === 404
          ? notFound(c)
          : renderSubscription(c, refusalOf(page, answer), refusedStatus(answer.status))
      return c.redirect(page.href('/portal?done=remove'), 303)
    })
    .get('/portal/subscriptions/:id/replay', gate, async (c) => {
      const page = pageContext(c, assets)
      const id = encodeURIComponent(c.req.param('id'))
      const start = {
        afterSequence: text(c.req.query('afterSequence'), 20).trim(),
        since: text(c.req.query('since'), 40).trim(),
      }
      // Since when, if given; else after which event: the API wants exactly one.
      const query = start.since
        ? `since=${encodeURIComponent(start.since)}`
        : `afterSequence=${encodeURIComponent(start.afterSequence || '0')}`
      const [subscription, preview] = await Promise.all([
        api(c, `/subscriptions/${id}`),
        api(c, `/subscriptions/${id}/replay-preview?${query}`),
      ])
      if (!subscription.ok) return notFound(c)
      if (!preview.ok)
        return renderSubscription(
          c,
          refusalOf(page, preview),
          preview.status === 400 ? 422 : refusedStatus(preview.status),
        )
      return c.html(
        replayPreviewPage(page, {
          partnerId: c.var.partnerId,
          subscription: subscription.body as SubscriptionRow,
          preview: preview.body as ReplayPreview,
        }),
      )
    })
    .post('/portal/subscriptions/:id/replay', gate, async (c) => {
      const page = pageContext(c, assets)
      const id = encodeURIComponent(c.req.param('id'))
      const form = await readForm(() => c.req.parseBody())
      // The preview's range, in sequences: the replay sends exactly what it counted.
      const toSequence = Number(text(form.toSequence, 20))
      const body = {
        afterSequence: Number(text(form.afterSequence, 20) || '0'),
        ...(Number.isInteger(toSequence) ? { toSequence } : {}),
      }
      const answer = await api(c, `/subscriptions/${id}/replay`, { method: 'POST', body })
      if (!answer.ok)
        return answer.status === 404
          ? notFound(c)
          : renderSubscription(
              c,
              refusalOf(page, answer),
              answer.status === 400 ? 422 : refusedStatus(answer.status),
            )
      const { replayed } = answer.body as { replayed: number }
      return c.redirect(page.href(`/portal/subscriptions/${id}?done=replay&count=${replayed}`), 303)
    })
    .post('/portal/subscriptions/:id/pause', gate, (c) => act(c, 'pause'))
    .post('/portal/subscriptions/:id/resume', gate, (c) => act(c, 'resume'))
    .post('/portal/subscriptions/:id/test', gate, (c) => act(c, 'test'))
    .post('/portal/subscriptions/:id/redrive', gate, (c) => act(c, 'redrive'))
}
