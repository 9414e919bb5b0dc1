import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Which Lambda's code is running: `api`, `indexer`, `projector`… Set where each function's
 * work starts (its handler, or the job it runs), read by the AWS call recorder
 * (aws-call-recorder.ts), so a call is attributed to the function whose role must allow it,
 * even when one process runs them all (`npm start`, the tests).
 */
const running = new AsyncLocalStorage<string>()

/**
 * `work` run as function `name`, unless another function is already running it: the
 * outermost wins, so the deliverer's posts made by the dispatcher Lambda are the
 * dispatcher's calls, and its own schedule's are the deliverer's.
 *
 * @example export const handler = asFunction('indexer', createIndexer(deps))
 */
export const asFunction =
  <A extends unknown[], R>(name: string, work: (...args: A) => R) =>
  (...args: A): R =>
    running.getStore() === undefined ? running.run(name, () => work(...args)) : work(...args)

/** The function whose code is running now, if any (a test's own set-up runs as none). */
export const runningFunction = (): string | undefined => running.getStore()
