import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger'

/**
 * What every Lambda and the API log through: Powertools' Logger in AWS and under
 * `npm start`, a silent or recording stand-in in tests. Extra arguments are structured
 * fields (`{ streamId }`), merged into the JSON line by Powertools.
 */
export interface Logger {
  info(message: string, ...extra: unknown[]): void
  warn(message: string, ...extra: unknown[]): void
  error(message: string, ...extra: unknown[]): void
}

/** Logs nothing: the default of every worker that takes an optional logger. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} }

/**
 * The Powertools logger of one Lambda, `delegation-sud-<name>` in every line; created at
 * module scope by the entry file, once per container.
 *
 * @example const logger = createLogger('indexer')
 */
export const createLogger = (name: string): Logger =>
  new PowertoolsLogger({ serviceName: `delegation-sud-${name}` })
