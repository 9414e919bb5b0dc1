import { RemovalPolicy } from 'aws-cdk-lib'
import { RetentionDays } from 'aws-cdk-lib/aws-logs'
import type { Node } from 'constructs'
import { z } from 'zod'

export const stages = ['dev', 'prod'] as const
export type Stage = (typeof stages)[number]

export interface Throttle {
  readonly rateLimit: number
  readonly burstLimit: number
}

/** Everything that differs between stages, decided once here rather than in each construct. */
export interface StageConfig {
  readonly stage: Stage
  /** Prefix of every physical name, e.g. `delegation-sud-dev` (see physicalTableName). */
  readonly prefix: string
  /** Browser origins allowed to post the registration form. */
  readonly corsOrigins: readonly string[]
  /** An existing SNS topic for alarms; the stack creates one when absent. */
  readonly alarmTopicArn: string | undefined
  /** Prod keeps data: deletion protection, RETAIN, a customer-managed key on Events. */
  readonly protectData: boolean
  readonly removalPolicy: RemovalPolicy
  readonly logRetention: RetentionDays
  /**
   * The gateway's throttles are a backstop, not the fairness: they are one bucket for every
   * client, so sized below them a few junk requests a second would block every applicant.
   * Fairness is the app's limits per caller (functions/http/rate-limits.ts, shared by every
   * instance); these only cap what a flood can cost (Lambda concurrency, DynamoDB writes),
   * well above a deadline's real peak (a few applications a second; the app takes ~100/s).
   */
  readonly apiThrottle: Throttle
  readonly registrationThrottle: Throttle
  /** The staff managed login's Cognito domain prefix (unique within the region). */
  readonly staffLoginDomainPrefix: string
  /** Contacts are erased this many days after their start-up's last edition ended. */
  readonly personalDataRetentionDays: number
  /** Limits per caller, enforced by the API itself (functions/http/rate-limits.ts). */
  readonly callerLimits: CallerLimits
  /** Mail to applicants (infra/constructs/notifications.ts). */
  readonly mail: MailSettings
}

export interface MailSettings {
  /** The SES identity the stage verified: a domain, or an address. */
  readonly identity: string
  /** Who the programme writes as: `Name <address>`, an address of `identity`. */
  readonly from: string
  /** Where people write to the Région (Reply-To, and the messages' footer). */
  readonly contactEmail: string
  /** Where the messages' links lead; the API's own endpoint when absent. */
  readonly publicUrl: string | undefined
}

export interface CallerLimits {
  /** Requests per minute per client address on public calls; 0 turns the limit off. */
  readonly publicPerMinute: number
  /** Requests per minute per partner API key; 0 turns the limit off. */
  readonly partnerPerMinute: number
  /** Live webhook subscriptions one partner may hold. */
  readonly subscriptionsPerPartner: number
  /** The ports a webhook receiver may listen on. */
  readonly webhookPorts: readonly number[]
}

/**
 * The API's environment for the limits (read by functions/http/config.ts and
 * functions/webhooks/target-policy.ts).
 *
 * @example environment: { ...limitsEnvironment(config.callerLimits) }
 */
export const limitsEnvironment = (limits: CallerLimits): Record<string, string> => ({
  PUBLIC_RATE_LIMIT: String(limits.publicPerMinute),
  PARTNER_RATE_LIMIT: String(limits.partnerPerMinute),
  MAX_SUBSCRIPTIONS_PER_PARTNER: String(limits.subscriptionsPerPartner),
  WEBHOOK_ALLOWED_PORTS: limits.webhookPorts.join(','),
})

// Context from `-c key=value` arrives as a string; from cdk.json it may be a list.
const list = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (typeof value === 'string' ? value.split(',') : value))
  .transform((values) => values.map((item) => item.trim()).filter(Boolean))
  .pipe(z.array(z.url()))

const contextSchema = z.object({
  stage: z.enum(stages).default('dev'),
  corsOrigins: list.optional(),
  alarmTopicArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:sns:/, 'alarmTopicArn must be an SNS topic ARN')
    .optional(),
  publicRateLimit: z.coerce.number().int().min(0).optional(),
  partnerRateLimit: z.coerce.number().int().min(0).optional(),
  maxSubscriptionsPerPartner: z.coerce.number().int().min(1).max(1_000).optional(),
  staffLoginDomain: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'staffLoginDomain must be a Cognito domain prefix')
    .optional(),
  personalDataRetentionDays: z.coerce.number().int().min(30).max(3650).optional(),
  mailIdentity: z
    .string()
    .regex(/^([^@\s]+@)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'mailIdentity must be a domain or an address SES verified')
    .optional(),
  mailFrom: z.string().min(3).max(320).optional(),
  contactEmail: z.email().optional(),
  publicUrl: z.url({ protocol: /^https$/ }).optional(),
})

// The local form (Vite's dev server) in dev; prod's origins must be given explicitly.
const defaultOrigins: Record<Stage, readonly string[]> = {
  dev: ['http://localhost:5173'],
  prod: [],
}

/**
 * The stage's settings from CDK context (`-c stage=prod -c corsOrigins=https://a,https://b
 * -c alarmTopicArn=arn:aws:sns:… -c staffLoginDomain=region-sud-staff
 * -c personalDataRetentionDays=1096 -c mailIdentity=maregionsud.fr
 * -c mailFrom='Délégation Sud <delegation@maregionsud.fr>' -c contactEmail=… -c publicUrl=https://…`),
 * defaulting to dev.
 *
 * @example const config = stageConfigFromContext(app.node)
 */
export const stageConfigFromContext = (node: Node): StageConfig => {
  // tryGetContext answers `any`: it is unknown until the schema has parsed it.
  const given = (key: string): unknown => node.tryGetContext(key)
  const context = contextSchema.parse({
    stage: given('stage'),
    corsOrigins: given('corsOrigins'),
    alarmTopicArn: given('alarmTopicArn'),
    staffLoginDomain: given('staffLoginDomain'),
    personalDataRetentionDays: given('personalDataRetentionDays'),
    publicRateLimit: given('publicRateLimit'),
    partnerRateLimit: given('partnerRateLimit'),
    maxSubscriptionsPerPartner: given('maxSubscriptionsPerPartner'),
    mailIdentity: given('mailIdentity'),
    mailFrom: given('mailFrom'),
    contactEmail: given('contactEmail'),
    publicUrl: given('publicUrl'),
  })
  // Placeholders until the stage names its verified identity: SES refuses to send from an
  // unverified one, so nothing leaves (each message given up, which raises the MessagesGivenUp alarm).
  const mailIdentity = context.mailIdentity ?? 'delegation-sud.example'
  const mailDomain = mailIdentity.includes('@') ? mailIdentity.split('@')[1] : mailIdentity
  const mailFrom = context.mailFrom ?? `Délégation Sud <${mailIdentity.includes('@') ? mailIdentity : `delegation@${mailDomain}`}>`
  // SES sends only from its verified identity: an address of it (the domain's, or itself).
  const fromAddress = (/<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom).trim().toLowerCase()
  const identity = mailIdentity.toLowerCase()
  if (fromAddress !== identity && !fromAddress.endsWith(`@${identity}`)) {
    throw new Error(`mailFrom must be an address of mailIdentity (${mailIdentity}): ${mailFrom}`)
  }
  const prod = context.stage === 'prod'
  return {
    stage: context.stage,
    prefix: `delegation-sud-${context.stage}`,
    corsOrigins: context.corsOrigins ?? defaultOrigins[context.stage],
    alarmTopicArn: context.alarmTopicArn,
    protectData: prod,
    removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: prod ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK,
    apiThrottle: prod ? { rateLimit: 200, burstLimit: 400 } : { rateLimit: 50, burstLimit: 100 },
    registrationThrottle: prod ? { rateLimit: 100, burstLimit: 200 } : { rateLimit: 25, burstLimit: 50 },
    staffLoginDomainPrefix: context.staffLoginDomain ?? `delegation-sud-${context.stage}-staff`,
    // Three years after the last edition's end (RGPD storage limitation), unless the stage says.
    personalDataRetentionDays: context.personalDataRetentionDays ?? 3 * 365 + 1,
    // Generous per address: an incubator's start-ups may all apply from one address in the
    // last hour before a deadline (the same defaults as npm start's, functions/http/config.ts).
    callerLimits: {
      publicPerMinute: context.publicRateLimit ?? 300,
      partnerPerMinute: context.partnerRateLimit ?? 600,
      subscriptionsPerPartner: context.maxSubscriptionsPerPartner ?? 20,
      webhookPorts: [443, 8443],
    },
    mail: {
      identity: mailIdentity,
      from: mailFrom,
      contactEmail: context.contactEmail ?? `contact@${mailDomain}`,
      publicUrl: context.publicUrl,
    },
  }
}
