import { describe, expect, it } from 'vitest'
import { applicationDecider } from '../../domain/application/index.js'
import { editionDecider } from '../../domain/edition/index.js'
import type { DomainEvent } from '../../domain/events/index.js'
import { outcomesDecider, type OutcomesState } from '../../domain/outcomes/index.js'
import {
  editionOutcomesDoc,
  exportFiguresDoc,
  exportFiguresProjection,
  outcomesProjection,
  summariseExportFigures,
  summariseOutcomes,
} from '../../domain/projections/index.js'
import { fold } from '../../domain/shared/decider.js'
import { frenchCountryCodes, isCountryCode } from '../../domain/shared/countries.js'
import { isTerritory } from '../../domain/shared/territories.js'
import {
  exportDecider,
  exportRecordsIdOf,
  type ExportRecordsState,
} from '../../domain/team-sud-export/index.js'
import { buildSeedHistory, type SeedEdition } from '../../scripts/seed-data/build.js'
import { buildSeedOutcomes, toReportOutcomes } from '../../scripts/seed-data/outcomes.js'
import { buildExportHistory } from '../../scripts/seed-data/team-sud-export.js'
import { collectionOf, feedOf, project } from '../domain/projections/feed.js'

const records = buildExportHistory()

/** Every record through Team Sud Export's decider, in the order recorded, each in its stream. */
const decidedRecords = (): [DomainEvent, string][] => {
  const streams = new Map<string, ExportRecordsState>()
  return records.flatMap((command) => {
    const id = exportRecordsIdOf(command)
    const state = streams.get(id) ?? exportDecider.initialState
    const events = exportDecider.decide(command, state, undefined)
    streams.set(id, fold(exportDecider, events, state))
    return events.map((event): [DomainEvent, string] => [event, command.now])
  })
}

const exportSummary = (throughYear?: number) => {
  const years = collectionOf(
    project(exportFiguresProjection, feedOf(decidedRecords())),
    'export-figures',
  )
  const docs = [...years.values()].map((doc) => exportFiguresDoc.parse(doc))
  return summariseExportFigures(docs, throughYear === undefined ? {} : { throughYear })
}

describe('Team Sud Export’s seeded history (pure builder)', () => {
  it('passes Team Sud Export’s rules, every record in the order staff recorded it', () => {
    expect(decidedRecords()).toHaveLength(records.length)
    expect(records.filter((record) => record.corrects !== undefined)).toHaveLength(1)
  })

  it('matches the interview: more than 5,000 prospected and 500 supported by 2020', () => {
    // By the end of 2019, when the interview was given, and by the end of 2020.
    for (const year of [2019, 2020]) {
      const summary = exportSummary(year)
      expect(summary.prospected.total).toBeGreaterThan(5_000)
      expect(summary.supported.total).toBeGreaterThan(500)
    }
    const all = exportSummary()
    expect(all.years.map((row) => row.year)).toEqual([2017, 2018, 2019, 2020])
    expect(all.years.at(-1)).toMatchObject({ prospectedToDate: all.prospected.total })
  })

  it('spreads it over years, countries, sectors and territories, none of them French', () => {
    const { years, prospected, supported } = exportSummary()
    for (const row of years) expect(row.prospected).toBeGreaterThan(100)
    const countries = Object.keys(prospected.byCountry)
    expect(countries.length).toBeGreaterThanOrEqual(10)
    for (const country of countries) {
      expect(isCountryCode(country)).toBe(true)
      expect(frenchCountryCodes).not.toContain(country)
    }
    expect(Object.entries(prospected.byCountry).sort((a, b) => b[1] - a[1])[0]?.[0]).toBe('US')
    expect(Object.keys(prospected.bySector).length).toBeGreaterThanOrEqual(6)
    const territories = Object.keys(supported.byTerritory)
    expect(territories.length).toBeGreaterThanOrEqual(8)
    for (const territory of territories) expect(isTerritory(territory)).toBe(true)
  })

  it('is the same on every build, and another seed tells another story', () => {
    expect(buildExportHistory()).toEqual(records)
    expect(buildExportHistory(7)).not.toEqual(records)
  })
})

const history = buildSeedHistory()
const outcomes = buildSeedOutcomes(history)
const edition = (id: string): SeedEdition => history.find((e) => e.body.id === id)!
const membersOf = (e: SeedEdition) =>
  e.applications.filter((a) => a.outcome === 'selected').map((a) => a.startup.siret)

/**
 * Every report through the outcomes decider, as the API would decide it: the edition as
 * the seed opens it, the member's selected application, its own stream (the SIRET stands
 * for the start-up id).
 */
const decidedReports = (): [DomainEvent, string][] => {
  const streams = new Map<string, OutcomesState>()
  return outcomes.flatMap((report) => {
    const { body } = edition(report.editionId)
    const { id: editionId, ...opened } = body
    const state = fold(editionDecider, [{ type: 'edition.opened', data: { editionId, ...opened } }])
    const ids = { applicationId: `a-${report.siret}`, editionId, startupId: report.siret }
    const application = fold(applicationDecider, [{ type: 'application.selected', data: ids }])
    const key = `${editionId}/${report.siret}`
    const own = streams.get(key) ?? outcomesDecider.initialState
    const command = toReportOutcomes(report, report.siret)
    const events = outcomesDecider.decide(command, own, { edition: state, application })
    streams.set(key, fold(outcomesDecider, events, own))
    return events.map((event): [DomainEvent, string] => [event, report.at])
  })
}

/** The two editions opened and their members selected, as the seed records them. */
const delegations = (): DomainEvent[] =>
  ['ces-2019', 'ces-2020'].flatMap((id) => {
    const { body, applications } = edition(id)
    const { id: editionId, ...opened } = body
    const members = applications.filter((a) => a.outcome === 'selected')
    return [
      { type: 'edition.opened', data: { editionId, ...opened } },
      ...members.flatMap(({ startup, pitch }): DomainEvent[] => {
        const ids = { applicationId: `a-${startup.siret}`, editionId, startupId: startup.siret }
        const { name: startupName, territory, themes, contact } = startup
        return [
          {
            type: 'application.submitted',
            data: { ...ids, startupName, territory, themes, pitch, contact, consent: null, language: 'fr' },
          },
          { type: 'application.selected', data: ids },
        ]
      }),
    ]
  })

describe('the 2019 and 2020 delegations’ outcomes (pure builder)', () => {
  it('come from members of CES 2019 and CES 2020 only, and pass the outcomes’ rules', () => {
    expect(new Set(outcomes.map((report) => report.editionId))).toEqual(
      new Set(['ces-2019', 'ces-2020']),
    )
    for (const report of outcomes)
      expect(membersOf(edition(report.editionId))).toContain(report.siret)
    const events = decidedReports()
    expect(events.map(([event]) => event.data)).toMatchObject(
      outcomes.map((report) => ({ revision: report.revision, startupId: report.siret })),
    )
  })

  it('have most members answering, not all, and staff correcting a few', () => {
    for (const id of ['ces-2019', 'ces-2020']) {
      const reports = outcomes.filter((report) => report.editionId === id)
      const answered = new Set(reports.map((report) => report.siret)).size
      const members = membersOf(edition(id)).length
      expect(answered).toBeGreaterThan(members / 2)
      expect(answered).toBeLessThan(members)
      const corrections = reports.filter((report) => report.revision === 2)
      expect(corrections.length).toBeGreaterThan(0)
      for (const c of corrections)
        expect(c.reportedBy).toEqual({ by: 'staff', staffMember: 'seed' })
    }
  })

  it('add up to plausible figures, enough of them to show to partners', () => {
    const docs = collectionOf(
      project(outcomesProjection, feedOf([...delegations(), ...decidedReports()])),
      'edition-outcomes',
    )
    for (const id of ['ces-2019', 'ces-2020']) {
      const summary = summariseOutcomes(editionOutcomesDoc.parse(docs.get(id)))
      const { figures } = summary
      expect(summary.members).toBe(membersOf(edition(id)).length)
      expect(summary.answered).toBeLessThan(summary.members)
      expect(figures).not.toBeNull()
      expect(figures?.medians.businessContacts).toBeGreaterThanOrEqual(10)
      expect(figures?.medians.businessContacts).toBeLessThanOrEqual(100)
      expect(figures?.contributors.dealsSigned).toBeGreaterThan(summary.answered / 4)
      expect(figures?.medians.fundsRaisedEur).toBeGreaterThanOrEqual(50_000)
      expect(figures?.totals.fundsRaisedEur).not.toBeNull()
      expect(figures?.medians.dealsValueBand).not.toBeNull()
    }
  })

  it('is the same on every build', () => {
    expect(buildSeedOutcomes(history)).toEqual(outcomes)
  })
})
