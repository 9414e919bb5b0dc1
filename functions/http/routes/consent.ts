import { createRoute, z } from '@hono/zod-openapi'
import { consentTexts, currentConsentVersion } from '../../../domain/shared/consent.js'
import { newRouter } from '../router.js'
import { jsonContent, throttled } from '../schemas/responses.js'

const route = createRoute({
  method: 'get',
  path: '/consent',
  operationId: 'getConsent',
  security: [],
  summary: 'The consent wording a registration form shows today, in French and English, with its version',
  description:
    'A form shows `text` in its reader’s language and posts `version` as the application’s ' +
    '`consentVersion`: the application records which wording was agreed to.',
  tags: ['Applications'],
  responses: {
    200: jsonContent(
      z
        .object({
          version: z.string().openapi({ example: currentConsentVersion }),
          text: z.object({ fr: z.string(), en: z.string() }),
        })
        .openapi('Consent'),
      'The current wording',
    ),
    ...throttled,
  },
})

/** `GET /consent`: public; third-party forms learn the wording and version from it. */
export const consentRoutes = () =>
  newRouter().openapi(route, (c) => {
    c.header('Cache-Control', 'public, max-age=300')
    return c.json({ version: currentConsentVersion, text: { ...consentTexts[currentConsentVersion] } }, 200)
  })
