import { runSimulation } from '@cloud-copilot/iam-simulate'
import { Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDelegationSudApp } from '../../infra/stack.js'
import { awsCallRecordingDir } from '../setup/aws-call-recording.global.js'
import { othersEnded } from '../setup/observed-calls-last.js'
import { deployedFunctions, type DeployedFunction, type PolicyDocument } from './iam/deployed-functions.js'
import type { RecordedCall } from '../../functions/shared/aws-call-recorder.js'
import { arnMatches, readRecordedCalls, requestsOf, type IamCheck } from './iam/requests.js'
import { account } from './iam/template-values.js'

/**
 * Least privilege, proven from what the code does. Every AWS call each function's code made
 * across this test run (recorded by functions/shared/aws-call-recorder.ts, under the
 * function it ran for) is evaluated against that function's role in each stage's
 * synthesized template with an offline IAM policy evaluator (@cloud-copilot/iam-simulate),
 * with the key and queue policies that also decide: none may be denied, and no grant may
 * go unused by any call. This file is handed out last and waits for the others to end
 * (tests/setup/observed-calls-last.ts).
 */
// Read once every other test file of the run has ended: they make the calls.
let calls: RecordedCall[] = []
beforeAll(async () => {
  await othersEnded(import.meta.filename)
  calls = readRecordedCalls(awsCallRecordingDir)
}, 30 * 60_000)

const decide = async (fn: DeployedFunction, check: IamCheck, resourcePolicy: PolicyDocument | undefined) => {
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:sts::${account}:assumed-role/${fn.roleName}/${fn.logicalId}`,
        action: check.action,
        resource: { resource: check.resource, accountId: account },
        contextVariables: { 'aws:SecureTransport': 'true' },
      },
      identityPolicies: fn.policies.map(({ name, policy }) => ({ name, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy } : {}),
    },
    {},
  )
  if (result.resultType === 'error') throw new Error(`${check.action} on ${check.resource}: ${result.errors.message}`)
  return result.overallResult
}

const grantsOf = (fn: DeployedFunction) =>
  fn.policies.flatMap(({ policy }) =>
    policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) =>
      [s.Action].flat().flatMap((action) => [s.Resource].flat().map((resource) => ({ action, resource }))),
    ),
  )

describe.each(['dev', 'prod'] as const)('the %s stage grants what the code was seen to call, and nothing else', (stage) => {
  const { stack } = createDelegationSudApp({ context: { stage }, builtinCloudFormationValidation: false })
  const template = Template.fromStack(stack).toJSON() as Parameters<typeof deployedFunctions>[1]
  const { functions, resourcePolicies, tableKeys } = deployedFunctions(stack, template)
  let requests = new Map<string, ReturnType<typeof requestsOf>>()
  beforeAll(() => {
    requests = new Map(functions.map((fn) => [fn.runsAs, requestsOf(fn, calls, tableKeys)]))
  })

  it('has calls recorded for every function it deploys, and for no function it does not', () => {
    const recorded = new Set(calls.map((call) => call.fn))
    expect([...recorded].sort()).toEqual(functions.map((fn) => fn.runsAs).sort())
  })

  it('gives every function the tables and key its code uses, in its environment', () => {
    expect(functions.flatMap((fn) => requests.get(fn.runsAs)?.unplaced ?? [])).toEqual([])
  })

  it('denies no call: every request of the code and of Lambda for it is allowed', async () => {
    const denied: string[] = []
    const figures: Array<Record<string, unknown>> = []
    let evaluated = 0
    for (const fn of functions) {
      const checks = requests.get(fn.runsAs)?.checks ?? []
      const distinct = [...new Map(checks.map((c) => [`${c.action} ${c.resource}`, c])).values()]
      for (const check of distinct) {
        evaluated++
        const verdict = await decide(fn, check, resourcePolicies.get(check.resource))
        if (verdict !== 'Allowed') denied.push(`${fn.runsAs}: ${check.action} on ${check.resource} (${check.why}): ${verdict}`)
      }
      figures.push({
        fn: fn.runsAs,
        calls: calls.filter((c) => c.fn === fn.runsAs).reduce((sum, c) => sum + c.count, 0),
        actions: new Set(checks.filter((c) => c.why === 'code').map((c) => c.action)).size,
        requests: distinct.length,
      })
    }
    // The figures of the closing note: calls recorded, distinct actions, requests evaluated.
    console.info(stage, JSON.stringify(figures))
    expect(denied).toEqual([])
    expect(evaluated).toBeGreaterThan(functions.length * 3)
  })

  it('grants nothing unused: every allowed action on every resource is some request of the function', () => {
    const unused: string[] = []
    for (const fn of functions) {
      const checks = requests.get(fn.runsAs)?.checks ?? []
      for (const grant of grantsOf(fn)) {
        const used = checks.some((c) => c.action === grant.action && arnMatches(grant.resource, c.resource))
        if (!used) unused.push(`${fn.runsAs}: ${grant.action} on ${grant.resource}`)
      }
    }
    expect(unused).toEqual([])
  })

  it('lets only the functions that were seen to unwrap data keys decrypt with the personal data key', async () => {
    const key = functions.map((fn) => fn.environment.PERSONAL_DATA_KEY_ID).find(Boolean)
    expect(key).toMatch(/^arn:aws:kms:/)
    for (const fn of functions) {
      const decrypts = calls.some((c) => c.fn === fn.runsAs && c.action === 'kms:Decrypt')
      const verdict = await decide(fn, { action: 'kms:Decrypt', resource: String(key), why: 'probe' }, resourcePolicies.get(String(key)))
      expect(`${fn.runsAs}: ${verdict}`).toBe(`${fn.runsAs}: ${decrypts ? 'Allowed' : 'ImplicitlyDenied'}`)
    }
  })

  it('uses no AWS-managed policy, no wildcard action and never a Scan', () => {
    for (const fn of functions) {
      expect(fn.managedPolicyArns, fn.runsAs).toEqual([])
      const actions = grantsOf(fn).map((g) => g.action)
      expect(actions.filter((a) => a.includes('*') || a === 'dynamodb:Scan'), fn.runsAs).toEqual([])
    }
  })
})
