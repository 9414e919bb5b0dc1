import { createRoute, z } from '@hono/zod-openapi'
import { apiKeyScopes } from '../../../domain/partner-access/scopes.js'
import { partnerStreamId } from '../../../domain/partner/index.js'
import { isKeyActive, type ApiKeyRecord } from '../../partner-access/api-key-item.js'
import { partnerAccessProblems } from '../../partner-access/problems.js'
import { isPartnerUser, staffOrOwnPartner } from '../auth/own-partner.js'
import type { ApiDeps } from '../deps.js'
import { newRouter } from '../router.js'
import { isoDateTime } from '../../../domain/events/index.js'
import { documented } from '../../shared/http/documented.js'
import { commandProblems, jsonContent } from '../schemas/responses.js'
import { singleLine } from '../../contract/text.js'

const partnerParams = z.object({
  partnerId: z.string().min(1).max(64).openapi({ example: 'nice-cote-d-azur' }),
})
const keyParams = partnerParams.extend({ keyId: z.string().regex(/^[0-9a-f]{24}$/) })
const scopes = z.array(z.enum(apiKeyScopes)).min(1).max(apiKeyScopes.length)

const keyView = z
  .object({
    keyId: z.string(),
    partnerId: z.string(),
    scopes: z.array(z.string()),
    label: z.string().optional(),
    status: z.enum(['active', 'expiring', 'revoked']),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().optional(),
    notAfter: z.string().optional().openapi({
      description:
        'When the key stops working: its expiry (a rotation’s replacement inherits it), or the end of a rotation’s overlap',
    }),
    replacedBy: z.string().optional(),
  })
  .openapi('PartnerKey')
const issuedKey = keyView
  .extend({
    apiKey: z
      .string()
      .openapi({ description: 'Shown once: send it as X-Api-Key', example: 'dsk_…' }),
  })
  .openapi('IssuedPartnerKey')

const viewOf = (key: ApiKeyRecord, now: Date) => {
  const active = isKeyActive(key, now)
  const status = !active ? 'revoked' : key.notAfter ? 'expiring' : 'active'
  return { ...key, status } as const
}

const tags = ['Partner access']
// Staff, or the partner's own users (the portal): see auth/own-partner.ts.
const security = [{ bearer: [] }]
const jsonBody = <T extends z.ZodType>(schema: T, required: boolean) => ({
  required,
  content: { 'application/json': { schema } },
})

const createKey = createRoute({
  method: 'post',
  path: '/partners/{partnerId}/keys',
  operationId: 'issuePartnerKey',
  summary:
    'Issue an API key to a partner (staff, or its own users: then with an expiry within a year)',
  tags,
  security,
  request: {
    params: partnerParams,
    body: jsonBody(
      z
        .object({
          scopes,
          label: singleLine(100).optional(),
          expiresAt: documented(isoDateTime, {
            example: '2027-06-30T00:00:00Z',
            description: 'When the key stops working by itself (default: never)',
          }).optional(),
        })
        .strict(),
      true,
    ),
  },
  responses: { 201: jsonContent(issuedKey, 'The key, shown this once'), ...commandProblems },
})
const rotateKey = createRoute({
  method: 'post',
  path: '/partners/{partnerId}/keys/{keyId}/rotation',
  operationId: 'rotatePartnerKey',
  tags,
  security,
  summary:
    'Replace a key with a new one; the old one works `overlapSeconds` more (default 0) (staff, or the partner’s users)',
  description:
    'The replacement has the same scopes and the same expiry. The old key works `overlapSeconds` ' +
    'more, or until its own expiry if that comes first: a rotation never makes a key last longer.',
  request: {
    params: keyParams,
    body: jsonBody(
      z
        .object({
          overlapSeconds: z
            .number()
            .int()
            .min(0)
            .max(7 * 86_400)
            .optional(),
        })
        .strict(),
      false,
    ),
  },
  responses: {
    201: jsonContent(issuedKey, 'The replacement, shown this once'),
    ...commandProblems,
  },
})
const listKeys = createRoute({
  method: 'get',
  path: '/partners/{partnerId}/keys',
  operationId: 'listPartnerKeys',
  summary: "A partner's keys, without secrets (staff, or the partner’s users)",
  tags,
  security,
  request: { params: partnerParams },
  responses: {
    200: jsonContent(z.object({ keys: z.array(keyView) }), 'The keys, oldest first'),
    ...commandProblems,
  },
})
const revokeKey = createRoute({
  method: 'delete',
  path: '/partners/{partnerId}/keys/{keyId}',
  operationId: 'revokePartnerKey',
  summary: 'Revoke a key at once (staff, or the partner’s users)',
  tags,
  security,
  request: { params: keyParams },
  responses: { 204: { description: 'Revoked' }, ...commandProblems },
})

const { expiryInThePast, expiryRequired, keyNotFound, keyRevoked, partnerNotFound } =
  partnerAccessProblems

/** How far ahead a key a partner's user issues may run: a person's key must end. */
export const maxUserKeyDays = 366

/**
 * Staff manage partners' API keys: issue, list, revoke, rotate; so does each partner's own
 * users for their partner's keys (the portal), whose new keys must expire within a year.
 * The key itself is shown once.
 *
 * @example app.route('/', partnerKeyRoutes(deps))
 */
export const partnerKeyRoutes = (deps: ApiDeps) => {
  const keys = deps.apiKeys
  const router = newRouter()
  router.use('/partners/:partnerId/keys', staffOrOwnPartner(deps.verifier))
  router.use('/partners/:partnerId/keys/*', staffOrOwnPartner(deps.verifier))
  return router
    .openapi(createKey, async (c) => {
      const { partnerId } = c.req.valid('param')
      const body = c.req.valid('json')
      if ((await deps.store.streamVersion(partnerStreamId(partnerId))) === 0) {
        throw partnerNotFound(partnerId)
      }
      const now = deps.clock()
      const { expiresAt, ...rest } = body
      if (expiresAt && Date.parse(expiresAt) <= now.getTime()) throw expiryInThePast()
      const latest = now.getTime() + maxUserKeyDays * 86_400_000
      if (isPartnerUser(c.var.principal) && (!expiresAt || Date.parse(expiresAt) > latest)) {
        throw expiryRequired(maxUserKeyDays)
      }
      const { record, apiKey } = await keys.create({
        partnerId,
        ...rest,
        ...(expiresAt ? { notAfter: new Date(expiresAt).toISOString() } : {}),
        createdBy: c.var.principal?.subject ?? 'staff',
        now,
      })
      c.header('Cache-Control', 'no-store')
      return c.json({ ...viewOf(record, now), apiKey }, 201)
    })
    .openapi(listKeys, async (c) => {
      const { partnerId } = c.req.valid('param')
      const now = deps.clock()
      return c.json({ keys: (await keys.list(partnerId)).map((key) => viewOf(key, now)) }, 200)
    })
    .openapi(revokeKey, async (c) => {
      const { partnerId, keyId } = c.req.valid('param')
      if (!(await keys.revoke(partnerId, keyId, deps.clock()))) throw keyNotFound(keyId)
      return c.body(null, 204)
    })
    .openapi(rotateKey, async (c) => {
      const { partnerId, keyId } = c.req.valid('param')
      const overlapSeconds = c.req.valid('json')?.overlapSeconds ?? 0
      const now = deps.clock()
      const existing = await keys.get(partnerId, keyId)
      if (!existing) throw keyNotFound(keyId)
      const issued = await keys.rotate(partnerId, keyId, {
        now,
        overlapSeconds,
        createdBy: c.var.principal?.subject ?? 'staff',
      })
      if (!issued) throw keyRevoked(keyId)
      c.header('Cache-Control', 'no-store')
      return c.json({ ...viewOf(issued.record, now), apiKey: issued.apiKey }, 201)
    })
}
