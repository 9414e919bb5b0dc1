import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { recordingFiles, type RecordedCall } from '../../../functions/shared/aws-call-recorder.js'
import { tables } from '../../../functions/shared/tables.js'
import { testUserPoolId } from '../../setup/fake-cognito.js'
import { testKeyArn } from '../../setup/fake-kms.js'
import type { DeployedFunction } from './deployed-functions.js'
import { account, region } from './template-values.js'

/** One request IAM evaluates for a function, and why the function makes it. */
export interface IamCheck {
  readonly action: string
  readonly resource: string
  /** `code` (recorded), `table key` (implied by a call on a table with its own key), or what of the platform. */
  readonly why: string
}

/** A recorded call the template cannot place: a table or key its function is not given. */
export interface Unplaced {
  readonly fn: string
  readonly call: string
  readonly reason: string
}

/**
 * Every call recorded in `dir` (one file per test process), summed.
 *
 * @example const calls = readRecordedCalls('node_modules/.cache/aws-calls')
 */
export const readRecordedCalls = (dir: string): RecordedCall[] => {
  if (!existsSync(dir)) return []
  const files = readdirSync(dir)
  const counts = new Map<string, number>()
  for (const file of files.filter((name) => name.endsWith(recordingFiles.counts))) {
    for (const [key, count] of Object.entries(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, number>)) {
      counts.set(key, (counts.get(key) ?? 0) + count)
    }
  }
  const requests = new Set<string>()
  for (const file of files.filter((name) => name.endsWith(recordingFiles.requests))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) if (line) requests.add(line)
  }
  // A request's count may be missing (its process stopped before writing it): it was seen once at least.
  return [...requests].map((key) => ({ ...(JSON.parse(key) as Omit<RecordedCall, 'count'>), count: counts.get(key) ?? 1 }))
}

/** The table a physical name is, whatever the prefix: the tests' `test-1a2b3c4d-Events` is the Events table. */
const tableOf = (name: string) =>
  Object.values(tables).find((table) => name.endsWith(`-${table.id}`))

const dynamoReads = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem']

/**
 * The IAM requests a function makes in a deployment: each call its code was recorded
 * making, aimed at what the template gives it (the table named by the environment
 * variable it reads that table's name from, the key in `PERSONAL_DATA_KEY_ID`, the SES identity
 * and configuration set in `MAIL_IDENTITY` and `MAIL_CONFIGURATION_SET`); what a
 * customer-managed table key implies (reads decrypt with it, writes also encrypt, as
 * DynamoDB's key-policy guidance and CDK's table grants have it); and what Lambda itself
 * does for the function (its log group, X-Ray, reading its streams, the on-failure queue).
 *
 * @example const { checks, unplaced } = requestsOf(fn, calls, tableKeys)
 */
export const requestsOf = (
  fn: DeployedFunction,
  calls: readonly RecordedCall[],
  tableKeys: ReadonlyMap<string, string>,
): { checks: IamCheck[]; unplaced: Unplaced[] } => {
  const checks: IamCheck[] = []
  const unplaced: Unplaced[] = []
  const tableArn = (name: string) => `arn:aws:dynamodb:${region}:${account}:table/${name}`
  for (const call of calls.filter((c) => c.fn === fn.runsAs)) {
    const said = `${call.action} ${call.table ?? call.keyId ?? call.userPoolId ?? ''}`.trim()
    if (call.table) {
      const table = tableOf(call.table)
      const name = table && fn.environment[table.envVar]
      if (!table || !name) {
        unplaced.push({ fn: fn.runsAs, call: said, reason: `no ${table?.envVar ?? 'table variable'} in its environment` })
        continue
      }
      checks.push({ action: call.action, resource: tableArn(name) + (call.index ? `/index/${call.index}` : ''), why: 'code' })
      const key = tableKeys.get(tableArn(name))
      if (key) {
        const uses = dynamoReads.includes(call.action) ? ['kms:Decrypt', 'kms:DescribeKey'] : ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']
        for (const action of uses) checks.push({ action, resource: key, why: 'table key' })
      }
    } else if (call.action.startsWith('kms:')) {
      const key = fn.environment.PERSONAL_DATA_KEY_ID
      if (call.keyId !== testKeyArn || !key) {
        unplaced.push({ fn: fn.runsAs, call: said, reason: 'no PERSONAL_DATA_KEY_ID in its environment' })
        continue
      }
      checks.push({ action: call.action, resource: key, why: 'code' })
    } else if (call.action === 'ses:SendEmail') {
      // SES v2 SendEmail is authorised on the identity sent from and on the configuration
      // set named: the ones the function's environment gives (functions/notifier/notifier-config.ts).
      const identity = fn.environment.MAIL_IDENTITY
      const configurationSet = fn.environment.MAIL_CONFIGURATION_SET
      if (!identity || !configurationSet) {
        unplaced.push({ fn: fn.runsAs, call: said, reason: 'no MAIL_IDENTITY and MAIL_CONFIGURATION_SET in its environment' })
        continue
      }
      checks.push({ action: call.action, resource: `arn:aws:ses:${region}:${account}:identity/${identity}`, why: 'code' })
      checks.push({ action: call.action, resource: `arn:aws:ses:${region}:${account}:configuration-set/${configurationSet}`, why: 'code' })
    } else if (call.action.startsWith('cognito-idp:')) {
      // The tests' pool stands for the one the function is given in PARTNER_USER_POOL_ID.
      const pool = fn.environment.PARTNER_USER_POOL_ID
      if (call.userPoolId !== testUserPoolId || !pool) {
        unplaced.push({ fn: fn.runsAs, call: said, reason: 'no PARTNER_USER_POOL_ID in its environment' })
        continue
      }
      checks.push({ action: call.action, resource: `arn:aws:cognito-idp:${region}:${account}:userpool/${pool}`, why: 'code' })
    } else {
      checks.push({ action: call.action, resource: '*', why: 'code' })
    }
  }
  return { checks: [...checks, ...platformRequestsOf(fn, tableKeys)], unplaced }
}

/** What Lambda does with the function's role: its logs, traces, stream reads, failed batches. */
const platformRequestsOf = (fn: DeployedFunction, tableKeys: ReadonlyMap<string, string>): IamCheck[] => {
  const logStream = `${fn.logGroupArn.replace(/:\*$/, '')}:log-stream:2026/12/06/[$LATEST]0123456789abcdef`
  const checks: IamCheck[] = [
    { action: 'logs:CreateLogStream', resource: logStream, why: 'Lambda: logs' },
    { action: 'logs:PutLogEvents', resource: logStream, why: 'Lambda: logs' },
  ]
  if (fn.tracing) {
    checks.push({ action: 'xray:PutTraceSegments', resource: '*', why: 'Lambda: active tracing' })
    checks.push({ action: 'xray:PutTelemetryRecords', resource: '*', why: 'Lambda: active tracing' })
  }
  for (const { streamArn, onFailureArn } of fn.streams) {
    for (const action of ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']) {
      checks.push({ action, resource: streamArn, why: 'Lambda: event source mapping' })
    }
    checks.push({ action: 'dynamodb:ListStreams', resource: '*', why: 'Lambda: event source mapping' })
    const key = tableKeys.get(streamArn.replace(/\/stream\/.*$/, ''))
    if (key) checks.push({ action: 'kms:Decrypt', resource: key, why: 'Lambda: encrypted stream' })
    if (onFailureArn) checks.push({ action: 'sqs:SendMessage', resource: onFailureArn, why: 'Lambda: on-failure destination' })
  }
  return checks
}

/** `pattern` (IAM's `*` and `?`) matches `value`. */
export const arnMatches = (pattern: string, value: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(value)
