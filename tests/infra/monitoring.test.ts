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
    expect(functions).toHaveLength(6)
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
