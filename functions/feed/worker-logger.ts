/**
 * The read side's logging and retry helpers now live in functions/shared (logger.ts,
 * error-message.ts, backoff.ts). Re-exported here only for the projector and the
 * rebuild, until they import them from there: then delete this file.
 */
export { silentLogger, type Logger as WorkerLogger } from '../shared/logger.js'
export { errorMessage } from '../shared/error-message.js'
export { backoff as jitteredBackoff } from '../shared/backoff.js'
