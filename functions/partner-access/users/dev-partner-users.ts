import { PartnerUserExistsError, type PartnerUser, type PartnerUserDirectory } from './partner-users.js'

/**
 * The development stand-in for the user pool (`npm start`, and the tests of the pages that
 * use it): invitations kept in this process's memory, e-mail sent to no one. Nobody signs
 * in with these accounts: the development sign-in (local/dev-sign-in.ts) signs a partner's
 * user for any registered partner. Never used in AWS: the API takes the user pool whenever
 * PARTNER_USER_POOL_ID is set (deps-from-env.ts).
 *
 * @example const users = devPartnerUsers(() => new Date())
 */
export const devPartnerUsers = (clock: () => Date): PartnerUserDirectory => {
  const users = new Map<string, PartnerUser>()
  return {
    async invite({ partnerId, email }) {
      const key = email.toLowerCase()
      if (users.has(key)) throw new PartnerUserExistsError(email)
      const user = { email, partnerId, status: 'FORCE_CHANGE_PASSWORD', enabled: true, createdAt: clock().toISOString() }
      users.set(key, user)
      return user
    },
    list: async (partnerId) => [...users.values()].filter((user) => user.partnerId === partnerId),
  }
}
