/**
 * The programme's metrics, named once for the Lambdas that emit them (metrics.ts) and the
 * dashboard that reads them (infra/constructs/monitoring.ts): a name that differed between
 * the two would draw an empty graph, not an error. Imports nothing, so infra may import it.
 */
export const programmeMetrics = {
  /** A start-up's application recorded (the API, after its append). */
  applicationsSubmitted: { name: 'ApplicationsSubmitted', unit: 'Count' },
  applicationsSelected: { name: 'ApplicationsSelected', unit: 'Count' },
  applicationsRejected: { name: 'ApplicationsRejected', unit: 'Count' },
  applicationsWithdrawn: { name: 'ApplicationsWithdrawn', unit: 'Count' },
  /** A webhook post that failed and will be retried (the dispatcher and the deliverer). */
  deliveriesFailed: { name: 'DeliveriesFailed', unit: 'Count' },
  /** A webhook that failed for good and was set aside for a redrive. */
  deadLetters: { name: 'DeadLetters', unit: 'Count' },
  /** A message handed over to the mail service (the notifier). */
  messagesSent: { name: 'MessagesSent', unit: 'Count' },
  /** A message the mail service could not take now: tried again later. */
  messageSendsFailed: { name: 'MessageSendsFailed', unit: 'Count' },
  /** A message given up: its retries spent, or refused for good. */
  messagesGivenUp: { name: 'MessagesGivenUp', unit: 'Count' },
  /** From an event's recording to the end of the projector run that folded it. */
  projectionLag: { name: 'ProjectionLag', unit: 'Milliseconds' },
} as const

export type ProgrammeMetric = keyof typeof programmeMetrics

/**
 * One CloudWatch namespace per stage (`DelegationSud/prod`), so a stage's graphs never mix
 * in another's; the CDK app gives each Lambda its own as POWERTOOLS_METRICS_NAMESPACE.
 *
 * @example metricsNamespace('dev') // 'DelegationSud/dev'
 */
export const metricsNamespace = (stage: string): string => `DelegationSud/${stage}`

/**
 * The `service` dimension Powertools puts on every metric: the programme, not the function,
 * so a fact counted by two Lambdas (the dispatcher and the deliverer both post webhooks)
 * is one metric.
 */
export const metricsService = 'delegation-sud'
