import { describe, expect, it } from 'vitest'
import { applicationDecider, isMember, seatChange } from '../../../domain/application/index.js'
import { fold } from '../../../domain/shared/decider.js'
import { specOf } from '../given-when-then.js'
import { decideInProgramme } from '../programme.js'
import {
  closed,
  editionId,
  opened,
  rejected,
  selected,
  submitted,
  withdrawApplication,
  withdrawn,
} from '../edition/fixtures.js'

const { given } = specOf(decideInProgramme)
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
    const member = fold(applicationDecider, [submitted('app-1', 's1'), selected('app-1', 's1')])
    expect(isMember(member)).toBe(true)
    expect(seatChange(member, [withdrawn('app-1', 's1')])).toBe(-1)
    expect(isMember(fold(applicationDecider, [withdrawn('app-1', 's1')], member))).toBe(false)
    expect(seatChange(fold(applicationDecider, [submitted('app-1', 's1')]), [withdrawn('app-1', 's1')])).toBe(0)
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
        details: { applicationId: 'app-1', applicationStatus: status },
      })
  })

  it('refuses an application that does not exist', () => {
    given(applied)
      .when(withdrawApplication('app-9'))
      .thenThrows({ code: 'application-not-found', kind: 'not-found' })
  })

  it('refuses an application whose edition does not exist', () => {
    given([submitted('app-1', 's1')])
      .when(withdrawApplication('app-1'))
      .thenThrows({ code: 'edition-not-found', kind: 'not-found' })
  })
})
