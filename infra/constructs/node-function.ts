import { spawnSync } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AssetHashType, DockerImage, Duration, Validations } from 'aws-cdk-lib'
import { Rule, Schedule } from 'aws-cdk-lib/aws-events'
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets'
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import {
  Architecture,
  Code,
  FilterCriteria,
  Function as LambdaFunctionResource,
  Runtime,
  type IEventSourceDlq,
  StartingPosition,
  Tracing,
} from 'aws-cdk-lib/aws-lambda'
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources'
import { LogGroup } from 'aws-cdk-lib/aws-logs'
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs'
import { Construct } from 'constructs'
import { metricsNamespace } from '../../functions/shared/metrics-catalogue.js'
import type { StreamSource } from '../../functions/shared/stream-source.js'
import { tables } from '../../functions/shared/tables.js'
import type { DefinedTable } from './dynamo-table.js'
import type { StageConfig } from '../stage-config.js'

const functionsDir = fileURLToPath(new URL('../../functions/', import.meta.url))
const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const bundleCli = fileURLToPath(new URL('../bundle-cli.ts', import.meta.url))

/** The entry file of a Lambda under functions/, e.g. `functions/indexer/lambda.ts`. */
export const functionEntry = (name: string): string => `${functionsDir}${name}/lambda.ts`

/**
 * The function's code, bundled by infra/lambda-bundles.ts with the locally installed
 * esbuild (no Docker) — the same bundle the benchmark and the boot test measure.
 * Not a NodejsFunction: its bundling cannot run an esbuild plugin, and ours drops
 * zod's translated locales (the API bundle goes from 622 to 352 KiB).
 */
const bundledCode = (entry: string) =>
  Code.fromAsset(dirname(entry), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
      local: {
        tryBundle(outputDir) {
          const result = spawnSync(process.execPath, ['--import', 'tsx', bundleCli, entry, outputDir], {
            cwd: repoRoot,
            stdio: ['ignore', 'inherit', 'inherit'],
          })
          if (result.status !== 0) throw new Error(`Bundling ${entry} failed`)
          return true
        },
      },
    },
  })

export interface NodeFunctionProps {
  readonly entry: string
  /**
   * The name its code runs as (functions/shared/function-scope.ts: `api`, `indexer`…): the
   * calls recorded under that name are held against this function's role and environment
   * (tests/infra/observed-calls.test.ts).
   */
  readonly runsAs: string
  readonly config: StageConfig
  readonly description: string
  /** Table names (and, for the API, its auth settings): nothing else goes in. */
  readonly environment: Record<string, string>
  readonly memorySize?: number
  readonly timeout?: Duration
}

/**
 * A Lambda with the project's defaults: Node 24 on arm64, bundled locally by esbuild,
 * its own log group with retention and its own role that may only write to that group,
 * active X-Ray tracing and the stage's metrics namespace (functions/shared/tracer.ts and
 * metrics.ts).
 *
 * @example new NodeFunction(this, 'Rebuild', { entry, config, description, environment })
 */
export class NodeFunction extends Construct {
  readonly fn: LambdaFunctionResource
  readonly role: Role
  readonly logGroup: LogGroup
  readonly runsAs: string

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id)
    this.runsAs = props.runsAs
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.config.logRetention,
      removalPolicy: props.config.removalPolicy,
    })
    // Our own role instead of AWSLambdaBasicExecutionRole: logs go to this group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${id}: ${props.description}`,
    })
    this.logGroup.grantWrite(this.role)
    this.fn = new LambdaFunctionResource(this, 'Function', {
      code: bundledCode(props.entry),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(props.config.stage),
      },
    })
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'xray:PutTraceSegments and xray:PutTelemetryRecords, granted by active ' +
        'tracing, support no resource-level permission (X-Ray has no resource to name).',
    })
  }

  /**
   * Also invoke the function on a fixed rate (EventBridge): the deliverer's clock, and a
   * catch-up backstop for Feed consumers. No retries: the next tick does the same work.
   */
  runEvery(rate: Duration): Rule {
    this.fn.configureAsyncInvoke({ retryAttempts: 0 })
    return new Rule(this, 'Schedule', {
      description: `Runs ${this.node.id} every ${rate.toHumanString()}`,
      schedule: Schedule.rate(rate),
      targets: [new LambdaFunction(this.fn, { retryAttempts: 0 })],
    })
  }
}

/**
 * A stream mapping's on-failure queue, granted only what Lambda does with it: SendMessage
 * (CDK's SqsDlq grants GetQueueAttributes and GetQueueUrl too, which no one calls).
 */
const sendsFailuresTo = (queue: Queue): IEventSourceDlq => ({
  bind: (_mapping, target) => {
    target.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }))
    return { destination: queue.queueArn }
  },
})

export interface StreamConsumerProps extends NodeFunctionProps {
  /** The table whose DynamoDB stream feeds the function. */
  readonly source: DefinedTable
  /**
   * How it is fed (batch size, starting position, filters, failure policy): the object
   * `npm start`'s poller applies too (local/lambda-entries.ts).
   */
  readonly stream: StreamSource
}

/**
 * A NodeFunction fed by a DynamoDB stream with its failure policy spelled out: partial
 * batch failures, bisection, bounded retries and record age, then an encrypted SQS queue
 * that keeps what could not be processed.
 *
 * @example new StreamConsumer(this, 'Indexer', { entry, config, description, environment, source: events, stream: indexerStream })
 */
export class StreamConsumer extends NodeFunction {
  readonly onFailure: Queue

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id, props)
    this.onFailure = new Queue(this, 'OnFailure', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    })
    Validations.of(this.onFailure).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the on-failure destination of the stream mapping: it ' +
        'holds the metadata of failed batches for a redrive, it needs no DLQ of its own.',
    })
    const { source, stream } = props
    if (source.definition !== tables[stream.table]) {
      throw new Error(`${id} reads the ${source.definition.id} stream, its stream source says ${stream.table}`)
    }
    this.fn.addEventSource(
      new DynamoEventSource(source.table, {
        startingPosition: StartingPosition[stream.startingPosition],
        batchSize: stream.batchSize,
        maxBatchingWindow: Duration.seconds(stream.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: stream.retryAttempts,
        maxRecordAge: Duration.seconds(stream.maxRecordAgeSeconds),
        parallelizationFactor: stream.parallelizationFactor,
        onFailure: sendsFailuresTo(this.onFailure),
        ...(stream.filters.length > 0
          ? { filters: stream.filters.map((pattern) => FilterCriteria.filter(pattern)) }
          : {}),
      }),
    )
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams, granted by grantStreamRead for the event source ' +
        'mapping, supports no resource-level permission; the stream actions are scoped.',
    })
  }
}
