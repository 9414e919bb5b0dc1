import { describe, it } from 'vitest'
import { decideInProgramme } from '../programme.js'
import { specOf } from '../given-when-then.js'
import {
  closed,
  editionId,
  opened,
  submitApplication,
  submitted,
} from '../edition/fixtures.js'

const { given } = specOf(decideInProgramme)

// One application per start-up and edition is held by a guard item the API writes
// with the application: see tests/functions/http/command-api.test.ts.
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
        kind: 'invalid',
        details: { editionId, applicationDeadline: '2019-10-15T23:59:59+02:00' },
      })
  })

  it('compares instants, not strings', () => {
    // As strings "2019-10-15T23:30" < "2019-10-15T23:59", yet it is 01:30 in Paris the next day.
    given([opened()])
      .when(submitApplication('app-1', 's1', { now: '2019-10-15T23:30:00Z' }))
      .thenThrows({ code: 'application-deadline-passed', kind: 'invalid' })
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

  it('takes start-up ids that shadow Object.prototype members like any other', () => {
    given([opened()])
      .when(submitApplication('app-1', 'constructor'))
      .then([submitted('app-1', 'constructor')])
  })
})
