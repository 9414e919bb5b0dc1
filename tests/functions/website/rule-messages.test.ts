import { Hono } from 'hono'
import { globSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applicationErrors } from '../../../domain/application/index.js'
import { editionErrors } from '../../../domain/edition/index.js'
import { outcomesErrors } from '../../../domain/outcomes/index.js'
import { partnerErrors } from '../../../domain/partner/decider.js'
import type { RuleViolationError } from '../../../domain/shared/errors.js'
import { startupErrors } from '../../../domain/startup/index.js'
import { exportErrors } from '../../../domain/team-sud-export/index.js'
import { errorHandler } from '../../../functions/http/error-handler.js'
import { silentLogger } from '../../../functions/shared/logger.js'
import type { ApiAnswer } from '../../../functions/website/api-client.js'
import { langs } from '../../../functions/website/i18n/locale.js'
import { problemMessages, refusalLine, refusalOf } from '../../../functions/website/problem-messages.js'
import { ruleMessages } from '../../../functions/website/rule-messages.js'

/**
 * The back-office words a refused action by the rule of the domain that refused it, in the
 * reader's language: every code the domain throws (read from its source, so a rule added
 * later fails here until it is worded) and every factory of its catalogues, sent through
 * the API's own error handler as a page receives it.
 */

/** Every rule code thrown in domain/: `refuse('code', …)` and `new RuleViolationError('code', …)`. */
const thrownCodes = () => {
  const codes = new Set<string>()
  for (const file of globSync('domain/**/*.ts')) {
    const source = readFileSync(file, 'utf8')
    for (const match of source.matchAll(/(?:refuse|new RuleViolationError)\(\s*'([a-z0-9-]+)'/g)) codes.add(match[1] ?? '')
  }
  return codes
}

/** A refusal as the pages' API client reads it: the error through the API's error handler. */
const refusedBy = async (error: RuleViolationError): Promise<Extract<ApiAnswer, { ok: false }>> => {
  const app = new Hono().get('/', () => {
    throw error
  })
  app.onError(errorHandler(silentLogger))
  const response = await app.request('/')
  const problem = (await response.json()) as { type: string; detail?: string }
  return { ok: false, status: response.status, code: problem.type.split('/').at(-1) ?? '', problem }
}

type Factory = (...args: unknown[]) => RuleViolationError
const catalogues = { applicationErrors, editionErrors, startupErrors, partnerErrors, outcomesErrors, exportErrors }
const everyRule = Object.entries(catalogues).flatMap(([catalogue, factories]) =>
  Object.entries(factories as unknown as Record<string, Factory>).map(([name, make]) => {
    // A string for every parameter: each factory accepts one where an id, a date or a detail is wanted.
    const error = make(...Array.from({ length: make.length }, () => '2020-01-06'))
    return [`${catalogue}.${name}`, error] as const
  }),
)

describe('the domain’s refusals, in the reader’s language', () => {
  it('words every rule code the domain throws', () => {
    const codes = thrownCodes()
    expect(codes.size).toBeGreaterThan(40)
    const unworded = [...codes].filter((code) => !Object.hasOwn(ruleMessages, code) && !Object.hasOwn(problemMessages, code))
    expect(unworded).toEqual([])
  })

  it('finds every factory of the domain’s catalogues among the codes it throws', () => {
    const codes = thrownCodes()
    expect(everyRule.length).toBeGreaterThan(35)
    for (const [name, error] of everyRule) expect(codes.has(error.code), name).toBe(true)
  })

  it.each(everyRule)('%s has its own words in French and in English, never the API’s detail', async (_name, error) => {
    const answer = await refusedBy(error)
    expect(answer.code).toBe(error.code)
    const said = Object.fromEntries(langs.map((lang) => [lang, refusalOf(lang, {}, answer)]))
    for (const lang of langs) {
      expect(said[lang]?.type, `${error.code} in ${lang}`).toBeUndefined()
      expect(said[lang]?.text.length).toBeGreaterThan(10)
    }
    expect(said.fr?.text).not.toContain(error.message)
    expect(said.fr?.text).not.toBe(said.en?.text)
  })

  it('says the figures the problem carries: seats, status, award, period', async () => {
    const full = await refusedBy(applicationErrors.full('ces-2020', 12))
    expect(refusalOf('fr', {}, full).text).toBe(
      'L’édition est complète : ses 12 places sont prises. Retirez d’abord un membre de la délégation.',
    )
    const decided = await refusedBy(applicationErrors.alreadyDecided('ces-2020', 'app-1', 'rejected'))
    expect(refusalOf('fr', {}, decided).text).toContain('déjà refusée')
    expect(refusalOf('en', {}, decided).text).toContain('already rejected')
    const award = await refusedBy(editionErrors.awardAlreadyWon('ces-2020', 's1', 'innovation-award', 'Smart Cities'))
    expect(refusalOf('fr', {}, award).text).toContain('catégorie « Smart Cities »')
    const moved = await refusedBy(
      exportErrors.correctionChangesPeriod('r2', { from: '2019-02-01', to: '2019-02-28' }, { from: '2019-01-01', to: '2019-01-31' }),
    )
    expect(refusalOf('fr', {}, moved).text).toContain('couvre du 2019-01-01 au 2019-01-31')
  })

  it('puts a refusal on one line with its fields named by their labels, or its type when unworded', () => {
    const refused = {
      ok: false as const,
      status: 400,
      code: 'validation-failed',
      problem: { type: '/problems/validation-failed', errors: [{ field: 'category', message: 'Required', code: 'too_small' }] },
    }
    const line = refusalLine('fr', refused, { category: 'Catégorie' })
    expect(line).toMatch(/^Certains champs sont à corriger\. Catégorie : \S/)
    const other = { ok: false as const, status: 418, code: 'teapot', problem: { type: '/problems/teapot' } }
    expect(refusalLine('en', other)).toMatch(/^The request did not go through\. .* \/problems\/teapot$/)
  })
})
