/**
 * Turns a plain HTML form's flat fields into the nested object the JSON body has:
 * `startup[name]=Calanques` → `{ startup: { name: 'Calanques' } }`, repeated
 * `startup[themes][]` (or `startup[themes]`) → an array, and a ticked checkbox's
 * `on` → `true` for the boolean fields named in `booleans`.
 *
 * @example nestFormFields({ 'contact[email]': 'a@b.fr', consent: 'on' }, ['consent'])
 */
export const nestFormFields = (
  fields: Record<string, unknown>,
  booleans: readonly string[] = [],
  arrays: readonly string[] = [],
): Record<string, unknown> => {
  const root: Record<string, unknown> = {}
  for (const [name, raw] of Object.entries(fields)) {
    const path = parseFieldName(name)
    if (!path) continue
    const key = path.join('.')
    const values = (Array.isArray(raw) ? raw : [raw]).filter((value) => typeof value === 'string')
    let value: unknown = values.length === 1 && !name.endsWith('[]') && !arrays.includes(key) ? values[0] : values
    if (booleans.includes(key) && typeof value === 'string') value = toBoolean(value)
    setPath(root, path, value)
  }
  return root
}

const toBoolean = (value: string): boolean | string =>
  ['on', 'true', '1', 'yes'].includes(value.toLowerCase()) ? true : value === 'false' ? false : value

/** `a[b][c][]` → ['a', 'b', 'c']; a malformed name such as `a[b` → undefined (ignored). */
const parseFieldName = (name: string): string[] | undefined => {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name)
  if (!match?.[1]) return undefined
  const rest = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '')
  return [match[1], ...rest.filter((segment) => segment !== '')]
}

const forbidden = new Set(['__proto__', 'constructor', 'prototype'])

const setPath = (root: Record<string, unknown>, path: string[], value: unknown) => {
  if (path.some((segment) => forbidden.has(segment))) return
  let node = root
  for (const segment of path.slice(0, -1)) {
    const next = node[segment]
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[segment] = {}
    node = node[segment] as Record<string, unknown>
  }
  node[path.at(-1) as string] = value
}
