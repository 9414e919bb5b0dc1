import type { Tracer as PowertoolsTracer } from '@aws-lambda-powertools/tracer'

/**
 * Powertools' own rule for when its Tracer sends anything: in a Lambda (AWS_EXECUTION_ENV),
 * not under SAM or Amplify's mock, unless POWERTOOLS_TRACE_ENABLED=false. So never under
 * `npm start`, the tests or the CLIs, where no X-Ray daemon listens.
 *
 * @example tracingEnabled({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' }) // true
 */
export const tracingEnabled = (env: NodeJS.ProcessEnv): boolean =>
  Boolean(env.AWS_EXECUTION_ENV) &&
  env.AWS_EXECUTION_ENV !== 'AWS_Lambda_amplify-mock' &&
  !env.AWS_SAM_LOCAL &&
  env.POWERTOOLS_TRACE_ENABLED?.trim().toLowerCase() !== 'false'

// Loaded only where it traces: the X-Ray SDK under it installs an async hook as it is
// imported (to follow the current segment across awaits), a cost on every promise of a
// process that will never send a segment. One Tracer per process, as Powertools wants it.
const tracer: PowertoolsTracer | undefined = tracingEnabled(process.env)
  ? new (await import('@aws-lambda-powertools/tracer')).Tracer()
  : undefined

/**
 * An AWS SDK v3 client whose every call becomes a subsegment of the invocation's trace
 * (the same client, returned as is where not tracing).
 *
 * @example const client = traceClient(new DynamoDBClient({}))
 */
export const traceClient = <T>(client: T): T =>
  tracer ? tracer.captureAWSv3Client(client) : client

/**
 * Runs each invocation of a Lambda handler in a `## <name>` subsegment of the trace Lambda
 * starts (active tracing), annotated with ColdStart and Service and marked with the error
 * it throws; Powertools' `captureLambdaHandler` without its decorator or Middy. Responses
 * are not recorded: they may hold personal data. Where not tracing, the handler as is.
 *
 * @example export const handler = traced('indexer', createIndexer({ doc, tables, logger }))
 */
export const traced = <A extends unknown[], R>(
  name: string,
  handler: (...args: A) => Promise<R>,
): ((...args: A) => Promise<R>) => {
  if (!tracer) return handler
  const active = tracer
  return async (...args: A): Promise<R> => {
    const segment = active.getSegment()
    const subsegment = segment?.addNewSubsegment(`## ${name}`)
    if (subsegment) active.setSegment(subsegment)
    active.annotateColdStart()
    active.putAnnotation('Service', `delegation-sud-${name}`)
    try {
      return await handler(...args)
    } catch (error: unknown) {
      active.addErrorAsMetadata(error instanceof Error ? error : new Error(String(error)))
      throw error
    } finally {
      if (segment && subsegment) {
        subsegment.close()
        active.setSegment(segment)
      }
    }
  }
}
