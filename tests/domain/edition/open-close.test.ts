import { describe, it } from 'vitest'
import { decideInProgramme } from '../programme.js'
import { specOf } from '../given-when-then.js'
import { closed, editionId, now, openEdition, opened } from './fixtures.js'

const { given } = specOf(decideInProgramme)

describe('OpenEdition', () => {
  it('opens a new edition', () => {
    given([]).when(openEdition()).then([opened()])
  })

  it('accepts a one-day show whose applications close on the show day', () => {
    const dates = { startsOn: '2020-01-07', endsOn: '2020-01-07' }
    const applicationDeadline = '2020-01-07T09:00:00+01:00'
    given([])
      .when(openEdition({ ...dates, applicationDeadline }))
      .then([opened({ ...dates, applicationDeadline })])
  })

  it('refuses an edition that already exists', () => {
    given([opened()])
      .when(openEdition())
      .thenThrows({ code: 'edition-already-exists', kind: 'conflict', details: { editionId } })
  })

  it('refuses to reopen a closed edition', () => {
    given([opened(), closed])
      .when(openEdition())
      .thenThrows({ code: 'edition-already-exists', kind: 'conflict' })
  })

  it('refuses an edition that ends before it starts', () => {
    given([])
      .when(openEdition({ startsOn: '2020-01-10', endsOn: '2020-01-07' }))
      .thenThrows({
        code: 'invalid-edition-dates',
        kind: 'invalid',
        details: { startsOn: '2020-01-10', endsOn: '2020-01-07' },
      })
  })

  it('refuses an application deadline after the show ends', () => {
    given([])
      .when(openEdition({ applicationDeadline: '2020-01-11T00:00:00+01:00' }))
      .thenThrows({ code: 'invalid-edition-dates', kind: 'invalid' })
  })

  it('refuses a deadline that is not a date-time', () => {
    given([])
      .when(openEdition({ applicationDeadline: 'someday' }))
      .thenThrows({ code: 'invalid-datetime', kind: 'invalid' })
  })
})

describe('CloseEdition', () => {
  const close = { type: 'CloseEdition', editionId, now } as const

  it('closes an open edition', () => {
    given([opened()]).when(close).then([closed])
  })

  it('refuses to close an edition twice', () => {
    given([opened(), closed])
      .when(close)
      .thenThrows({ code: 'edition-closed', kind: 'conflict', details: { editionId } })
  })

  it('refuses to close an edition that does not exist', () => {
    given([]).when(close).thenThrows({ code: 'edition-not-found', kind: 'not-found' })
  })
})
