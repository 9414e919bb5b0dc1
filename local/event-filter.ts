import type { FilterPattern, FilterRule } from '../functions/shared/stream-source.js'

/**
 * Lambda event filtering as AWS documents it ("Control which events Lambda sends to your
 * function", which defers to EventBridge's event patterns), for the rules we use, so
 * `npm start` drops the records AWS would:
 *
 * - a record passes when it matches any one of the filters (none: every record passes);
 * - a pattern lists fields, nested as in the record Lambda delivers (DynamoDB JSON under
 *   `dynamodb`); the record must match every field (AND);
 * - a field's rules are an array, of which one must match (OR): an exact value (no case
 *   folding, no normalisation; a number matches only a number), `{ prefix }` (strings),
 *   `{ exists: true | false }` (leaf values only, as EventBridge says), `{ 'anything-but' }`
 *   (a value, a list or a prefix; the field must be there);
 * - against an array in the record, a rule matches when it matches one of its elements.
 *
 * Any other rule (numeric, suffix, wildcard…) throws rather than guess.
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isLeaf = (value: unknown) =>
  value === null || (typeof value !== 'object' && value !== undefined)

const unsupported = (rule: unknown): never => {
  throw new Error(`Unsupported event filter rule: ${JSON.stringify(rule)}`)
}

/** anything-but: the value is there and is none of the listed values, or lacks the prefix. */
const anythingBut = (excluded: unknown, value: unknown): boolean => {
  if (!isLeaf(value)) return false
  if (isObject(excluded)) {
    if (typeof excluded.prefix !== 'string' || Object.keys(excluded).length !== 1)
      return unsupported(excluded)
    return typeof value !== 'string' || !value.startsWith(excluded.prefix)
  }
  const list = Array.isArray(excluded) ? excluded : [excluded]
  return !list.includes(value)
}

/** One rule, other than exists, against one value of the record (undefined: absent). */
const ruleMatches = (rule: FilterRule, value: unknown): boolean => {
  if (!isObject(rule)) return isLeaf(value) && value === rule
  if (Object.keys(rule).length !== 1) return unsupported(rule)
  if ('prefix' in rule && typeof rule.prefix === 'string') {
    return typeof value === 'string' && value.startsWith(rule.prefix)
  }
  if ('anything-but' in rule) return anythingBut(rule['anything-but'], value)
  return unsupported(rule)
}

/** exists: true for a value there that is not an object (leaves and arrays of them). */
const existsMatches = (rule: Record<string, unknown>, value: unknown): boolean => {
  if (typeof rule.exists !== 'boolean' || Object.keys(rule).length !== 1) return unsupported(rule)
  return rule.exists ? value !== undefined && !isObject(value) : value === undefined
}

const fieldMatches = (rules: readonly FilterRule[], value: unknown): boolean =>
  rules.some((rule) => {
    if (isObject(rule) && 'exists' in rule) return existsMatches(rule, value)
    return Array.isArray(value)
      ? value.some((element) => ruleMatches(rule, element))
      : ruleMatches(rule, value)
  })

const patternMatches = (pattern: FilterPattern, value: unknown): boolean =>
  Object.entries(pattern).every(([field, expected]) => {
    const child = isObject(value) ? value[field] : undefined
    return Array.isArray(expected)
      ? fieldMatches(expected as readonly FilterRule[], child)
      : patternMatches(expected as FilterPattern, child)
  })

/**
 * Whether Lambda would hand a record to a function whose event source has these filters.
 *
 * @example matchesFilters([{ dynamodb: { Keys: { pk: { S: [{ prefix: 'page#' }] } } } }], record)
 */
export const matchesFilters = (filters: readonly FilterPattern[], record: unknown): boolean =>
  filters.length === 0 || filters.some((pattern) => patternMatches(pattern, record))
