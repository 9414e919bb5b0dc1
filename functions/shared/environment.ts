import { z } from 'zod'
import { splitCommaList } from './comma-list.js'

/**
 * `true` or `false` in an environment variable (unset is false), for switches that only
 * local development turns on.
 *
 * @example z.object({ ALLOW_HTTP_TARGETS: flag })
 */
export const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true')

/**
 * A comma-separated list in an environment variable (unset is empty), items trimmed.
 *
 * @example z.object({ CORS_ORIGINS: commaList }).parse({ CORS_ORIGINS: 'a, b' }) // ['a', 'b']
 */
export const commaList = z.string().default('').transform(splitCommaList)
