import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { applicationBody, validSiret } from '../../fixtures/requests.js'
import { startReceiver, type ReceivedRequest } from '../webhooks/fixtures.js'
import { partnerWorld, type PartnerWorld } from '../webhooks/partner-world.js'

const here = dirname(fileURLToPath(import.meta.url))

/** Strict, as a careful partner compiles; fetch's types from the DOM library. */
const compilerOptions: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: [],
  skipLibCheck: true,
  noEmit: true,
}

/** One program over both files (the generated types are long to check), errors per file. */
const diagnosticsOf = (files: readonly string[]) => {
  const program = ts.createProgram(files, compilerOptions)
  return (file: string) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ({
      line:
        d.file && d.start !== undefined
          ? d.file.getLineAndCharacterOfPosition(d.start).line + 1
          : 0,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }))
}

interface PartnerProgram {
  partnerClient(options: {
    baseUrl: string
    apiKey: string
    fetch: (r: Request) => Promise<Response>
  }): {
    awardCategories(editionId: string): Promise<{ categories: string[]; next: string }>
    subscribeToAwards(url: string): Promise<{ id: string; secret: string }>
    replay(id: string, afterSequence: number): Promise<number>
  }
  receiveAward(
    secret: string,
    body: string,
    headers: Record<string, string>,
  ): { webhookId: string; category: string; sequence: number; replayed: boolean }
}

/**
 * The typed client a partner would generate: openapi-typescript over the document the API
 * serves, a small program with openapi-fetch and standardwebhooks type-checked against it
 * (and mistakes shown to fail), then run against the API and a loopback receiver.
 */
describe('a typed partner client generated from /openapi.json', () => {
  let world: PartnerWorld
  let workDir: string
  let errorsIn: (file: string) => Array<{ line: number; message: string }>
  beforeAll(async () => {
    world = await partnerWorld(['nice-cote-d-azur'])
    const served = await world.harness.app.request('http://127.0.0.1:3000/openapi.json')
    // Inside the repository, so the program resolves openapi-fetch from node_modules.
    const cache = resolve('node_modules/.cache')
    mkdirSync(cache, { recursive: true })
    workDir = mkdtempSync(join(cache, 'typed-client-'))
    const document = (await served.json()) as Parameters<typeof openapiTS>[0]
    writeFileSync(join(workDir, 'api-types.ts'), astToString(await openapiTS(document)))
    copyFileSync(join(here, 'partner-program.ts.txt'), join(workDir, 'partner.ts'))
    copyFileSync(join(here, 'partner-misuse.ts.txt'), join(workDir, 'misuse.ts'))
    errorsIn = diagnosticsOf([join(workDir, 'partner.ts'), join(workDir, 'misuse.ts')])
  })
  afterAll(() => rmSync(workDir, { recursive: true, force: true }))

  it('type-checks the partner program, strict, without an error', () => {
    expect(errorsIn(join(workDir, 'partner.ts'))).toEqual([])
  })

  it('refuses a category off the list, a route that does not exist, malformed bodies and withheld data', () => {
    const errors = errorsIn(join(workDir, 'misuse.ts'))
    const source = ts.sys.readFile(join(workDir, 'misuse.ts')) ?? ''
    const marked = source
      .split('\n')
      .flatMap((line, index) => (line.includes('// error:') ? [index + 1] : []))
    expect(marked).toHaveLength(8)
    expect([...new Set(errors.map((e) => e.line))]).toEqual(marked)
    expect(errors.map((e) => e.message).join('\n')).toMatch(/Best Start-up/)
  })

  it('runs: subscribes, reads the feed, verifies a webhook, replays', async () => {
    // Prepare: the program compiled as a partner would ship it.
    const source = ts.sys.readFile(join(workDir, 'partner.ts')) ?? ''
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    })
    writeFileSync(join(workDir, 'partner.mjs'), outputText)
    const program = (await import(
      pathToFileURL(join(workDir, 'partner.mjs')).href
    )) as PartnerProgram
    const receiver = await startReceiver(() => 204, world.time.clock)
    const partner = program.partnerClient({
      baseUrl: 'http://127.0.0.1:3000',
      apiKey: world.keys['nice-cote-d-azur'] ?? '',
      fetch: async (request) => world.harness.app.fetch(request),
    })
    const received = (request: ReceivedRequest) => {
      vi.useFakeTimers({ now: request.receivedAt, toFake: ['Date'] })
      try {
        return program.receiveAward(secret, request.body, request.headers as Record<string, string>)
      } finally {
        vi.useRealTimers()
      }
    }

    // Act: subscribe, then staff record an award for a selected start-up.
    const { id, secret } = await partner.subscribeToAwards(receiver.url)
    const applied = (
      await world.api.public(
        'POST',
        '/editions/ces-2020/applications',
        applicationBody(validSiret(11)),
      )
    ).json()
    await world.api.admin('POST', `/applications/${applied.applicationId}/decision`, {
      decision: 'selected',
    })
    const award = { startupId: applied.startupId, award: 'honoree', category: 'Smart Cities' }
    expect((await world.api.admin('POST', '/editions/ces-2020/awards', award)).status).toBe(201)
    await world.propagate()
    await world.drain([id])

    // Assess: the webhook verifies and reads typed; the feed agrees; a replay sends it anew.
    expect(receiver.requests).toHaveLength(1)
    const first = received(receiver.requests[0]!)
    expect(first).toMatchObject({ category: 'Smart Cities', replayed: false })
    expect((await partner.awardCategories('ces-2020')).categories).toEqual(['Smart Cities'])
    expect(await partner.replay(id, first.sequence - 1)).toBe(1)
    await world.drain([id])
    const again = received(receiver.requests[1]!)
    expect(again).toMatchObject({
      category: 'Smart Cities',
      replayed: true,
      sequence: first.sequence,
    })
    expect(again.webhookId).not.toBe(first.webhookId)
    await receiver.close()
  })
})
