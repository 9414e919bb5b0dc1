import { KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms'
import { recordCalls } from './aws-call-recorder.js'
import { traceClient } from './tracer.js'

/**
 * The KMS client of a Lambda: traced like the DynamoDB client, its calls recorded when the
 * tests ask (aws-call-recorder.ts). `config` is for the tests' KMS stand-in (a request
 * handler answering on the wire) and the region.
 *
 * @example const kms = createKmsClient()
 */
export const createKmsClient = (config: KMSClientConfig = {}): KMSClient =>
  recordCalls(traceClient(new KMSClient(config)), 'kms')
