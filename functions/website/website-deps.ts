import type { ReadModelReader } from '../queries/read-model-reader.js'
import type { TokenVerifier } from '../shared/http/token-verifier.js'
import type { Logger } from '../shared/logger.js'
import type { AggregateLoader } from '../store/aggregate-loader.js'
import type { PagesConfig } from './pages-config.js'

/**
 * What the pages need, and no more: they read the read models (and an edition's state for
 * the form) and verify the staff member's token; every action goes through the API's own
 * routes in process (`AppRequest`), so the write side is not among them.
 */
export interface WebsiteDeps {
  readonly aggregates: AggregateLoader
  readonly readModels: ReadModelReader
  readonly verifier: TokenVerifier
  readonly logger: Logger
  readonly clock: () => Date
  readonly newId: () => string
  /** Origins that may frame the form and withdrawal pages. */
  readonly corsOrigins: readonly string[]
  /** The pages' built assets and staff sign-in; without it they render unstyled, staff sign-in off. */
  readonly pages?: PagesConfig
}
