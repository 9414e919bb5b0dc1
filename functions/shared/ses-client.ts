import { SESv2Client, type SESv2ClientConfig } from '@aws-sdk/client-sesv2'
import { recordCalls } from './aws-call-recorder.js'
import { traceClient } from './tracer.js'

/**
 * The SES (v2) client of a Lambda: traced like the others, its calls recorded when the
 * tests ask (aws-call-recorder.ts). `config` is for the tests' SES stand-in (a request
 * handler answering on the wire) and the region.
 *
 * @example const ses = createSesClient()
 */
export const createSesClient = (config: SESv2ClientConfig = {}): SESv2Client =>
  recordCalls(traceClient(new SESv2Client(config)), 'ses')
