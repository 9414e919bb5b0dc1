import { describe, expect, it } from 'vitest'
import { awardsProjection, editionAwardsDoc } from '../../../domain/projections/index.js'
import { feedOf, project } from './feed.js'
import { applicants, awardWon, decided, opened, registered, story, submitted } from './scenario.js'

describe('awards projection', () => {
  it('given the story, lists the edition’s awards with the winner’s name', () => {
    const doc = editionAwardsDoc.parse(project(awardsProjection, story).get('awards/ces-2020'))

    expect(doc).toMatchObject({
      editionId: 'ces-2020',
      editionName: 'CES Las Vegas 2020',
      year: 2020,
    })
    expect(doc.awards).toEqual([
      {
        awardId: 'award-1',
        startupId: 's1',
        startupName: 'Calanques Tech',
        award: 'best-of-innovation',
        category: 'Sustainability, Eco-Design & Smart Energy',
        wonAt: '2020-01-06T18:00:00-08:00',
      },
    ])
  })

  it('records an award once when its event is delivered twice', () => {
    const first = applicants[0]!
    const events = feedOf([
      opened,
      registered(first),
      submitted(first),
      decided(1, true),
      awardWon(1, 'award-1'),
    ])

    const again = [...events, events.at(-1)!]
    const doc = editionAwardsDoc.parse(project(awardsProjection, again).get('awards/ces-2020'))

    expect(doc.awards).toHaveLength(1)
  })

  it('keeps an edition without awards, so the programme’s list shows it', () => {
    const docs = project(awardsProjection, feedOf([opened]))

    const doc = editionAwardsDoc.parse(docs.get('awards/ces-2020'))

    expect(doc.awards).toEqual([])
  })

  it('names an award that reaches the Feed before the winner’s application', () => {
    const first = applicants[0]!
    const events = feedOf([opened, awardWon(1, 'award-1'), submitted(first), decided(1, true)])

    const doc = editionAwardsDoc.parse(project(awardsProjection, events).get('awards/ces-2020'))

    expect(doc.awards.map((award) => award.startupName)).toEqual(['Calanques Tech'])
    expect(doc).not.toHaveProperty('unnamed')
  })
})
