import { Match, Template } from 'aws-cdk-lib/assertions'
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api'
import { describe, expect, it } from 'vitest'
import { createDelegationSudApp } from '../../infra/stack.js'

const synth = (context: Record<string, unknown>) => {
  const { stack } = createDelegationSudApp({
    context: { ...context, [BUNDLING_STACKS]: [] },
    builtinCloudFormationValidation: false,
  })
  return { stack, template: Template.fromStack(stack) }
}

describe('the staff pages’ sign-in (Cognito managed login)', () => {
  const { stack, template } = synth({ stage: 'prod', staffLoginDomain: 'region-sud-staff' })
  const apiId = stack.resolve(
    (stack.api.httpApi.node.defaultChild as unknown as { logicalId: string }).logicalId,
  ) as string

  it('lets the API’s one client use the authorization code flow, back to the pages on the API', () => {
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))
    const props = client?.Properties
    expect(props.AllowedOAuthFlows).toEqual(['code'])
    expect(props.AllowedOAuthFlowsUserPoolClient).toBe(true)
    expect(props.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', 'email']))
    expect(props.GenerateSecret).toBe(false)
    expect(props.SupportedIdentityProviders).toEqual(['COGNITO'])
    expect(JSON.stringify(props.CallbackURLs)).toContain('/staff/callback')
    expect(JSON.stringify(props.CallbackURLs)).toContain(apiId)
    expect(JSON.stringify(props.LogoutURLs)).toContain('/staff/signed-out')
  })

  it('serves the newer managed login on the configured domain, styled by Cognito', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'region-sud-staff',
      ManagedLoginVersion: 2,
    })
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UseCognitoProvidedValues: true,
      ClientId: Match.anyValue(),
    })
  })

  // Issue 20, point 6: `admin` exports and erases personal data and issues partner keys; the
  // API grants it from the token's `cognito:groups` (functions/http/auth/authorize.ts), so the
  // pool that issues those tokens must ask every user a second factor: TOTP, never SMS.
  it.each(['dev', 'prod'] as const)('requires TOTP of every staff user in %s, SMS off', (stage) => {
    const pools = Object.values(
      (stage === 'prod' ? template : synth({ stage }).template).findResources(
        'AWS::Cognito::UserPool',
      ),
    )
    expect(pools).toHaveLength(1)
    const props = pools[0]?.Properties
    expect(props.MfaConfiguration).toBe('ON')
    expect(props.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA'])
    expect(props.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true })
  })

  it('defaults the domain to the stage’s name', () => {
    synth({ stage: 'dev' }).template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'delegation-sud-dev-staff',
    })
  })
})
