import { describe, expect, it } from 'vitest'
import {
  applicationIdOfStartup,
  applicationOf,
  editionDecider,
  editionStreamId,
  initialEditionState,
} from '../../../domain/edition/index.js'
import { fold } from '../../../domain/shared/decider.js'
import { closed, joined, opened, recordAward, rejected, selected, submitted } from './fixtures.js'

const { type: _type, now: _now, ...awardData } = recordAward('s1')
const history = [
  opened(),
  submitted('app-1', 's1'),
  submitted('app-2', 's2'),
  selected('app-1', 's1'),
  rejected('app-2', 's2'),
  { type: 'award.won', data: awardData } as const,
  joined('tpm'),
  closed,
]

describe('edition state', () => {
  it('starts absent and empty', () => {
    expect(editionDecider.initialState).toBe(initialEditionState)
    expect(initialEditionState).toMatchObject({ status: 'absent', edition: null, selectedCount: 0 })
  })

  it('holds what the rules need after a whole edition', () => {
    const state = fold(editionDecider, history)
    expect(state).toMatchObject({
      status: 'closed',
      edition: opened().data,
      applications: {
        'app-1': { startupId: 's1', status: 'selected' },
        'app-2': { startupId: 's2', status: 'rejected' },
      },
      applicationIdByStartup: { s1: 'app-1', s2: 'app-2' },
      memberStartupIds: ['s1'],
      partnerIds: ['tpm'],
      selectedCount: 1,
    })
    expect(state.awardKeys).toHaveLength(1)
  })

  it('survives a JSON round trip unchanged (snapshots, caches)', () => {
    const state = fold(editionDecider, history)
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
  })

  it('does not change the states it folds from', () => {
    const before = fold(editionDecider, history.slice(0, 3))
    const copy = structuredClone(before)
    fold(editionDecider, history)
    editionDecider.evolve(before, selected('app-2', 's2'))
    expect(before).toEqual(copy)
  })

  it('answers applicationOf with own entries only', () => {
    const state = fold(editionDecider, history)
    expect(applicationOf(state, 'app-1')).toEqual({ startupId: 's1', status: 'selected' })
    expect(applicationOf(state, 'app-9')).toBeUndefined()
    expect(applicationOf(state, 'toString')).toBeUndefined()
    expect(applicationOf(state, '__proto__')).toBeUndefined()
    expect(applicationIdOfStartup(state, 's2')).toBe('app-2')
    expect(applicationIdOfStartup(state, 'hasOwnProperty')).toBeUndefined()
  })

  it('names the edition stream', () => {
    expect(editionStreamId('ces-2020')).toBe('edition-ces-2020')
  })
})
