/** How a broken rule reads to a client: a missing thing, a clash with the state, bad input. */
export type RuleKind = 'not-found' | 'conflict' | 'invalid'

/**
 * A command refused by a decider. `code` is a stable kebab-case id that ends up in
 * problem+json type URIs (`/problems/edition-full`), so never rename one.
 *
 * @example throw new RuleViolationError('edition-full', 'Edition ces-2020 is full', 'conflict')
 */
export class RuleViolationError extends Error {
  override readonly name = 'RuleViolationError'
  constructor(
    readonly code: string,
    message: string,
    readonly kind: RuleKind = 'conflict',
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

/**
 * Narrows an unknown error to a rule violation, optionally of one code.
 *
 * @example if (isRuleViolation(error, 'edition-full')) retryLater()
 */
export const isRuleViolation = (error: unknown, code?: string): error is RuleViolationError =>
  error instanceof RuleViolationError && (code === undefined || error.code === code)

/**
 * A command whose `type` no decider knows: a programming error, never a client's.
 *
 * @example throw new UnknownCommandError(command)
 */
export class UnknownCommandError extends Error {
  override readonly name = 'UnknownCommandError'
  constructor(readonly command: unknown) {
    const hasType = typeof command === 'object' && command !== null && 'type' in command
    const type = hasType ? command.type : undefined
    super(`Unknown command type ${JSON.stringify(type)}`)
  }
}
