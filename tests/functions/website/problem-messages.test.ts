import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { openApiDocument } from '../../../functions/contract/openapi-document.js'
import { apiProblems } from '../../../functions/http/problems.js'
import { partnerAccessProblems } from '../../../functions/partner-access/problems.js'
import type { ProblemError } from '../../../functions/shared/http/problem.js'
import { subscriptionBody } from '../../../functions/webhooks/api-schemas.js'
import { webhookProblems } from '../../../functions/webhooks/problems.js'
import { UnsafeTargetError } from '../../../functions/webhooks/url-safety.js'
import type { ApiAnswer } from '../../../functions/website/api-client.js'
import { langs } from '../../../functions/website/i18n/locale.js'
import { messagesFor } from '../../../functions/website/i18n/messages.js'
import { portalFieldLabels } from '../../../functions/website/portal/refusals.js'
import { problemMessages, refusalOf } from '../../../functions/website/problem-messages.js'
import { routesOnlyApp } from '../http/hostile-routes.js'

/**
 * The pages word the API's refusals in the reader's language, never with the API's English
 * `detail`: every problem of the three catalogues has words in both languages, read from
 * the catalogues themselves (each factory called), so a problem added later fails here
 * until it is worded; the fields a portal form fills, read from the contract, each have
 * the page's label.
 */

type Factory = (...args: unknown[]) => ProblemError

/**
 * An argument every factory accepts: a string where a detail or an id is wanted, a
 * ZodError for `validationFailed`, an UnsafeTargetError's fields for `unsafeTarget`.
 */
const anyArgument = Object.assign(new ZodError([]), {
  code: 'not-public',
  reason: 'must name a host that resolves to public addresses only',
  allowed: [],
})

const catalogues = { apiProblems, webhookProblems, partnerAccessProblems }

/** Every problem the catalogues make, as the API sends it (status, JSON body). */
const everyProblem = Object.entries(catalogues).flatMap(([catalogue, factories]) =>
  Object.entries(factories as unknown as Record<string, Factory>).map(([name, make]) => {
    const error = make(...Array.from({ length: make.length }, () => anyArgument))
    return { name: `${catalogue}.${name}`, error }
  }),
)

/** A refusal as the pages' API client reads it off the wire. */
const refused = (error: ProblemError): Extract<ApiAnswer, { ok: false }> => {
  const problem = JSON.parse(JSON.stringify(error.toProblem())) as { type: string }
  return { ok: false, status: error.status, code: error.code, problem }
}

describe('the API’s refusals, in the reader’s language', () => {
  it('finds every factory of the three catalogues', () => {
    const count = Object.values(catalogues).reduce((sum, factories) => sum + Object.keys(factories).length, 0)
    expect(everyProblem).toHaveLength(count)
    expect(count).toBeGreaterThan(30)
  })

  // Hono's other refusals (`http-<status>`) have no fixed code: they get the plain message.
  const worded = everyProblem.filter(({ error }) => !error.code.startsWith('http-'))

  it.each(worded.map(({ name, error }) => [name, error] as const))(
    '%s has its own words in French and in English',
    (_name, error) => {
      expect(problemMessages[error.code], error.code).toBeDefined()
      const said = Object.fromEntries(langs.map((lang) => [lang, refusalOf(lang, {}, refused(error))]))
      for (const lang of langs) {
        expect(said[lang]?.type, `${error.code} in ${lang}`).toBeUndefined()
        expect(said[lang]?.text.length).toBeGreaterThan(10)
      }
      // The French reader never reads the API's English detail (the English one may say the same).
      if (error.detail) expect(said.fr?.text).not.toContain(error.detail)
      expect(said.fr?.text).not.toBe(said.en?.text)
    },
  )

  it('says an unexpected problem plainly in each language, and keeps its type for support', () => {
    const other = apiProblems.httpRefusal(405, 'Method Not Allowed')
    const fr = refusalOf('fr', {}, refused(other))
    expect(fr).toMatchObject({ type: '/problems/http-405', fields: [] })
    expect(fr.text).toMatch(/^La demande n’a pas abouti/)
    expect(refusalOf('en', {}, refused(other)).text).toMatch(/^The request did not go through/)
    const bare = refusalOf('fr', {}, { ok: false, status: 500, code: 'unknown', problem: undefined })
    expect(bare.type).toBe('HTTP 500')
  })

  it('names a webhook URL refused by the target policy, with what it may use instead', () => {
    const labels = portalFieldLabels(messagesFor('fr').portal)
    const port = new UnsafeTargetError('port-not-allowed', 'must use port 443 or 8443', undefined, ['443', '8443'])
    expect(refusalOf('fr', labels, refused(webhookProblems.unsafeTarget(port)))).toEqual({
      text: 'Nous n’enverrons pas d’événements à cette adresse.',
      fields: [
        {
          field: 'url',
          label: 'Adresse de réception (URL)',
          message: 'Ce port n’est pas accepté : le récepteur doit écouter sur le port 443 ou 8443.',
        },
      ],
    })
    const scheme = new UnsafeTargetError('scheme-not-allowed', 'must use https', undefined, ['https'])
    expect(refusalOf('en', {}, refused(webhookProblems.unsafeTarget(scheme))).fields[0]?.message).toBe(
      'The address must start with https://.',
    )
  })

  it('names each offending field of a validation problem once, as the form labels it', () => {
    const parsed = subscriptionBody.safeParse({ url: 'x', types: ['application.submitted', 'nope'] })
    expect(parsed.success).toBe(false)
    const problem = apiProblems.validationFailed(parsed.error!)
    const fr = refusalOf('fr', portalFieldLabels(messagesFor('fr').portal), refused(problem))
    expect(fr.text).toBe('Certains champs sont à corriger.')
    expect(fr.fields).toEqual([
      { field: 'types', label: 'Types d’événements', message: 'Choisissez les types d’événements dans le catalogue.' },
    ])
    const en = refusalOf('en', portalFieldLabels(messagesFor('en').portal), refused(problem))
    expect(en.fields).toEqual([
      { field: 'types', label: 'Event types', message: 'Choose the event types from the catalogue.' },
    ])
  })

  it('has a label for every field of the bodies the portal’s forms send, from the contract', () => {
    type Operation = { operationId?: string; requestBody?: { content?: Record<string, { schema?: { properties?: object; $ref?: string } }> } }
    const document = openApiDocument(routesOnlyApp(), 'http://localhost') as unknown as {
      paths: Record<string, Record<string, Operation>>
      components: { schemas: Record<string, { properties?: object }> }
    }
    const operations = Object.values(document.paths).flatMap((path) => Object.values(path))
    const fieldsOf = (operationId: string) => {
      const operation = operations.find((candidate) => candidate.operationId === operationId)
      const schema = operation?.requestBody?.content?.['application/json']?.schema
      const resolved = schema?.$ref ? document.components.schemas[schema.$ref.split('/').at(-1) ?? ''] : schema
      return Object.keys(resolved?.properties ?? {})
    }
    // The operations whose bodies a portal form fills (rotations send none).
    const fields = ['createSubscription', 'replaySubscription', 'issuePartnerKey'].flatMap(fieldsOf)
    expect(fields).toEqual(expect.arrayContaining(['url', 'types', 'afterSequence', 'scopes', 'expiresAt']))
    for (const lang of langs) {
      const labels = portalFieldLabels(messagesFor(lang).portal)
      for (const field of fields) expect(labels[field], `${field} in ${lang}`).toBeTruthy()
    }
  })
})
