import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answersTo, loopbackOnly } from '../../local/loopback-only.js'

/** One GET to the server on 127.0.0.1 with the Host header a browser would send. */
const get = (port: number, path: string, host: string) =>
  new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, headers: { host } }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: String(response.headers['content-type']),
          body,
        }),
      )
    })
    sent.on('error', reject)
    sent.end()
  })

/**
 * Issue 20, point 6: under `npm start` a page of another site could rebind its own name to
 * 127.0.0.1 and, being same-origin with itself, read the development sign-in's answers and
 * call the API. The browser still sends that name as Host: the server answers it nothing.
 */
describe('the development server answers only to loopback host names', () => {
  let server: ServerType
  let port: number
  let reached = 0
  beforeAll(async () => {
    const app = new Hono()
      .get('/staff/sign-in', (c) => {
        reached += 1
        return c.text('the dev sign-in')
      })
      .get('/health', (c) => {
        reached += 1
        return c.json({ status: 'ok' })
      })
    server = await new Promise<ServerType>((resolve) => {
      const started = serve(
        {
          fetch: loopbackOnly(app, { alsoAnswers: ['127.0.0.1'] }).fetch,
          port: 0,
          hostname: '127.0.0.1',
        },
        () => resolve(started),
      )
    })
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('serves localhost, 127.0.0.1 and [::1] with or without the port', async () => {
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      'localhost',
      `app.localhost:${port}`,
    ]) {
      expect(await get(port, '/health', host)).toMatchObject({
        status: 200,
        body: '{"status":"ok"}',
      })
    }
  })

  it('answers any other host name 421 problem+json, reaching neither the API nor the sign-in', async () => {
    const before = reached
    for (const host of [
      `rebind.attacker.example:${port}`,
      'rebind.attacker.example',
      `localhost.attacker.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `10.0.0.7:${port}`,
    ]) {
      for (const path of ['/staff/sign-in', '/health']) {
        const answer = await get(port, path, host)
        expect(answer.status).toBe(421)
        expect(answer.type).toContain('application/problem+json')
        expect(JSON.parse(answer.body)).toMatchObject({
          type: '/problems/misdirected-request',
          status: 421,
          instance: path,
        })
      }
    }
    expect(reached).toBe(before)
  })

  it('takes the HOST it listens on when that names one address, never a wildcard', () => {
    expect(answersTo('192.168.1.20', ['192.168.1.20'])).toBe(true)
    expect(answersTo('[fe80::1]', ['fe80::1'])).toBe(true)
    expect(answersTo('192.168.1.20', ['0.0.0.0'])).toBe(false)
    expect(answersTo('[::]', ['::'])).toBe(false)
    expect(answersTo('dev.box', [])).toBe(false)
    expect(answersTo('LOCALHOST', [])).toBe(true)
    expect(answersTo('localhost.', [])).toBe(true)
    expect(answersTo('127.0.0.53', [])).toBe(true)
    expect(answersTo('127.0.0.1.attacker.example', [])).toBe(false)
  })
})
