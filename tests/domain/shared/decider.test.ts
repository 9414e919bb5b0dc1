import { describe, expect, it } from 'vitest'
import { type Decider, fold } from '../../../domain/shared/decider.js'
import {
  isRuleViolation,
  RuleViolationError,
  UnknownCommandError,
} from '../../../domain/shared/errors.js'

const counter: Decider<number, number, number> = {
  decide: (command) => [command],
  evolve: (state, event) => state * 10 + event,
  initialState: 0,
}

describe('fold', () => {
  it('evolves the initial state through the events, in order', () => {
    expect(fold(counter, [1, 2, 3])).toBe(123)
  })

  it('returns the initial state for an empty stream', () => {
    expect(fold(counter, [])).toBe(0)
  })
})

describe('RuleViolationError', () => {
  it('carries a code, a kind (conflict by default) and details', () => {
    const error = new RuleViolationError('edition-full', 'Edition ces-2020 is full.')
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({
      name: 'RuleViolationError',
      code: 'edition-full',
      kind: 'conflict',
      details: {},
      message: 'Edition ces-2020 is full.',
    })
  })

  it('is recognised by isRuleViolation, optionally by code', () => {
    const error = new RuleViolationError('invalid-siret', 'Bad.', 'invalid')
    expect(isRuleViolation(error)).toBe(true)
    expect(isRuleViolation(error, 'invalid-siret')).toBe(true)
    expect(isRuleViolation(error, 'edition-full')).toBe(false)
    expect(isRuleViolation(new Error('x'))).toBe(false)
  })
})

describe('UnknownCommandError', () => {
  it('names the unknown type', () => {
    expect(new UnknownCommandError({ type: 'Nope' }).message).toContain('"Nope"')
    expect(new UnknownCommandError(null).name).toBe('UnknownCommandError')
  })
})
