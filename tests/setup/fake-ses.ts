import { Readable } from 'node:stream'
import type { SESv2Client } from '@aws-sdk/client-sesv2'
import { createSesClient } from '../../functions/shared/ses-client.js'

/** One SendEmail request SES received, its JSON body as it arrived on the wire. */
export interface SesRequest {
  readonly method: string
  readonly path: string
  readonly body: {
    FromEmailAddress?: string
    Destination?: { ToAddresses?: string[] }
    ReplyToAddresses?: string[]
    ConfigurationSetName?: string
    EmailTags?: Array<{ Name: string; Value: string }>
    Content?: {
      Simple?: {
        Subject?: { Data: string; Charset?: string }
        Body?: { Text?: { Data: string }; Html?: { Data: string } }
      }
    }
  }
}

interface WireRequest {
  readonly method: string
  readonly path: string
  readonly body?: unknown
}

/** How the stand-in answers a request: accept it (SES's message id), or one of SES's errors. */
export type SesAnswer =
  | { readonly accept: true }
  | { readonly status: number; readonly type: string; readonly message: string }

const reply = (statusCode: number, body: unknown, type?: string) => ({
  response: {
    statusCode,
    headers: { 'content-type': 'application/json', ...(type ? { 'x-amzn-errortype': type } : {}) },
    body: Readable.from([Buffer.from(JSON.stringify(body))]),
  },
})

/**
 * SES v2 as the SDK meets it on the wire, in process: `POST /v2/email/outbound-emails`
 * answered with a message id, or the error `answer` chooses for a request. Each request is
 * kept in `requests`. Everything above the wire (serialisation, the middleware, our call
 * recorder) is the real SDK's, as with fake-kms.ts.
 *
 * @example const { client, requests } = fakeSes(); createSesSender({ ses: client, … })
 */
export const fakeSes = (
  answer: (request: SesRequest) => SesAnswer = () => ({ accept: true }),
): { client: SESv2Client; requests: SesRequest[] } => {
  const requests: SesRequest[] = []
  let next = 1
  const handle = async ({ method, path, body }: WireRequest) => {
    const text =
      typeof body === 'string'
        ? body
        : body instanceof Uint8Array
          ? Buffer.from(body).toString('utf8')
          : '{}'
    const request: SesRequest = { method, path, body: JSON.parse(text) as SesRequest['body'] }
    requests.push(request)
    if (method !== 'POST' || path !== '/v2/email/outbound-emails') {
      return reply(404, { message: `Not served here: ${method} ${path}` }, 'NotFoundException')
    }
    const decided = answer(request)
    if ('accept' in decided) {
      return reply(200, { MessageId: `0102019a-stand-in-${String(next++).padStart(6, '0')}` })
    }
    return reply(decided.status, { message: decided.message }, decided.type)
  }
  const client = createSesClient({
    region: 'eu-west-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: { handle },
    maxAttempts: 1,
  })
  return { client, requests }
}
