import { execFileSync } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { readFileSync } from 'node:fs'
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { JSONWebKeySet } from 'jose'

const listen = async (server: Server) => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return (server.address() as AddressInfo).port
}
const close = (server: Server) => new Promise<void>((done) => server.close(() => done()))
const bodyOf = async (request: IncomingMessage) => {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export interface KmsRequest {
  readonly operation: 'Encrypt' | 'Decrypt'
  readonly keyId: string | undefined
  readonly context: Record<string, string>
}

/**
 * KMS on loopback, as the SDK speaks to it (JSON 1.1, `X-Amz-Target: TrentService.*`;
 * reached through `AWS_ENDPOINT_URL_KMS`): Encrypt and Decrypt with one key, whose
 * ciphertext only opens under the encryption context it was made with, as KMS's does.
 * It records each request (operation, key, context).
 *
 * @example const kms = await startKmsStandIn(keyArn) // AWS_ENDPOINT_URL_KMS: kms.endpoint
 */
export const startKmsStandIn = async (keyArn: string) => {
  const requests: KmsRequest[] = []
  const fail = (type: string, message: string) => ({ status: 400, body: { __type: type, message } })
  const answer = (operation: string, input: Record<string, any>) => {
    const context = (input.EncryptionContext ?? {}) as Record<string, string>
    if (operation === 'Encrypt' || operation === 'Decrypt')
      requests.push({ operation, keyId: input.KeyId, context })
    if (operation === 'Encrypt') {
      if (input.KeyId !== keyArn)
        return fail('NotFoundException', `Key '${input.KeyId}' does not exist`)
      const sealed = JSON.stringify({ keyArn, context, plaintext: input.Plaintext })
      return {
        status: 200,
        body: {
          CiphertextBlob: Buffer.from(sealed).toString('base64'),
          KeyId: keyArn,
          EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        },
      }
    }
    if (operation === 'Decrypt') {
      const sealed = JSON.parse(
        Buffer.from(String(input.CiphertextBlob), 'base64').toString('utf8'),
      )
      const sameContext =
        JSON.stringify(Object.entries(sealed.context).sort()) ===
        JSON.stringify(Object.entries(context).sort())
      if (!sameContext || (input.KeyId && input.KeyId !== keyArn))
        return fail('InvalidCiphertextException', '')
      return {
        status: 200,
        body: {
          Plaintext: sealed.plaintext,
          KeyId: keyArn,
          EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
        },
      }
    }
    return fail('UnsupportedOperationException', `${operation} is not stood in for`)
  }
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const operation = String(request.headers['x-amz-target'] ?? '').replace(/^TrentService\./, '')
    const { status, body } = answer(operation, JSON.parse((await bodyOf(request)) || '{}'))
    response
      .writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' })
      .end(JSON.stringify(body))
  }
  const server = createHttpServer((request, response) => void handle(request, response))
  const port = await listen(server)
  return { endpoint: `http://127.0.0.1:${port}`, requests, close: () => close(server) }
}

/** A SendEmail request as SES v2 received it: its path and JSON body. */
export interface SesSendRequest {
  readonly path: string
  readonly body: Record<string, any>
}

/**
 * SES v2 on loopback, as the SDK speaks to it (REST JSON, reached through
 * `AWS_ENDPOINT_URL_SESV2`): `POST /v2/email/outbound-emails` answered with a message id.
 * It records each request.
 *
 * @example const ses = await startSesStandIn() // AWS_ENDPOINT_URL_SESV2: ses.endpoint
 */
export const startSesStandIn = async () => {
  const requests: SesSendRequest[] = []
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? ''
    const body = JSON.parse((await bodyOf(request)) || '{}') as Record<string, any>
    requests.push({ path, body })
    const found = request.method === 'POST' && path === '/v2/email/outbound-emails'
    response
      .writeHead(found ? 200 : 404, {
        'Content-Type': 'application/json',
        ...(found ? {} : { 'x-amzn-ErrorType': 'NotFoundException' }),
      })
      .end(JSON.stringify(found ? { MessageId: `0102019a-boot-${requests.length}` } : { message: `${path} is not stood in for` }))
  }
  const server = createHttpServer((request, response) => void handle(request, response))
  const port = await listen(server)
  return { endpoint: `http://127.0.0.1:${port}`, requests, close: () => close(server) }
}

/**
 * A user pool's JWKS over https on loopback, with a certificate made for the run
 * (openssl) that the Lambda's process trusts through NODE_EXTRA_CA_CERTS; it records the
 * paths asked for.
 *
 * @example const jwks = await startJwksStandIn(dir, key.jwks) // https://127.0.0.1:port
 */
export const startJwksStandIn = async (dir: string, keys: JSONWebKeySet) => {
  const [keyFile, certFile] = [join(dir, 'jwks-key.pem'), join(dir, 'jwks-cert.pem')]
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  )
  const paths: string[] = []
  const server = createHttpsServer(
    { key: readFileSync(keyFile), cert: readFileSync(certFile) },
    (request, response) => {
      paths.push(request.url ?? '')
      const ok = request.url?.endsWith('/.well-known/jwks.json')
      response
        .writeHead(ok ? 200 : 404, { 'Content-Type': 'application/json' })
        .end(ok ? JSON.stringify(keys) : '{}')
    },
  )
  const port = await listen(server)
  return { origin: `https://127.0.0.1:${port}`, certFile, paths, close: () => close(server) }
}

/** Where the X-Ray SDK of a traced Lambda sends its segments: a loopback UDP socket. */
export const startXrayDaemonStandIn = async () => {
  const socket = createSocket('udp4')
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done))
  return {
    address: `127.0.0.1:${socket.address().port}`,
    close: () => new Promise<void>((done) => socket.close(() => done())),
  }
}
