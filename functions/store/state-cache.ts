/** A stream's state as folded at `version` by fold version `foldVersion`. */
export interface CachedState {
  readonly version: number
  readonly foldVersion: number
  readonly state: unknown
  /** The version of the stream's stored snapshot, as far as this process knows. */
  readonly snapshotVersion: number
}

/**
 * The states this process has folded, per stream (bounded, least recently used out):
 * a warm Lambda then reads only the events appended since (Equinox's cache). Holding
 * a state here is safe because folds never change the state they start from.
 */
export class StateCache {
  private readonly entries = new Map<string, CachedState>()

  constructor(private readonly capacity = 5_000) {}

  get(streamId: string, foldVersion: number): CachedState | undefined {
    const entry = this.entries.get(streamId)
    if (entry === undefined || entry.foldVersion !== foldVersion) return undefined
    this.entries.delete(streamId)
    this.entries.set(streamId, entry)
    return entry
  }

  set(streamId: string, entry: CachedState): void {
    const current = this.entries.get(streamId)
    if (current && current.foldVersion === entry.foldVersion && current.version > entry.version) return
    this.entries.delete(streamId)
    this.entries.set(streamId, entry)
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
  }
}
