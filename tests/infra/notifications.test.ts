import { Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { isSesEvent, sesReturnEvent } from '../../functions/notifier/mail-returns.js'
import { notifierEnv } from '../../functions/notifier/notifier-config.js'
import { createDelegationSudApp } from '../../infra/stack.js'
import { matchesFilters } from '../../local/event-filter.js'
import { sesComplaint, sesDelivery, sesPermanentBounce } from '../fixtures/ses-events.js'

// One synthesis per stage for the file; prod with the settings a stage gives for its mail.
const synth = (context: Record<string, unknown>) => {
  const { stack } = createDelegationSudApp({ context, builtinCloudFormationValidation: false })
  const template = Template.fromStack(stack)
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string
  const variables = () =>
    template.toJSON().Resources[id(stack.notifications.notifier.fn)].Properties.Environment
      .Variables as Record<string, unknown>
  return { stack, template, id, variables }
}
const dev = synth({ stage: 'dev' })
const prod = synth({
  stage: 'prod',
  mailIdentity: 'maregionsud.fr',
  mailFrom: 'Délégation Sud <delegation@maregionsud.fr>',
  contactEmail: 'entreprises@maregionsud.fr',
  publicUrl: 'https://delegation.maregionsud.fr',
})

describe('mail to applicants in AWS', () => {
  it('gives the notifier settings its own schema accepts (prod: the stage’s; dev: placeholders, the API’s URL)', () => {
    const given = prod.variables()
    expect(notifierEnv.parse({ ...given, PUBLIC_URL: given.PUBLIC_URL })).toMatchObject({
      PUBLIC_URL: 'https://delegation.maregionsud.fr',
      MAIL_FROM: 'Délégation Sud <delegation@maregionsud.fr>',
      MAIL_IDENTITY: 'maregionsud.fr',
      CONTACT_EMAIL: 'entreprises@maregionsud.fr',
      MAIL_CONFIGURATION_SET: 'delegation-sud-prod-mail',
    })
    const placeholder = dev.variables()
    // Without a publicUrl, the links lead to the HTTP API's own endpoint.
    expect(placeholder.PUBLIC_URL).toEqual({
      'Fn::GetAtt': [dev.id(dev.stack.api.httpApi), 'ApiEndpoint'],
    })
    expect(
      notifierEnv.safeParse({
        ...placeholder,
        PUBLIC_URL: 'https://standin.execute-api.eu-west-3.amazonaws.com',
      }).success,
    ).toBe(true)
  })

  it('refuses, at synth, a stage whose sender is not an address of its identity', () => {
    expect(() =>
      createDelegationSudApp({
        context: {
          stage: 'dev',
          mailIdentity: 'maregionsud.fr',
          mailFrom: 'Délégation Sud <delegation@elsewhere.example>',
        },
        builtinCloudFormationValidation: false,
      }),
    ).toThrow(/mailFrom must be an address of mailIdentity/)
  })

  it('has the configuration set the notifier names send bounces and complaints to the default bus', () => {
    const name = prod.variables().MAIL_CONFIGURATION_SET
    prod.template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: name })
    const destinations = Object.values(
      prod.template.findResources('AWS::SES::ConfigurationSetEventDestination'),
    ).map((d) => d.Properties)
    expect(destinations).toHaveLength(1)
    expect(destinations[0].ConfigurationSetName).toEqual({
      Ref: prod.id(prod.stack.notifications.configurationSet),
    })
    expect(destinations[0].EventDestination).toMatchObject({
      Enabled: true,
      MatchingEventTypes: expect.arrayContaining(['bounce', 'complaint']),
    })
    expect(destinations[0].EventDestination.MatchingEventTypes).toHaveLength(2)
    expect(JSON.stringify(destinations[0].EventDestination.EventBridgeDestination)).toContain(
      ':event-bus/default',
    )
  })

  it('routes SES’s bounces and complaints of its own configuration set to the notifier, and nothing else', () => {
    const { template, stack, id } = prod
    const name = String(prod.variables().MAIL_CONFIGURATION_SET)
    const rules = Object.values(template.findResources('AWS::Events::Rule')).filter((rule) =>
      rule.Properties.EventPattern?.source?.includes('aws.ses'),
    )
    expect(rules).toHaveLength(1)
    const { EventPattern, Targets } = rules[0]?.Properties ?? {}
    expect(Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [id(stack.notifications.notifier.fn), 'Arn'] },
      }),
    ])
    const reaches = (event: unknown) => matchesFilters([EventPattern], event)
    const ref = 'ces-2028.app.000000000002.application-contact'
    for (const event of [
      sesPermanentBounce(name, 'ines@calanques.example', ref),
      sesComplaint(name, 'ines@calanques.example', ref),
    ]) {
      expect(reaches(event)).toBe(true)
      // What reaches it, the handler takes as SES's and reads.
      expect(isSesEvent(event)).toBe(true)
      expect(sesReturnEvent.safeParse(event).success).toBe(true)
    }
    expect(reaches(sesDelivery(name, 'ines@calanques.example', ref))).toBe(false)
    expect(
      reaches(sesPermanentBounce('delegation-sud-dev-mail', 'ines@calanques.example', ref)),
    ).toBe(false)
  })

  it('keeps the SES returns EventBridge could not hand to the notifier in a dead-letter queue, which alarms on its first message', () => {
    for (const { template, stack, id } of [dev, prod]) {
      const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>
      const queue = id(stack.notifications.returnsDeadLetters)
      const rule = id(stack.notifications.returns)
      const [target, ...others] = resources[rule]?.Properties.Targets ?? []
      expect(others).toEqual([])
      expect(target).toMatchObject({
        Arn: { 'Fn::GetAtt': [id(stack.notifications.notifier.fn), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queue, 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 6 * 3600 },
      })
      expect(resources[queue]?.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 })
      // EventBridge may put this rule's events there, and only this rule's.
      const policies = Object.values(resources).filter(
        (r) => r.Type === 'AWS::SQS::QueuePolicy' && JSON.stringify(r.Properties.Queues).includes(queue),
      )
      const sends = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, any>[]).filter((s) => s.Effect === 'Allow')
      expect(sends).toEqual([
        expect.objectContaining({
          Action: 'sqs:SendMessage',
          Principal: { Service: 'events.amazonaws.com' },
          Resource: { 'Fn::GetAtt': [queue, 'Arn'] },
          Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } },
        }),
      ])
      const alarms = Object.values(resources).filter(
        (r) =>
          r.Type === 'AWS::CloudWatch::Alarm' &&
          JSON.stringify(r.Properties.Dimensions ?? []).includes(queue),
      )
      expect(alarms.map((a) => a.Properties)).toEqual([
        expect.objectContaining({
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          AlarmActions: [expect.anything()],
        }),
      ])
    }
  })

  it('keeps the outbox in a table of its own, backed up, encrypted with its own key in prod', () => {
    const outbox = Object.values(prod.template.findResources('AWS::DynamoDB::Table')).find(
      (table) => table.Properties.TableName === 'delegation-sud-prod-Outbox',
    )
    expect(outbox?.Properties).toMatchObject({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      GlobalSecondaryIndexes: [
        expect.objectContaining({ IndexName: 'byDue' }),
        expect.objectContaining({ IndexName: 'byApplication' }),
      ],
    })
    expect(prod.variables().OUTBOX_TABLE).toEqual({
      Ref: prod.id(prod.stack.notifications.outbox.table),
    })
  })

  it('lets the API query the outbox’s byApplication index and nothing else of it (with its key in prod, to decrypt only)', () => {
    const { template, stack, id } = prod
    const outbox = id(stack.notifications.outbox.table)
    // Each (action, resource) the API's role is allowed: CDK merges statements that share an action.
    const grants = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => policy.Properties.Roles.some((role: { Ref?: string }) => role.Ref === id(stack.api.handler.role)))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .flatMap((s) => [s.Action].flat().flatMap((action) => [s.Resource].flat().map((resource) => ({ action, resource: JSON.stringify(resource) }))))
    expect(grants.filter((g) => g.resource.includes(outbox))).toEqual([
      { action: 'dynamodb:Query', resource: JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [outbox, 'Arn'] }, '/index/byApplication']] }) },
    ])
    const outboxKey = stack.notifications.outbox.key
    expect(outboxKey).toBeDefined()
    const keyId = id(outboxKey as NonNullable<typeof outboxKey>)
    expect(grants.filter((g) => g.resource.includes(keyId)).map((g) => g.action).sort()).toEqual(['kms:Decrypt', 'kms:DescribeKey'])
  })

  it('lets only the notifier send mail', () => {
    const sends = Object.values(dev.template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('"ses:'),
    )
    expect(sends.map((policy) => policy.Properties.Roles)).toEqual([
      [{ Ref: dev.id(dev.stack.notifications.notifier.role) }],
    ])
  })
})
