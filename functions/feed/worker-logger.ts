/**
 * What the read side's workers log through: Powertools' Logger in a Lambda, a silent or
 * recording stand-in in tests.
 */
export interface WorkerLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void
  warn(message: string, ...extra: Record<string, unknown>[]): void
  error(message: string, ...extra: Record<string, unknown>[]): void
}

/** Logs nothing: the default when no logger is given. */
export const silentLogger: WorkerLogger = { info: () => {}, warn: () => {}, error: () => {} }

/** One line, whatever was thrown. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error)

/** Sleeps a random time up to `base · 2^attempt` ms, capped: spreads out racing retries. */
export const jitteredBackoff = (attempt: number, base = 10, capMs = 1_000): Promise<void> =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.random() * Math.min(capMs, base * 2 ** Math.min(attempt, 10))))
