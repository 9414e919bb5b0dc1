import { z } from 'zod'
import { editionOpened, type EventOf } from '../events/index.js'
import type { SnapshotCodec } from '../shared/decider.js'

/**
 * Stream `edition-<editionId>` holds the edition itself and what is decided about it
 * as a whole: opening and closing, the partners who join, the awards its delegation
 * wins. Applications are not in it: each has its own stream (domain/application), so
 * a start-up applying never contends with another on this stream's version. The
 * edition's stream stays short (tens of events), and what an application needs from it
 * (open? deadline? capacity?) is read from this small state.
 */
export type EditionEvent = EventOf<'edition.opened' | 'edition.closed' | 'award.won' | 'partner.joined'>

export type EditionData = EventOf<'edition.opened'>['data']
export type EditionStatus = 'absent' | 'open' | 'closed'

/** Only what the rules need. */
export interface EditionState {
  status: EditionStatus
  edition: EditionData | null
  /** Partners who joined, for "once per edition". */
  partnerIds: Set<string>
  /** Awards won (see awardKey), for "once per start-up, award and category". */
  awardKeys: Set<string>
}

export const initialEditionState: EditionState = Object.freeze({
  status: 'absent',
  edition: null,
  partnerIds: new Set<string>(),
  awardKeys: new Set<string>(),
})

/**
 * The edition's status as a count of the steps of its life (0 absent, 1 open, 2 closed).
 * The command handler keeps it in a counter written with opening and closing, and an
 * application checks it instead of the edition's version: partners joining or awards
 * won move the edition's stream but never its lifecycle, so they never make a
 * submission decide again.
 *
 * @example lifecycleStep('open') // 1
 */
export const lifecycleStep = (status: EditionStatus): number => ({ absent: 0, open: 1, closed: 2 })[status]

/**
 * The key that makes an award unique within an edition; JSON keeps free-text
 * categories from colliding.
 *
 * @example awardKey('s1', 'honoree', 'Sustainability') // '["s1","honoree","Sustainability"]'
 */
export const awardKey = (startupId: string, award: string, category: string): string =>
  JSON.stringify([startupId, award, category])

/**
 * Folds one edition event into a draft state, in place (see domain/shared/decider.ts).
 *
 * @example const state = fold(editionDecider, [openedEvent])
 */
export const evolveEdition = (draft: EditionState, event: EditionEvent): EditionState => {
  switch (event.type) {
    case 'edition.opened':
      draft.status = 'open'
      draft.edition = event.data
      break
    case 'edition.closed':
      draft.status = 'closed'
      break
    case 'award.won': {
      const { startupId, award, category } = event.data
      draft.awardKeys.add(awardKey(startupId, award, category))
      break
    }
    case 'partner.joined':
      draft.partnerIds.add(event.data.partnerId)
      break
  }
  return draft
}

const storedEdition = z.object({
  status: z.enum(['absent', 'open', 'closed']),
  edition: editionOpened.nullable(),
  partnerIds: z.array(z.string()),
  awardKeys: z.array(z.string()),
})

/** Snapshots of the edition state: Sets as arrays. */
export const editionSnapshot: SnapshotCodec<EditionState> = {
  // 2: award.won v2 (listed categories): award keys folded from v1 text changed.
  foldVersion: 2,
  encode: (state) => ({ ...state, partnerIds: [...state.partnerIds], awardKeys: [...state.awardKeys] }),
  decode: (stored) => {
    const state = storedEdition.parse(stored)
    return { ...state, partnerIds: new Set(state.partnerIds), awardKeys: new Set(state.awardKeys) }
  },
}
