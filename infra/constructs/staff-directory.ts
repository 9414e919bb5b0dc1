import { Duration, Validations } from 'aws-cdk-lib'
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  UserPool,
  UserPoolGroup,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito'
import { Construct } from 'constructs'
import type { StageConfig } from '../stage-config.js'

/** The Cognito groups the API turns into roles (functions/api/auth/authorize.ts). */
export const staffGroups = {
  admin: 'Région Sud staff: editions, selections, awards, partners',
  reports: 'Reporting jobs: read-only access to /reports',
} as const

export interface StaffDirectoryProps {
  readonly config: StageConfig
}

/**
 * Who may call the staff and reporting routes: a Cognito user pool without self sign-up,
 * its `admin` and `reports` groups, and the app client whose tokens the API accepts.
 *
 * @example const { userPool, client, issuer } = new StaffDirectory(this, 'Staff', { config })
 */
export class StaffDirectory extends Construct {
  readonly userPool: UserPool
  readonly client: UserPoolClient

  constructor(scope: Construct, id: string, { config }: StaffDirectoryProps) {
    super(scope, id)
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${config.prefix}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: config.protectData,
      removalPolicy: config.removalPolicy,
    })
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason: 'MFA is offered (TOTP) but not forced: the reporting job signs in as a ' +
          'machine user in the `reports` group and cannot answer a second factor.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason: 'A staff-only pool of a few dozen users, no self sign-up: the Plus tier ' +
          '(threat protection) costs more than the risk it covers here.',
      },
    )
    for (const [groupName, description] of Object.entries(staffGroups)) {
      const { userPool } = this
      new UserPoolGroup(this, `${groupName}Group`, { userPool, groupName, description })
    }
    this.client = this.userPool.addClient('AppClient', {
      userPoolClientName: `${config.prefix}-api`,
      authFlows: { userSrp: true },
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    })
  }

  /** The token issuer, as API Gateway's JWT authorizer and the API Lambda verify it. */
  get issuer(): string {
    const { stack, userPoolId } = this.userPool
    return `https://cognito-idp.${stack.region}.amazonaws.com/${userPoolId}`
  }
}
