import { describe, expect, it } from 'vitest'
import { editionDecider, evolveEdition, isMember } from '../../../domain/edition/index.js'
import { fold } from '../../../domain/shared/decider.js'
import { spec } from '../given-when-then.js'
import {
  closed,
  editionId,
  opened,
  rejected,
  selected,
  submitted,
  withdrawApplication,
  withdrawn,
} from './fixtures.js'

const { given } = spec(editionDecider)
const applied = [opened(), submitted('app-1', 's1')]

describe('WithdrawApplication', () => {
  it('withdraws a submitted application at the start-up’s request', () => {
    given(applied).when(withdrawApplication('app-1')).then([withdrawn('app-1', 's1')])
  })

  it('withdraws a selected member on staff decision, with the reason', () => {
    const reason = 'The company went into receivership.'
    given([...applied, selected('app-1', 's1')])
      .when(withdrawApplication('app-1', 'staff', reason))
      .then([
        {
          type: 'application.withdrawn',
          data: { applicationId: 'app-1', editionId, startupId: 's1', by: 'staff', reason },
        },
      ])
  })

  it('ends the membership and frees the seat', () => {
    const member = fold(editionDecider, [...applied, selected('app-1', 's1')])
    expect(member.selectedCount).toBe(1)
    expect(isMember(member, 's1')).toBe(true)
    const after = evolveEdition(member, withdrawn('app-1', 's1'))
    expect(after.selectedCount).toBe(0)
    expect(isMember(after, 's1')).toBe(false)
  })

  it('still withdraws once the edition is closed', () => {
    given([...applied, selected('app-1', 's1'), closed])
      .when(withdrawApplication('app-1'))
      .then([withdrawn('app-1', 's1')])
  })

  it.each([
    ['rejected', rejected('app-1', 's1')],
    ['withdrawn', withdrawn('app-1', 's1')],
  ] as const)('refuses to withdraw a %s application', (status, decided) => {
    given([...applied, decided])
      .when(withdrawApplication('app-1'))
      .thenThrows({
        code: 'application-not-withdrawable',
        kind: 'conflict',
        details: { applicationId: 'app-1', status },
      })
  })

  it('refuses an application the edition does not hold', () => {
    given(applied)
      .when(withdrawApplication('app-9'))
      .thenThrows({ code: 'application-not-found', kind: 'not-found' })
  })

  it('refuses an edition that does not exist', () => {
    given([])
      .when(withdrawApplication('app-1'))
      .thenThrows({ code: 'edition-not-found', kind: 'not-found' })
  })
})
