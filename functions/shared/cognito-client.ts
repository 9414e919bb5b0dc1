import {
  CognitoIdentityProviderClient,
  type CognitoIdentityProviderClientConfig,
} from '@aws-sdk/client-cognito-identity-provider'
import { recordCalls } from './aws-call-recorder.js'
import { traceClient } from './tracer.js'

/**
 * The Cognito user pools client of a Lambda: traced like the DynamoDB client, its calls
 * recorded when the tests ask (aws-call-recorder.ts). `config` is for the tests' Cognito
 * stand-in (a request handler answering on the wire) and the region.
 *
 * @example const cognito = createCognitoClient()
 */
export const createCognitoClient = (config: CognitoIdentityProviderClientConfig = {}): CognitoIdentityProviderClient =>
  recordCalls(traceClient(new CognitoIdentityProviderClient(config)), 'cognito-idp')
