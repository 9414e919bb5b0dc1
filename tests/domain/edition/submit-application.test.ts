import { describe, it } from 'vitest'
import { editionDecider } from '../../../domain/edition/index.js'
import { spec } from '../given-when-then.js'
import {
  closed,
  editionId,
  opened,
  rejected,
  submitApplication,
  submitted,
  withdrawn,
} from './fixtures.js'

const { given } = spec(editionDecider)

describe('SubmitApplication', () => {
  it('records the application of a start-up', () => {
    given([opened()]).when(submitApplication('app-1', 's1')).then([submitted('app-1', 's1')])
  })

  it('accepts an application at the very deadline, in another time zone', () => {
    // 2019-10-15T23:59:59+02:00 is 21:59:59Z.
    const now = '2019-10-15T21:59:59Z'
    given([opened()])
      .when(submitApplication('app-1', 's1', { now }))
      .then([submitted('app-1', 's1')])
  })

  it('refuses an application one second after the deadline', () => {
    given([opened()])
      .when(submitApplication('app-1', 's1', { now: '2019-10-15T22:00:00Z' }))
      .thenThrows({
        code: 'application-deadline-passed',
        kind: 'conflict',
        details: { editionId, applicationDeadline: '2019-10-15T23:59:59+02:00' },
      })
  })

  it('compares instants, not strings', () => {
    // As strings "2019-10-15T23:30" < "2019-10-15T23:59", yet it is 01:30 in Paris the next day.
    given([opened()])
      .when(submitApplication('app-1', 's1', { now: '2019-10-15T23:30:00Z' }))
      .thenThrows({ code: 'application-deadline-passed', kind: 'conflict' })
  })

  it('refuses an application to an edition that does not exist', () => {
    given([])
      .when(submitApplication('app-1', 's1'))
      .thenThrows({ code: 'edition-not-found', kind: 'not-found', details: { editionId } })
  })

  it('refuses an application to a closed edition', () => {
    given([opened(), closed])
      .when(submitApplication('app-1', 's1'))
      .thenThrows({ code: 'edition-closed', kind: 'conflict' })
  })

  it('refuses a second application of the same start-up, naming the first', () => {
    given([opened(), submitted('app-1', 's1')])
      .when(submitApplication('app-2', 's1'))
      .thenThrows({
        code: 'already-applied',
        kind: 'conflict',
        details: { editionId, startupId: 's1', applicationId: 'app-1' },
      })
  })

  it('refuses to apply again after a rejection or a withdrawal', () => {
    given([opened(), submitted('app-1', 's1'), rejected('app-1', 's1')])
      .when(submitApplication('app-2', 's1'))
      .thenThrows({ code: 'already-applied', kind: 'conflict' })
    given([opened(), submitted('app-1', 's1'), withdrawn('app-1', 's1')])
      .when(submitApplication('app-2', 's1'))
      .thenThrows({ code: 'already-applied', kind: 'conflict' })
  })

  it('takes start-up ids that shadow Object.prototype members like any other', () => {
    given([opened()])
      .when(submitApplication('app-1', 'constructor'))
      .then([submitted('app-1', 'constructor')])
  })
})
