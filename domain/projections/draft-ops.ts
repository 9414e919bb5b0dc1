/**
 * The few in-place operations the projections' drafts need (see `Draft` in projection.ts),
 * each O(1) in the usual case. Documents stay plain JSON (records and arrays) so that
 * DynamoDB stores them as they are.
 */

/**
 * A record's own entry: ids such as `constructor` must not find Object.prototype's members.
 *
 * @example own({}, 'constructor') // undefined
 */
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined

/**
 * Sets a record's own entry in place; `__proto__` becomes an entry, not a new prototype.
 *
 * @example put(doc.awards, awardId, { award, category })
 */
export const put = <T>(record: Record<string, T>, key: string, value: T): T => {
  if (key === '__proto__') {
    const attributes = { value, enumerable: true, writable: true, configurable: true }
    Object.defineProperty(record, key, attributes)
  } else {
    record[key] = value
  }
  return value
}

/**
 * The entry at `key`, created with `create` first if absent.
 *
 * @example countMove(entryOf(doc.byTheme, theme, emptyTally), undefined, 'submitted')
 */
export const entryOf = <T>(record: Record<string, T>, key: string, create: () => T): T =>
  own(record, key) ?? put(record, key, create())

/**
 * Inserts `item` into sorted `items` in place, scanning from the end: O(1) when items come
 * in order, as they mostly do, however they arrive. An item comparing equal to one already
 * there is not inserted. Returns where it went, or -1.
 *
 * @example insertSorted(doc.editionsApplied, 'ces-2020', byCodeUnits) // 0
 */
export const insertSorted = <T>(items: T[], item: T, compare: (a: T, b: T) => number): number => {
  let at = items.length
  for (; at > 0; at--) {
    const order = compare(items[at - 1] as T, item)
    if (order === 0) return -1
    if (order < 0) break
  }
  items.splice(at, 0, item)
  return at
}

/**
 * Removes one item equal to `item` from `items`, in place, looking from the end.
 *
 * @example removeOne(doc.editionsSelected, 'ces-2020')
 */
export const removeOne = <T>(items: T[], item: T): void => {
  const at = items.lastIndexOf(item)
  if (at >= 0) items.splice(at, 1)
}

/** Strings in code-unit order: the same everywhere, unlike `localeCompare`. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Orders entries by an instant, then by id: a total order, so entries that come from
 * different streams end up in the same place whatever order the Feed gave them.
 * Instants, not strings: `23:00+02:00` is before `22:00Z`.
 *
 * @example insertSorted(doc.awards, won, byInstantThenId((a) => a.wonAt, (a) => a.awardId))
 */
export const byInstantThenId =
  <T>(instantOf: (item: T) => string, idOf: (item: T) => string) =>
  (a: T, b: T): number =>
    Date.parse(instantOf(a)) - Date.parse(instantOf(b)) || byCodeUnits(idOf(a), idOf(b))
