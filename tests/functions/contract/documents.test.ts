import { DiagnosticSeverity, Parser } from '@asyncapi/parser'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  currentSchemaVersion,
  eventTypeNames,
  parseEnvelope,
  schemaVersions,
  type DomainEvent,
  type EventType,
} from '../../../domain/events/index.js'
import { partnerEventTypes, partnerFields } from '../../../domain/partner-access/partner-view.js'
import { toPublicEvent } from '../../../domain/partner-access/public-event.js'
import { testEventType } from '../../../domain/webhooks/test-event.js'
import { webhookBody } from '../../../domain/webhooks/webhook-body.js'
import { exampleWebhookBody } from '../../../functions/contract/webhook-examples.js'
import {
  applicationSubmitted,
  editionOpened,
  partnerJoined,
  startupRegistered,
} from '../../fixtures/events.js'
import { apiHarness, type ApiHarness } from '../http/api-harness.js'

const run = promisify(execFile)
const redocly = resolve('node_modules/.bin/redocly')

/** Lints a document with Redocly CLI's recommended rules, offline, as a partner's CI would. */
const lint = async (dir: string, file: string) => {
  const { stdout } = await run(redocly, ['lint', file, '--format=json', '--extends=recommended'], {
    cwd: dir,
    env: {
      ...process.env,
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      CI: 'true',
    },
  }).catch((failed: { stdout?: string }) => ({ stdout: failed.stdout ?? '{}' }))
  const report = JSON.parse(stdout) as {
    totals: { errors: number; warnings: number }
    problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>
  }
  const problems = report.problems.map(
    (p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`,
  )
  return { ...report.totals, problems }
}

/** One event of every type, as the Feed hands it over. */
const everyType: Record<EventType, DomainEvent['data']> = {
  'edition.opened': editionOpened().data,
  'edition.closed': { editionId: 'ces-2020' },
  'startup.registered': startupRegistered('startup-1').data,
  'startup.profile-published': {
    startupId: 'startup-1',
    name: 'Calanques Tech',
    city: 'Marseille',
    territory: 'aix-marseille-provence',
    website: 'https://calanques.example',
    themes: ['environment'],
  },
  'startup.profile-corrected': {
    startupId: 'startup-1',
    name: 'Calanques Technologies',
    reason: 'Renamed',
  },
  'startup.recovered': {
    startupId: 'startup-1',
    name: 'Calanques Tech',
    city: 'Marseille',
    territory: 'aix-marseille-provence',
    website: 'https://calanques.example',
    themes: ['environment'],
    description: 'Solar desalination for islands.',
    contact: { name: 'Inès Martin', email: 'ines@calanques.example' },
    language: 'fr',
    reason: 'Registered first by someone else',
  },
  'application.submitted': applicationSubmitted('app-1', 'startup-1').data,
  'application.held': applicationSubmitted('app-2', 'startup-1').data,
  'application.dismissed': { applicationId: 'app-2', editionId: 'ces-2020', startupId: 'startup-1' },
  'startup.contacts-erased': { startupId: 'startup-1', contacts: 1, reason: 'request', keyIds: ['7f9c2b1e-key'] },
  'application.selected': { applicationId: 'app-1', editionId: 'ces-2020', startupId: 'startup-1' },
  'application.rejected': {
    applicationId: 'app-1',
    editionId: 'ces-2020',
    startupId: 'startup-1',
    reason: 'Outside the themes',
  },
  'application.withdrawn': {
    applicationId: 'app-1',
    editionId: 'ces-2020',
    startupId: 'startup-1',
    by: 'startup',
  },
  'award.won': {
    awardId: 'award-1',
    editionId: 'ces-2020',
    startupId: 'startup-1',
    award: 'best-of-innovation',
    category: 'Sustainability, Eco-Design & Smart Energy',
  },
  'partner.registered': {
    partnerId: 'tpm',
    name: 'Toulon Provence Méditerranée',
    kind: 'metropolis',
  },
  'partner.joined': partnerJoined('tpm').data,
  'outcomes.reported': {
    editionId: 'ces-2020',
    startupId: 'startup-1',
    applicationId: 'app-1',
    revision: 1,
    businessContacts: 40,
    dealsSigned: 2,
    dealsValueBand: '100k-1m',
    fundsRaisedEur: 500_000,
    pressArticles: 3,
    jobsCreated: 2,
    jobsPlanned: 5,
    reportedBy: { by: 'startup' },
  },
  'export.prospection-recorded': {
    recordId: 'p-2019-q1',
    period: { from: '2019-01-01', to: '2019-03-31' },
    rows: [{ country: 'US', sector: 'ai', companies: 120 }],
  },
  'export.support-recorded': {
    recordId: 's-2019-q1',
    period: { from: '2019-01-01', to: '2019-03-31' },
    rows: [{ territory: 'aix-marseille-provence', companies: 18 }],
  },
}

const feedEvent = (type: EventType, position: number) => ({
  ...parseEnvelope({
    eventId: '0190a0b0-0000-7000-8000-00000000000a',
    streamId: 'edition-ces-2020',
    version: position,
    type,
    schemaVersion: currentSchemaVersion(type),
    data: everyType[type],
    metadata: { correlationId: 'c-1', actor: 'staff:jeanne' },
    recordedAt: '2020-01-07T18:00:00.000Z',
  }),
  position,
  sequence: position,
})

/** An OpenAPI schema with its `#/components/schemas/…` references put in place. */
const inlined = (schema: unknown, components: Record<string, unknown>): unknown => {
  if (Array.isArray(schema)) return schema.map((item) => inlined(item, components))
  if (typeof schema !== 'object' || schema === null) return schema
  const { $ref, ...rest } = schema as Record<string, unknown>
  if (typeof $ref === 'string') return inlined(components[$ref.split('/').pop() ?? ''], components)
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, inlined(v, components)]))
}

type Document = Record<string, any>

/**
 * The partners' contract as third-party tools see it: the OpenAPI document through
 * Redocly's recommended lint, the AsyncAPI document through the AsyncAPI parser, and
 * the catalogue against what the feed and webhooks actually send.
 */
describe('the contract documents', () => {
  let harness: ApiHarness
  let dir: string
  let openapi: Document
  let asyncapi: Document
  let schemas: Document
  const origin = 'http://127.0.0.1:3000'
  beforeAll(async () => {
    harness = await apiHarness()
    const get = async (path: string) => {
      const response = await harness.app.request(`${origin}${path}`)
      expect(response.status).toBe(200)
      return (await response.json()) as Document
    }
    openapi = await get('/openapi.json')
    asyncapi = await get('/asyncapi.json')
    schemas = await get('/schemas/events.json')
    dir = mkdtempSync(join(tmpdir(), 'contract-'))
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(openapi, null, 2))
    writeFileSync(join(dir, 'asyncapi.json'), JSON.stringify(asyncapi, null, 2))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('OpenAPI: Redocly lint, recommended rules, 0 errors and 0 warnings', async () => {
    const result = await lint(dir, 'openapi.json')
    expect(result.problems).toEqual([])
    expect(result).toMatchObject({ errors: 0, warnings: 0 })
  })

  it('AsyncAPI: the AsyncAPI parser finds no error and no warning (Redocly neither)', async () => {
    const { document, diagnostics } = await new Parser().parse(
      readFileSync(join(dir, 'asyncapi.json'), 'utf8'),
    )
    const serious = diagnostics
      .filter((d) => Number(d.severity) <= Number(DiagnosticSeverity.Warning))
      .map((d) => `${d.code}: ${d.message}`)
    expect(serious).toEqual([])
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.id()),
    ).toEqual(['webhooks', 'feed'])
    // Each type on both channels, and the test event on the webhook channel only.
    expect(document?.messages().all()).toHaveLength(2 * partnerEventTypes.length + 1)
    const result = await lint(dir, 'asyncapi.json')
    expect(result.problems).toEqual([])
  })

  it('names every operation, and the README lists every name', () => {
    const readme = readFileSync('README.md', 'utf8')
    const operations = Object.values(openapi.paths as Document).flatMap((item: Document) =>
      Object.values(item),
    ) as Document[]
    expect(operations.length).toBeGreaterThan(30)
    for (const operation of operations) {
      expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/)
      expect(readme).toContain(`\`${operation.operationId}\``)
    }
  })

  it('documents a webhook per type partners receive, and the test event, with the Standard Webhooks headers and the answers', () => {
    expect(Object.keys(openapi.webhooks)).toEqual([...partnerEventTypes, testEventType])
    expect(Object.keys(openapi.webhooks)).not.toContain('application.rejected')
    const test = openapi.webhooks[testEventType].post
    expect(test.operationId).toBe('onSubscriptionTested')
    expect(test.parameters.map((p: { name: string }) => p.name)).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ])
    expect(test.requestBody.content['application/json'].example).toMatchObject({
      type: testEventType,
    })
    for (const type of partnerEventTypes) {
      // Its example: the allow-list's fields, every one, and what the catalogue page shows.
      const { example } = openapi.webhooks[type].post.requestBody.content['application/json']
      expect(example).toEqual(JSON.parse(JSON.stringify(exampleWebhookBody(type))))
      expect(Object.keys(example.data.data).sort()).toEqual(
        partnerFields(type)
          .filter((f) => f !== 'categoryAsRecorded')
          .sort(),
      )
      const operation = openapi.webhooks[type].post
      expect(
        operation.parameters.map((p: { name: string; in: string }) => `${p.in} ${p.name}`),
      ).toEqual(['header webhook-id', 'header webhook-timestamp', 'header webhook-signature'])
      expect(Object.keys(operation.responses)).toEqual(['410', '429', '2XX', '4XX', '5XX'])
      expect(operation.description).toContain(`Schema version ${currentSchemaVersion(type)}`)
      expect(operation['x-retry-schedule'].retryDelaysSeconds).toEqual([
        30, 120, 600, 1800, 3600, 10800, 21600, 43200,
      ])
    }
    expect(openapi.webhooks['award.won'].post.description).toContain('v1 → v2')
  })

  it('has the JSON Schema of every type at every version, past ones deprecated', () => {
    for (const type of eventTypeNames) {
      for (const { schemaVersion, current } of schemaVersions(type)) {
        const def = schemas.$defs[`${type}.v${schemaVersion}`]
        expect(def.title).toBe(`${type} v${schemaVersion}`)
        expect(def.deprecated).toBe(current ? undefined : true)
      }
    }
    expect(schemas.$defs['award.won.v1'].properties.category).toMatchObject({
      type: 'string',
      maxLength: 200,
    })
    expect(schemas.$defs['award.won.v2'].properties.category.enum).toContain('Health & Wellness')
    expect(schemas.$defs['startup.registered.v1'].properties).toHaveProperty('contact')
    expect(Object.keys(schemas.$defs['startup.profile-published.partner'].properties)).toEqual(
      partnerFields('startup.profile-published'),
    )
    expect(schemas.$defs['startup.registered.partner']).toBeUndefined()
    expect(schemas.$defs['application.rejected.partner']).toBeUndefined()
    expect(openapi.paths['/feed'].get.description).toContain('`application.rejected`')
  })

  it('describes exactly what the feed and webhooks send, in all three documents', () => {
    const components = openapi.components.schemas as Record<string, unknown>
    partnerEventTypes.forEach((type, index) => {
      const event = feedEvent(type, index + 1)
      const body = JSON.parse(JSON.stringify(webhookBody(event)))
      const sent = JSON.parse(JSON.stringify(toPublicEvent(event)))
      const name = type.replace(/(^|\.)(\w)/g, (_, _dot, c: string) => c.toUpperCase())
      const camel = name.charAt(0).toLowerCase() + name.slice(1)
      const documented = [
        inlined(components[`${name}Webhook`], components),
        asyncapi.components.messages[`${camel}Webhook`].payload,
      ]
      for (const schema of documented) {
        const validate = z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema)
        expect(validate.safeParse(body).error).toBeUndefined()
        // A body claiming another type does not pass.
        expect(validate.safeParse({ ...body, type: 'no.such-type' }).success).toBe(false)
      }
      const feedSchema = z.fromJSONSchema(asyncapi.components.messages[`${camel}FeedEvent`].payload)
      expect(feedSchema.safeParse(sent).error).toBeUndefined()
      const dataSchema = z.fromJSONSchema(schemas.$defs[`${type}.partner`])
      expect(dataSchema.safeParse(sent.data).error).toBeUndefined()
    })
  })
})
