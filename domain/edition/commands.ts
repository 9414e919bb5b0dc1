import { z } from 'zod'
import {
  awardCategory,
  awardWon,
  editionClosed,
  editionOpened,
  isoDateTime,
  partnerJoined,
} from '../events/index.js'

/**
 * The edition's commands, derived from the events they cause so no field is typed
 * twice. Every command names its edition (it picks the stream) and carries `now`,
 * the effective time of the fact: the clock for live requests, the historical time
 * for imported history. Ids are chosen by the caller, never here.
 */
const effective = { now: isoDateTime }

export const openEditionCommand = editionOpened.extend({
  type: z.literal('OpenEdition'),
  ...effective,
})

// Staff name a listed category: `Unlisted` and its text only come from upcast history.
export const recordAwardCommand = awardWon.omit({ categoryAsRecorded: true }).extend({
  category: awardCategory,
  type: z.literal('RecordAward'),
  ...effective,
})

export const joinPartnerCommand = partnerJoined.extend({
  type: z.literal('JoinPartner'),
  ...effective,
})

export const closeEditionCommand = editionClosed.extend({
  type: z.literal('CloseEdition'),
  ...effective,
})

/**
 * Any edition command, discriminated on `type`; parse request bodies with it.
 *
 * @example editionCommand.parse({ type: 'CloseEdition', editionId: 'ces-2020', now })
 */
export const editionCommand = z.discriminatedUnion('type', [
  openEditionCommand,
  recordAwardCommand,
  joinPartnerCommand,
  closeEditionCommand,
])

export type OpenEdition = z.infer<typeof openEditionCommand>
export type RecordAward = z.infer<typeof recordAwardCommand>
export type JoinPartner = z.infer<typeof joinPartnerCommand>
export type CloseEdition = z.infer<typeof closeEditionCommand>
export type EditionCommand = z.infer<typeof editionCommand>
