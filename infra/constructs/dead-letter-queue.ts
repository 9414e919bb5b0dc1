import { Duration, Validations } from 'aws-cdk-lib'
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs'
import type { Construct } from 'constructs'

/**
 * A queue that keeps what a service could not hand over after its own retries (an
 * EventBridge rule's target, say), for a look and a redrive: encrypted (SQS-managed, which
 * EventBridge may send to), TLS only, kept 14 days. Monitoring finds every one in the tree
 * and alarms on its first message, as on the stream consumers' on-failure queues.
 *
 * @example const dlq = new DeadLetterQueue(this, 'ReturnsDeadLetters', { holds: 'SES returns the notifier did not take' })
 */
export class DeadLetterQueue extends Queue {
  /** What lands here, in words for the alarm. */
  readonly holds: string

  constructor(scope: Construct, id: string, { holds }: { holds: string }) {
    super(scope, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    })
    this.holds = holds
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue: it needs no DLQ of its own.',
    })
  }
}
