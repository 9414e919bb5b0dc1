import { describe, expect, it } from 'vitest'
import { editionOf, matchesFilter } from '../../../domain/partner-access/filter.js'
import { editionOpened, partnerJoined } from '../../fixtures/events.js'
import { profilePublished } from './fixtures.js'

describe('matchesFilter', () => {
  const award = {
    type: 'award.won' as const,
    data: { editionId: 'ces-2020', awardId: 'a', startupId: 's', award: 'honoree', category: 'x' },
  }

  it('lets everything through when empty', () => {
    for (const event of [award, profilePublished('s'), editionOpened('ces-2019')])
      expect(matchesFilter({}, event)).toBe(true)
  })

  it('keeps the listed types only', () => {
    const filter = { types: ['award.won', 'partner.joined'] as const }
    expect(matchesFilter({ types: [...filter.types] }, award)).toBe(true)
    expect(matchesFilter({ types: [...filter.types] }, partnerJoined('tpm'))).toBe(true)
    expect(matchesFilter({ types: [...filter.types] }, editionOpened())).toBe(false)
    expect(matchesFilter({ types: [] }, editionOpened())).toBe(true)
  })

  it('keeps one edition only, leaving programme-wide events (no edition) out', () => {
    expect(matchesFilter({ editionId: 'ces-2020' }, award)).toBe(true)
    expect(matchesFilter({ editionId: 'ces-2019' }, award)).toBe(false)
    expect(matchesFilter({ editionId: 'ces-2020' }, profilePublished('s'))).toBe(false)
    expect(editionOf(profilePublished('s'))).toBeUndefined()
    expect(editionOf(partnerJoined('tpm', 'ces-2019'))).toBe('ces-2019')
  })

  it('needs both the type and the edition when given both', () => {
    const filter = { types: ['award.won' as const], editionId: 'ces-2020' }
    expect(matchesFilter(filter, award)).toBe(true)
    expect(matchesFilter(filter, partnerJoined('tpm', 'ces-2020'))).toBe(false)
    expect(
      matchesFilter(filter, { ...award, data: { ...award.data, editionId: 'ces-2019' } }),
    ).toBe(false)
  })
})
