import { Duration, Validations } from 'aws-cdk-lib'
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClientIdentityProvider,
  UserPoolGroup,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito'
import { Construct } from 'constructs'
import { partnerRole } from '../../functions/shared/http/token-verifier.js'
import type { StageConfig } from '../stage-config.js'

/**
 * The Cognito groups the API turns into roles (functions/http/auth/authorize.ts), and the
 * role of partners' people: each is also in its partner's own group `partner:<partnerId>`,
 * created when staff invite its first user (functions/partner-users).
 */
export const staffGroups = {
  admin: 'Région Sud staff: editions, selections, awards, partners',
  reports: 'Reporting jobs: read-only access to /reports',
  [partnerRole]: 'People of a partner, each also in its group partner:<partnerId>: the portal',
} as const

export interface StaffDirectoryProps {
  readonly config: StageConfig
  /** Where the staff pages are served (the HTTP API's endpoint): their sign-in callback. */
  readonly pagesUrl: string
}

/**
 * Who may call the staff and reporting routes, and sign in to the partners' portal: a
 * Cognito user pool without self sign-up, its `admin`, `reports` and `partner` groups, and
 * the app client whose tokens the API accepts.
 *
 * @example const { userPool, client, issuer } = new StaffDirectory(this, 'Staff', { config })
 */
export class StaffDirectory extends Construct {
  readonly userPool: UserPool
  readonly client: UserPoolClient
  /** The managed login's domain, where the staff pages send people to sign in. */
  readonly domain: UserPoolDomain

  constructor(scope: Construct, id: string, { config, pagesUrl }: StaffDirectoryProps) {
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
      // Staff with `admin` export, erase and issue keys: a password alone must not do. Cognito
      // requires MFA per pool, not per group, so every user of the pool answers a TOTP code at
      // each sign-in (set up at the first one); SMS is off (SIM swapping, and a cost per code).
      // A reporting job answers from its TOTP seed, kept where its password is.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: config.protectData,
      removalPolicy: config.removalPolicy,
    })
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'A staff-only pool of a few dozen users, no self sign-up: the Plus tier ' +
        '(threat protection) costs more than the risk it covers here.',
    })
    for (const [groupName, description] of Object.entries(staffGroups)) {
      const { userPool } = this
      new UserPoolGroup(this, `${groupName}Group`, { userPool, groupName, description })
    }
    // One client, so the pages' tokens are the API's: SRP for the reporting job, the
    // authorization code flow (PKCE, no secret: the Lambda is a public client) for the pages,
    // and admin password sign-in for operators (`aws cognito-idp admin-initiate-auth`, then the
    // TOTP challenge; it needs IAM credentials on the pool: the token `npm run smoke` takes, see
    // the README).
    this.client = this.userPool.addClient('AppClient', {
      userPoolClientName: `${config.prefix}-api`,
      authFlows: { userSrp: true, adminUserPassword: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        // The staff pages and the partners' portal sign in through the same client and the
        // same callback, which opens the portal's session for a partner's user (sign-in.ts).
        callbackUrls: [`${pagesUrl}/staff/callback`],
        logoutUrls: [`${pagesUrl}/staff/signed-out`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    })
    // Cognito's managed login (the newer pages), on a Cognito domain: no certificate to run.
    this.domain = this.userPool.addDomain('Login', {
      cognitoDomain: { domainPrefix: config.staffLoginDomainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    })
    // Managed login shows nothing for a client without a style: Cognito's own will do.
    new CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    })
  }

  /** The token issuer, as API Gateway's JWT authorizer and the API Lambda verify it. */
  get issuer(): string {
    const { stack, userPoolId } = this.userPool
    return `https://cognito-idp.${stack.region}.amazonaws.com/${userPoolId}`
  }
}
