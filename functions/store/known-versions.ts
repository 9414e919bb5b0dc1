/**
 * The highest version this process has seen stored, per stream (bounded, least
 * recently used first out).
 *
 * Why it is safe: the Events table is append-only and gapless, so once version K
 * of a stream has been read (consistently) or written, versions 1..K exist for
 * good. An append at an expected version ≤ K therefore needs no ConditionCheck on
 * its predecessor, and becomes one conditional PutItem instead of a transaction.
 * A command handler always reads its stream before deciding, so that is the
 * common case; an expected version we have not seen still gets the check.
 */
export class KnownVersions {
  private readonly versions = new Map<string, number>()

  constructor(private readonly capacity = 10_000) {}

  saw(streamId: string, version: number): void {
    if (version <= 0) return
    const previous = this.versions.get(streamId) ?? 0
    this.versions.delete(streamId)
    this.versions.set(streamId, Math.max(previous, version))
    if (this.versions.size > this.capacity) {
      const oldest = this.versions.keys().next().value
      if (oldest !== undefined) this.versions.delete(oldest)
    }
  }

  /** True if version `version` of the stream is known to exist. */
  exists(streamId: string, version: number): boolean {
    return version <= (this.versions.get(streamId) ?? 0)
  }
}
