import { describe, expect, it } from 'vitest'
import { applicationDecider } from '../../../domain/application/index.js'
import { editionDecider } from '../../../domain/edition/index.js'
import { outcomesDecider, outcomesId, outcomesStreamId } from '../../../domain/outcomes/index.js'
import { fold } from '../../../domain/shared/decider.js'
import {
  closed,
  editionId,
  opened,
  rejected,
  selected,
  submitted,
  withdrawn,
} from '../edition/fixtures.js'
import { specOf } from '../given-when-then.js'
import { decideReport, figures, reported, reportOutcomes } from './fixtures.js'

const { given } = specOf(decideReport)
const member = [opened(), submitted('app-1', 's1'), selected('app-1', 's1')]

describe('ReportOutcomes: only members report', () => {
  it('records a member’s report, as the start-up made it, numbered 1', () => {
    given(member)
      .when(reportOutcomes('s1'))
      .then([reported('s1', 1)])
  })

  it('records a report staff make for a member, naming the staff member', () => {
    const reportedBy = { by: 'staff', staffMember: 'a1b2c3d4-staff' } as const
    given(member)
      .when(reportOutcomes('s1', { reportedBy, noteForStaff: 'Met the Las Vegas buyer again.' }))
      .then([reported('s1', 1, { reportedBy, noteForStaff: 'Met the Las Vegas buyer again.' })])
  })

  it.each([
    ['never applied', [opened()]],
    ['only applied, never selected', [opened(), submitted('app-1', 's1')]],
    ['was rejected', [opened(), submitted('app-1', 's1'), rejected('app-1', 's1')]],
    ['withdrew after being selected', [...member, withdrawn('app-1', 's1')]],
  ] as const)('refuses a start-up that %s', (_, history) => {
    given(history)
      .when(reportOutcomes('s1'))
      .thenThrows({
        code: 'not-a-delegation-member',
        kind: 'conflict',
        details: { editionId, startupId: 's1' },
      })
  })

  it('refuses a start-up on the strength of another member’s application', () => {
    const theirs = fold(applicationDecider, [submitted('app-2', 's2'), selected('app-2', 's2')])
    const edition = fold(editionDecider, [opened()])
    const decide = () =>
      outcomesDecider.decide(reportOutcomes('s1'), outcomesDecider.initialState, {
        edition,
        application: theirs,
      })
    expect(decide).toThrow(expect.objectContaining({ code: 'not-a-delegation-member' }))
  })

  it('refuses a report for an edition that does not exist', () => {
    given([submitted('app-1', 's1'), selected('app-1', 's1')])
      .when(reportOutcomes('s1'))
      .thenThrows({ code: 'edition-not-found', kind: 'not-found' })
  })
})

describe('ReportOutcomes: only once the show has started', () => {
  it('refuses a report the day before the show, wherever it is sent from', () => {
    given(member)
      .when(reportOutcomes('s1', { now: '2020-01-06T23:30:00-08:00' }))
      .thenThrows({
        code: 'outcomes-before-show',
        kind: 'conflict',
        details: { editionId, startsOn: '2020-01-07' },
      })
  })

  it('refuses a report during the application period', () => {
    given(member)
      .when(reportOutcomes('s1', { now: '2019-10-20T10:00:00+02:00' }))
      .thenThrows({ code: 'outcomes-before-show', kind: 'conflict' })
  })

  it('takes a report from the show’s first day on', () => {
    given(member)
      .when(reportOutcomes('s1', { now: '2020-01-07T08:00:00-08:00' }))
      .then([reported('s1', 1)])
  })

  it('takes a report once the edition is closed: outcomes come after the show', () => {
    given([...member, closed])
      .when(reportOutcomes('s1'))
      .then([reported('s1', 1)])
  })

  it('refuses a time that is no time', () => {
    given(member)
      .when(reportOutcomes('s1', { now: 'soon' }))
      .thenThrows({ code: 'invalid-datetime', kind: 'invalid' })
  })
})

describe('ReportOutcomes: a later report supersedes the earlier one', () => {
  const first = reported('s1', 1, { noteForStaff: 'Two deals in negotiation.' })

  it('is the next revision, whole: nothing of the earlier report is merged into it', () => {
    const later = { ...figures, businessContacts: 60, dealsSigned: 0, dealsValueBand: null }
    given([...member, first])
      .when(reportOutcomes('s1', { ...later, reportedBy: { by: 'staff', staffMember: 'staff-7' } }))
      .then([reported('s1', 2, { ...later, reportedBy: { by: 'staff', staffMember: 'staff-7' } })])
  })

  it('numbers each start-up’s revisions on their own', () => {
    const both = [...member, submitted('app-2', 's2'), selected('app-2', 's2'), first]
    given([...both, reported('s2', 1), reported('s2', 2)])
      .when(reportOutcomes('s2'))
      .then([reported('s2', 3)])
    given([...both, reported('s2', 1)])
      .when(reportOutcomes('s1'))
      .then([reported('s1', 2)])
  })

  it('keeps the latest report whole in the state, with its revision', () => {
    const second = reported('s1', 2, { businessContacts: 80 })
    const state = fold(outcomesDecider, [first, second])
    expect(state).toEqual({ revision: 2, current: second.data })
    const { snapshot } = outcomesDecider
    expect(snapshot.decode(JSON.parse(JSON.stringify(snapshot.encode(state))))).toEqual(state)
    expect(outcomesDecider.initialState).toEqual({ revision: 0, current: null })
  })

  it('lives in one stream per member and edition', () => {
    expect(outcomesDecider.streamId(outcomesId('ces-2020', 's1'))).toBe('outcomes-ces-2020.s1')
    // With a hyphen both would be outcomes-ces-2020-s-1: an edition's slug holds no dot.
    expect(outcomesStreamId(outcomesId('ces-2020', 's-1'))).not.toBe(
      outcomesStreamId(outcomesId('ces-2020-s', '1')),
    )
  })
})

describe('ReportOutcomes: the figures', () => {
  it('needs the order of magnitude of the deals signed, and none without deals', () => {
    given(member)
      .when(reportOutcomes('s1', { dealsSigned: 3, dealsValueBand: null }))
      .thenThrows({
        code: 'deals-value-band-mismatch',
        kind: 'invalid',
        details: { dealsSigned: 3, dealsValueBand: null },
      })
    given(member)
      .when(reportOutcomes('s1', { dealsSigned: 0, dealsValueBand: 'under-10k' }))
      .thenThrows({ code: 'deals-value-band-mismatch', kind: 'invalid' })
  })

  it('takes a report of nothing at all: zero is an answer', () => {
    const nothing = {
      businessContacts: 0,
      dealsSigned: 0,
      dealsValueBand: null,
      fundsRaisedEur: 0,
      pressArticles: 0,
      jobsCreated: 0,
      jobsPlanned: 0,
    }
    given(member)
      .when(reportOutcomes('s1', nothing))
      .then([reported('s1', 1, nothing)])
  })

  it.each([
    ['businessContacts', -1],
    ['pressArticles', 2.5],
    ['fundsRaisedEur', Number.NaN],
    ['jobsPlanned', Number.POSITIVE_INFINITY],
  ] as const)('refuses %s of %s, even from a caller that skipped the schema', (field, value) => {
    given(member)
      .when(reportOutcomes('s1', { [field]: value }))
      .thenThrows({ code: 'invalid-outcome-figure', kind: 'invalid', details: { field } })
  })

  it('judges membership first: a non-member’s figures are not even looked at', () => {
    given([opened()])
      .when(reportOutcomes('s1', { dealsSigned: 3, dealsValueBand: null }))
      .thenThrows({ code: 'not-a-delegation-member', kind: 'conflict' })
  })
})
