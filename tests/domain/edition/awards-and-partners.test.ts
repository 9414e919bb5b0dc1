import { describe, it } from 'vitest'
import { decideInProgramme } from '../programme.js'
import { specOf } from '../given-when-then.js'
import {
  closed,
  editionId,
  joinPartner,
  joined,
  opened,
  recordAward,
  selected,
  submitted,
  withdrawn,
} from './fixtures.js'

const { given } = specOf(decideInProgramme)
const member = [opened(), submitted('app-1', 's1'), selected('app-1', 's1')]
const won = (overrides: Parameters<typeof recordAward>[1] = {}) => {
  const { type: _type, now: _now, ...data } = recordAward('s1', overrides)
  return { type: 'award.won', data } as const
}

describe('RecordAward', () => {
  it('records an award won by a member', () => {
    given(member).when(recordAward('s1')).then([won()])
  })

  it('records awards after the edition is closed (the show comes first)', () => {
    given([...member, closed]).when(recordAward('s1')).then([won()])
  })

  it('records another level or category for the same member', () => {
    const best = { awardId: 'award-2', award: 'best-of-innovation' } as const
    given([...member, won()]).when(recordAward('s1', best)).then([won(best)])
    const other = { awardId: 'award-3', category: 'Smart Cities' } as const
    given([...member, won()]).when(recordAward('s1', other)).then([won(other)])
  })

  it('refuses the same award in the same category twice', () => {
    given([...member, won()])
      .when(recordAward('s1', { awardId: 'award-2' }))
      .thenThrows({
        code: 'award-already-won',
        kind: 'conflict',
        details: { editionId, startupId: 's1', award: 'honoree' },
      })
  })

  it('refuses a start-up that only applied', () => {
    given([opened(), submitted('app-1', 's1')])
      .when(recordAward('s1'))
      .thenThrows({
        code: 'not-a-delegation-member',
        kind: 'conflict',
        details: { startupId: 's1' },
      })
  })

  it('refuses a start-up that withdrew from the delegation', () => {
    given([...member, withdrawn('app-1', 's1')])
      .when(recordAward('s1'))
      .thenThrows({ code: 'not-a-delegation-member', kind: 'conflict' })
  })

  it('refuses an edition that does not exist', () => {
    given([]).when(recordAward('s1')).thenThrows({ code: 'edition-not-found', kind: 'not-found' })
  })
})

describe('JoinPartner', () => {
  it('records a partner joining the edition', () => {
    given([opened()]).when(joinPartner('tpm')).then([joined('tpm')])
  })

  it('lets several partners join', () => {
    given([opened(), joined('tpm')]).when(joinPartner('amp')).then([joined('amp')])
  })

  it('refuses a partner that already joined', () => {
    given([opened(), joined('tpm')])
      .when(joinPartner('tpm'))
      .thenThrows({
        code: 'partner-already-joined',
        kind: 'conflict',
        details: { editionId, partnerId: 'tpm' },
      })
  })

  it('refuses a closed edition', () => {
    given([opened(), closed])
      .when(joinPartner('tpm'))
      .thenThrows({ code: 'edition-closed', kind: 'conflict' })
  })

  it('refuses an edition that does not exist', () => {
    given([]).when(joinPartner('tpm')).thenThrows({ code: 'edition-not-found', kind: 'not-found' })
  })
})
