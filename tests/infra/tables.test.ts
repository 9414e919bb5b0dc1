import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { createDelegationSudApp } from '../../infra/stack.js'
import { tables, type TableDefinition } from '../../functions/shared/tables.js'

// One synthesis per stage for the whole file: bundling the six handlers takes seconds.
const synth = (stage: 'dev' | 'prod') => {
  const { stack } = createDelegationSudApp({
    context: { stage },
    builtinCloudFormationValidation: false,
  })
  return { stack, template: Template.fromStack(stack) }
}
const dev = synth('dev')
const prod = synth('prod')

const tableNamed = (template: Template, name: string) => {
  const found = template.findResources('AWS::DynamoDB::Table', {
    Properties: { TableName: name },
  })
  const [table] = Object.values(found)
  if (!table) throw new Error(`No table named ${name}`)
  return table
}

describe('tables, in every stage', () => {
  const definitions: TableDefinition[] = Object.values(tables)
  it.each(definitions)('builds $id from its definition in functions/shared/tables.ts', (def) => {
    const table = tableNamed(dev.template, `delegation-sud-dev-${def.id}`)
    const keys = [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : []),
    ]
    expect(table.Properties.KeySchema).toEqual(keys)
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST')
    expect(table.Properties.StreamSpecification?.StreamViewType).toBe(def.stream)
    expect(table.Properties.TimeToLiveSpecification?.AttributeName).toBe(
      def.timeToLiveAttribute,
    )
    const indexes = (table.Properties.GlobalSecondaryIndexes ?? []).map(
      (index: { IndexName: string }) => index.IndexName,
    )
    expect(indexes).toEqual((def.globalIndexes ?? []).map((index) => index.indexName))
  })

  it('streams new images of Events (to the indexer) and of the Feed', () => {
    for (const def of [tables.events, tables.feed]) {
      dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: `delegation-sud-dev-${def.id}`,
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      })
    }
  })

  it('keeps point-in-time recovery on in both stages, off only on rebuildable ReadModels', () => {
    for (const { template, stack } of [dev, prod]) {
      const prefix = `delegation-sud-${stack.node.id.split('-')[1]}`
      const events = tableNamed(template, `${prefix}-Events`)
      expect(events.Properties.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
      })
      const readModels = tableNamed(template, `${prefix}-ReadModels`)
      expect(readModels.Properties.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: false,
      })
    }
  })
})

describe('tables in prod', () => {
  it('protects and retains every table', () => {
    const all = Object.values(prod.template.findResources('AWS::DynamoDB::Table'))
    expect(all).toHaveLength(Object.keys(tables).length)
    for (const table of all) {
      expect(table.DeletionPolicy).toBe('Retain')
      expect(table.UpdateReplacePolicy).toBe('Retain')
      expect(table.Properties.DeletionProtectionEnabled).toBe(true)
    }
  })

  it('encrypts every table with a rotating customer-managed key that outlives the stack', () => {
    const keys = prod.template.findResources('AWS::KMS::Key')
    expect(Object.keys(keys).length).toBeGreaterThan(0)
    for (const key of Object.values(keys)) {
      expect(key.Properties.EnableKeyRotation).toBe(true)
      expect(key.DeletionPolicy).toBe('Retain')
    }
    for (const def of Object.values(tables)) {
      const table = tableNamed(prod.template, `delegation-sud-prod-${def.id}`)
      expect(table.Properties.SSESpecification, def.id).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [expect.toBeOneOf(Object.keys(keys)), 'Arn'] },
      })
    }
  })

  it('keeps the write side, the read side and the partners under keys of their own', () => {
    const keyOf = (id: string) =>
      tableNamed(prod.template, `delegation-sud-prod-${id}`).Properties.SSESpecification.KMSMasterKeyId['Fn::GetAtt'][0]
    expect(new Set(['Events', 'Guards', 'Snapshots'].map(keyOf)).size).toBe(1)
    expect(new Set(['Feed', 'ReadModels'].map(keyOf)).size).toBe(1)
    expect(new Set([keyOf('Events'), keyOf('Feed'), keyOf('Partners')]).size).toBe(3)
  })
})

describe('tables in dev', () => {
  it('can be torn down: no deletion protection, DESTROY', () => {
    for (const table of Object.values(dev.template.findResources('AWS::DynamoDB::Table'))) {
      expect(table.DeletionPolicy).toBe('Delete')
      expect(table.Properties.DeletionProtectionEnabled).toBe(false)
    }
  })

  it('has no customer-managed key on its tables (only the personal data master key)', () => {
    // The master key that wraps personal data keys exists in every stage (issue 12).
    dev.template.resourceCountIs('AWS::KMS::Key', 1)
    dev.template.allResourcesProperties('AWS::DynamoDB::Table', {
      SSESpecification: Match.absent(),
    })
  })
})

describe('the stack', () => {
  it('tags every taggable resource with the project and the stage', () => {
    for (const { template, stack } of [dev, prod]) {
      const stage = stack.node.id.split('-')[1]
      template.allResourcesProperties('AWS::DynamoDB::Table', {
        Tags: Match.arrayWith([
          { Key: 'Project', Value: 'delegation-sud' },
          { Key: 'Stage', Value: stage },
        ]),
      })
    }
  })

  it('is named per stage and termination-protected in prod only', () => {
    expect(dev.stack.stackName).toBe('DelegationSud-dev')
    expect(prod.stack.stackName).toBe('DelegationSud-prod')
    expect(dev.stack.terminationProtection).toBe(false)
    expect(prod.stack.terminationProtection).toBe(true)
  })
})
