import { describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../../domain/events/index.js'
import { historyDoc, historyProjection } from '../../../domain/projections/index.js'
import { collectionOf, feedOf, project } from './feed.js'
import { applicants, opened, story, submitted } from './scenario.js'

describe('history projection', () => {
  it('given the story, writes CES 2020’s row of the programme’s history', () => {
    const row = historyDoc.parse(project(historyProjection, story).get('history/ces-2020'))

    expect(row).toMatchObject({
      editionId: 'ces-2020',
      name: 'CES Las Vegas 2020',
      year: 2020,
      status: 'closed',
      tally: { applications: 4, submitted: 0, selected: 1, rejected: 1, withdrawn: 2 },
      awardIds: ['award-1'],
      partnerIds: ['region-sud', 'nice-cote-d-azur'],
    })
  })

  it('keeps one row per edition, whatever the year', () => {
    if (opened.type !== 'edition.opened') throw new Error('the scenario opens with edition.opened')
    const dates = { startsOn: '2019-01-08', endsOn: '2019-01-11' }
    const ces2019: DomainEvent = {
      type: 'edition.opened',
      data: { ...opened.data, editionId: 'ces-2019', name: 'CES 2019', ...dates },
    }
    const events = feedOf([ces2019, opened, submitted(applicants[0]!, 'ces-2019')])

    const rows = collectionOf(project(historyProjection, events), 'history')

    expect([...rows.keys()].sort()).toEqual(['ces-2019', 'ces-2020'])
    expect(historyDoc.parse(rows.get('ces-2019'))).toMatchObject({
      year: 2019,
      tally: { applications: 1 },
    })
    expect(historyDoc.parse(rows.get('ces-2020')).tally.applications).toBe(0)
  })
})
