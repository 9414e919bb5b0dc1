import { applicationDecider } from '../../domain/application/index.js'
import { editionDecider, type EditionState, type JoinPartner, type RecordAward } from '../../domain/edition/index.js'
import type { PartnerKind } from '../../domain/events/index.js'
import { partnerDecider, partnerErrors } from '../../domain/partner/index.js'
import { findApplicationGuard } from '../store/application-guard.js'
import type { StreamAppend } from '../store/event-store.js'
import { effectiveTime, type CommandContext } from './command-context.js'
import type { UseCase } from './handle-command.js'
import { slugify } from './ids.js'
import type { WriteDeps } from './write-deps.js'

type Deps = Pick<WriteDeps, 'aggregates' | 'store' | 'newId'>

/**
 * Staff record an award (CES Innovation Awards and the like). Only a member of the
 * delegation wins one: the winner's application (found by the edition's one-application
 * guard) is read, and checked unchanged by the append, so a withdrawal racing the award
 * makes it decide again.
 *
 * @example await handleCommand(deps, recordAward(deps, { editionId, startupId, award, category }, context), context)
 */
export const recordAward = (
  deps: Deps,
  award: Omit<RecordAward, 'type' | 'now' | 'awardId'>,
  context: CommandContext,
): UseCase<EditionState, { awardId: string; editionId: string; startupId: string }> => {
  const awardId = deps.newId()
  const { editionId, startupId } = award
  return {
    aggregate: editionDecider,
    id: editionId,
    async decide({ state }) {
      const guard = await findApplicationGuard(deps.store, editionId, startupId)
      const winner = guard ? await deps.aggregates.load(applicationDecider, guard.applicationId) : undefined
      const command = { type: 'RecordAward' as const, awardId, ...award, now: effectiveTime(context) }
      return {
        events: editionDecider.decide(command, state, winner ? { winner: winner.state } : {}),
        unchanged: winner ? [winner] : [],
        result: { awardId, editionId, startupId },
      }
    },
  }
}

/** A partner joining: an existing one by id, or a new one by its name and kind. */
export interface PartnerJoining {
  readonly editionId: string
  readonly partnerId?: string | undefined
  readonly name?: string | undefined
  readonly kind?: PartnerKind | undefined
  readonly contribution: JoinPartner['contribution']
}

/**
 * Staff record a partner joining an edition, registering it with the programme as it
 * first joins (its id a slug of its name). A registered partner never changes: it is
 * read, not checked, and its name and kind copied onto the join.
 *
 * @example await handleCommand(deps, joinPartner(deps, { editionId, name, kind, contribution }, context), context)
 */
export const joinPartner = (
  deps: Deps,
  joining: PartnerJoining,
  context: CommandContext,
): UseCase<EditionState, { partnerId: string; editionId: string }> => {
  const { editionId, contribution } = joining
  const partnerId = joining.partnerId ?? slugify(joining.name ?? '')
  const now = effectiveTime(context)
  return {
    aggregate: editionDecider,
    id: editionId,
    async decide(edition) {
      const partner = await deps.aggregates.load(partnerDecider, partnerId, { reuse: 'cached' })
      const alsoAppend: StreamAppend[] = []
      let { name, kind } = joining
      if (partner.state.status === 'registered') {
        ;({ name, kind } = partner.state)
      } else if (!name || !kind) {
        throw partnerErrors.notFound(partnerId)
      } else {
        const events = partnerDecider.decide({ type: 'RegisterPartner', partnerId, name, kind, now }, partner.state, undefined)
        alsoAppend.push({ streamId: partner.streamId, expectedVersion: partner.version, events })
      }
      const join = { type: 'JoinPartner' as const, editionId, partnerId, name, kind, contribution, now }
      return { events: editionDecider.decide(join, edition.state, {}), alsoAppend, result: { partnerId, editionId } }
    },
  }
}
