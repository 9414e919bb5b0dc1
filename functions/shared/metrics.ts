import { Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics'
import type { DomainEvent, EventType } from '../../domain/events/index.js'
import {
  metricsNamespace,
  metricsService,
  programmeMetrics,
  type ProgrammeMetric,
} from './metrics-catalogue.js'

/**
 * The programme's counters as a Lambda records them: values are kept in memory and written
 * by `flush` as one CloudWatch embedded-metric-format (EMF) line on stdout, which Lambda's
 * log group turns into metrics; no call to CloudWatch, nothing to wait on.
 */
export interface Metrics {
  /** Records one value (1 unless told) of a programme metric, until the next flush. */
  add(metric: ProgrammeMetric, value?: number): void
  /** Writes what was recorded since the last flush; nothing when nothing was. */
  flush(): void
}

/** Records nothing: where metrics are off (npm start, the tests, the CLIs). */
export const silentMetrics: Metrics = { add: () => {}, flush: () => {} }

const truthy = (value: string | undefined) => /^(1|y|yes|t|true|on)$/i.test(value?.trim() ?? '')

/**
 * Powertools' switches, with one default of ours: metrics are written in a Lambda unless
 * POWERTOOLS_METRICS_DISABLED (or, without it, POWERTOOLS_DEV) turns them off, and
 * anywhere else only when POWERTOOLS_METRICS_DISABLED=false asks, so `npm start` and
 * the tests print no EMF.
 *
 * @example metricsEnabled({ AWS_LAMBDA_FUNCTION_NAME: 'api' }) // true
 */
export const metricsEnabled = (env: NodeJS.ProcessEnv): boolean => {
  if (env.POWERTOOLS_METRICS_DISABLED !== undefined) return !truthy(env.POWERTOOLS_METRICS_DISABLED)
  return env.AWS_LAMBDA_FUNCTION_NAME !== undefined && !truthy(env.POWERTOOLS_DEV)
}

/**
 * The metrics of one Lambda, created at module scope by its entry file: Powertools' Metrics
 * in the namespace the CDK app gives (POWERTOOLS_METRICS_NAMESPACE, `DelegationSud/local`
 * elsewhere), or `silentMetrics` where they are off.
 *
 * @example const metrics = createMetrics(process.env)
 */
export const createMetrics = (env: NodeJS.ProcessEnv): Metrics => {
  if (!metricsEnabled(env)) return silentMetrics
  const metrics = new PowertoolsMetrics({
    namespace: env.POWERTOOLS_METRICS_NAMESPACE || metricsNamespace('local'),
    serviceName: metricsService,
  })
  return {
    add(metric, value = 1) {
      const { name, unit } = programmeMetrics[metric]
      metrics.addMetric(name, unit, value)
    },
    flush() {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics()
    },
  }
}

/**
 * Flushes the metrics when each invocation ends, whether it returned or threw (Powertools'
 * `logMetrics` without its decorator or Middy).
 *
 * @example export const handler = withMetrics(metrics, createDeliveryHandler(...))
 */
export const withMetrics =
  <A extends unknown[], R>(metrics: Metrics, handler: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    try {
      return await handler(...args)
    } finally {
      metrics.flush()
    }
  }

/** The events whose append is a fact the programme counts. */
const countedEvents: Partial<Record<EventType, ProgrammeMetric>> = {
  'application.submitted': 'applicationsSubmitted',
  'application.selected': 'applicationsSelected',
  'application.rejected': 'applicationsRejected',
  'application.withdrawn': 'applicationsWithdrawn',
}

/**
 * The API's hook after a command's append (handleCommand's `onAppended`): counts the
 * application facts and flushes at once. A request appends once at most, so this is still
 * one line per invocation, and it works where no Lambda wrapper flushes (`npm start`).
 *
 * @example createApp({ ...deps, onAppended: countAppended(metrics) })
 */
export const countAppended =
  (metrics: Metrics) =>
  (events: readonly DomainEvent[]): void => {
    for (const { type } of events) {
      const metric = countedEvents[type]
      if (metric) metrics.add(metric)
    }
    metrics.flush()
  }
