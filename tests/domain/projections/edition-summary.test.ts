import { describe, expect, it } from 'vitest'
import {
  editionSummaryDoc,
  editionSummaryProjection,
} from '../../../domain/projections/index.js'
import { feedOf, fold, project } from './feed.js'
import { applicants, decided, opened, story, submitted } from './scenario.js'

describe('edition summary projection', () => {
  it('given the story of CES 2020, counts where every application stands', () => {
    const doc = project(editionSummaryProjection, story).get('edition-summary/ces-2020')

    expect(editionSummaryDoc.parse(doc)).toMatchObject({
      editionId: 'ces-2020',
      name: 'CES Las Vegas 2020',
      show: 'CES',
      city: 'Las Vegas',
      year: 2020,
      startsOn: '2020-01-07',
      endsOn: '2020-01-10',
      capacity: 30,
      status: 'closed',
      openedAt: '2019-06-03T09:00:00+02:00',
      closedAt: '2020-01-31T18:00:00+01:00',
      tally: { applications: 4, submitted: 0, selected: 1, rejected: 1, withdrawn: 2 },
    })
  })

  it('breaks the applications down by territory and by theme', () => {
    const doc = editionSummaryDoc.parse(
      project(editionSummaryProjection, story).get('edition-summary/ces-2020'),
    )

    const one = { applications: 1, submitted: 0, selected: 0, rejected: 0, withdrawn: 0 }
    expect(doc.byTerritory).toEqual({
      'aix-marseille-provence': { ...one, selected: 1 },
      'nice-cote-d-azur': { ...one, withdrawn: 1 },
      'toulon-provence-mediterranee': { ...one, rejected: 1 },
      'sophia-antipolis': { ...one, withdrawn: 1 },
    })
    expect(doc.byTheme.environment).toEqual({
      applications: 2,
      submitted: 0,
      selected: 1,
      rejected: 1,
      withdrawn: 0,
    })
    expect(Object.keys(doc.byTheme).sort()).toEqual([
      'ai',
      'energy',
      'environment',
      'health',
      'maritime',
    ])
  })

  it('keeps the awards and the partners that joined', () => {
    const doc = editionSummaryDoc.parse(
      project(editionSummaryProjection, story).get('edition-summary/ces-2020'),
    )

    expect(Object.values(doc.awards)).toEqual([
      { award: 'best-of-innovation', category: 'Sustainability, Eco-Design & Smart Energy' },
    ])
    expect(doc.partners).toEqual({
      'region-sud': { name: 'Région Sud', kind: 'region' },
      'nice-cote-d-azur': { name: "Métropole Nice Côte d'Azur", kind: 'metropolis' },
    })
  })

  it('counts an application once when its event is delivered twice', () => {
    const [first] = applicants
    const events = feedOf([opened, submitted(first!), submitted(first!), decided(1, true)])

    const doc = editionSummaryDoc.parse(
      project(editionSummaryProjection, events).get('edition-summary/ces-2020'),
    )

    expect(doc.tally).toMatchObject({ applications: 1, submitted: 0, selected: 1 })
  })

  it('writes nothing for an edition it never saw opened', () => {
    const events = feedOf([submitted(applicants[0]!, 'vivatech-2020')])

    expect(project(editionSummaryProjection, events).size).toBe(0)
  })

  it('counts applications that reach the Feed before their edition’s opening', () => {
    const [first, second] = applicants
    const early = [submitted(first!), submitted(second!), decided(1, true)]

    const waiting = fold(editionSummaryProjection, feedOf(early))
    expect(waiting.get('edition-summary/ces-2020')?.hidden).toBe(true)
    const doc = project(editionSummaryProjection, feedOf([...early, opened]))
      .get('edition-summary/ces-2020')
    expect(editionSummaryDoc.parse(doc)).toMatchObject({
      status: 'open',
      tally: { applications: 2, submitted: 1, selected: 1 },
      byTerritory: { 'aix-marseille-provence': { applications: 1, selected: 1 } },
    })
  })
})
