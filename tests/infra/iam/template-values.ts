import { createHash } from 'node:crypto'

/** The account and region a synthesized template is read as deployed in. */
export const account = '123456789012'
export const region = 'eu-west-3'

export interface CfnResource {
  readonly Type: string
  readonly Properties?: Record<string, any>
}
export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>
}

const pseudo: Record<string, string> = {
  'AWS::Region': region,
  'AWS::AccountId': account,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'DelegationSud',
}

/** A KMS key id as AWS gives one (a UUID), stable per logical id. */
const keyId = (logicalId: string) => {
  const hex = createHash('sha256').update(logicalId).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

/**
 * The values CloudFormation would give a template's intrinsics once deployed in `account`
 * and `region`: `Ref` and `Fn::GetAtt` of the resource types our stacks use, `Fn::Join`,
 * the pseudo parameters. A value of another shape throws, naming it, so a new kind of
 * resource is added here rather than silently misread.
 *
 * @example const resolve = templateValues(template); resolve({ 'Fn::GetAtt': ['Events', 'Arn'] })
 */
export const templateValues = (template: CfnTemplate) => {
  const resource = (id: string): CfnResource => {
    const found = template.Resources[id]
    if (!found) throw new Error(`No resource ${id} in the template`)
    return found
  }
  const tableName = (id: string) => String(resource(id).Properties?.TableName ?? id)
  const logGroupName = (id: string) => String(resource(id).Properties?.LogGroupName ?? `/aws/lambda/${id}`)

  const ref = (id: string): string => {
    if (pseudo[id]) return pseudo[id]
    const { Type } = resource(id)
    switch (Type) {
      case 'AWS::DynamoDB::Table': return tableName(id)
      case 'AWS::KMS::Key': return keyId(id)
      case 'AWS::Logs::LogGroup': return logGroupName(id)
      case 'AWS::SQS::Queue': return `https://sqs.${region}.amazonaws.com/${account}/${id}`
      case 'AWS::SNS::Topic': return `arn:aws:sns:${region}:${account}:${id}`
      case 'AWS::Cognito::UserPool': return `${region}_${id.slice(0, 9)}`
      case 'AWS::Cognito::UserPoolDomain': return String(resource(id).Properties?.Domain ?? id)
      default: return id
    }
  }

  const getAtt = (id: string, attribute: string): string => {
    const { Type } = resource(id)
    const key = `${Type}.${attribute}`
    switch (key) {
      case 'AWS::DynamoDB::Table.Arn': return `arn:aws:dynamodb:${region}:${account}:table/${tableName(id)}`
      case 'AWS::DynamoDB::Table.StreamArn': return `arn:aws:dynamodb:${region}:${account}:table/${tableName(id)}/stream/2026-12-01T00:00:00.000`
      case 'AWS::KMS::Key.Arn': return `arn:aws:kms:${region}:${account}:key/${keyId(id)}`
      case 'AWS::Logs::LogGroup.Arn': return `arn:aws:logs:${region}:${account}:log-group:${logGroupName(id)}:*`
      case 'AWS::SQS::Queue.Arn': return `arn:aws:sqs:${region}:${account}:${id}`
      case 'AWS::IAM::Role.Arn': return `arn:aws:iam::${account}:role/${id}`
      case 'AWS::Lambda::Function.Arn': return `arn:aws:lambda:${region}:${account}:function:${id}`
      case 'AWS::ApiGatewayV2::Api.ApiEndpoint': return `https://${id.slice(0, 10).toLowerCase()}.execute-api.${region}.amazonaws.com`
      case 'AWS::Events::Rule.Arn': return `arn:aws:events:${region}:${account}:rule/${id}`
      case 'AWS::Cognito::UserPool.Arn': return `arn:aws:cognito-idp:${region}:${account}:userpool/${ref(id)}`
      default: throw new Error(`Fn::GetAtt ${key} is not read here yet`)
    }
  }

  const resolve = (value: unknown): any => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
    if (Array.isArray(value)) return value.map(resolve)
    if (typeof value !== 'object' || value === null) throw new Error(`Cannot resolve ${String(value)}`)
    const entries = Object.entries(value)
    const [name, argument] = entries[0] ?? []
    if (entries.length === 1 && name === 'Ref') return ref(String(argument))
    if (entries.length === 1 && name === 'Fn::GetAtt') {
      const [id, attribute] = argument as [string, string]
      return getAtt(id, attribute)
    }
    if (entries.length === 1 && name === 'Fn::Join') {
      const [separator, parts] = argument as [string, unknown[]]
      return parts.map((part) => String(resolve(part))).join(separator)
    }
    if (entries.length === 1 && name?.startsWith('Fn::')) throw new Error(`${name} is not read here yet`)
    return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]))
  }
  return resolve
}
