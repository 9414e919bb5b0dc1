import { z } from 'zod'
import { slug } from './event-data.js'

/**
 * What a member of a delegation brought back from a show, as it reports it (or as staff
 * record it for it): the data of `outcomes.reported`. Each report is the whole of it, never
 * a change to an earlier one: a later report supersedes the earlier one for the same
 * start-up and edition (domain/outcomes).
 */

/** A count of things: people, contacts, articles. */
const count = z.number().int().min(0).max(100_000)

/**
 * The order of magnitude of the total value of the deals signed, in euros: a start-up says
 * "between 100 k€ and 1 M€" more readily (and more truthfully) than an exact figure.
 * Slugs are public (events, reports): never rename one.
 */
export const dealValueBands = ['under-10k', '10k-100k', '100k-1m', '1m-10m', '10m-or-more'] as const
export const dealValueBand = z.enum(dealValueBands)
export type DealValueBand = z.infer<typeof dealValueBand>

/** The figures of a report: what the reports add up and take medians of. */
export const outcomeFigures = z.object({
  /** Business contacts made at the show and in its follow-up (buyers, distributors, investors). */
  businessContacts: count,
  /** Deals signed since the show: orders, contracts, distribution or partnership agreements. */
  dealsSigned: count,
  /** Their total value's order of magnitude; `null` when none was signed (and only then). */
  dealsValueBand: dealValueBand.nullable(),
  /** Funds raised since the show (equity, loans, grants), in whole euros. */
  fundsRaisedEur: z.number().int().min(0).max(10_000_000_000),
  /** Articles, broadcasts and posts of the press that covered the start-up at the show. */
  pressArticles: count,
  /** Jobs created since the show, and jobs the start-up plans to create because of it. */
  jobsCreated: count,
  jobsPlanned: count,
})
export type OutcomeFigures = z.infer<typeof outcomeFigures>

/** The figures' names, in the order reports list them. */
export const outcomeFigureNames = Object.keys(outcomeFigures.shape) as (keyof OutcomeFigures)[]

/**
 * Who reported: the start-up itself (through the link only it holds), or a staff member
 * recording or correcting it from the back-office, named by the id the sign-in gives it
 * (the `staff:<id>` of the event's metadata), never by a name or an address.
 */
export const outcomesReporter = z.discriminatedUnion('by', [
  z.object({ by: z.literal('startup') }),
  z.object({ by: z.literal('staff'), staffMember: z.string().min(1).max(200) }),
])
export type OutcomesReporter = z.infer<typeof outcomesReporter>

export const outcomesReported = outcomeFigures.extend({
  editionId: slug,
  startupId: z.string().min(1),
  /** The application that made the start-up a member: the membership the report was taken under. */
  applicationId: z.string().min(1),
  /** 1 for the first report of this start-up for this edition, then 2, 3 … each superseding the last. */
  revision: z.number().int().min(1),
  reportedBy: outcomesReporter,
  /**
   * Free text for the Région's staff only: never in a read model, a report or anything
   * partners receive (it may name people or hold anything the start-up chose to tell).
   */
  noteForStaff: z.string().min(1).max(5000).optional(),
})
