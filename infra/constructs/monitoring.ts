import { Duration } from 'aws-cdk-lib'
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2'
import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch'
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions'
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns'
import { Construct, type IConstruct } from 'constructs'
import type { StageConfig } from '../stage-config.js'
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

/**
 * Alarms to one SNS topic (context `alarmTopicArn`, or a topic created here): errors and
 * throttles of every function, iterator age and on-failure queue depth of every stream
 * consumer, and the API's 5xx. Build it last: it finds the functions in the tree, so a
 * function added later is watched without another line.
 *
 * @example new Monitoring(this, 'Monitoring', { config, watch: this, httpApi: api.httpApi })
 */
export class Monitoring extends Construct {
  readonly topic: ITopic
  private readonly prefix: string

  constructor(scope: Construct, id: string, { config, watch, httpApi }: MonitoringProps) {
    super(scope, id)
    this.prefix = config.prefix
    this.topic = config.alarmTopicArn
      ? Topic.fromTopicArn(this, 'Alarms', config.alarmTopicArn)
      : new Topic(this, 'Alarms', { displayName: `${config.prefix} alarms`, enforceSSL: true })
    const functions = watch.node.findAll().filter((c) => c instanceof NodeFunction)
    for (const fn of functions) this.watchFunction(fn)
    this.alarm('Api5xx', 'The API answered 5xx', httpApi.metricServerError({ period }), 1)
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
