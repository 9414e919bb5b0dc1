import { z } from '@hono/zod-openapi'
import { awardLevel, partnerKind } from '../../../domain/events/index.js'
import { tallySchema } from '../../../domain/projections/index.js'

/**
 * The reports' answers: the JSON the routes send and the CLI prints, documented in
 * OpenAPI from the same schemas. Every answer says the Feed position it is current to.
 */
export const currentTo = z
  .number()
  .int()
  .openapi({ description: 'The Feed position the answer is current to (X-Current-To-Position)' })

export const territory = { territory: z.string(), territoryName: z.string() }

export const editionReport = z
  .object({
    currentTo,
    edition: z.object({
      editionId: z.string(),
      name: z.string(),
      show: z.string(),
      city: z.string(),
      year: z.number().int(),
      startsOn: z.string(),
      endsOn: z.string(),
      applicationDeadline: z.string(),
      capacity: z.number().int(),
      themes: z.array(z.string()),
      status: z.enum(['open', 'closed']),
      openedAt: z.string(),
      closedAt: z.string().optional(),
    }),
    counts: tallySchema.extend({ awards: z.number().int(), partners: z.number().int() }),
    awardsByLevel: z.record(awardLevel, z.number().int()),
    partners: z.array(z.object({ partnerId: z.string(), name: z.string(), kind: partnerKind })),
    byTerritory: z.array(tallySchema.extend(territory)),
    byTheme: z.array(tallySchema.extend({ theme: z.string() })),
  })
  .openapi('EditionReport')
export type EditionReport = z.infer<typeof editionReport>

export const delegationMember = z
  .object({
    startupId: z.string(),
    name: z.string(),
    city: z.string().optional(),
    ...territory,
    website: z.string().optional(),
    themes: z.array(z.string()),
    awards: z.array(z.object({ award: awardLevel, category: z.string() })),
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

export const awardRow = z.object({
  awardId: z.string(),
  editionId: z.string(),
  editionName: z.string(),
  year: z.number().int(),
  startupId: z.string(),
  startupName: z.string(),
  award: awardLevel,
  category: z.string(),
  wonAt: z.string(),
})
export type AwardRow = z.infer<typeof awardRow>

export const awardsReport = z
  .object({
    currentTo,
    edition: z.string().optional(),
    count: z.number().int(),
    awards: z.array(awardRow),
  })
  .openapi('AwardsReport')
export type AwardsReport = z.infer<typeof awardsReport>

const partnerEdition = z.object({
  editionId: z.string(),
  contribution: z.string(),
  joinedAt: z.string(),
})

export const partnerRow = z.object({
  partnerId: z.string(),
  name: z.string(),
  kind: partnerKind,
  editions: z.array(partnerEdition),
})
export type PartnerRow = z.infer<typeof partnerRow>

export const partnersReport = z
  .object({
    currentTo,
    edition: z.string().optional(),
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

export const historyRow = tallySchema.extend({
  year: z.number().int(),
  editionId: z.string(),
  name: z.string(),
  show: z.string(),
  city: z.string(),
  startsOn: z.string(),
  status: z.enum(['open', 'closed']),
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
