import { z } from 'zod'
import { sha256 } from './secrets.js'

/** A cursor this API did not hand out, or one changed since: answered as a 400. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError'
  constructor() {
    super('The cursor is not one this API returned')
  }
}

interface CursorCodec<T> {
  encode(value: T): string
  /** The value a cursor of ours holds; throws InvalidCursorError for anything else. */
  decode(cursor: string): T
}

const cursorPattern = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{8})$/
/** Over the text as written, so that any change to it, even one base64 ignores, shows. */
const digestOf = (body: string) => sha256(body).slice(0, 8)

/**
 * Opaque page cursors: the value as base64url JSON, and a short digest of it. Opaque, so
 * what a cursor holds can change without clients noticing; the digest catches a cursor
 * edited, truncated or mangled on its way back, and `schema` checks what it decodes to.
 * The digest is no secret: a cursor only says where a page starts, in data the caller may
 * read anyway.
 *
 * @example
 *   const positions = cursorCodec(z.number().int().min(0))
 *   positions.decode(positions.encode(42)) // 42
 */
export const cursorCodec = <S extends z.ZodType>(schema: S, maxLength = 512) => {
  const encode = (value: z.infer<S>): string => {
    const body = Buffer.from(JSON.stringify(value)).toString('base64url')
    return `${body}.${digestOf(body)}`
  }
  const decode = (cursor: string): z.infer<S> => {
    const match = cursor.length <= maxLength ? cursorPattern.exec(cursor) : null
    const body = match?.[1] ?? ''
    if (!match || digestOf(body) !== match[2]) throw new InvalidCursorError()
    try {
      return schema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')))
    } catch {
      throw new InvalidCursorError()
    }
  }
  return { encode, decode } satisfies CursorCodec<z.infer<S>>
}

const sequences = cursorCodec(
  z.object({ s: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict(),
)

/**
 * Cursors over partner sequences (the numbers of the events partners receive, never Feed
 * positions, whose gaps count the events withheld from them): the partner feed's `next`
 * and the delivery log's. A sequence never expires, so neither does such a cursor. It
 * holds `{ s }`, not a bare number, so a cursor handed out before 2.0.0 (a bare Feed
 * position) is refused rather than read as a sequence.
 *
 * @example const after = sequenceCursor.decode(page.next)
 */
export const sequenceCursor = {
  encode: (sequence: number): string => sequences.encode({ s: sequence }),
  decode: (cursor: string): number => sequences.decode(cursor).s,
}
