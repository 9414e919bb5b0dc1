import { describe, expect, it } from 'vitest'
import type { DomainEvent, EventOf } from '../../../domain/events/index.js'
import {
  editionOutcomesDoc,
  type EditionOutcomesDoc,
  median,
  outcomesProjection,
  outcomesSummary,
  outcomesYearOverYear,
  summariseOutcomes,
} from '../../../domain/projections/index.js'
import { feedOf, fold, project } from './feed.js'
import { applicants, decided, opened, submitted, withdrawn } from './scenario.js'

type Figures = Partial<EventOf<'outcomes.reported'>['data']>

const report = (n: number, revision: number, figures: Figures = {}): DomainEvent => ({
  type: 'outcomes.reported',
  data: {
    editionId: 'ces-2020',
    startupId: `s${n}`,
    applicationId: `a${n}-ces-2020`,
    revision,
    businessContacts: 10 * n,
    dealsSigned: 0,
    dealsValueBand: null,
    fundsRaisedEur: 0,
    pressArticles: n,
    jobsCreated: 1,
    jobsPlanned: 2,
    reportedBy: { by: 'startup' },
    noteForStaff: `Confidential: our investor is Jean Secret-${n}.`,
    ...figures,
  },
})

type Applicant = (typeof applicants)[number]
const [one, two, three, four] = applicants as [Applicant, Applicant, Applicant, Applicant]

/** Four members; s1 reports twice (the second supersedes), s2 and s3 once, s4 never. */
const members = feedOf([
  [opened, '2019-06-03T09:00:00+02:00'],
  ...[one, two, three, four].map((applicant) => submitted(applicant)),
  ...[1, 2, 3, 4].map((n) => decided(n, true)),
  [report(1, 1, { dealsSigned: 1, dealsValueBand: 'under-10k' }), '2020-01-20T10:00:00+01:00'],
  [
    report(2, 1, { dealsSigned: 3, dealsValueBand: '100k-1m', fundsRaisedEur: 400_000 }),
    '2020-01-21T10:00:00+01:00',
  ],
  [
    report(3, 1, { dealsSigned: 2, dealsValueBand: '1m-10m', fundsRaisedEur: 2_000_000 }),
    '2020-01-22T10:00:00+01:00',
  ],
  [
    report(1, 2, {
      businessContacts: 55,
      dealsSigned: 2,
      dealsValueBand: '10k-100k',
      fundsRaisedEur: 150_000,
      reportedBy: { by: 'staff', staffMember: 'staff-7' },
    }),
    '2020-03-02T10:00:00+01:00',
  ],
])

const docOf = (events = members): EditionOutcomesDoc =>
  editionOutcomesDoc.parse(project(outcomesProjection, events).get('edition-outcomes/ces-2020'))

describe('the outcomes projection', () => {
  it('counts who answered, and adds up each member’s latest report only', () => {
    const doc = docOf()

    expect(doc).toMatchObject({
      editionId: 'ces-2020',
      editionName: 'CES Las Vegas 2020',
      year: 2020,
    })
    expect(doc.tally.selected).toBe(4)
    expect(doc.answered).toBe(3)
    expect(doc.totals).toEqual({
      businessContacts: 55 + 20 + 30,
      dealsSigned: 2 + 3 + 2,
      fundsRaisedEur: 150_000 + 400_000 + 2_000_000,
      pressArticles: 1 + 2 + 3,
      jobsCreated: 3,
      jobsPlanned: 6,
    })
    expect(doc.dealsByBand).toEqual({ '10k-100k': 1, '100k-1m': 1, '1m-10m': 1 })
    expect(doc.reports.s1).toMatchObject({ revision: 2, by: 'staff', businessContacts: 55 })
    expect(doc.reports.s1?.reportedAt).toBe('2020-03-02T10:00:00+01:00')
  })

  it('keeps no member’s note to staff, nor who on the staff recorded it', () => {
    const stored = JSON.stringify([...fold(outcomesProjection, members)])

    expect(stored).not.toContain('Jean Secret')
    expect(stored).not.toContain('staff-7')
  })

  it('still counts a report once its member withdrew, and no longer counts the member', () => {
    const doc = docOf(feedOf([...members, withdrawn(3)]))

    expect(doc.answered).toBe(3)
    expect(doc.tally.selected).toBe(3)
  })

  it('hides the document until its edition is opened, whatever came first', () => {
    const early = feedOf([report(1, 1)])
    const stored = fold(outcomesProjection, early).get('edition-outcomes/ces-2020')

    expect(stored?.hidden).toBe(true)
    expect(project(outcomesProjection, early).size).toBe(0)
  })
})

describe('the outcomes’ summary: aggregates only', () => {
  it('gives totals and medians where they mean something', () => {
    const summary = outcomesSummary.parse(summariseOutcomes(docOf()))

    expect(summary).toMatchObject({ members: 4, answered: 3 })
    expect(summary.figures?.medians).toEqual({
      businessContacts: 30,
      dealsSigned: 2,
      pressArticles: 2,
      jobsCreated: 1,
      jobsPlanned: 2,
      fundsRaisedEur: 400_000,
      dealsValueBand: '100k-1m',
    })
    expect(summary.figures?.totals.fundsRaisedEur).toBe(2_550_000)
    expect(summary.figures?.contributors).toMatchObject({ fundsRaisedEur: 3, dealsSigned: 3 })
    expect(summary.figures?.dealsByBand).toEqual({
      'under-10k': 0,
      '10k-100k': 1,
      '100k-1m': 1,
      '1m-10m': 1,
      '10m-or-more': 0,
    })
  })

  it('names no member and carries no member’s own figures', () => {
    const text = JSON.stringify(summariseOutcomes(docOf()))

    expect(text).not.toMatch(/"s[1-4]"|reports|reportedAt|revision/)
  })

  it('withholds a figure fewer than three members put something in, and everything below three answers', () => {
    const pair = feedOf([
      opened,
      submitted(one),
      submitted(two),
      decided(1, true),
      decided(2, true),
      report(1, 1, { fundsRaisedEur: 90_000 }),
      report(2, 1),
    ])
    expect(summariseOutcomes(docOf(pair)).figures).toBeNull()
    const withThird = feedOf([...pair, submitted(three), decided(3, true), report(3, 1)])

    const { figures } = summariseOutcomes(docOf(withThird))

    expect(figures?.totals.fundsRaisedEur).toBeNull()
    expect(figures?.medians.fundsRaisedEur).toBeNull()
    expect(figures?.totals.dealsSigned).toBe(0)
    expect(figures?.dealsByBand).toBeNull()
    expect(figures?.totals.businessContacts).toBe(60)
  })

  it('withholds nothing from staff, who ask with a threshold of one', () => {
    const single = feedOf([
      opened,
      submitted(one),
      decided(1, true),
      report(1, 1, { fundsRaisedEur: 90_000 }),
    ])

    const { figures } = summariseOutcomes(docOf(single), { minimumContributors: 1 })

    expect(figures?.totals.fundsRaisedEur).toBe(90_000)
    expect(figures?.medians.fundsRaisedEur).toBe(90_000)
  })

  it('lists editions year over year', () => {
    const doc = docOf()
    const earlier = { ...doc, editionId: 'ces-2019', editionName: 'CES 2019', year: 2019 }
    const vivatech = {
      ...doc,
      editionId: 'vivatech-2019',
      editionName: 'VivaTech 2019',
      year: 2019,
    }

    const rows = outcomesYearOverYear([doc, vivatech, earlier])

    expect(rows.map((row) => row.editionId)).toEqual(['ces-2019', 'vivatech-2019', 'ces-2020'])
  })

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([0, 3, 40, 7])).toBe(5)
    expect(median([7])).toBe(7)
  })
})
