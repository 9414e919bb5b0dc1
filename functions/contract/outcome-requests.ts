import { z } from '@hono/zod-openapi'
import { dealValueBands, isoDate, isoDateTime, outcomeFigures, slug } from '../../domain/events/index.js'
import { countryCode } from '../../domain/shared/countries.js'
import { territorySlug } from '../../domain/shared/territories.js'
import { documented } from '../shared/http/documented.js'
import { multiLine } from './text.js'

/**
 * The request bodies of what a delegation brought back (members' outcomes) and of Team
 * Sud Export's figures. The figures and rows are the domain's own schemas (events and
 * commands), so the API accepts exactly what the deciders do; what only a rule can judge
 * (a deal with no value band, overlapping periods) is the decider's 422 or 409.
 */

const occurredAt = documented(isoDateTime.optional(), {
  description: 'Staff only: when the fact happened, to record history after the event',
})

const figures = {
  businessContacts: documented(outcomeFigures.shape.businessContacts, {
    example: 35,
    description: 'Business contacts made at the show and in its follow-up (buyers, distributors, investors)',
  }),
  dealsSigned: documented(outcomeFigures.shape.dealsSigned, {
    example: 2,
    description: 'Deals signed since the show: orders, contracts, distribution or partnership agreements',
  }),
  dealsValueBand: documented(outcomeFigures.shape.dealsValueBand, {
    example: '100k-1m',
    description: `The order of magnitude of their total value in euros (${dealValueBands.join(', ')}); null when no deal was signed, and only then`,
  }),
  fundsRaisedEur: documented(outcomeFigures.shape.fundsRaisedEur, {
    example: 400_000,
    description: 'Funds raised since the show (equity, loans, grants), in whole euros',
  }),
  pressArticles: documented(outcomeFigures.shape.pressArticles, { example: 4, description: 'Articles, broadcasts and posts of the press' }),
  jobsCreated: documented(outcomeFigures.shape.jobsCreated, { example: 1, description: 'Jobs created since the show' }),
  jobsPlanned: documented(outcomeFigures.shape.jobsPlanned, {
    example: 3,
    description: 'Jobs the start-up plans to create because of the show',
  }),
  noteForStaff: multiLine(5000).optional().openapi({
    description: 'Free text for the Région’s staff only: never in a report, and never sent to partners',
  }),
}

/** The header a start-up's own reads carry its token in (never the URL of an API call). */
export const applicationTokenHeader = 'X-Application-Token'

/** The names of the figures and the note, in the order forms show them. */
export const outcomeFields = Object.keys(figures) as (keyof typeof figures)[]

/** A start-up's own report, with the token it got when it applied (the withdrawal token). */
export const ownOutcomesBody = z
  .object({
    token: z.string().min(1).max(200).openapi({ description: 'The token given when the application was submitted (its withdrawal token)' }),
    ...figures,
    occurredAt,
  })
  .strict()
  .openapi('OwnOutcomesReport')

/** Staff record or correct a member's report. */
export const memberOutcomesBody = z
  .object({
    startupId: z.string().min(1).max(100).openapi({ description: 'The member start-up' }),
    ...figures,
    occurredAt,
  })
  .strict()
  .openapi('MemberOutcomesReport')

/** Record ids are the caller's: lowercase words joined by hyphens, to read well in a correction. */
const recordId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and hyphens, such as prospection-2019-q1')

const period = z
  .object({
    from: documented(isoDate, { example: '2019-01-01' }),
    to: documented(isoDate, { example: '2019-03-31' }),
  })
  .strict()
  .openapi('ExportPeriod', { description: 'The days the record covers, both included, within one calendar year, all gone by' })

const companies = z.number().int().min(0).max(100_000)
const sector = documented(slug, { example: 'smart-tech' })

const record = {
  recordId: recordId.openapi({ example: 'prospection-2019-q1' }),
  period,
  corrects: recordId.optional().openapi({
    description: 'The record this one replaces whole (same period): its rows are the period’s figures from now on',
  }),
  occurredAt,
}

export const prospectionBody = z
  .object({
    ...record,
    rows: z
      .array(z.object({ country: documented(countryCode, { example: 'US' }), sector, companies }).strict())
      .max(1000)
      .openapi({ description: 'Foreign companies prospected, one row per country (ISO 3166-1 alpha-2, not France) and sector' }),
  })
  .strict()
  .openapi('ProspectionRecord')

export const supportBody = z
  .object({
    ...record,
    rows: z
      .array(z.object({ territory: territorySlug, companies }).strict())
      .max(100)
      .openapi({ description: 'Regional companies supported, one row per territory' }),
  })
  .strict()
  .openapi('SupportRecord')
