/** One of a partner's people, as the directory knows them (never a password). */
export interface PartnerUser {
  /** What they sign in with: their e-mail address (the pool's usernames are e-mails). */
  readonly email: string
  readonly partnerId: string
  /** Cognito's: `FORCE_CHANGE_PASSWORD` until the first sign-in, then `CONFIRMED`. */
  readonly status: string
  readonly enabled: boolean
  readonly createdAt?: string | undefined
}

export interface Invitation {
  readonly partnerId: string
  readonly email: string
}

/** The address already belongs to someone of the directory (this partner's or another's). */
export class PartnerUserExistsError extends Error {
  override readonly name = 'PartnerUserExistsError'
  constructor(readonly email: string) {
    super(`${email} already has an account`)
  }
}

/**
 * Who may sign in to the partners' portal. In AWS the staff user pool (cognito-partner-users.ts):
 * a user in the `partner` group and its partner's `partner:<partnerId>` group, invited by
 * Cognito's own e-mail with a temporary password. Under `npm start`, a stand-in in memory
 * (dev-partner-users.ts), since the development sign-in offers every partner anyway.
 */
export interface PartnerUserDirectory {
  /** Creates the account, bound to its partner, and sends the invitation. */
  invite(invitation: Invitation): Promise<PartnerUser>
  /** A partner's people. */
  list(partnerId: string): Promise<PartnerUser[]>
}
