import type { CommandDeps } from './handle-command.js'

/**
 * Checks the token of an application's withdrawal link, the one mailed to its contact
 * (functions/personal-data/withdrawal-links.ts fits it): a port, so the write side knows
 * nothing of keys.
 */
export interface WithdrawalLinkCheck {
  verify(applicationId: string, token: string): Promise<boolean>
}

/** What the use cases need beyond the handler's deps: new ids, and the withdrawal links' check. */
export interface WriteDeps extends CommandDeps {
  readonly newId: () => string
  /** Without it, only the token shown when applying withdraws. */
  readonly withdrawalLinks?: WithdrawalLinkCheck
}
