import { Duration } from 'aws-cdk-lib'
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2'
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  Stats,
  TextWidget,
  TreatMissingData,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch'
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions'
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns'
import { Construct, type IConstruct } from 'constructs'
import {
  metricsNamespace,
  metricsService,
  programmeMetrics,
  type ProgrammeMetric,
} from '../../functions/shared/metrics-catalogue.js'
import type { StageConfig } from '../stage-config.js'
import { DeadLetterQueue } from './dead-letter-queue.js'
import { NodeFunction, StreamConsumer } from './node-function.js'

const period = Duration.minutes(5)

/** Stream records older than this mean a consumer is falling behind (or stuck on a batch). */
export const iteratorAgeThreshold = Duration.minutes(5)

export interface MonitoringProps {
  readonly config: StageConfig
  /** Every NodeFunction and StreamConsumer under this scope gets its alarms. */
  readonly watch: IConstruct
  readonly httpApi: HttpApi
}

/** A function's name on the dashboard: its path in the stack, e.g. `Projections/Indexer`. */
const labelOf = (target: NodeFunction) => target.node.path.split('/').slice(1).join('/')

/**
 * Alarms to one SNS topic (context `alarmTopicArn`, or a topic created here): errors and
 * throttles of every function, iterator age and on-failure queue depth of every stream
 * consumer, the depth of every dead-letter queue (dead-letter-queue.ts), and the API's 5xx. And one dashboard (`<prefix>`, e.g. `delegation-sud-prod`):
 * the programme's counters (functions/shared/metrics-catalogue.ts), the API's traffic,
 * errors, throttles and duration of every function, and the on-failure queues. Build it
 * last: it finds the functions in the tree, so a function added later is watched and
 * drawn without another line.
 *
 * @example new Monitoring(this, 'Monitoring', { config, watch: this, httpApi: api.httpApi })
 */
export class Monitoring extends Construct {
  readonly topic: ITopic
  readonly dashboard: Dashboard
  private readonly prefix: string

  constructor(scope: Construct, id: string, { config, watch, httpApi }: MonitoringProps) {
    super(scope, id)
    this.prefix = config.prefix
    this.topic = config.alarmTopicArn
      ? Topic.fromTopicArn(this, 'Alarms', config.alarmTopicArn)
      : new Topic(this, 'Alarms', { displayName: `${config.prefix} alarms`, enforceSSL: true })
    const functions = watch.node.findAll().filter((c) => c instanceof NodeFunction)
    for (const fn of functions) this.watchFunction(fn)
    for (const queue of watch.node.findAll().filter((c) => c instanceof DeadLetterQueue)) {
      const depth = queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' })
      this.alarm(`${queue.node.scope?.node.id ?? ''}${queue.node.id}`, `${queue.holds} (dead letters)`, depth, 1)
    }
    this.alarm('Api5xx', 'The API answered 5xx', httpApi.metricServerError({ period }), 1)
    // A message given up is a person not told (retries spent, or refused: an unverified identity).
    const givenUp = programmeMetric(metricsNamespace(config.stage), 'messagesGivenUp', Stats.SUM)
    this.alarm('MessagesGivenUp', 'Mail to an applicant was given up', givenUp, 1)
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: config.prefix,
      defaultInterval: Duration.days(1),
      widgets: [
        [new TextWidget({ markdown: `# ${config.prefix}: the programme`, width: 24, height: 1 })],
        programmeWidgets(metricsNamespace(config.stage)),
        [new TextWidget({ markdown: '# The API and the Lambdas', width: 24, height: 1 })],
        apiWidgets(httpApi),
        ...functionRows(functions),
      ],
    })
  }

  private watchFunction(target: NodeFunction): void {
    const name = target.node.id
    const { fn } = target
    this.alarm(`${name}Errors`, `${name} failed`, fn.metricErrors({ period }), 1)
    this.alarm(`${name}Throttles`, `${name} was throttled`, fn.metricThrottles({ period }), 1)
    if (!(target instanceof StreamConsumer)) return
    const iteratorAge = fn.metric('IteratorAge', { period, statistic: 'Maximum' })
    this.alarm(
      `${name}IteratorAge`,
      `${name} is more than ${iteratorAgeThreshold.toHumanString()} behind its stream`,
      iteratorAge,
      iteratorAgeThreshold.toMilliseconds(),
    )
    const depth = target.onFailure.metricApproximateNumberOfMessagesVisible({
      period,
      statistic: 'Maximum',
    })
    this.alarm(`${name}OnFailure`, `${name} gave up on stream records`, depth, 1)
  }

  private alarm(id: string, description: string, metric: IMetric, threshold: number): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: `${this.prefix}: ${description}`,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    })
    const action = new SnsAction(this.topic)
    alarm.addAlarmAction(action)
    alarm.addOkAction(action)
    return alarm
  }
}

/** A programme metric as the Lambdas write it (functions/shared/metrics.ts). */
const programmeMetric = (namespace: string, metric: ProgrammeMetric, statistic: string) =>
  new Metric({
    namespace,
    metricName: programmeMetrics[metric].name,
    dimensionsMap: { service: metricsService },
    statistic,
    period,
  })

const graph = (title: string, left: IMetric[], width = 8): GraphWidget =>
  new GraphWidget({ title, left, width, height: 6 })

/** Applications by outcome, webhooks that failed, mail to applicants, how long a fact takes to reach the reports. */
const programmeWidgets = (namespace: string): IWidget[] => {
  const sum = (metric: ProgrammeMetric, label: string) =>
    programmeMetric(namespace, metric, Stats.SUM).with({ label })
  const lag = (statistic: string) =>
    programmeMetric(namespace, 'projectionLag', statistic).with({ label: `lag ${statistic}` })
  return [
    graph(
      'Applications',
      [
        sum('applicationsSubmitted', 'submitted'),
        sum('applicationsSelected', 'selected'),
        sum('applicationsRejected', 'rejected'),
        sum('applicationsWithdrawn', 'withdrawn'),
      ],
      6,
    ),
    graph(
      'Webhooks',
      [sum('deliveriesFailed', 'failed posts (retried)'), sum('deadLetters', 'dead letters')],
      6,
    ),
    graph(
      'Mail to applicants',
      [
        sum('messagesSent', 'sent'),
        sum('messageSendsFailed', 'failed attempts (retried)'),
        sum('messagesGivenUp', 'given up'),
      ],
      6,
    ),
    graph(
      'Projection lag (ms, event recorded → in the reports)',
      [lag(Stats.p(50)), lag(Stats.p(99)), lag(Stats.MAXIMUM)],
      6,
    ),
  ]
}

/** Requests, client and server errors, latency of the HTTP API. */
const apiWidgets = (httpApi: HttpApi): IWidget[] => [
  graph('API requests', [httpApi.metricCount({ period, label: 'requests' })]),
  graph('API errors', [
    httpApi.metricClientError({ period, label: '4xx' }),
    httpApi.metricServerError({ period, label: '5xx' }),
  ]),
  graph('API latency (ms)', [
    httpApi.metricLatency({ period, statistic: Stats.p(50), label: 'p50' }),
    httpApi.metricLatency({ period, statistic: Stats.p(99), label: 'p99' }),
  ]),
]

/** One line per function: errors, throttles, duration; then the stream consumers' queues. */
const functionRows = (functions: readonly NodeFunction[]): IWidget[][] => {
  const each = (metric: (fn: NodeFunction['fn']) => Metric) =>
    functions.map((target) => metric(target.fn).with({ label: labelOf(target) }))
  const consumers = functions.filter((target) => target instanceof StreamConsumer)
  const ofConsumers = (metric: (target: StreamConsumer) => Metric) =>
    consumers.map((target) => metric(target).with({ label: labelOf(target) }))
  return [
    [
      graph(
        'Lambda errors',
        each((fn) => fn.metricErrors({ period })),
      ),
      graph(
        'Lambda throttles',
        each((fn) => fn.metricThrottles({ period })),
      ),
      graph(
        'Lambda duration p99 (ms)',
        each((fn) => fn.metricDuration({ period, statistic: Stats.p(99) })),
      ),
    ],
    [
      graph(
        'Stream consumers: iterator age max (ms)',
        ofConsumers(({ fn }) => fn.metric('IteratorAge', { period, statistic: Stats.MAXIMUM })),
        12,
      ),
      graph(
        'On-failure queues: stream records given up (DLQ depth)',
        ofConsumers(({ onFailure }) =>
          onFailure.metricApproximateNumberOfMessagesVisible({ period, statistic: Stats.MAXIMUM }),
        ),
        12,
      ),
    ],
  ]
}
