import { Template } from 'aws-cdk-lib/assertions'
import type { Table } from 'aws-cdk-lib/aws-dynamodb'
import type { Role } from 'aws-cdk-lib/aws-iam'
import { describe, expect, it } from 'vitest'
import type { NodeFunction, StreamConsumer } from '../../infra/constructs/node-function.js'
import { createDelegationSudApp } from '../../infra/stack.js'
import { tables } from '../../functions/shared/tables.js'

// One synthesis per stage for the file: each bundles the six handlers.
const synth = (stage: 'dev' | 'prod') => {
  const { stack } = createDelegationSudApp({ context: { stage }, builtinCloudFormationValidation: false })
  const template = Template.fromStack(stack)
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string
  return { stack, template, id }
}
type Synth = ReturnType<typeof synth>
const dev = synth('dev')
const prod = synth('prod')

interface Statement {
  Effect: string
  Action: string | string[]
  Resource: unknown
}

/**
 * Every action a role is allowed, by resource: what the template grants it, all of it
 * (resources named by a readable label: `Events`, `Events/stream`, `Partners/index/byStatus`,
 * `logs`, `*`, `EventsKey`…). The tests compare this with the exact set each function's
 * code calls, so a grant added without a call (or a call without its grant) fails here.
 */
const grantsOf = (target: Synth, role: Role, labels: Map<string, string>): Record<string, string[]> => {
  const policies = target.template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: target.id(role) }] } })
  const grants: Record<string, Set<string>> = {}
  for (const policy of Object.values(policies)) {
    for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) {
      expect(statement.Effect).toBe('Allow')
      for (const resource of [statement.Resource].flat()) {
        const raw = JSON.stringify(resource)
        const label = [...labels].find(([pattern]) => raw === pattern)?.[1] ?? raw
        for (const action of [statement.Action].flat()) (grants[label] ??= new Set()).add(action)
      }
    }
  }
  return Object.fromEntries(Object.entries(grants).map(([label, actions]) => [label, [...actions].sort()]))
}

/** Readable labels for the resources a role may name, in one stage's template. */
const labelsOf = (target: Synth, role: Role) => {
  const { stack, id } = target
  const labels = new Map<string, string>()
  const named: Array<[string, Table]> = [
    ['Events', stack.eventStore.events.table],
    ['Guards', stack.eventStore.guards.table],
    ['Snapshots', stack.eventStore.snapshots.table],
    ['Feed', stack.readModels.feed.table],
    ['ReadModels', stack.readModels.readModels.table],
    ['Partners', stack.partners.table.table],
  ]
  named.push(['Keys', stack.personalData.keys.table])
  labels.set(
    JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id(stack.personalData.keys.table), 'Arn'] }, '/index/byEmail']] }),
    'Keys/index/byEmail',
  )
  for (const [name, table] of named) {
    labels.set(JSON.stringify({ 'Fn::GetAtt': [id(table), 'Arn'] }), name)
    labels.set(JSON.stringify({ 'Fn::GetAtt': [id(table), 'StreamArn'] }), `${name}/stream`)
    labels.set(
      JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id(table), 'Arn'] }, `/index/${tables.partners.globalIndexes[0].indexName}`]] }),
      `${name}/index/byStatus`,
    )
  }
  const fn = stack.node.findAll().find((c) => (c as Partial<NodeFunction>).role === role) as NodeFunction
  labels.set(JSON.stringify({ 'Fn::GetAtt': [id(fn.logGroup), 'Arn'] }), 'logs')
  if ('onFailure' in fn) labels.set(JSON.stringify({ 'Fn::GetAtt': [id((fn as StreamConsumer).onFailure), 'Arn'] }), 'on-failure queue')
  for (const key of stack.node.findAll().filter((c) => c.node.defaultChild && (c.node.defaultChild as { cfnResourceType?: string }).cfnResourceType === 'AWS::KMS::Key')) {
    labels.set(JSON.stringify({ 'Fn::GetAtt': [id(key), 'Arn'] }), key.node.id)
  }
  labels.set('"*"', '*')
  return labels
}

const rolesOf = ({ stack }: Synth) => ({
  api: stack.api.handler.role,
  indexer: stack.projections.indexer.role,
  projector: stack.projections.projector.role,
  rebuild: stack.projections.rebuild.role,
  dispatcher: stack.webhooks.dispatcher.role,
  deliverer: stack.webhooks.deliverer.role,
  retention: stack.personalData.retention.role,
})
type RoleName = keyof ReturnType<typeof rolesOf>

const d = (...actions: string[]) => actions.map((a) => `dynamodb:${a}`).sort()
const logs = ['logs:CreateLogStream', 'logs:PutLogEvents']
const streamReads = d('DescribeStream', 'GetRecords', 'GetShardIterator')
// What a stream's event source mapping needs: ListStreams (no resource-level permission)
// and the queue that keeps the batches it gave up on.
// Active tracing: X-Ray takes no resource-level permission either.
const tracing = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments']
const listStreams = {
  '*': [...d('ListStreams'), ...tracing].sort(),
  'on-failure queue': ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
}
const feedReads = d('GetItem', 'Query')
const readModelWrites = d('BatchGetItem', 'BatchWriteItem', 'DeleteItem', 'GetItem', 'PutItem', 'UpdateItem')

// Sealing, opening and erasing personal data (functions/personal-data): the API and the retention job only.
const personalData = {
  Keys: d('BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query'),
  'Keys/index/byEmail': d('Query'),
  PersonalDataKey: ['kms:Decrypt', 'kms:Encrypt'],
}

/** Exactly what each function may do in dev, resource by resource: the calls its code makes. */
const expected: Record<RoleName, Record<string, string[]>> = {
  api: {
    logs,
    '*': tracing,
    Events: d('ConditionCheckItem', 'GetItem', 'PutItem', 'Query'),
    Guards: d('GetItem', 'PutItem'),
    Snapshots: d('GetItem', 'PutItem'),
    ReadModels: d('GetItem', 'Query'),
    Feed: feedReads,
    Partners: d('ConditionCheckItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'),
    'Partners/index/byStatus': d('Query'),
    ...personalData,
  },
  indexer: {
    logs,
    ...listStreams,
    Events: d('Query'),
    'Events/stream': streamReads,
    Feed: d('BatchGetItem', 'PutItem', 'UpdateItem'),
  },
  projector: { logs, ...listStreams, Feed: feedReads, 'Feed/stream': streamReads, ReadModels: readModelWrites },
  rebuild: { logs, '*': tracing, Feed: feedReads, ReadModels: readModelWrites },
  dispatcher: {
    logs,
    ...listStreams,
    Feed: feedReads,
    'Feed/stream': streamReads,
    Partners: d('ConditionCheckItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'),
  },
  deliverer: { logs, '*': tracing, Partners: d('Query', 'UpdateItem') },
  retention: {
    logs,
    '*': tracing,
    Events: d('ConditionCheckItem', 'GetItem', 'PutItem', 'Query'),
    Guards: d('GetItem'),
    ReadModels: d('GetItem', 'Query'),
    ...personalData,
  },
}

describe('every function gets exactly the actions it calls, on exactly what it touches', () => {
  it.each(Object.keys(expected) as RoleName[])('%s (dev)', (name) => {
    const role = rolesOf(dev)[name]
    expect(grantsOf(dev, role, labelsOf(dev, role))).toEqual(expected[name])
  })

  it('never a Scan, a wildcard action, nor a whole-table delete or batch write outside the read side', () => {
    for (const target of [dev, prod]) {
      const actions = Object.values(target.template.findResources('AWS::IAM::Policy'))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
        .flatMap(({ Action }) => [Action].flat())
      expect(actions.filter((a) => a.includes('*') || a === 'dynamodb:Scan')).toEqual([])
    }
  })

  it('uses no AWS-managed policy', () => {
    for (const [name, role] of Object.entries(rolesOf(dev))) {
      const cfnRole = dev.template.findResources('AWS::IAM::Role')[dev.id(role)]
      expect(cfnRole?.Properties.ManagedPolicyArns, name).toBeUndefined()
    }
  })
})

describe('the customer-managed keys in prod', () => {
  const decrypt = ['kms:Decrypt', 'kms:DescribeKey']
  const encrypt = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']
  const keysOf = (name: RoleName) => {
    const role = rolesOf(prod)[name]
    const grants = grantsOf(prod, role, labelsOf(prod, role))
    return Object.fromEntries(Object.entries(grants).filter(([label]) => label.endsWith('Key')))
  }

  it('are the only thing prod adds: the same DynamoDB grants as dev', () => {
    for (const name of Object.keys(expected) as RoleName[]) {
      const role = rolesOf(prod)[name]
      const grants = grantsOf(prod, role, labelsOf(prod, role))
      const withoutKeys = (all: Record<string, string[]>) =>
        Object.fromEntries(Object.entries(all).filter(([label]) => !label.endsWith('Key')))
      expect(withoutKeys(grants), name).toEqual(withoutKeys(expected[name]))
    }
  })

  it('let each function decrypt what it reads and encrypt only where it writes', () => {
    expect(keysOf('api')).toEqual({ EventsKey: encrypt, ReadSideKey: decrypt, PartnersKey: encrypt, PersonalDataKey: encrypt })
    expect(keysOf('retention')).toEqual({ EventsKey: encrypt, ReadSideKey: decrypt, PersonalDataKey: encrypt })
    expect(keysOf('indexer')).toEqual({ EventsKey: decrypt, ReadSideKey: encrypt })
    expect(keysOf('projector')).toEqual({ ReadSideKey: encrypt })
    expect(keysOf('rebuild')).toEqual({ ReadSideKey: encrypt })
    expect(keysOf('dispatcher')).toEqual({ ReadSideKey: decrypt, PartnersKey: encrypt })
    expect(keysOf('deliverer')).toEqual({ PartnersKey: encrypt })
  })
})
