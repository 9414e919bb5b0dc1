import { describe, expect, it } from 'vitest'
import { delegationDoc, delegationProjection } from '../../../domain/projections/index.js'
import { collectionOf, feedOf, fold, project } from './feed.js'
import { applicants, awardWon, decided, story, submitted } from './scenario.js'

describe('delegation projection', () => {
  const docs = project(delegationProjection, story)
  const edition = collectionOf(docs, 'delegation#ces-2020')

  it('given the story, keeps one document per applicant in the edition’s collection', () => {
    expect([...edition.keys()].sort()).toEqual(['s1', 's2', 's3', 's4'])
    expect(docs.size).toBe(4)
  })

  it('makes the selected start-up a member, with its snapshot and its award', () => {
    expect(delegationDoc.parse(edition.get('s1'))).toEqual({
      editionId: 'ces-2020',
      startupId: 's1',
      applicationId: 'a1-ces-2020',
      startupName: 'Calanques Tech',
      territory: 'aix-marseille-provence',
      themes: ['environment', 'maritime'],
      status: 'selected',
      submittedAt: '2019-07-01T10:00:00+02:00',
      decidedAt: '2019-10-20T10:00:00+02:00',
      // The selection's version in the application's own stream (the back-office's If-Match).
      applicationVersion: 2,
      awards: [
        {
          awardId: 'award-1',
          award: 'best-of-innovation',
          category: 'Sustainability, Eco-Design & Smart Energy',
          wonAt: '2020-01-06T18:00:00-08:00',
        },
      ],
    })
  })

  it('takes out a member who withdrew after selection, and keeps the others out', () => {
    const statuses = Object.fromEntries(
      [...edition].map(([id, doc]) => [id, delegationDoc.parse(doc).status]),
    )

    expect(statuses).toEqual({ s1: 'selected', s2: 'withdrawn', s3: 'rejected', s4: 'withdrawn' })
  })

  it('keeps an award that reaches the Feed before the application, hidden until it comes', () => {
    const early = feedOf([awardWon(1, 'award-1')])
    const later = feedOf([awardWon(1, 'award-1'), submitted(applicants[0]!), decided(1, true)])

    expect(fold(delegationProjection, early).get('delegation#ces-2020/s1')?.hidden).toBe(true)
    const doc = project(delegationProjection, later).get('delegation#ces-2020/s1')
    const awards = [{ awardId: 'award-1' }]
    expect(delegationDoc.parse(doc)).toMatchObject({ status: 'selected', awards })
  })
})
