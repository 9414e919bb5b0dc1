import { z } from 'zod'

/**
 * Where a message's links lead. Every link is absolute: the stage's public URL (a stage
 * setting; `npm start`'s own URL locally) joined with a path, so a message read anywhere
 * opens the programme's pages. The Région's address is where people write, and where the
 * registered contact reports an application they did not make.
 */
export const messageLinks = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }).max(500),
  contactEmail: z.email().max(254),
  /**
   * This application's way to withdraw, as the notifier makes it for its contact (path and
   * query under `baseUrl`, e.g. a signed link); required for `received`.
   */
  withdrawalPath: z
    .string()
    .max(2000)
    .regex(/^\/(?!\/)\S*$/, 'must be a path under the base URL, such as /applications/…')
    .optional(),
})
export type MessageLinks = z.infer<typeof messageLinks>

/** The links as a message uses them: absolute, ready to show. */
export interface ResolvedLinks {
  readonly site: string
  readonly contactEmail: string
  /** `mailto:` the Région, the subject naming what it is about. */
  readonly writeToUs: (subject: string) => string
  readonly withdrawal: string | undefined
}

/** A link under the base URL; refuses one that would lead elsewhere. */
const under = (baseUrl: string, path: string): string => {
  const base = baseUrl.replace(/\/+$/, '')
  const absolute = `${base}${path}`
  if (new URL(absolute).origin !== new URL(base).origin) {
    throw new RangeError(`${path} leads away from ${baseUrl}`)
  }
  return absolute
}

/**
 * Checks the links and makes them absolute.
 *
 * @example resolveLinks({ baseUrl: 'https://sud.example', contactEmail: 'delegation@sud.example' }).site // 'https://sud.example/'
 */
export const resolveLinks = (links: MessageLinks): ResolvedLinks => {
  const { baseUrl, contactEmail, withdrawalPath } = messageLinks.parse(links)
  return {
    site: under(baseUrl, '/'),
    contactEmail,
    writeToUs: (subject) => `mailto:${contactEmail}?subject=${encodeURIComponent(subject)}`,
    withdrawal: withdrawalPath === undefined ? undefined : under(baseUrl, withdrawalPath),
  }
}
