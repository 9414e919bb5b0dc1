import { z } from '@hono/zod-openapi'
import { startupApplication } from '../../domain/projections/index.js'
import { awardRow, currentTo, territory } from './schemas.js'

/** The start-up directory's answers (`GET /startups`, `GET /startups/{startupId}`). */

const startupCard = z
  .object({
    startupId: z.string(),
    name: z.string(),
    city: z.string().optional(),
    ...territory,
    themes: z.array(z.string()),
    website: z.string().optional(),
    editionsApplied: z.array(z.string()),
    editionsSelected: z.array(z.string()),
    awards: z.number().int(),
  })
  .openapi('StartupCard')
export type StartupCard = z.infer<typeof startupCard>

export const startupsPage = z
  .object({
    currentTo,
    items: z.array(startupCard),
    next: z.string().optional().openapi({ description: 'Pass as `cursor` for the next page' }),
  })
  .openapi('StartupsPage')
export type StartupsPage = z.infer<typeof startupsPage>

export const startupPage = z
  .object({
    currentTo,
    startup: startupCard.omit({ awards: true }).extend({
      registeredAt: z.string().optional(),
      applications: z.array(startupApplication),
      awards: z.array(
        awardRow.pick({ awardId: true, editionId: true, award: true, category: true, wonAt: true }),
      ),
    }),
  })
  .openapi('StartupPage')
export type StartupPage = z.infer<typeof startupPage>
