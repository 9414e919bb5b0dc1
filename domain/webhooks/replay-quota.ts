/**
 * How often a subscription may be replayed. A replay re-creates up to 10,000 deliveries
 * (functions/webhooks/subscriptions/replay.ts): one at a time per subscription, and a few a
 * day, so no caller can make the deliverer post the same history over and over.
 */
export interface ReplayQuota {
  /** Replays started per subscription per UTC day. */
  readonly perDay: number
  /**
   * How long a started replay holds its subscription: longer than the API function may run
   * (10 s), so a running replay is never overlapped, and short enough that one cut off by a
   * crash frees the subscription soon ("asking again finishes the job").
   */
  readonly leaseMs: number
}

export const defaultReplayQuota: ReplayQuota = { perDay: 5, leaseMs: 60_000 }

/** What a subscription keeps of its replays. */
export interface ReplayMarks {
  /** Replays ever started: moves with each one, so two racing claims cannot both win. */
  readonly replaysStarted?: number | undefined
  /** The UTC day of `replaysToday`, `YYYY-MM-DD`. */
  readonly replayDay?: string | undefined
  readonly replaysToday?: number | undefined
  /** While set and in the future, a replay is running. */
  readonly replayLeaseUntil?: string | undefined
}

export type ReplayClaim =
  | { readonly granted: true; readonly marks: Required<ReplayMarks> }
  | {
      readonly granted: false
      readonly reason: 'in-progress' | 'daily-limit'
      /** Whole seconds until asking again can be granted (at least 1). */
      readonly retryAfterSeconds: number
    }

const dayMs = 86_400_000
const secondsUntil = (from: number, to: number) => Math.max(1, Math.ceil((to - from) / 1_000))

/**
 * Whether a replay may start now, and the marks it leaves if so.
 *
 * @example claimReplay({}, '2027-01-07T10:00:00.000Z') // { granted: true, marks: { replaysToday: 1, … } }
 */
export const claimReplay = (
  marks: ReplayMarks,
  now: string,
  quota: ReplayQuota = defaultReplayQuota,
): ReplayClaim => {
  const at = Date.parse(now)
  if (marks.replayLeaseUntil !== undefined && Date.parse(marks.replayLeaseUntil) > at) {
    return {
      granted: false,
      reason: 'in-progress',
      retryAfterSeconds: secondsUntil(at, Date.parse(marks.replayLeaseUntil)),
    }
  }
  const day = now.slice(0, 10)
  const today = marks.replayDay === day ? (marks.replaysToday ?? 0) : 0
  if (today >= quota.perDay) {
    const tomorrow = Date.parse(`${day}T00:00:00.000Z`) + dayMs
    return { granted: false, reason: 'daily-limit', retryAfterSeconds: secondsUntil(at, tomorrow) }
  }
  return {
    granted: true,
    marks: {
      replaysStarted: (marks.replaysStarted ?? 0) + 1,
      replayDay: day,
      replaysToday: today + 1,
      replayLeaseUntil: new Date(at + quota.leaseMs).toISOString(),
    },
  }
}
