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
  const apiId = stack.resolve((stack.api.httpApi.node.defaultChild as unknown as { logicalId: string }).logicalId) as string

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

  it('defaults the domain to the stage’s name', () => {
    synth({ stage: 'dev' }).template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'delegation-sud-dev-staff',
    })
  })
})
