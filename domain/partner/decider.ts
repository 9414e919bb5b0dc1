import { z } from 'zod'
import { partnerKind, type EventOf, type PartnerKind } from '../events/index.js'
import type { Aggregate, SnapshotCodec } from '../shared/decider.js'
import { RuleViolationError, UnknownCommandError } from '../shared/errors.js'
import type { PartnerCommand } from './commands.js'

/**
 * Stream `partner-<partnerId>` holds the partner's `partner.registered`. Joining an
 * edition is recorded in the edition's stream (`partner.joined`), where "once per
 * edition" can be checked.
 */
export type PartnerEvent = EventOf<'partner.registered'>

/** A registered partner keeps its name and kind: they are copied onto each edition it joins. */
export type PartnerState =
  | { readonly status: 'absent' }
  | { readonly status: 'registered'; readonly name: string; readonly kind: PartnerKind }

export const initialPartnerState: PartnerState = Object.freeze({ status: 'absent' })

/**
 * The partner's refusals, written once. Codes are public (problem+json type URIs).
 *
 * @example throw partnerErrors.alreadyRegistered('tpm')
 */
export const partnerErrors = {
  notFound: (partnerId: string) =>
    new RuleViolationError(
      'partner-not-found',
      `Partner ${partnerId} does not exist: give its name and kind to register it.`,
      'not-found',
      { partnerId },
    ),
  alreadyRegistered: (partnerId: string) =>
    new RuleViolationError(
      'partner-already-registered',
      `Partner ${partnerId} is already registered.`,
      'conflict',
      { partnerId },
    ),
}

/**
 * Decides what a partner command causes, or throws a RuleViolationError.
 *
 * @example decidePartner({ type: 'RegisterPartner', partnerId: 'tpm', name, kind, now }, state)
 */
export const decidePartner = (command: PartnerCommand, state: PartnerState): PartnerEvent[] => {
  switch (command.type) {
    case 'RegisterPartner': {
      const { partnerId, name, kind } = command
      if (state.status === 'registered') throw partnerErrors.alreadyRegistered(partnerId)
      return [{ type: 'partner.registered', data: { partnerId, name, kind } }]
    }
  }
  // A one-member union does not narrow `command` itself, only its discriminant.
  const _never: never = command.type
  throw new UnknownCommandError(command)
}

/**
 * Folds one partner event into the state.
 *
 * @example evolvePartner(initialPartnerState, registered).status // 'registered'
 */
export const evolvePartner = (state: PartnerState, event: PartnerEvent): PartnerState => {
  switch (event.type) {
    case 'partner.registered':
      return { status: 'registered', name: event.data.name, kind: event.data.kind }
  }
}

/**
 * The stream of one partner.
 *
 * @example partnerStreamId('tpm') // 'partner-tpm'
 */
export const partnerStreamId = (partnerId: string): string => `partner-${partnerId}`

const storedPartner = z.union([
  z.object({ status: z.literal('absent') }),
  z.object({ status: z.literal('registered'), name: z.string(), kind: partnerKind }),
])

const partnerSnapshot: SnapshotCodec<PartnerState> = {
  foldVersion: 1,
  encode: (state) => state,
  decode: (stored) => storedPartner.parse(stored),
}

/**
 * The partner aggregate as one value.
 *
 * @example partnerDecider.decide(command, fold(partnerDecider, events), undefined)
 */
export const partnerDecider: Aggregate<PartnerCommand, PartnerEvent, PartnerState> = {
  decide: decidePartner,
  evolve: evolvePartner,
  initialState: initialPartnerState,
  streamId: partnerStreamId,
  snapshot: partnerSnapshot,
}
