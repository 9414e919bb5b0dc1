import { describe, expect, it } from 'vitest'
import { isValidSiret } from '../../domain/shared/siret.js'
import { isTerritory } from '../../domain/shared/territories.js'
import { buildSeedHistory, type SeedEdition } from '../../scripts/seed-data/build.js'

const history = buildSeedHistory()
const edition = (id: string): SeedEdition => {
  const found = history.find((candidate) => candidate.body.id === id)
  if (!found) throw new Error(`no ${id}`)
  return found
}
const count = (e: SeedEdition, outcome: string) =>
  e.applications.filter((application) => application.outcome === outcome).length
const instant = (value: string) => Date.parse(value)

/** Luhn's checksum, which a SIREN passes too (INSEE's keys). */
const luhn = (digits: string) =>
  [...digits].reverse().reduce((sum, char, index) => {
    const doubled = Number(char) * (index % 2 === 1 ? 2 : 1)
    return sum + (doubled > 9 ? doubled - 9 : doubled)
  }, 0) %
    10 ===
  0

describe('the seed’s history (pure builder)', () => {
  it('has the four CES editions, early January in Las Vegas', () => {
    const ids = history.map((e) => e.body.id)
    expect(ids).toEqual(['ces-2017', 'ces-2018', 'ces-2019', 'ces-2020'])
    for (const { body, plan } of history) {
      expect(body).toMatchObject({ show: 'CES', city: 'Las Vegas' })
      expect(body.startsOn).toMatch(new RegExp(`^${plan.year}-01-0\\d$`))
    }
    const ces2020 = edition('ces-2020').body
    expect(ces2020).toMatchObject({ startsOn: '2020-01-07', endsOn: '2020-01-10' })
  })

  it('matches the interview: 15 in 2017, 60+ and ten awards in 2019, 30 in 2020', () => {
    expect(count(edition('ces-2017'), 'selected')).toBe(15)
    expect(count(edition('ces-2018'), 'selected')).toBeGreaterThan(30)
    expect(count(edition('ces-2019'), 'selected')).toBeGreaterThan(60)
    expect(edition('ces-2019').awards).toHaveLength(10)
    expect(count(edition('ces-2020'), 'selected')).toBe(30)
  })

  it('has more applicants than seats taken, some rejected and a few withdrawn', () => {
    for (const e of history) {
      expect(e.applications.length).toBeGreaterThan(count(e, 'selected'))
      expect(count(e, 'rejected')).toBeGreaterThan(0)
      expect(count(e, 'withdrawn')).toBeGreaterThanOrEqual(1)
      expect(count(e, 'selected')).toBeLessThanOrEqual(e.body.capacity)
    }
  })

  it('puts the environment first in 2020', () => {
    const themes = new Map<string, number>()
    for (const a of edition('ces-2020').applications.filter((a) => a.outcome === 'selected')) {
      for (const theme of a.startup.themes) themes.set(theme, (themes.get(theme) ?? 0) + 1)
    }
    const ranking = [...themes].sort((a, b) => b[1] - a[1])
    expect(ranking[0]?.[0]).toBe('environment')
    expect(edition('ces-2020').body.themes[0]).toBe('environment')
  })

  it('invents plausible start-ups: valid SIRETs, published territories, one name per SIRET', () => {
    const bySiret = new Map<string, string>()
    for (const { startup } of history.flatMap((e) => e.applications)) {
      expect(isValidSiret(startup.siret), startup.siret).toBe(true)
      expect(luhn(startup.siret.slice(0, 9)), `SIREN of ${startup.siret}`).toBe(true)
      expect(isTerritory(startup.territory)).toBe(true)
      expect(startup.website).toMatch(/^https:\/\/www\.[a-z0-9-]+\.example$/)
      expect(startup.themes.length).toBeGreaterThan(0)
      expect(bySiret.get(startup.siret) ?? startup.name).toBe(startup.name)
      bySiret.set(startup.siret, startup.name)
    }
    expect(new Set(bySiret.values()).size).toBe(bySiret.size)
    expect(bySiret.size).toBeGreaterThan(120)
  })

  it('brings start-ups back from one year to the next', () => {
    const sirets = (e: SeedEdition) => new Set(e.applications.map((a) => a.startup.siret))
    const earlier = new Set([...sirets(edition('ces-2017')), ...sirets(edition('ces-2018'))])
    const back = [...sirets(edition('ces-2019'))].filter((siret) => earlier.has(siret))
    expect(back.length).toBeGreaterThan(10)
  })

  it('federates the partners year after year, all six named ones by 2020', () => {
    expect(history.map((e) => e.partners.length)).toEqual([1, 3, 6, 6])
    expect(edition('ces-2020').partners.map((p) => p.name)).toEqual([
      'Région Sud',
      'Métropole Aix-Marseille Provence',
      "Métropole Nice Côte d'Azur",
      'Métropole Toulon Provence Méditerranée',
      "Communauté d'agglomération Sophia Antipolis",
      "CCI Provence-Alpes-Côte d'Azur",
    ])
  })

  it('dates every fact in the past, in the order the programme lived it', () => {
    for (const e of history) {
      const deadline = instant(e.body.applicationDeadline)
      expect(instant(e.openedAt)).toBeLessThan(deadline)
      for (const a of e.applications) {
        expect(instant(a.submittedAt)).toBeGreaterThan(instant(e.openedAt))
        expect(instant(a.submittedAt)).toBeLessThanOrEqual(deadline)
        expect(instant(a.decidedAt)).toBeGreaterThan(deadline)
      }
      const awardTimes = e.awards.map((award) => instant(award.at))
      const partnerTimes = e.partners.map((partner) => instant(partner.at))
      const lastDecision = Math.max(...e.applications.map((a) => instant(a.decidedAt)))
      expect(Math.min(...awardTimes)).toBeGreaterThan(lastDecision)
      expect(Math.max(...partnerTimes)).toBeLessThan(instant(e.closedAt))
      expect(instant(e.closedAt)).toBeGreaterThan(instant(`${e.body.endsOn}T23:59:59-08:00`))
    }
  })

  it('gives awards to members of the delegation only', () => {
    for (const e of history) {
      const selected = e.applications.filter((a) => a.outcome === 'selected')
      const members = new Set(selected.map((a) => a.startup.siret))
      for (const award of e.awards) expect(members.has(award.siret)).toBe(true)
    }
  })

  it('is the same on every build (seeded PRNG), and another seed tells another story', () => {
    expect(buildSeedHistory()).toEqual(history)
    expect(buildSeedHistory(7).map((e) => e.applications[0]?.startup.name)).not.toEqual(
      history.map((e) => e.applications[0]?.startup.name),
    )
  })
})
