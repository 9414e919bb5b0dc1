/** What the dispatcher and deliverer log with: Powertools' Logger in Lambda, anything in tests. */
export interface PartnersLogger {
  info(message: string, ...extra: unknown[]): void
  warn(message: string, ...extra: unknown[]): void
  error(message: string, ...extra: unknown[]): void
}

export const silentLogger: PartnersLogger = { info: () => {}, warn: () => {}, error: () => {} }

/** An error's message, whatever was thrown. */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)
