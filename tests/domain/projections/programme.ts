import type { DomainEvent } from '../../../domain/events/index.js'
import type { FeedEvent } from '../../../domain/projections/index.js'
import { awardCategories } from '../../../domain/events/award-categories.js'
import { feedOf } from './feed.js'
import { contact } from './scenario.js'

/** A small LCG, so that one seed always tells the same programme. */
const lcg = (seed: number) => () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
type Random = ReturnType<typeof lcg>
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T

const territories = ['aix-marseille-provence', 'nice-cote-d-azur', 'sophia-antipolis']
const themes = ['environment', 'health', 'energy', 'ai', 'sea']
const partners = ['region-sud', 'metropole-nice', 'cci-provence', 'toulon-provence']
const day = 86_400_000

/** An instant `days` after the programme's start, as staff would import it. */
const at = (days: number) => new Date(Date.UTC(2018, 5, 1) + days * day).toISOString()

type Told = [DomainEvent, string]

interface Startup {
  readonly n: number
  readonly territory: string
  readonly themes: string[]
  readonly registers: boolean
}

const startupsOf = (random: Random): Startup[] =>
  Array.from({ length: 8 + Math.floor(random() * 6) }, (_, n) => ({
    n,
    territory: pick(random, territories),
    themes: [...new Set([pick(random, themes), pick(random, themes)])],
    // One never registers: its applications' snapshots stand in for its page.
    registers: n !== 0,
  }))

const registration = ({ n, territory, themes: own }: Startup): Told => [{
  type: 'startup.registered',
  data: {
    startupId: `s${n}`, name: `Start-up ${n}`, siret: '73282932000074', city: 'Marseille',
    territory, website: `https://s${n}.example`, themes: own, description: 'Made in Sud.',
    contact, language: 'fr',
  },
}, at(n)]

const bands = [null, 'under-10k', '10k-100k', '100k-1m', '1m-10m'] as const

/** A member's report after the show, and now and then a second one that supersedes it. */
const reports = (
  random: Random,
  ids: { applicationId: string; editionId: string; startupId: string },
  day: number,
): Told[] => {
  const report = (revision: number): Told => {
    const band = pick(random, bands)
    const data = {
      ...ids, revision, businessContacts: Math.floor(random() * 80),
      dealsSigned: band === null ? 0 : 1 + Math.floor(random() * 4), dealsValueBand: band,
      fundsRaisedEur: random() < 0.3 ? Math.floor(random() * 2_000) * 1_000 : 0,
      pressArticles: Math.floor(random() * 6), jobsCreated: Math.floor(random() * 3),
      jobsPlanned: Math.floor(random() * 6),
      reportedBy: revision === 1 ? { by: 'startup' as const }
        : { by: 'staff' as const, staffMember: 'staff-1' },
    }
    return [{ type: 'outcomes.reported', data }, at(day + revision * 20)]
  }
  return random() < 0.3 ? [report(1), report(2)] : [report(1)]
}

const countries = ['US', 'JP', 'CN', 'DE', 'GB', 'CA']

/**
 * Team Sud Export's records of three years, by half-year: prospection by country and
 * sector, support by territory, some corrected (one emptied) in the same period.
 */
const exportRecords = (random: Random): Told[] =>
  [2018, 2019, 2020].flatMap((year, y) => ['01-01/06-30', '07-01/12-31'].flatMap((half, h) => {
    const [from, to] = half.split('/').map((day) => `${year}-${day}`) as [string, string]
    const period = { from, to }
    const day = 200 + y * 365 + h * 180
    const prospection = (recordId: string, corrects?: string) => ({
      recordId, period, ...(corrects ? { corrects } : {}),
      rows: [...new Set([pick(random, countries), pick(random, countries)])].map((country) => (
        { country, sector: pick(random, themes), companies: Math.floor(random() * 400) })),
    })
    const support = (recordId: string, corrects?: string, empty = false) => ({
      recordId, period, ...(corrects ? { corrects } : {}),
      rows: empty ? [] : [...new Set([pick(random, territories), pick(random, territories)])]
        .map((territory) => ({ territory, companies: Math.floor(random() * 40) })),
    })
    const p = `p-${year}-${h + 1}`
    const s = `s-${year}-${h + 1}`
    const told: Told[] = [
      [{ type: 'export.prospection-recorded', data: prospection(p) }, at(day)],
      [{ type: 'export.support-recorded', data: support(s) }, at(day)],
    ]
    if (random() < 0.4) {
      told.push([{ type: 'export.prospection-recorded', data: prospection(`${p}-fix`, p) }, at(day + 9)])
    }
    if (random() < 0.3) {
      told.push([{ type: 'export.support-recorded', data: support(`${s}-fix`, s, random() < 0.5) },
        at(day + 9)])
    }
    return told
  }))

/** One edition: opened, partners join, applications live their lives, awards, closed. */
const edition = (random: Random, e: number, startups: readonly Startup[]): Told[] => {
  const editionId = `ces-${2019 + e}`
  const start = 30 + e * 200
  const told: Told[] = [[{
    type: 'edition.opened',
    data: {
      editionId, name: `CES ${2019 + e}`, show: 'CES', city: 'Las Vegas',
      startsOn: `${2019 + e}-01-07`, endsOn: `${2019 + e}-01-10`,
      applicationDeadline: `${2018 + e}-10-15T23:59:59+02:00`, capacity: 30, themes,
    },
  }, at(start)]]
  for (const partnerId of partners.filter(() => random() < 0.6)) {
    const data = { partnerId, editionId, name: `Partner ${partnerId}`, kind: 'metropolis' as const,
      contribution: 'Stands' }
    // Two joins at the same instant now and then: their order must not depend on the Feed's.
    told.push([{ type: 'partner.joined', data }, at(start + (random() < 0.3 ? 0 : 1 + e))])
  }
  for (const startup of startups.filter(() => random() < 0.7)) {
    const { n, territory } = startup
    const ids = { applicationId: `a${n}-${editionId}`, editionId, startupId: `s${n}` }
    const submitted = { ...ids, startupName: `Start-up ${n} (${editionId})`, territory,
      themes: startup.themes, pitch: 'We make the region proud.', contact, consent: null,
      language: 'fr' as const }
    told.push([{ type: 'application.submitted', data: submitted }, at(start + 10 + n)])
    const fate = random()
    if (fate < 0.15) continue
    if (fate < 0.25) {
      const data = { ...ids, by: 'startup' as const }
      told.push([{ type: 'application.withdrawn', data }, at(start + 60)])
      continue
    }
    const selected = fate < 0.7
    told.push([{ type: selected ? 'application.selected' : 'application.rejected', data: ids },
      at(start + 80 + n)])
    if (selected && random() < 0.4) {
      const award = { awardId: `award-${n}-${editionId}`, editionId, startupId: `s${n}`,
        award: 'honoree' as const, category: pick(random, awardCategories) }
      // Now and then at one instant for every edition: a start-up's awards must still sort.
      told.push([{ type: 'award.won', data: award }, at(random() < 0.3 ? 600 : start + 190)])
    }
    if (selected && random() < 0.6) told.push(...reports(random, ids, start + 210 + n))
    if (selected && random() < 0.1) {
      told.push([{ type: 'application.withdrawn', data: { ...ids, by: 'staff' } }, at(start + 195)])
    }
  }
  // Someone else applies in a registered start-up's name now and then: held (staff
  // dismiss some). Chosen by number, not drawn, so the draws above stay as they were.
  for (const { n, territory, themes: own, registers } of startups) {
    if (!registers || (n + e) % 4 !== 1) continue
    const ids = { applicationId: `h${n}-${editionId}`, editionId, startupId: `s${n}` }
    const held = { ...ids, startupName: `Not start-up ${n}`, territory, themes: own, pitch: 'Held.',
      contact: { name: 'Eve Stranger', email: 'eve@elsewhere.example' }, consent: null, language: 'fr' as const }
    told.push([{ type: 'application.held', data: held }, at(start + 12 + n)])
    if ((n + e) % 8 === 1) told.push([{ type: 'application.dismissed', data: ids }, at(start + 40 + n)])
  }
  told.push([{ type: 'edition.closed', data: { editionId } }, at(start + 199)])
  return told
}

/**
 * A programme told as a Feed would first hold it (each fact after the facts it needs):
 * partners registered (one never does), start-ups registered (one never does, its
 * applications stand in), three editions with partners joining, applications submitted,
 * decided and withdrawn, others held (a stranger's, some dismissed), awards won, members' outcomes reported (some twice), closings, and
 * Team Sud Export's records (some corrected). Different seeds, different programmes.
 *
 * @example const events = programme(42) // ~100–150 Feed events
 */
export const programme = (seed: number): FeedEvent[] => {
  const random = lcg(seed)
  const startups = startupsOf(random)
  const registered: Told[] = partners.slice(1).map((partnerId, i) => [{
    type: 'partner.registered', data: { partnerId, name: `Partner ${partnerId}`, kind: 'region' },
  }, at(i)])
  const told = [
    ...registered,
    ...startups.filter((startup) => startup.registers).map(registration),
    ...[0, 1, 2].flatMap((e) => edition(random, e, startups)),
    ...exportRecords(random),
  ]
  return feedOf(told)
}

/**
 * The same events in another order that keeps each stream's: `choices` picks, at each
 * step, which stream's next event comes (modulo the streams left). Positions follow the
 * new order; ids, versions and times stay.
 *
 * @example interleave(programme(1), [3, 1, 4, 1, 5]) // a Feed the indexer could produce
 */
export const interleave = (events: readonly FeedEvent[], choices: readonly number[]) => {
  const streams = new Map<string, FeedEvent[]>()
  for (const event of events) {
    const stream = streams.get(event.streamId) ?? []
    stream.push(event)
    streams.set(event.streamId, stream)
  }
  const queues = [...streams.values()]
  const order: FeedEvent[] = []
  for (let step = 0; queues.length > 0; step++) {
    const i = (choices[step % Math.max(1, choices.length)] ?? 0) % queues.length
    const queue = queues[i] as FeedEvent[]
    order.push(queue.shift() as FeedEvent)
    if (queue.length === 0) queues.splice(i, 1)
  }
  return order.map((event, i) => ({ ...event, position: i + 1 }))
}
