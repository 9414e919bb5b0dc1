import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Validations } from 'aws-cdk-lib'
import { Queue } from 'aws-cdk-lib/aws-sqs'
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api'
import type { IConstruct } from 'constructs'
import { describe, expect, it } from 'vitest'
import { createDelegationSudApp } from '../../infra/stack.js'

// cdk-nag's AwsSolutions pack is registered by createDelegationSudApp itself: the same
// checks run here, in `npm run synth` and before any deploy. CDK's CloudFormation schema
// validation stays on here, as in the CLI, so prod's template is schema-checked too.
const synth = (stage: 'dev' | 'prod') => {
  const { app } = createDelegationSudApp({ context: { stage } })
  return { app, assembly: app.synth() }
}
const stages = { dev: synth('dev'), prod: synth('prod') }

interface Report {
  pluginReports: Array<{
    pluginName: string
    violations: Array<{ ruleName: string; severity: string }>
  }>
}
const reportOf = (directory: string): Report =>
  JSON.parse(readFileSync(join(directory, 'validation-report.json'), 'utf8'))

/** Every acknowledgement in the tree: rule id → the reasons given for it. */
const acknowledgements = (root: IConstruct): Map<string, string[]> => {
  const found = new Map<string, string[]>()
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        const rule = id.replace(/^annotation::/i, '')
        found.set(rule, [...(found.get(rule) ?? []), reason])
      }
    }
  }
  return found
}

describe('cdk-nag (AwsSolutions)', () => {
  it.each(['dev', 'prod'] as const)('finds no unacknowledged error in %s', (stage) => {
    const { assembly } = stages[stage]
    // An error (nag's or CloudFormation's) would have thrown; warnings land in the report.
    const errors = reportOf(assembly.directory)
      .pluginReports.flatMap((report) => report.violations)
      .filter((violation) => violation.severity === 'error')
    expect(errors).toEqual([])
  })

  it('acknowledges only the expected rules, each with a reason', () => {
    const found = acknowledgements(stages.prod.app)
    const rules = [...found.keys()].map((id) => id.replace(/<[^>]+>/, '<Partners>')).sort()
    expect(rules).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-COG8',
      'AwsSolutions-DDB3',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-SQS3',
    ])
    for (const reasons of found.values()) {
      for (const reason of reasons) expect(reason.length).toBeGreaterThan(40)
    }
  })

  it('fails the synthesis on an unacknowledged error', () => {
    // Without bundling (as `cdk synth` does for unselected stacks): the code is not checked.
    const { app, stack } = createDelegationSudApp({
      context: { stage: 'dev', [BUNDLING_STACKS]: [] },
      builtinCloudFormationValidation: false,
    })
    new Queue(stack, 'PlainQueue')
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/)
    const rules = reportOf(app.outdir)
      .pluginReports.flatMap((report) => report.violations)
      .map((violation) => violation.ruleName)
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']))
  })
})
