/**
 * Opaque cursors for partners: base64url of a position. Opaque so that what it holds
 * can change; a position so that it never expires.
 *
 * @example decodeCursor(encodeCursor(42)) // 42
 */
export const encodeCursor = (position: number): string =>
  Buffer.from(String(position)).toString('base64url')

/** The position in a cursor, or undefined if it is not one of ours. */
export const decodeCursor = (cursor: string): number | undefined => {
  if (!/^[A-Za-z0-9_-]{1,24}$/.test(cursor)) return undefined
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!/^(0|[1-9]\d{0,14})$/.test(text)) return undefined
  return Number(text)
}
