/**
 * `'a, b,,c'` → `['a', 'b', 'c']`: items trimmed, empty ones dropped. Apart from zod, so
 * code that must not load zod at cold start (functions/http/lambda.ts) reads lists too.
 *
 * @example splitCommaList(process.env.CORS_ORIGINS) // ['https://a.example']
 */
export const splitCommaList = (value = ''): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
