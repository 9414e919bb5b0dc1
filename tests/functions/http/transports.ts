import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { handle, type LambdaEvent } from 'hono/aws-lambda'
import type { App } from '../../../functions/http/feature-routes.js'

/** A response as the tests read it, whichever way the request travelled. */
export interface TestResponse {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  json<T = any>(): T
}

/** A body as text, or as raw bytes (to send what no string can hold, such as overlong UTF-8). */
export type Body = string | Uint8Array

/** `sourceIp`: the client address API Gateway reports (the Lambda transport only). */
export type Send = (
  method: string,
  path: string,
  init?: { headers?: Record<string, string>; body?: Body; sourceIp?: string },
) => Promise<TestResponse>

export interface Transport {
  readonly name: string
  /** Where a server transport listens once started (`http://127.0.0.1:<port>`). */
  readonly origin?: string
  start(app: App): Promise<Send>
  stop(): Promise<void>
}

const toTestResponse = (status: number, headers: Headers, text: string): TestResponse => ({
  status,
  headers,
  text,
  json: () => JSON.parse(text),
})

/** Through `@hono/node-server` on a loopback port, with a real HTTP client. */
export const nodeServer = (): Transport => {
  let server: ServerType | undefined
  let origin: string | undefined
  return {
    name: 'node server',
    get origin() {
      return origin
    },
    async start(app) {
      const port = await new Promise<number>((resolve) => {
        server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port))
      })
      origin = `http://127.0.0.1:${port}`
      return async (method, path, init = {}) => {
        const { headers, body } = init
        const response = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, body } as RequestInit)
        return toTestResponse(response.status, response.headers, await response.text())
      }
    },
    stop: () => new Promise((resolve) => (server ? server.close(() => resolve()) : resolve())),
  }
}

/** As API Gateway's HTTP API (payload v2) invokes the Lambda, through `hono/aws-lambda`. */
export const lambdaV2 = (): Transport => ({
  name: 'Lambda (API Gateway v2 event)',
  async start(app) {
    const handler = handle(app)
    return async (method, path, { headers = {}, body, sourceIp = '127.0.0.1' } = {}) => {
      const [rawPath = '/', rawQueryString = ''] = path.split('?')
      // API Gateway hands cookies over apart from the other headers.
      const { cookie, ...others } = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
      const event = {
        version: '2.0',
        routeKey: '$default',
        rawPath,
        rawQueryString,
        headers: others,
        ...(cookie === undefined ? {} : { cookies: cookie.split(/;\s*/) }),
        body: body === undefined ? null : typeof body === 'string' ? body : Buffer.from(body).toString('base64'),
        isBase64Encoded: body !== undefined && typeof body !== 'string',
        requestContext: {
          accountId: '123456789012',
          apiId: 'local',
          domainName: 'api.example',
          domainPrefix: 'api',
          http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp, userAgent: 'vitest' },
          requestId: `req-${Math.random().toString(36).slice(2)}`,
          routeKey: '$default',
          stage: '$default',
          time: new Date().toISOString(),
          timeEpoch: Date.now(),
        },
      } as unknown as LambdaEvent
      const result = (await handler(event)) as { statusCode: number; headers?: Record<string, string>; body: string }
      return toTestResponse(result.statusCode, new Headers(result.headers ?? {}), result.body)
    }
  },
  stop: async () => {},
})

/** Straight into `app.request`, no network: the quickest, for property-based runs. */
export const inProcess = (): Transport => ({
  name: 'in process',
  async start(app) {
    return async (method, path, init = {}) => {
      const { headers, body } = init
      const response = await app.request(path, { method, headers, body } as RequestInit)
      return toTestResponse(response.status, response.headers, await response.text())
    }
  },
  stop: async () => {},
})
