import { isDeepStrictEqual } from 'node:util'
import type { Table } from 'aws-cdk-lib/aws-dynamodb'
import type { Role } from 'aws-cdk-lib/aws-iam'
import { Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import type { NodeFunction } from '../../infra/constructs/node-function.js'
import { createDelegationSudApp } from '../../infra/stack.js'

// One synthesis per stage for the file: each bundles the six handlers.
const synth = (stage: 'dev' | 'prod') => {
  const { stack } = createDelegationSudApp({
    context: { stage },
    builtinCloudFormationValidation: false,
  })
  const template = Template.fromStack(stack)
  const id = (construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string
  return { stack, template, id }
}
const dev = synth('dev')
const prod = synth('prod')

interface Statement {
  Effect: string
  Action: string | string[]
  Resource: unknown
}

const statementsOf = ({ template, id }: typeof dev, role: Role): Statement[] => {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: id(role) }] },
  })
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement)
}

const actionsOn = (target: typeof dev, role: Role, resource: unknown): string[] => {
  const actions = statementsOf(target, role)
    .filter(({ Resource }) => [Resource].flat().some((r) => isDeepStrictEqual(r, resource)))
    .flatMap(({ Action }) => [Action].flat())
  return [...new Set(actions)].sort()
}

const arn = (table: Table) => ({ 'Fn::GetAtt': [dev.id(table), 'Arn'] })
const streamArn = (table: Table) => ({ 'Fn::GetAtt': [dev.id(table), 'StreamArn'] })

/** The DynamoDB tables a role may touch at all, by logical id. */
const tablesTouched = (role: Role): string[] => {
  const ids = statementsOf(dev, role)
    .filter(({ Action }) => [Action].flat().some((a) => /^dynamodb:(?!ListStreams)/.test(a)))
    .flatMap(({ Resource }) => [Resource].flat())
    .map((r) => JSON.stringify(r).match(/"Fn::GetAtt":\["([^"]+)"/)?.[1])
  return [...new Set(ids.filter((x): x is string => Boolean(x)))].sort()
}

const reads = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem']
const changes = ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']
const writes = ['dynamodb:PutItem', ...changes]
const readWrite = expect.arrayContaining([...reads, ...writes])
const streamReads = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']

const { api, projections, webhooks, eventStore, readModels: rm } = dev.stack
const events = eventStore.events.table
const guards = eventStore.guards.table
const snapshots = eventStore.snapshots.table
const feed = rm.feed.table
const readModels = rm.readModels.table
const partners = dev.stack.partners.table.table
const roles = {
  api: api.handler.role,
  indexer: projections.indexer.role,
  projector: projections.projector.role,
  rebuild: projections.rebuild.role,
  dispatcher: webhooks.dispatcher.role,
  deliverer: webhooks.deliverer.role,
}
const ids = (...tables: Table[]) => tables.map((t) => dev.id(t)).sort()

describe('the API', () => {
  it('appends to Events but can never update or delete an event', () => {
    const onEvents = actionsOn(dev, roles.api, arn(events))
    const appends = ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem']
    expect(onEvents).toEqual(expect.arrayContaining([...reads, ...appends]))
    for (const action of changes) expect(onEvents).not.toContain(action)
  })

  it('reads and writes Guards and Partners, only reads ReadModels and the Feed', () => {
    expect(actionsOn(dev, roles.api, arn(guards))).toEqual(readWrite)
    expect(actionsOn(dev, roles.api, arn(partners))).toEqual(readWrite)
    for (const table of [readModels, feed]) {
      const actions = actionsOn(dev, roles.api, arn(table))
      expect(actions).toEqual(expect.arrayContaining(reads))
      for (const action of writes) expect(actions).not.toContain(action)
    }
    const keys = dev.stack.personalData.keys.table
    expect(tablesTouched(roles.api)).toEqual(ids(events, guards, snapshots, readModels, feed, partners, keys))
  })

  it('reads and puts Snapshots, never updates or deletes them', () => {
    const actions = actionsOn(dev, roles.api, arn(snapshots))
    expect(actions).toEqual(expect.arrayContaining([...reads, 'dynamodb:PutItem']))
    for (const action of changes) expect(actions).not.toContain(action)
  })
})

describe('the indexer', () => {
  it('reads Events and their stream, writes only the Feed', () => {
    const onEvents = actionsOn(dev, roles.indexer, arn(events))
    expect(onEvents).toEqual(expect.arrayContaining(reads))
    for (const action of writes) expect(onEvents).not.toContain(action)
    expect(actionsOn(dev, roles.indexer, streamArn(events))).toEqual(streamReads)
    expect(actionsOn(dev, roles.indexer, arn(feed))).toEqual(readWrite)
    expect(tablesTouched(roles.indexer)).toEqual(ids(events, feed))
  })
})

describe('the Feed readers', () => {
  it.each([
    ['projector', () => readModels, true],
    ['rebuild', () => readModels, false],
    ['dispatcher', () => partners, true],
  ] as const)('the %s reads the Feed and writes only its own table', (name, own, streams) => {
    const role = roles[name]
    const onFeed = actionsOn(dev, role, arn(feed))
    expect(onFeed).toEqual(expect.arrayContaining(reads))
    for (const action of writes) expect(onFeed).not.toContain(action)
    expect(actionsOn(dev, role, streamArn(feed))).toEqual(streams ? streamReads : [])
    expect(actionsOn(dev, role, arn(own()))).toEqual(readWrite)
    expect(tablesTouched(role)).toEqual(ids(feed, own()))
  })

  it('the projector cannot write, nor even read, the Events table', () => {
    expect(actionsOn(dev, roles.projector, arn(events))).toEqual([])
  })

  it('the deliverer touches the Partners table only', () => {
    expect(actionsOn(dev, roles.deliverer, arn(partners))).toEqual(readWrite)
    expect(tablesTouched(roles.deliverer)).toEqual(ids(partners))
  })
})

describe('every role', () => {
  it('uses no AWS-managed policy and writes logs to its own group only', () => {
    for (const [name, role] of Object.entries(roles)) {
      const cfnRole = dev.template.findResources('AWS::IAM::Role')[dev.id(role)]
      expect(cfnRole?.Properties.ManagedPolicyArns, name).toBeUndefined()
      const fn = Object.values(dev.stack.node.findAll()).find(
        (c) => (c as Partial<NodeFunction>).role === role,
      ) as NodeFunction
      expect(actionsOn(dev, role, { 'Fn::GetAtt': [dev.id(fn.logGroup), 'Arn'] }), name).toEqual([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ])
    }
  })

  it('has no wildcard action', () => {
    for (const { template } of [dev, prod]) {
      const policies = template.findResources('AWS::IAM::Policy')
      const actions = Object.values(policies)
        .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
        .flatMap(({ Action }) => [Action].flat())
      expect(actions.filter((a) => a.includes('*'))).toEqual([])
    }
  })
})

describe('the customer-managed key in prod', () => {
  it('lets the API encrypt and decrypt events, and the indexer only decrypt them', () => {
    const key = prod.stack.eventStore.key
    if (!key) throw new Error('prod has a key')
    const keyArn = { 'Fn::GetAtt': [prod.id(key), 'Arn'] }
    const { api: prodApi, projections: prodProjections } = prod.stack
    expect(actionsOn(prod, prodApi.handler.role, keyArn)).toEqual([
      'kms:Decrypt',
      'kms:DescribeKey',
      'kms:Encrypt',
      'kms:GenerateDataKey',
    ])
    expect(actionsOn(prod, prodProjections.indexer.role, keyArn)).toEqual([
      'kms:Decrypt',
      'kms:DescribeKey',
    ])
  })
})
