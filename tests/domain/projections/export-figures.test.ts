import { describe, expect, it } from 'vitest'
import type { DomainEvent } from '../../../domain/events/index.js'
import {
  exportFiguresDoc,
  exportFiguresProjection,
  exportSummary,
  summariseExportFigures,
} from '../../../domain/projections/index.js'
import { collectionOf, feedOf, project } from './feed.js'

const h1 = (year: number) => ({ from: `${year}-01-01`, to: `${year}-06-30` })
const h2 = (year: number) => ({ from: `${year}-07-01`, to: `${year}-12-31` })

const prospected = (
  recordId: string,
  period: { from: string; to: string },
  rows: { country: string; sector: string; companies: number }[],
  corrects?: string,
): DomainEvent => ({
  type: 'export.prospection-recorded',
  data: { recordId, period, rows, ...(corrects ? { corrects } : {}) },
})

const supported = (
  recordId: string,
  period: { from: string; to: string },
  rows: { territory: string; companies: number }[],
  corrects?: string,
): DomainEvent => ({
  type: 'export.support-recorded',
  data: { recordId, period, rows, ...(corrects ? { corrects } : {}) },
})

const records = feedOf([
  prospected('p-2019-1', h1(2019), [
    { country: 'US', sector: 'ai', companies: 300 },
    { country: 'JP', sector: 'health', companies: 100 },
  ]),
  supported('s-2019-1', h1(2019), [{ territory: 'aix-marseille-provence', companies: 20 }]),
  prospected('p-2019-2', h2(2019), [{ country: 'US', sector: 'health', companies: 50 }]),
  // The first half was miscounted: Japan had 120, and the US record belonged to no mission.
  prospected(
    'p-2019-1-fix',
    h1(2019),
    [{ country: 'JP', sector: 'health', companies: 120 }],
    'p-2019-1',
  ),
  supported('s-2020-1', h1(2020), [
    { territory: 'nice-cote-d-azur', companies: 15 },
    { territory: 'aix-marseille-provence', companies: 5 },
  ]),
  prospected('p-2020-1', h1(2020), [{ country: 'CN', sector: 'ai', companies: 70 }]),
  // A record of the wrong period withdrawn whole.
  supported('s-2020-1-fix', h1(2020), [], 's-2020-1'),
  supported('s-2020-2', h2(2020), [{ territory: 'nice-cote-d-azur', companies: 8 }]),
])

const years = () =>
  [...collectionOf(project(exportFiguresProjection, records), 'export-figures').values()].map(
    (doc) => exportFiguresDoc.parse(doc),
  )

describe('the Team Sud Export figures projection', () => {
  it('keeps one document per calendar year, totals by country, sector and territory', () => {
    const [y2019, y2020] = years()

    expect(y2019).toMatchObject({
      year: 2019,
      prospected: { total: 170, byCountry: { JP: 120, US: 50 }, bySector: { health: 170 } },
      supported: { total: 20, byTerritory: { 'aix-marseille-provence': 20 } },
    })
    expect(y2020).toMatchObject({
      year: 2020,
      prospected: { total: 70, byCountry: { CN: 70 }, bySector: { ai: 70 } },
      supported: { total: 8, byTerritory: { 'nice-cote-d-azur': 8 } },
    })
  })

  it('replaces a corrected record whole: its breakdowns go, nothing is counted twice', () => {
    const [y2019, y2020] = years()

    expect(Object.keys(y2019!.prospected.records).sort()).toEqual(['p-2019-1-fix', 'p-2019-2'])
    expect(y2019!.prospected.byCountry).toEqual({ JP: 120, US: 50 })
    expect(y2019!.prospected.bySector).toEqual({ health: 170 })
    expect(Object.keys(y2020!.supported.records).sort()).toEqual(['s-2020-1-fix', 's-2020-2'])
    expect(y2020!.supported.byTerritory).toEqual({ 'nice-cote-d-azur': 8 })
  })
})

describe('Team Sud Export’s cumulative figures', () => {
  it('add the years up in order, with running totals', () => {
    const summary = exportSummary.parse(summariseExportFigures(years().reverse()))

    expect(summary.years).toEqual([
      { year: 2019, prospected: 170, supported: 20, prospectedToDate: 170, supportedToDate: 20 },
      { year: 2020, prospected: 70, supported: 8, prospectedToDate: 240, supportedToDate: 28 },
    ])
    expect(summary.prospected).toEqual({
      total: 240,
      byCountry: { JP: 120, US: 50, CN: 70 },
      bySector: { health: 170, ai: 70 },
    })
    expect(summary.supported).toEqual({
      total: 28,
      byTerritory: { 'aix-marseille-provence': 20, 'nice-cote-d-azur': 8 },
    })
  })

  it('stop at a year when asked: "by 2019"', () => {
    const summary = summariseExportFigures(years(), { throughYear: 2019 })

    expect(summary).toMatchObject({
      throughYear: 2019,
      prospected: { total: 170 },
      supported: { total: 20 },
    })
    expect(summary.years.map((row) => row.year)).toEqual([2019])
  })
})
