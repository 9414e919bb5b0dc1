import { Stack, type CfnElement } from 'aws-cdk-lib'
import { NodeFunction } from '../../../infra/constructs/node-function.js'
import { templateValues, type CfnTemplate } from './template-values.js'

export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny'
  readonly Action: string | string[]
  readonly Resource: string | string[]
  readonly Principal?: unknown
  readonly Condition?: unknown
}
export interface PolicyDocument {
  readonly Version?: string
  readonly Statement: PolicyStatement[]
}

/** A Lambda function as the template deploys it, every token resolved to a value. */
export interface DeployedFunction {
  /** The name its code runs as (functions/shared/function-scope.ts). */
  readonly runsAs: string
  readonly logicalId: string
  readonly roleName: string
  readonly environment: Readonly<Record<string, string>>
  /** Every identity policy of its role. */
  readonly policies: ReadonlyArray<{ name: string; policy: PolicyDocument }>
  readonly managedPolicyArns: readonly string[]
  readonly logGroupArn: string
  readonly tracing: boolean
  /** Its event source mappings: the stream read, and where failed batches go. */
  readonly streams: ReadonlyArray<{ streamArn: string; onFailureArn: string | undefined }>
}

/** Resource policies by the ARN they protect: KMS key policies and SQS queue policies. */
export type ResourcePolicies = ReadonlyMap<string, PolicyDocument>

/**
 * Every Lambda of a synthesized stack, read from the template (role policies, environment,
 * logging, tracing, stream mappings) and named by the `runsAs` of the NodeFunction that
 * made it; and the resource policies that also decide a request.
 *
 * @example const { functions, resourcePolicies } = deployedFunctions(stack, template)
 */
export const deployedFunctions = (stack: Stack, template: CfnTemplate) => {
  const resolve = templateValues(template)
  const logicalId = (element: unknown) => stack.getLogicalId(element as CfnElement)
  const resources = Object.entries(template.Resources)
  const ofType = (type: string) => resources.filter(([, r]) => r.Type === type)
  const constructs = stack.node.findAll().filter((c): c is NodeFunction => c instanceof NodeFunction)
  const byFunctionId = new Map(constructs.map((c) => [logicalId(c.fn.node.defaultChild), c]))

  const functions: DeployedFunction[] = ofType('AWS::Lambda::Function').map(([id, { Properties = {} }]) => {
    const construct = byFunctionId.get(id)
    if (!construct) throw new Error(`Lambda ${id} is not a NodeFunction: nothing says what its code runs as`)
    const roleId = logicalId(construct.role.node.defaultChild)
    const attached = ofType('AWS::IAM::Policy').filter(([, p]) =>
      (p.Properties?.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })),
    )
    const role = template.Resources[roleId]?.Properties ?? {}
    const inline = (role.Policies ?? []) as Array<{ PolicyName: string; PolicyDocument: unknown }>
    return {
      runsAs: construct.runsAs,
      logicalId: id,
      roleName: roleId,
      environment: resolve(Properties.Environment?.Variables ?? {}),
      policies: [
        ...attached.map(([name, p]) => ({ name, policy: resolve(p.Properties?.PolicyDocument) as PolicyDocument })),
        ...inline.map((p) => ({ name: p.PolicyName, policy: resolve(p.PolicyDocument) as PolicyDocument })),
      ],
      managedPolicyArns: resolve(role.ManagedPolicyArns ?? []),
      logGroupArn: resolve({ 'Fn::GetAtt': [Properties.LoggingConfig?.LogGroup?.Ref, 'Arn'] }),
      tracing: Properties.TracingConfig?.Mode === 'Active',
      streams: ofType('AWS::Lambda::EventSourceMapping')
        .filter(([, m]) => JSON.stringify(m.Properties?.FunctionName) === JSON.stringify({ Ref: id }))
        .map(([, m]) => ({
          streamArn: resolve(m.Properties?.EventSourceArn),
          onFailureArn: m.Properties?.DestinationConfig?.OnFailure?.Destination
            ? resolve(m.Properties.DestinationConfig.OnFailure.Destination)
            : undefined,
        })),
    }
  })

  const resourcePolicies = new Map<string, PolicyDocument>()
  for (const [id, key] of ofType('AWS::KMS::Key')) {
    resourcePolicies.set(resolve({ 'Fn::GetAtt': [id, 'Arn'] }), resolve(key.Properties?.KeyPolicy))
  }
  for (const [, queuePolicy] of ofType('AWS::SQS::QueuePolicy')) {
    for (const queue of queuePolicy.Properties?.Queues as Array<{ Ref: string }>) {
      resourcePolicies.set(resolve({ 'Fn::GetAtt': [queue.Ref, 'Arn'] }), resolve(queuePolicy.Properties?.PolicyDocument))
    }
  }

  /** The key a table is encrypted with, when it has a customer-managed one. */
  const tableKeys = new Map<string, string>()
  for (const [id, table] of ofType('AWS::DynamoDB::Table')) {
    const key = table.Properties?.SSESpecification?.KMSMasterKeyId
    if (key) tableKeys.set(resolve({ 'Fn::GetAtt': [id, 'Arn'] }), resolve(key))
  }
  return { functions, resourcePolicies, tableKeys }
}
