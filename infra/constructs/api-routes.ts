import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2'

export interface GatewayRoute {
  readonly method: HttpMethod
  /** API Gateway's path syntax: `/editions/{editionId}/applications`. */
  readonly path: string
}

const each = (method: HttpMethod, paths: readonly string[]): GatewayRoute[] =>
  paths.map((path) => ({ method, path }))

/**
 * Every staff and reporting route: the default, behind the Cognito JWT authorizer. The app
 * checks the token again and its group (admin, reports), and answers 404 for a path it
 * does not serve.
 */
export const staffDefaultRoute: GatewayRoute = { method: HttpMethod.ANY, path: '/{proxy+}' }

/**
 * What anyone may post: the registration (the API route and the form page that sends the
 * same command), the withdrawals and the outcomes reports (a start-up with its token, the
 * API route and its page) and the staff sign-out (it only clears a cookie). Each has the stage's tighter throttle, on top of the per-address
 * limit in the app.
 */
export const publicWriteRoutes: readonly GatewayRoute[] = each(HttpMethod.POST, [
  '/editions/{editionId}/applications',
  '/editions/{editionId}/apply',
  '/applications/{applicationId}/withdrawal',
  '/applications/{applicationId}/withdraw',
  '/applications/{applicationId}/outcomes',
  '/applications/{applicationId}/report-outcomes',
  '/staff/sign-out',
])

/**
 * Routes the gateway sends to the Lambda without the JWT authorizer, one per route the app
 * serves (method and path exactly, so the gateway routes nothing else without a token):
 * public reads and documents; partner routes, whose X-Api-Key the Lambda checks (staff may
 * call some with a bearer token, verified there too); the staff pages and the partners'
 * portal, whose session cookie the authorizer cannot read and the Lambda verifies. Every route the app serves
 * is held against these and the template in tests/infra/api-routes.test.ts.
 */
export const openRoutes: readonly GatewayRoute[] = [
  ...each(HttpMethod.GET, [
    '/health',
    '/territories',
    '/consent',
    '/openapi.json',
    '/asyncapi.json',
    '/schemas/events.json',
    '/docs',
    '/docs/scalar.js',
    '/assets/{name}',
    '/editions/{editionId}/apply',
    '/applications/{applicationId}/withdraw',
    // A start-up's own outcomes (its token in X-Application-Token) and their page.
    '/applications/{applicationId}/outcomes',
    '/applications/{applicationId}/report-outcomes',
    '/staff/sign-in',
    '/staff/callback',
    '/staff/signed-out',
    '/portal/sign-in',
  ]),
  ...publicWriteRoutes,
  // Partners (X-Api-Key).
  ...each(HttpMethod.GET, [
    '/feed',
    '/subscriptions',
    '/subscriptions/{id}',
    '/subscriptions/{id}/deliveries',
    '/subscriptions/{id}/tests',
    '/subscriptions/{id}/replay-preview',
  ]),
  ...each(HttpMethod.POST, [
    '/subscriptions',
    '/subscriptions/{id}/secret-rotation',
    '/subscriptions/{id}/redrive',
    '/subscriptions/{id}/replay',
    '/subscriptions/{id}/pause',
    '/subscriptions/{id}/resume',
    '/subscriptions/{id}/test',
  ]),
  { method: HttpMethod.DELETE, path: '/subscriptions/{id}' },
  // The staff pages (session cookie).
  ...each(HttpMethod.GET, [
    '/staff',
    '/staff/dashboard',
    '/staff/history.csv',
    '/staff/editions/{editionId}',
    '/staff/editions/{editionId}/delegation.csv',
    '/staff/editions/{editionId}/awards.csv',
    '/staff/startups/{startupId}',
    '/staff/editions/{editionId}/outcomes.csv',
    '/staff/editions/{editionId}/outcomes/{startupId}',
    '/staff/outcomes.csv',
    '/staff/team-sud-export',
    '/staff/team-sud-export.csv',
  ]),
  ...each(HttpMethod.POST, [
    '/staff/editions/{editionId}/decisions',
    '/staff/editions/{editionId}/awards',
    '/staff/editions/{editionId}/partners',
    '/staff/startups/{startupId}/profile-correction',
    '/staff/startups/{startupId}/recovery',
    '/staff/editions/{editionId}/outcomes/{startupId}',
    '/staff/team-sud-export/prospection',
    '/staff/team-sud-export/support',
    '/staff/editions/{editionId}/partners/{partnerId}/users',
  ]),
  // The partners' portal (session cookie of a partner's user).
  ...each(HttpMethod.GET, ['/portal', '/portal/catalogue', '/portal/feed', '/portal/keys', '/portal/subscriptions/{id}', '/portal/subscriptions/{id}/replay']),
  ...each(HttpMethod.POST, [
    '/portal/subscriptions',
    '/portal/subscriptions/{id}/pause',
    '/portal/subscriptions/{id}/resume',
    '/portal/subscriptions/{id}/test',
    '/portal/subscriptions/{id}/redrive',
    '/portal/subscriptions/{id}/rotate',
    '/portal/subscriptions/{id}/delete',
    '/portal/subscriptions/{id}/replay',
    '/portal/keys',
    '/portal/keys/{keyId}/rotate',
    '/portal/keys/{keyId}/revoke',
  ]),
]
