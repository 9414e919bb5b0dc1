import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { createDelegationSudApp } from '../../infra/stack.js'

const topicArn = 'arn:aws:sns:eu-west-3:123456789012:delegation-sud-oncall'

// One synthesis per stage for the file: each bundles the six handlers.
const synth = (context: Record<string, unknown>) => {
  const { stack } = createDelegationSudApp({
    context,
    builtinCloudFormationValidation: false,
  })
  const template = Template.fromStack(stack)
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string
  return { stack, template, id }
}
const dev = synth({ stage: 'dev' })
const prod = synth({ stage: 'prod', alarmTopicArn: topicArn })

const alarms = (template: Template) =>
  Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties)

const functionName = (props: { Dimensions?: Array<{ Name: string; Value: unknown }> }) =>
  props.Dimensions?.find((d) => d.Name === 'FunctionName')?.Value

describe('alarms', () => {
  it('watch errors and throttles of every function', () => {
    const { template } = dev
    const functions = Object.keys(template.findResources('AWS::Lambda::Function'))
    expect(functions).toHaveLength(8)
    for (const metric of ['Errors', 'Throttles']) {
      const watched = alarms(template)
        .filter((a) => a.MetricName === metric && a.Namespace === 'AWS/Lambda')
        .map((a) => functionName(a))
      expect(watched).toEqual(expect.arrayContaining(functions.map((id) => ({ Ref: id }))))
      expect(watched).toHaveLength(functions.length)
    }
  })

  it('watch the iterator age and the on-failure queue of every stream consumer', () => {
    const { stack, template, id } = dev
    const consumers = [
      stack.projections.indexer,
      stack.projections.projector,
      stack.webhooks.dispatcher,
    ]
    for (const consumer of consumers) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'IteratorAge',
        Statistic: 'Maximum',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: id(consumer.fn) } }],
        Threshold: 5 * 60 * 1000,
      })
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': [id(consumer.onFailure), 'QueueName'] } },
        ],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      })
    }
  })

  it('watch mail to applicants given up, as the notifier counts it', () => {
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'DelegationSud/dev',
      MetricName: 'MessagesGivenUp',
      Dimensions: [{ Name: 'service', Value: 'delegation-sud' }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    })
  })

  it('watch the API 5xx', () => {
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: dev.id(dev.stack.api.httpApi) } }],
    })
  })

  it('notify a topic created for them when none is given', () => {
    const topicId = dev.template.getResourceId('AWS::SNS::Topic')
    for (const alarm of alarms(dev.template)) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }])
      expect(alarm.TreatMissingData).toBe('notBreaching')
    }
    dev.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    })
  })

  it('notify the topic given as context (alarmTopicArn), creating none', () => {
    prod.template.resourceCountIs('AWS::SNS::Topic', 0)
    const all = alarms(prod.template)
    expect(all.length).toBeGreaterThan(0)
    for (const alarm of all) {
      expect(alarm.AlarmActions).toEqual([topicArn])
      expect(alarm.OKActions).toEqual([topicArn])
    }
  })
})

/**
 * The dashboard's body, parsed: CloudFormation joins it from strings and references, each
 * reference written here as `Ref:<id>` or `GetAtt:<id>.<attribute>`.
 */
const dashboardOf = (template: Template) => {
  const [dashboard, ...others] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))
  expect(others).toEqual([])
  const [, parts] = dashboard?.Properties.DashboardBody['Fn::Join'] as [string, unknown[]]
  const text = parts
    .map((part: any) =>
      typeof part === 'string'
        ? part
        : part.Ref
          ? `Ref:${part.Ref}`
          : `GetAtt:${part['Fn::GetAtt'].join('.')}`,
    )
    .join('')
  const body = JSON.parse(text) as { widgets: Array<{ type: string; properties: any }> }
  const graphs = body.widgets.filter((w) => w.type === 'metric').map((w) => w.properties)
  /** A graph's metrics as [namespace, name, dimension value, label, stat]. */
  const metricsOf = (title: string) => {
    const graph = graphs.find((g) => g.title === title)
    expect(graph, title).toBeDefined()
    return (graph.metrics as unknown[][]).map((metric) => {
      const options = metric.at(-1) as { label?: string; stat?: string }
      return [metric[0], metric[1], metric[3], options.label, options.stat]
    })
  }
  return { name: dashboard?.Properties.DashboardName, graphs, metricsOf }
}

describe('the dashboard', () => {
  const { metricsOf, name, graphs } = dashboardOf(dev.template)

  it('is named after the stage and shows the programme, the API and every Lambda', () => {
    expect(name).toBe('delegation-sud-dev')
    expect(dashboardOf(prod.template).name).toBe('delegation-sud-prod')
    expect(graphs.map((g) => g.title)).toEqual([
      'Applications',
      'Webhooks',
      'Mail to applicants',
      'Projection lag (ms, event recorded → in the reports)',
      'API requests',
      'API errors',
      'API latency (ms)',
      'Lambda errors',
      'Lambda throttles',
      'Lambda duration p99 (ms)',
      'Stream consumers: iterator age max (ms)',
      'On-failure queues: stream records given up (DLQ depth)',
    ])
  })

  it('graphs the programme counters as the Lambdas write them, in the stage namespace', () => {
    const programme = (metric: string, label: string, stat = 'Sum') => [
      'DelegationSud/dev',
      metric,
      'delegation-sud',
      label,
      stat,
    ]
    expect(metricsOf('Applications')).toEqual([
      programme('ApplicationsSubmitted', 'submitted'),
      programme('ApplicationsSelected', 'selected'),
      programme('ApplicationsRejected', 'rejected'),
      programme('ApplicationsWithdrawn', 'withdrawn'),
    ])
    expect(metricsOf('Webhooks')).toEqual([
      programme('DeliveriesFailed', 'failed posts (retried)'),
      programme('DeadLetters', 'dead letters'),
    ])
    expect(metricsOf('Mail to applicants')).toEqual([
      programme('MessagesSent', 'sent'),
      programme('MessageSendsFailed', 'failed attempts (retried)'),
      programme('MessagesGivenUp', 'given up'),
    ])
    expect(metricsOf('Projection lag (ms, event recorded → in the reports)')).toEqual([
      programme('ProjectionLag', 'lag p50', 'p50'),
      programme('ProjectionLag', 'lag p99', 'p99'),
      programme('ProjectionLag', 'lag Maximum', 'Maximum'),
    ])
    expect(dashboardOf(prod.template).metricsOf('Applications')[0]?.[0]).toBe('DelegationSud/prod')
  })

  it("graphs the API's requests, 4xx, 5xx and latency", () => {
    const api = `Ref:${dev.id(dev.stack.api.httpApi)}`
    // SampleCount, as CDK reads Count by default (AWS's advice for this metric).
    expect(metricsOf('API requests')).toEqual([
      ['AWS/ApiGateway', 'Count', api, 'requests', 'SampleCount'],
    ])
    expect(metricsOf('API errors')).toEqual([
      ['AWS/ApiGateway', '4xx', api, '4xx', 'Sum'],
      ['AWS/ApiGateway', '5xx', api, '5xx', 'Sum'],
    ])
    expect(metricsOf('API latency (ms)')).toEqual([
      ['AWS/ApiGateway', 'Latency', api, 'p50', 'p50'],
      ['AWS/ApiGateway', 'Latency', api, 'p99', 'p99'],
    ])
  })

  it('graphs errors, throttles and duration of every function, and the queues of every stream consumer', () => {
    const functions = Object.keys(dev.template.findResources('AWS::Lambda::Function')).map(
      (id) => `Ref:${id}`,
    )
    for (const [title, metric, stat] of [
      ['Lambda errors', 'Errors', 'Sum'],
      ['Lambda throttles', 'Throttles', 'Sum'],
      ['Lambda duration p99 (ms)', 'Duration', 'p99'],
    ]) {
      const lines = metricsOf(title as string)
      expect(lines.map(([namespace, name, , , s]) => [namespace, name, s])).toEqual(
        functions.map(() => ['AWS/Lambda', metric, stat]),
      )
      expect(lines.map(([, , fn]) => fn).sort()).toEqual([...functions].sort())
    }
    expect(metricsOf('Lambda errors').map(([, , , label]) => label)).toEqual(
      expect.arrayContaining(['Api/Handler', 'Projections/Indexer', 'Webhooks/Deliverer']),
    )
    const { stack, id } = dev
    const consumers = [
      stack.projections.indexer,
      stack.projections.projector,
      stack.webhooks.dispatcher,
    ]
    const byLabel = (a: unknown[], b: unknown[]) => String(a[3]).localeCompare(String(b[3]))
    expect(
      metricsOf('On-failure queues: stream records given up (DLQ depth)').sort(byLabel),
    ).toEqual(
      consumers
        .map((consumer) => [
          'AWS/SQS',
          'ApproximateNumberOfMessagesVisible',
          `GetAtt:${id(consumer.onFailure)}.QueueName`,
          consumer.node.path.split('/').slice(1).join('/'),
          'Maximum',
        ])
        .sort(byLabel),
    )
    expect(
      metricsOf('Stream consumers: iterator age max (ms)').map(([, name, fn]) => [name, fn]),
    ).toEqual(
      expect.arrayContaining(
        consumers.map((consumer) => ['IteratorAge', `Ref:${id(consumer.fn)}`]),
      ),
    )
    expect(metricsOf('Stream consumers: iterator age max (ms)')).toHaveLength(consumers.length)
  })
})
