import { describe, expect, it } from 'vitest'
import { fold } from '../../../domain/shared/decider.js'
import {
  exportDecider,
  exportRecordsIdOf,
  exportStreamId,
} from '../../../domain/team-sud-export/index.js'
import { spec } from '../given-when-then.js'
import {
  now,
  prospectionRows,
  q1,
  q2,
  recordProspection,
  recordSupport,
  recorded,
} from './fixtures.js'

const { given } = spec(exportDecider)
const first = recordProspection('p-2019-q1')

describe('RecordProspection and RecordSupport', () => {
  it('records the foreign companies prospected over a period, by country and sector', () => {
    given([])
      .when(first)
      .then([recorded(first)])
  })

  it('records the regional companies supported over a period, by territory', () => {
    const support = recordSupport('s-2019-q1')
    given([])
      .when(support)
      .then([recorded(support)])
  })

  it('keeps each kind of each year in a stream of its own', () => {
    expect(exportStreamId(exportRecordsIdOf(first))).toBe('team-sud-export-prospection-2019')
    const support = recordSupport('s-2020', { period: { from: '2020-01-01', to: '2020-01-10' } })
    expect(exportStreamId(exportRecordsIdOf(support))).toBe('team-sud-export-support-2020')
  })
})

describe('a period is days gone by, within one calendar year', () => {
  it.each([
    ['ends before it starts', { from: '2019-03-31', to: '2019-01-01' }],
    ['spans two calendar years', { from: '2018-10-01', to: '2019-03-31' }],
    ['names no calendar day', { from: '2019-02-01', to: '2019-02-30' }],
  ])('refuses a period that %s', (_, period) => {
    given([])
      .when(recordProspection('p', { period }))
      .thenThrows({ code: 'invalid-export-period', kind: 'invalid', details: { period } })
  })

  it('refuses a period that is not over yet', () => {
    const period = { from: '2020-01-01', to: '2020-03-31' }
    given([])
      .when(recordSupport('s', { period }))
      .thenThrows({ code: 'export-period-not-over', kind: 'invalid', details: { period, now } })
  })

  it('takes a period on its last day, and a single day', () => {
    const today = recordSupport('s', { period: { from: '2020-01-01', to: '2020-01-15' } })
    given([])
      .when(today)
      .then([recorded(today)])
    const ces = recordProspection('ces', { period: { from: '2019-01-08', to: '2019-01-08' } })
    given([])
      .when(ces)
      .then([recorded(ces)])
  })
})

describe('counts and breakdowns are sane', () => {
  it.each([-1, 2.5, Number.NaN])(
    'refuses %s companies, even from a caller that skipped the schema',
    (companies) => {
      const rows = [prospectionRows[0]!, { country: 'DE', sector: 'energy', companies }]
      given([])
        .when(recordProspection('p', { rows }))
        .thenThrows({ code: 'invalid-export-count', kind: 'invalid', details: { row: 1 } })
    },
  )

  it.each(['FR', 'RE', 'NC', 'UK'])(
    'refuses %s: not a foreign country’s assigned code',
    (country) => {
      given([])
        .when(recordProspection('p', { rows: [{ country, sector: 'ai', companies: 3 }] }))
        .thenThrows({
          code: 'not-a-foreign-country',
          kind: 'invalid',
          details: { row: 0, country },
        })
    },
  )

  it('refuses a territory that is not published', () => {
    const rows = [{ territory: 'gotham' as 'grand-avignon', companies: 3 }]
    given([])
      .when(recordSupport('s', { rows }))
      .thenThrows({ code: 'unknown-territory', kind: 'invalid', details: { territory: 'gotham' } })
  })

  it('refuses a breakdown given twice in one record', () => {
    const rows = [...prospectionRows, { country: 'US', sector: 'ai', companies: 5 }]
    given([])
      .when(recordProspection('p', { rows }))
      .thenThrows({
        code: 'duplicate-export-row',
        kind: 'invalid',
        details: { row: 2, breakdown: 'US/ai' },
      })
  })

  it('refuses a record with no rows', () => {
    given([])
      .when(recordSupport('s', { rows: [] }))
      .thenThrows({ code: 'empty-export-record', kind: 'invalid', details: { recordId: 's' } })
  })

  it('takes a breakdown of zero companies: a mission that found none is a fact', () => {
    const none = recordProspection('p', { rows: [{ country: 'BR', sector: 'food', companies: 0 }] })
    given([])
      .when(none)
      .then([recorded(none)])
  })
})

describe('a period is not recorded twice for the same breakdown, unless corrected', () => {
  it('refuses a record whose days and breakdowns overlap a recorded one', () => {
    const march = { from: '2019-03-01', to: '2019-03-31' }
    const rows = [{ country: 'JP', sector: 'health', companies: 12 }]
    given([recorded(first)])
      .when(recordProspection('p-2019-03', { period: march, rows }))
      .thenThrows({
        code: 'export-period-already-recorded',
        kind: 'conflict',
        details: { recordId: 'p-2019-q1', period: q1, breakdowns: ['JP/health'] },
      })
  })

  it('refuses a record id given twice', () => {
    given([recorded(first)])
      .when(recordProspection('p-2019-q1', { period: q2 }))
      .thenThrows({ code: 'export-record-already-exists', kind: 'conflict' })
  })

  it('takes the next period for the same breakdowns', () => {
    const next = recordProspection('p-2019-q2', { period: q2 })
    given([recorded(first)])
      .when(next)
      .then([recorded(next)])
  })

  it('takes the same days for other breakdowns (another mission in the same quarter)', () => {
    const rows = [{ country: 'CN', sector: 'ai', companies: 60 }]
    const china = recordProspection('p-2019-q1-china', { rows })
    given([recorded(first)])
      .when(china)
      .then([recorded(china)])
  })

  describe('a correction', () => {
    const fix = (overrides = {}) =>
      recordProspection('p-2019-q1-fix', { corrects: 'p-2019-q1', ...overrides })

    it('replaces a record whole, for the same period', () => {
      const correction = fix({ rows: [{ country: 'US', sector: 'ai', companies: 130 }] })
      given([recorded(first)])
        .when(correction)
        .then([recorded(correction)])
    })

    it('may empty a period: its figures are withdrawn', () => {
      const correction = fix({ rows: [] })
      given([recorded(first)])
        .when(correction)
        .then([recorded(correction)])
    })

    it('keeps its record’s period: figures move by emptying one and recording the other', () => {
      given([recorded(first)])
        .when(fix({ period: q2 }))
        .thenThrows({
          code: 'correction-changes-period',
          kind: 'invalid',
          details: { recordId: 'p-2019-q1', corrected: q1 },
        })
    })

    it('names a record of the stream', () => {
      given([])
        .when(fix())
        .thenThrows({
          code: 'export-record-not-found',
          kind: 'not-found',
          details: { recordId: 'p-2019-q1' },
        })
    })

    it('corrects the latest version only', () => {
      given([recorded(first), recorded(fix())])
        .when(recordProspection('p-2019-q1-fix-2', { corrects: 'p-2019-q1' }))
        .thenThrows({
          code: 'export-record-superseded',
          kind: 'conflict',
          details: { recordId: 'p-2019-q1', supersededBy: 'p-2019-q1-fix' },
        })
      const again = recordProspection('p-2019-q1-fix-2', { corrects: 'p-2019-q1-fix' })
      given([recorded(first), recorded(fix())])
        .when(again)
        .then([recorded(again)])
    })

    it('frees the breakdowns it drops, and still guards those it keeps', () => {
      const japanOnly = fix({ rows: [{ country: 'JP', sector: 'health', companies: 40 }] })
      const january = { from: '2019-01-01', to: '2019-01-31' }
      const us = recordProspection('p-us', { period: january, rows: [prospectionRows[0]!] })
      given([recorded(first), recorded(japanOnly)])
        .when(us)
        .then([recorded(us)])
      const japan = recordProspection('p-jp', { period: january, rows: [prospectionRows[1]!] })
      given([recorded(first), recorded(japanOnly)])
        .when(japan)
        .thenThrows({
          code: 'export-period-already-recorded',
          kind: 'conflict',
          details: { recordId: 'p-2019-q1-fix' },
        })
    })
  })
})

describe('the records’ state', () => {
  it('survives a snapshot', () => {
    const state = fold(exportDecider, [
      recorded(first),
      recorded(recordProspection('fix', { corrects: 'p-2019-q1' })),
    ])
    const { snapshot } = exportDecider
    expect(snapshot.decode(JSON.parse(JSON.stringify(snapshot.encode(state))))).toEqual(state)
    expect(state.records.get('p-2019-q1')?.supersededBy).toBe('fix')
    expect(exportDecider.initialState.records.size).toBe(0)
  })
})
