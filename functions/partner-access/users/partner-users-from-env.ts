import { z } from 'zod'
import { createCognitoClient } from '../../shared/cognito-client.js'
import { cognitoPartnerUsers } from './cognito-partner-users.js'
import { devPartnerUsers } from './dev-partner-users.js'
import type { PartnerUserDirectory } from './partner-users.js'

const partnerUsersEnv = z.object({
  /** The staff user pool, where partners' users are made: set by CDK in AWS. */
  PARTNER_USER_POOL_ID: z.string().min(1).optional(),
})

/**
 * The partners' user directory of this process: the user pool when PARTNER_USER_POOL_ID
 * is set (AWS), else the development stand-in (`npm start`).
 *
 * @example const partnerUsers = partnerUsersFromEnv(process.env, () => new Date())
 */
export const partnerUsersFromEnv = (env: NodeJS.ProcessEnv, clock: () => Date): PartnerUserDirectory => {
  const { PARTNER_USER_POOL_ID } = partnerUsersEnv.parse(env)
  return PARTNER_USER_POOL_ID ? cognitoPartnerUsers(createCognitoClient(), PARTNER_USER_POOL_ID) : devPartnerUsers(clock)
}
