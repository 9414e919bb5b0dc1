import { describe, expect, it } from 'vitest'
import {
  editionDecider,
  editionSnapshot,
  editionStreamId,
  initialEditionState,
} from '../../../domain/edition/index.js'
import { fold } from '../../../domain/shared/decider.js'
import { closed, joined, opened, recordAward } from './fixtures.js'

const { type: _type, now: _now, ...awardData } = recordAward('s1')
const history = [opened(), { type: 'award.won', data: awardData } as const, joined('tpm'), closed]

describe('edition state', () => {
  it('starts absent and empty', () => {
    expect(editionDecider.initialState).toBe(initialEditionState)
    expect(initialEditionState).toMatchObject({ status: 'absent', edition: null })
    expect(initialEditionState.partnerIds.size).toBe(0)
  })

  it('holds what the rules need after a whole edition', () => {
    const state = fold(editionDecider, history)
    expect(state).toMatchObject({ status: 'closed', edition: opened().data })
    expect([...state.partnerIds]).toEqual(['tpm'])
    expect(state.awardKeys.size).toBe(1)
  })

  it('survives a snapshot round trip unchanged', () => {
    const state = fold(editionDecider, history)
    const stored = JSON.parse(JSON.stringify(editionSnapshot.encode(state)))
    expect(editionSnapshot.decode(stored)).toEqual(state)
  })

  it('refuses to decode a snapshot of another shape', () => {
    expect(() => editionSnapshot.decode({ status: 'open', partnerIds: 'tpm' })).toThrow()
  })

  it('does not change the states it folds from', () => {
    const before = fold(editionDecider, history.slice(0, 1))
    const copy = structuredClone(before)
    fold(editionDecider, history.slice(1), before)
    expect(before).toEqual(copy)
    expect(initialEditionState).toEqual({ status: 'absent', edition: null, partnerIds: new Set(), awardKeys: new Set() })
  })

  it('names the edition stream', () => {
    expect(editionStreamId('ces-2020')).toBe('edition-ces-2020')
  })
})
