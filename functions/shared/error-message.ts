/**
 * One line for a log or a stored `lastError`, whatever was thrown (`catch (error: unknown)`
 * never assumes an Error): `TypeError: x is undefined`, or the thrown value as text.
 *
 * @example logger.error('stream not indexed', { error: errorMessage(error) })
 */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error)
