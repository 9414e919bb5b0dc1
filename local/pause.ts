import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Waits `ms`, or less if `signal` aborts; never throws, so loops just re-check their flag.
 *
 * @example await pause(250, controller.signal)
 */
export const pause = async (ms: number, signal: AbortSignal): Promise<void> => {
  await sleep(ms, undefined, { signal }).catch(() => undefined)
}
