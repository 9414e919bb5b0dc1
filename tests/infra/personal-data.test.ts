import { Match, Template } from 'aws-cdk-lib/assertions'
import type { Role } from 'aws-cdk-lib/aws-iam'
import { describe, expect, it } from 'vitest'
import { createDelegationSudApp } from '../../infra/stack.js'

const synth = (stage: 'dev' | 'prod', context: Record<string, unknown> = {}) => {
  const { stack } = createDelegationSudApp({ context: { stage, ...context }, builtinCloudFormationValidation: false })
  const template = Template.fromStack(stack)
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string
  return { stack, template, id }
}
const dev = synth('dev')

interface Statement {
  Action: string | string[]
  Resource: unknown
}

/** The roles allowed an action on a resource, by logical id. */
const rolesAllowed = (action: string, resource: unknown): string[] => {
  const policies = Object.values(dev.template.findResources('AWS::IAM::Policy'))
  return policies
    .filter((policy) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).some(
        (s) => [s.Action].flat().includes(action) && JSON.stringify(s.Resource) === JSON.stringify(resource),
      ),
    )
    .flatMap((policy) => (policy.Properties.Roles as { Ref: string }[]).map((r) => r.Ref))
    .sort()
}

describe('personal data in AWS', () => {
  const { personalData, api } = dev.stack
  const masterKeyArn = { 'Fn::GetAtt': [dev.id(personalData.masterKey), 'Arn'] }
  const roleId = (role: Role) => dev.id(role)

  it('wraps data keys with one customer-managed KMS key that rotates', () => {
    dev.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      Description: Match.stringLikeRegexp('personal data'),
    })
    dev.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/delegation-sud-dev-personal-data' })
  })

  it('lets only the API, the retention job and the notifier unwrap a data key, and only the API and the notifier wrap new ones', () => {
    // What each needs is proven from its calls (tests/infra/observed-calls.test.ts); this says
    // who, in the programme's words: the retention job erases, it never seals; the notifier
    // opens the contacts it writes to, and wraps only the withdrawal-link key it makes.
    const { notifier } = dev.stack.notifications
    expect(rolesAllowed('kms:Decrypt', masterKeyArn)).toEqual(
      [roleId(api.handler.role), roleId(personalData.retention.role), roleId(notifier.role)].sort(),
    )
    expect(rolesAllowed('kms:Encrypt', masterKeyArn)).toEqual([roleId(api.handler.role), roleId(notifier.role)].sort())
  })

  it('keeps the keys in their own table, found by e-mail through the blind index', () => {
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'delegation-sud-dev-Keys',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byEmail' })],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    })
  })

  it('runs the retention job daily with the stage period, and tells the API where the master key is', () => {
    const fnId = dev.id(personalData.retention.fn)
    dev.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 day)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] } })],
    })
    const functions = dev.template.findResources('AWS::Lambda::Function')
    const retention = functions[fnId]?.Properties.Environment.Variables
    expect(retention).toMatchObject({ PERSONAL_DATA_RETENTION_DAYS: '1096', PERSONAL_DATA_KEY_ID: masterKeyArn })
    const apiVariables = functions[dev.id(api.handler.fn)]?.Properties.Environment.Variables
    expect(apiVariables).toMatchObject({ PERSONAL_DATA_KEY_ID: masterKeyArn })
    const shorter = synth('dev', { personalDataRetentionDays: 730 })
    const shorterFn = shorter.template.findResources('AWS::Lambda::Function')[shorter.id(shorter.stack.personalData.retention.fn)]
    expect(shorterFn?.Properties.Environment.Variables.PERSONAL_DATA_RETENTION_DAYS).toBe('730')
  })
})
