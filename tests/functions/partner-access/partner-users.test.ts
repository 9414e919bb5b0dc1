import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devPartnerUsers } from '../../../functions/partner-access/users/dev-partner-users.js'
import { cognitoPartnerUsers } from '../../../functions/partner-access/users/cognito-partner-users.js'
import { PartnerUserExistsError } from '../../../functions/partner-access/users/partner-users.js'
import { createTokenVerifier } from '../../../functions/shared/http/token-verifier.js'
import { devAudience, devIssuer, signDevToken, signPartnerUserToken } from '../../../local/dev-tokens.js'
import { editionBody } from '../../fixtures/requests.js'
import { fakeCognito, testUserPoolId } from '../../setup/fake-cognito.js'
import { apiHarness, client, type ApiHarness } from '../http/api-harness.js'
import { inProcess } from '../http/transports.js'
import { catchUp } from '../reports/catch-up.js'

/**
 * Staff invite a partner's people to the portal (`POST /partners/{partnerId}/users`): in
 * AWS, users of the staff pool made with AdminCreateUser and put in the partner's groups.
 * The pool here is a stand-in on the wire (tests/setup/fake-cognito.ts) behind the real
 * SDK, so each test reads the requests the code sent, and the recorder sees the calls
 * the API's role must allow (tests/infra/observed-calls.test.ts).
 */
describe('inviting a partner’s people, in the user pool', () => {
  let harness: ApiHarness
  let api: ReturnType<typeof client>
  const cognito = fakeCognito()

  beforeAll(async () => {
    harness = await apiHarness({ partnerUsers: cognitoPartnerUsers(cognito.client, testUserPoolId) })
    api = client(await inProcess().start(harness.app), harness)
    expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
    for (const partnerId of ['nice-cote-d-azur', 'toulon', 'aix']) {
      const body = { partnerId, name: partnerId, kind: 'metropolis', contribution: 'Stands' }
      expect((await api.admin('POST', '/editions/ces-2020/partners', body)).status).toBe(201)
    }
  })
  afterAll(() => expect(harness.unexpected).toEqual([]))

  it('creates the user with a verified address and the invitation e-mail, in the partner’s group (made on first use) and in partner', async () => {
    cognito.requests.splice(0)
    const invited = await api.admin('POST', '/partners/nice-cote-d-azur/users', { email: 'Claire.Dupont@NiceCoteDAzur.example' })

    expect(invited.status).toBe(201)
    expect(invited.json()).toMatchObject({
      email: 'claire.dupont@nicecotedazur.example',
      partnerId: 'nice-cote-d-azur',
      status: 'FORCE_CHANGE_PASSWORD',
      enabled: true,
    })
    expect(cognito.requests.map(({ operation, input }) => [operation, input.GroupName ?? input.Username])).toEqual([
      ['CreateGroup', 'partner:nice-cote-d-azur'],
      ['AdminCreateUser', 'claire.dupont@nicecotedazur.example'],
      ['AdminAddUserToGroup', 'partner:nice-cote-d-azur'],
      ['AdminAddUserToGroup', 'partner'],
    ])
    expect(cognito.requests.every(({ input }) => input.UserPoolId === testUserPoolId)).toBe(true)
    expect(cognito.requests[1]?.input).toMatchObject({
      UserAttributes: [
        { Name: 'email', Value: 'claire.dupont@nicecotedazur.example' },
        { Name: 'email_verified', Value: 'true' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    })
    expect(cognito.requests[1]?.input).not.toHaveProperty('MessageAction')
    // The token Cognito would then sign carries these groups: the API binds it to Nice.
    const groups = cognito.groupsOf('claire.dupont@nicecotedazur.example')
    const token = await signDevToken(harness.key, { subject: 'claire', roles: groups })
    const verifier = createTokenVerifier({ jwks: harness.key.jwks, issuer: devIssuer, audience: devAudience })
    expect((await verifier.verify(token)).partnerId).toBe('nice-cote-d-azur')
  })

  it('lists a partner’s people; a partner nobody was invited for has none', async () => {
    await api.admin('POST', '/partners/nice-cote-d-azur/users', { email: 'marc@nicecotedazur.example' })
    const listed = await api.admin('GET', '/partners/nice-cote-d-azur/users')
    expect(listed.status).toBe(200)
    expect(listed.json().users.map((user: { email: string }) => user.email).sort()).toEqual([
      'claire.dupont@nicecotedazur.example',
      'marc@nicecotedazur.example',
    ])
    expect((await api.admin('GET', '/partners/toulon/users')).json()).toEqual({ users: [] })
  })

  it('refuses an address the pool already has, for this partner or another: never a user of two partners', async () => {
    for (const partnerId of ['nice-cote-d-azur', 'toulon', 'aix']) {
      const again = await api.admin('POST', `/partners/${partnerId}/users`, { email: 'marc@nicecotedazur.example' })
      expect(again.status).toBe(409)
      expect(again.json()).toMatchObject({ type: '/problems/partner-user-exists' })
    }
    expect(cognito.groupsOf('marc@nicecotedazur.example').sort()).toEqual(['partner', 'partner:nice-cote-d-azur'])
  })

  it('invites for registered partners only, with a valid address, and asks the pool nothing otherwise', async () => {
    cognito.requests.splice(0)
    const unknown = await api.admin('POST', '/partners/no-such-partner/users', { email: 'x@example.org' })
    expect(unknown.status).toBe(404)
    expect(unknown.json()).toMatchObject({ type: '/problems/partner-not-found' })
    expect((await api.admin('POST', '/partners/toulon/users', { email: 'not an address' })).status).toBe(400)
    expect((await api.admin('POST', '/partners/toulon/users', { email: 'a@b.example', partnerId: 'nice' })).status).toBe(400)
    expect(cognito.requests).toEqual([])
  })

  it('is staff’s alone: a partner’s user, even of that partner, and a reporting job are refused', async () => {
    cognito.requests.splice(0)
    const user = await signPartnerUserToken(harness.key, 'toulon')
    const asUser = { Authorization: `Bearer ${user}` }
    expect((await api.public('POST', '/partners/toulon/users', { email: 'y@example.org' }, asUser)).status).toBe(403)
    expect((await api.public('GET', '/partners/toulon/users', undefined, asUser)).status).toBe(403)
    expect((await api.reports('POST', '/partners/toulon/users', { email: 'y@example.org' })).status).toBe(403)
    expect((await api.public('GET', '/partners/toulon/users')).status).toBe(401)
    expect(cognito.requests).toEqual([])
  })

  it('answers a throttled pool 503 with Retry-After, having made no account', async () => {
    cognito.throttleNext()
    const busy = await api.admin('POST', '/partners/toulon/users', { email: 'z@toulon.example' })
    expect(busy.status).toBe(503)
    expect(busy.headers.get('retry-after')).toBe('1')
    expect((await api.admin('GET', '/partners/toulon/users')).json()).toEqual({ users: [] })
  })
})

describe('inviting from the back-office', () => {
  let harness: ApiHarness
  const cognito = fakeCognito()
  const invite = (cookie: string, email: string, partnerId = 'aix', site = 'same-origin') =>
    harness.app.request(`/staff/editions/ces-2020/partners/${partnerId}/users`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Sec-Fetch-Site': site, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email }).toString(),
    })

  beforeAll(async () => {
    harness = await apiHarness({ partnerUsers: cognitoPartnerUsers(cognito.client, testUserPoolId) })
    const api = client(await inProcess().start(harness.app), harness)
    expect((await api.admin('POST', '/editions', editionBody('ces-2020'))).status).toBe(201)
    const body = { partnerId: 'aix', name: 'Pays d’Aix', kind: 'agglomeration', contribution: 'Un stand' }
    expect((await api.admin('POST', '/editions/ces-2020/partners', body)).status).toBe(201)
    // The edition page a refusal is shown on reads the read models.
    await catchUp(harness.tables)
  })
  afterAll(() => expect(harness.unexpected).toEqual([]))

  it('the edition page’s form sends the same invitation, and comes back saying so', async () => {
    const staff = `staff_session=${await harness.token(['admin'])}`
    const response = await invite(staff, ' Luc@PaysDAix.example ')
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/staff/editions/ces-2020?done=invited')
    expect(cognito.groupsOf('luc@paysdaix.example').sort()).toEqual(['partner', 'partner:aix'])

    const again = await invite(staff, 'luc@paysdaix.example')
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Action refusée : Cette adresse a déjà un compte : un compte appartient à un seul partenaire.')
  })

  it('is refused to a partner’s user, to a reporting account and to another site’s post, asking the pool nothing', async () => {
    cognito.requests.splice(0)
    const user = await signPartnerUserToken(harness.key, 'aix')
    expect((await invite(`staff_session=${user}`, 'a@paysdaix.example')).status).toBe(403)
    expect((await invite(`portal_session=${user}`, 'a@paysdaix.example')).status).toBe(401)
    expect((await invite(`staff_session=${await harness.token(['reports'])}`, 'a@paysdaix.example')).status).toBe(403)
    const staff = `staff_session=${await harness.token(['admin'])}`
    expect((await invite(staff, 'a@paysdaix.example', 'aix', 'cross-site')).status).toBe(403)
    expect(cognito.requests).toEqual([])
  })
})

describe('the development stand-in', () => {
  it('keeps invitations in memory, one account per address', async () => {
    const users = devPartnerUsers(() => new Date('2019-09-01T10:00:00Z'))
    await users.invite({ partnerId: 'toulon', email: 'a@toulon.example' })
    await expect(users.invite({ partnerId: 'nice', email: 'A@toulon.example' })).rejects.toThrow(PartnerUserExistsError)
    expect(await users.list('toulon')).toEqual([
      { email: 'a@toulon.example', partnerId: 'toulon', status: 'FORCE_CHANGE_PASSWORD', enabled: true, createdAt: '2019-09-01T10:00:00.000Z' },
    ])
    expect(await users.list('nice')).toEqual([])
  })
})
