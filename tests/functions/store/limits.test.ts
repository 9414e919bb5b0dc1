import { describe, expect, it } from 'vitest'
import { EventTooLargeError, TransactionTooLargeError } from '../../../functions/store/errors.js'
import { assertWithinLimits, itemBytes, maxItemBytes } from '../../../functions/store/limits.js'

const event = (bytes: number) => ({ streamId: 'edition-x', type: 'award.won', item: { blob: 'x'.repeat(bytes) } })

describe('DynamoDB limits, checked before writing', () => {
  it('never counts an item smaller than DynamoDB would (names and UTF-8 bytes included)', () => {
    expect(itemBytes({ name: 'Côte d’Azur' })).toBeGreaterThanOrEqual('name'.length + Buffer.byteLength('Côte d’Azur'))
  })

  it('refuses one event larger than 400 KB, naming its stream and type', () => {
    expect(() => assertWithinLimits([event(maxItemBytes)], [])).toThrow(EventTooLargeError)
    expect(() => assertWithinLimits([event(maxItemBytes)], [])).toThrow(/award.won for stream edition-x/)
  })

  it('refuses more than 100 items or 4 MB in one transaction', () => {
    expect(() => assertWithinLimits(Array.from({ length: 101 }, () => event(10)), [])).toThrow(TransactionTooLargeError)
    expect(() => assertWithinLimits(Array.from({ length: 11 }, () => event(399_000)), [])).toThrow(/4 MB/)
  })

  it('accepts 100 small items', () => {
    expect(() => assertWithinLimits(Array.from({ length: 99 }, () => event(10)), [{ guardId: 'g' }])).not.toThrow()
  })
})
