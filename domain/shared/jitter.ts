/**
 * A wait spread over ±`ratio` around `baseMs`, so that what failed together does not retry
 * together. `random` is a number in [0, 1) supplied by the caller (0.5 = no jitter); anything
 * else (NaN, out of range) reads as 0.5's neighbours, never as a longer or negative wait.
 *
 * @example jittered(60_000, 0.5) // 60_000
 */
export const jittered = (baseMs: number, random: number, ratio = 0.2): number =>
  Math.round(baseMs * (1 - ratio + 2 * ratio * clamp01(random)))

const clamp01 = (value: number) => (Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0.5)
