import { Template } from 'aws-cdk-lib/assertions'
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api'
import { physicalTableName, tables, type TableKey } from '../../../functions/shared/tables.js'
import type { TableNames } from '../../../functions/shared/table-names.js'
import { lambdaEntries } from '../../../infra/lambda-bundles.js'
import { createDelegationSudApp } from '../../../infra/stack.js'

export type LambdaName = keyof typeof lambdaEntries

/** Where the stand-in account lives: what `Ref: AWS::Region` and its peers resolve to. */
export const account = { region: 'eu-west-3', accountId: '123456789012', partition: 'aws' } as const

/** The values the stand-ins give resources whose names AWS makes up at deployment. */
export interface Deployment {
  /** The physical table names: tables created in DynamoDB Local. */
  readonly tables: TableNames
  readonly userPoolId: string
  readonly userPoolClientId: string
  readonly kmsKeyArn: string
  readonly apiId: string
}

type Value = string | number | boolean | { readonly [key: string]: unknown } | readonly unknown[]

/**
 * A function's environment as the dev stage's template gives it, its CloudFormation tokens
 * resolved the way CloudFormation would at deployment, with the stand-ins' values: a
 * table's name, the user pool's id, the KMS key's ARN… A token this does not know throws,
 * so a new kind of setting is resolved on purpose, never skipped.
 */
const resolver = (
  resources: Record<string, { Type: string; Properties?: Record<string, any> }>,
  deployment: Deployment,
) => {
  const tableByLogicalId = new Map<string, TableKey>()
  for (const key of Object.keys(tables) as TableKey[]) {
    const name = physicalTableName('delegation-sud-dev', tables[key])
    const found = Object.entries(resources).find(
      ([, resource]) =>
        resource.Type === 'AWS::DynamoDB::Table' && resource.Properties?.TableName === name,
    )
    if (found) tableByLogicalId.set(found[0], key)
  }
  const pseudo: Record<string, string> = {
    'AWS::Region': account.region,
    'AWS::AccountId': account.accountId,
    'AWS::Partition': account.partition,
    'AWS::URLSuffix': 'amazonaws.com',
  }
  const ref = (logicalId: string): string => {
    if (pseudo[logicalId]) return pseudo[logicalId]
    const resource = resources[logicalId]
    const table = tableByLogicalId.get(logicalId)
    if (table) return deployment.tables[table]
    if (resource?.Type === 'AWS::Cognito::UserPool') return deployment.userPoolId
    if (resource?.Type === 'AWS::Cognito::UserPoolClient') return deployment.userPoolClientId
    // A user pool domain's Ref is its prefix, as written in the template.
    if (resource?.Type === 'AWS::Cognito::UserPoolDomain')
      return String(resource.Properties?.Domain)
    throw new Error(`No stand-in for Ref ${logicalId} (${resource?.Type ?? 'unknown'})`)
  }
  const getAtt = ([logicalId, attribute]: [string, string]): string => {
    if (resources[logicalId]?.Type === 'AWS::KMS::Key' && attribute === 'Arn')
      return deployment.kmsKeyArn
    // The HTTP API's endpoint: the notifier's PUBLIC_URL when the stage names none.
    if (resources[logicalId]?.Type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiEndpoint')
      return `https://${deployment.apiId}.execute-api.${account.region}.amazonaws.com`
    throw new Error(`No stand-in for Fn::GetAtt ${logicalId}.${attribute}`)
  }
  const resolve = (value: Value): string => {
    if (typeof value === 'string') return value
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    if (!Array.isArray(value) && typeof value === 'object') {
      const record = value as Record<string, unknown>
      if (typeof record.Ref === 'string') return ref(record.Ref)
      if (Array.isArray(record['Fn::GetAtt']))
        return getAtt(record['Fn::GetAtt'] as [string, string])
      if (Array.isArray(record['Fn::Join'])) {
        const [separator, parts] = record['Fn::Join'] as [string, Value[]]
        return parts.map(resolve).join(separator)
      }
    }
    throw new Error(`No stand-in for ${JSON.stringify(value)}`)
  }
  return resolve
}

/**
 * The dev stage, synthesized as `npm run synth` would (without bundling: the boot test
 * bundles with the same settings itself), and every Lambda's definition in it.
 *
 * @example const { functions } = synthesizedFunctions(); functions.api.variables.JWKS_URL
 */
export const synthesizedFunctions = () => {
  const { stack } = createDelegationSudApp({
    context: { stage: 'dev', [BUNDLING_STACKS]: [] },
    builtinCloudFormationValidation: false,
  })
  const template = Template.fromStack(stack)
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId) as string
  const constructs: Record<LambdaName, { fn: { node: { defaultChild?: unknown } } }> = {
    api: stack.api.handler,
    indexer: stack.projections.indexer,
    projector: stack.projections.projector,
    rebuild: stack.projections.rebuild,
    dispatcher: stack.webhooks.dispatcher,
    deliverer: stack.webhooks.deliverer,
    retention: stack.personalData.retention,
    notifier: stack.notifications.notifier,
  }
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties?: Record<string, any> }
  >
  const functions = Object.fromEntries(
    Object.entries(constructs).map(([name, { fn }]) => {
      const id = logicalId(fn)
      const properties = resources[id]?.Properties ?? {}
      return [
        name,
        {
          logicalId: id,
          properties,
          variables: (properties.Environment?.Variables ?? {}) as Record<string, Value>,
        },
      ]
    }),
  ) as Record<
    LambdaName,
    { logicalId: string; properties: Record<string, any>; variables: Record<string, Value> }
  >
  const lambdaIds = Object.keys(template.findResources('AWS::Lambda::Function'))
  /** Each variable of a function, resolved with the deployment's stand-in values. */
  const environmentOf = (name: LambdaName, deployment: Deployment): Record<string, string> => {
    const resolve = resolver(resources, deployment)
    return Object.fromEntries(
      Object.entries(functions[name].variables).map(([key, value]) => [key, resolve(value)]),
    )
  }
  const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
    (route) => route.Properties.RouteKey as string,
  )
  return { functions, lambdaIds, routeKeys, environmentOf }
}
