import { z } from '@hono/zod-openapi'
import { awardLevel } from '../../domain/events/index.js'
import {
  awardEntry,
  editionAwardsDoc,
  editionSummaryDoc,
  historyDoc,
  memberAward,
  partnerDoc,
  tallySchema,
} from '../../domain/projections/index.js'

/**
 * The reports' answers: the JSON the routes send and the CLI prints, documented in
 * OpenAPI from the same schemas. Every answer says the Feed position it is current to.
 */
export const currentTo = z
  .number()
  .int()
  .openapi({ description: 'The Feed position the answer is current to (X-Current-To-Position)' })

export const territory = { territory: z.string(), territoryName: z.string() }

/** The edition as its summary states it, less the counts and bookkeeping (`editionReportOf`). */
const editionFacts = editionSummaryDoc.omit({
  tally: true,
  byTerritory: true,
  byTheme: true,
  awards: true,
  partners: true,
  applications: true,
})

export const editionReport = z
  .object({
    currentTo,
    edition: editionFacts,
    counts: tallySchema.extend({ awards: z.number().int(), partners: z.number().int() }),
    awardsByLevel: z.record(awardLevel, z.number().int()),
    partners: z.array(partnerDoc.pick({ partnerId: true, name: true, kind: true })),
    byTerritory: z.array(tallySchema.extend(territory)),
    byTheme: z.array(tallySchema.extend({ theme: z.string() })),
  })
  .openapi('EditionReport')
export type EditionReport = z.infer<typeof editionReport>

const delegationMember = z
  .object({
    startupId: z.string(),
    name: z.string(),
    city: z.string().optional(),
    ...territory,
    website: z.string().optional(),
    themes: z.array(z.string()),
    awards: z.array(memberAward.pick({ award: true, category: true })),
  })
  .openapi('DelegationMember')
export type DelegationMember = z.infer<typeof delegationMember>

export const delegationReport = z
  .object({
    currentTo,
    editionId: z.string(),
    editionName: z.string(),
    year: z.number().int(),
    count: z.number().int(),
    members: z.array(delegationMember),
  })
  .openapi('DelegationReport')
export type DelegationReport = z.infer<typeof delegationReport>

/** An award of an edition's document with that edition's name and year (after `awardId`). */
export const awardRow = z.object({
  ...awardEntry.pick({ awardId: true }).shape,
  ...editionAwardsDoc.pick({ editionId: true, editionName: true, year: true }).shape,
  ...awardEntry.omit({ awardId: true }).shape,
})
export type AwardRow = z.infer<typeof awardRow>

export const awardsReport = z
  .object({
    currentTo,
    editionId: z.string().optional(),
    count: z.number().int(),
    awards: z.array(awardRow),
  })
  .openapi('AwardsReport')
export type AwardsReport = z.infer<typeof awardsReport>

/** A partner of the programme, less when it registered (`loadPartners`). */
const partnerRow = partnerDoc.omit({ registeredAt: true })
export type PartnerRow = z.infer<typeof partnerRow>

export const partnersReport = z
  .object({
    currentTo,
    editionId: z.string().optional(),
    count: z.number().int(),
    partners: z.array(partnerRow),
  })
  .openapi('PartnersReport')
export type PartnersReport = z.infer<typeof partnersReport>

const figures = {
  applications: z.number().int(),
  selected: z.number().int(),
  awards: z.number().int(),
  partners: z.number().int(),
}

/** A history row's edition, flattened with its tally and counts (`rowOf`). */
const historyFacts = historyDoc.pick({
  year: true,
  editionId: true,
  name: true,
  show: true,
  city: true,
  startsOn: true,
  status: true,
})

const historyRow = tallySchema.extend({
  ...historyFacts.shape,
  awards: z.number().int(),
  partners: z.number().int(),
})
export type HistoryRow = z.infer<typeof historyRow>

export const historyReport = z
  .object({
    currentTo,
    editions: z.array(historyRow),
    years: z.array(z.object({ year: z.number().int(), editions: z.number().int(), ...figures })),
  })
  .openapi('HistoryReport')
export type HistoryReport = z.infer<typeof historyReport>
