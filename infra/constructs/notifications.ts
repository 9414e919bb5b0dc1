import { Duration, Stack } from 'aws-cdk-lib'
import { EventBus, Rule } from 'aws-cdk-lib/aws-events'
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets'
import { PolicyStatement } from 'aws-cdk-lib/aws-iam'
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses'
import { Construct } from 'constructs'
import { tables } from '../../functions/shared/tables.js'
import type { StageConfig } from '../stage-config.js'
import { defineTable, tableEnvironment, tableKey, type DefinedTable } from './dynamo-table.js'
import { DeadLetterQueue } from './dead-letter-queue.js'
import { allow, dynamo } from './grants.js'
import { functionEntry, NodeFunction } from './node-function.js'
import type { PersonalData } from './personal-data.js'
import { feedReads } from './projections.js'

export interface NotificationsProps {
  readonly config: StageConfig
  readonly feed: DefinedTable
  readonly events: DefinedTable
  readonly personalData: PersonalData
  /** Where the messages' links lead when the stage names no public URL: the API's own. */
  readonly apiEndpoint: string
}

/** SES's EventBridge detail types for the returns the notifier acts on. */
export const sesReturnDetailTypes = ['Email Bounced', 'Email Complaint Received'] as const

/**
 * Mail to applicants (functions/notifier): the Outbox table, the notifier (every minute: it
 * catches up with the Feed from its own checkpoint, then sends what is due; not woken by
 * the Feed's stream, which the projector and the dispatcher already read, DynamoDB
 * Streams' two readers a shard at most: mail a minute late is mail on time), the stage's SES
 * configuration set, whose bounces and complaints come back to the notifier through
 * EventBridge's default bus. The sending identity (a domain or an address) is verified in
 * SES out of band (README, "Setting up SES for a stage"): the stage names it
 * (`-c mailIdentity=…`) and only the notifier may send from it, in this configuration set.
 *
 * @example const { notifier, outbox } = new Notifications(this, 'Notifications', { config, feed, events, personalData, apiEndpoint })
 */
export class Notifications extends Construct {
  readonly outbox: DefinedTable
  readonly notifier: NodeFunction
  readonly configurationSet: ConfigurationSet
  readonly returns: Rule
  /** SES returns EventBridge could not hand to the notifier after its retries. */
  readonly returnsDeadLetters: DeadLetterQueue

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id)
    const { config, feed, events, personalData } = props
    const { mail } = config
    const encryptionKey = tableKey(this, 'OutboxKey', config, 'the outbox of mail to applicants')
    this.outbox = defineTable(this, tables.outbox, { config, encryptionKey })

    const configurationSetName = `${config.prefix}-mail`
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName,
      reputationMetrics: true,
    })
    // Bounces and complaints on the account's default bus, where the rule below takes them.
    this.configurationSet.addEventDestination('Returns', {
      destination: EventDestination.eventBus(
        EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
      ),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    })

    this.notifier = new NodeFunction(this, 'Notifier', {
      entry: functionEntry('notifier'),
      runsAs: 'notifier',
      config,
      description: 'Mails applicants from the Feed through an outbox (SES), records bounces',
      // functions/notifier/notifier-config.ts reads each of these.
      environment: {
        ...tableEnvironment(feed, events, this.outbox),
        PUBLIC_URL: mail.publicUrl ?? props.apiEndpoint,
        MAIL_FROM: mail.from,
        MAIL_IDENTITY: mail.identity,
        CONTACT_EMAIL: mail.contactEmail,
        MAIL_CONFIGURATION_SET: configurationSetName,
      },
      // A run sends what is due, 8 at a time, each attempt leased 2 minutes.
      timeout: Duration.seconds(60),
    })
    const { fn } = this.notifier
    fn.node.addDependency(this.configurationSet)
    allow(fn, feed, feedReads)
    // The applications' streams, read to compose each message (Query).
    allow(fn, events, [dynamo.query])
    // Messages queued (PutItem), claimed and settled (UpdateItem), the due ones found on
    // byDue (Query), one reread after a lost answer (GetItem); the checkpoint (GetItem,
    // UpdateItem) and the suppression list (GetItem, PutItem) live there too.
    allow(fn, this.outbox, [dynamo.get, dynamo.put, dynamo.update], {
      indexes: [tables.outbox.globalIndexes[0].indexName],
    })
    personalData.grantMailing(this.notifier)
    // SendEmail from the stage's identity, in its configuration set: IAM checks both.
    const arn = (resource: string, resourceName: string) =>
      Stack.of(this).formatArn({ service: 'ses', resource, resourceName })
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [arn('identity', mail.identity), arn('configuration-set', configurationSetName)],
      }),
    )
    this.notifier.runEvery(Duration.minutes(1))

    // SES's returns of this configuration set's messages (not another stage's). One that
    // cannot be handed over in 6 hours is kept, not dropped: an address that bounced would
    // otherwise be written to again (Monitoring alarms on the queue's first message).
    this.returnsDeadLetters = new DeadLetterQueue(this, 'ReturnsDeadLetters', {
      holds: 'SES bounces and complaints the notifier was not given',
    })
    this.returns = new Rule(this, 'Returns', {
      description: `Bounces and complaints of ${configurationSetName} → the notifier`,
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...sesReturnDetailTypes],
        detail: { mail: { tags: { 'ses:configuration-set': [configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(fn, {
          retryAttempts: 4,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: this.returnsDeadLetters,
        }),
      ],
    })
  }
}
