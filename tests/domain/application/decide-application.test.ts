import { describe, it } from 'vitest'
import { decideInProgramme } from '../programme.js'
import { specOf } from '../given-when-then.js'
import {
  closed,
  decideApplication,
  editionId,
  opened,
  rejected,
  selected,
  submitted,
  withdrawn,
} from '../edition/fixtures.js'

const { given } = specOf(decideInProgramme)
const applied = [opened(), submitted('app-1', 's1')]

describe('DecideApplication', () => {
  it('selects a submitted application', () => {
    given(applied).when(decideApplication('app-1', 'selected')).then([selected('app-1', 's1')])
  })

  it('rejects a submitted application, with its reason', () => {
    const reason = 'Not yet ready for the American market.'
    given(applied)
      .when(decideApplication('app-1', 'rejected', reason))
      .then([{ type: 'application.rejected', data: { ...rejected('app-1', 's1').data, reason } }])
  })

  it('refuses an application that does not exist', () => {
    given(applied)
      .when(decideApplication('app-9', 'selected'))
      .thenThrows({ code: 'application-not-found', kind: 'not-found', details: { applicationId: 'app-9' } })
  })

  it('refuses an application whose edition does not exist', () => {
    given([submitted('app-1', 's1')])
      .when(decideApplication('app-1', 'selected'))
      .thenThrows({ code: 'edition-not-found', kind: 'not-found' })
  })

  it.each([
    ['selected', selected('app-1', 's1')],
    ['rejected', rejected('app-1', 's1')],
    ['withdrawn', withdrawn('app-1', 's1')],
  ] as const)('refuses to decide again on a %s application', (status, decided) => {
    given([...applied, decided])
      .when(decideApplication('app-1', 'rejected'))
      .thenThrows({
        code: 'application-already-decided',
        kind: 'conflict',
        details: { applicationId: 'app-1', applicationStatus: status },
      })
  })

  it('refuses to decide in a closed edition', () => {
    given([...applied, closed])
      .when(decideApplication('app-1', 'selected'))
      .thenThrows({ code: 'edition-closed', kind: 'conflict' })
  })

  describe('capacity (2 seats)', () => {
    const full = [
      opened(),
      submitted('app-1', 's1'),
      submitted('app-2', 's2'),
      submitted('app-3', 's3'),
      selected('app-1', 's1'),
      selected('app-2', 's2'),
    ]

    it('refuses to select beyond capacity', () => {
      given(full)
        .when(decideApplication('app-3', 'selected'))
        .thenThrows({ code: 'edition-full', kind: 'conflict', details: { editionId, capacity: 2 } })
    })

    it('still rejects when the edition is full', () => {
      given(full).when(decideApplication('app-3', 'rejected')).then([rejected('app-3', 's3')])
    })

    it('selects again once a member has withdrawn', () => {
      given([...full, withdrawn('app-1', 's1')])
        .when(decideApplication('app-3', 'selected'))
        .then([selected('app-3', 's3')])
    })

    it('does not count rejected applications against the seats', () => {
      given([...full.slice(0, 5), rejected('app-2', 's2')])
        .when(decideApplication('app-3', 'selected'))
        .then([selected('app-3', 's3')])
    })
  })
})
