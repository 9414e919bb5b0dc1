import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CreateGroupCommand,
  ListUsersInGroupCommand,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider'
import { partnerGroupOf, partnerRole } from '../../shared/http/token-verifier.js'
import { PartnerUserExistsError, type PartnerUser, type PartnerUserDirectory } from './partner-users.js'

const nameOf = (error: unknown) => (error instanceof Error ? error.name : '')

const userOf = (partnerId: string, user: UserType): PartnerUser => ({
  email: user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value ?? user.Username ?? '',
  partnerId,
  status: user.UserStatus ?? 'UNKNOWN',
  enabled: user.Enabled ?? false,
  createdAt: user.UserCreateDate?.toISOString(),
})

/**
 * Partners' users in the staff user pool: an invitation creates the partner's group
 * `partner:<partnerId>` if it is the partner's first (CreateGroup; an existing one is
 * fine), the user with a verified e-mail and Cognito's invitation message (a temporary
 * password, AdminCreateUser), then puts it in that group and in `partner`, so that its
 * access tokens carry both (token-verifier.ts reads the binding from them). An address the
 * pool already has is refused, never added to a second partner: a user of two partners
 * acts for neither.
 *
 * @example const users = cognitoPartnerUsers(createCognitoClient(), process.env.PARTNER_USER_POOL_ID)
 */
export const cognitoPartnerUsers = (cognito: CognitoIdentityProviderClient, userPoolId: string): PartnerUserDirectory => ({
  async invite({ partnerId, email }) {
    const group = partnerGroupOf(partnerId)
    await cognito
      .send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group, Description: `The users of partner ${partnerId}` }))
      .catch((error: unknown) => {
        if (nameOf(error) !== 'GroupExistsException') throw error
      })
    const created = await cognito
      .send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            // Staff invite a partner's known contact: the address is taken as verified, so
            // the invitation goes to it and it may recover its password.
            { Name: 'email_verified', Value: 'true' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      )
      .catch((error: unknown) => {
        throw nameOf(error) === 'UsernameExistsException' ? new PartnerUserExistsError(email) : error
      })
    for (const GroupName of [group, partnerRole]) {
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName }))
    }
    return created.User ? userOf(partnerId, created.User) : { email, partnerId, status: 'FORCE_CHANGE_PASSWORD', enabled: true }
  },

  async list(partnerId) {
    const users: PartnerUser[] = []
    let NextToken: string | undefined
    do {
      const page = await cognito
        .send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: partnerGroupOf(partnerId), NextToken }))
        .catch((error: unknown) => {
          // No group yet: nobody of this partner was ever invited.
          if (nameOf(error) === 'ResourceNotFoundException') return { Users: [], NextToken: undefined }
          throw error
        })
      users.push(...(page.Users ?? []).map((user) => userOf(partnerId, user)))
      NextToken = page.NextToken
    } while (NextToken)
    return users
  },
})
