import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import {
  cursorCodec,
  InvalidCursorError,
  sequenceCursor,
} from '../../../functions/shared/cursor.js'

const sortKeys = cursorCodec(z.object({ sk: z.string().min(1) }).strict())

/** The cursor with one character replaced, at `index`. */
const alter = (cursor: string, index: number) =>
  `${cursor.slice(0, index)}${cursor[index] === 'A' ? 'B' : 'A'}${cursor.slice(index + 1)}`

describe('cursors', () => {
  it('give back what they hold', () => {
    for (const position of [0, 1, 42, 999_999, Number.MAX_SAFE_INTEGER]) {
      expect(sequenceCursor.decode(sequenceCursor.encode(position))).toBe(position)
    }
    const sk = 'startup#01J8Z…é' // any text, accents included
    expect(sortKeys.decode(sortKeys.encode({ sk }))).toEqual({ sk })
  })

  it('are opaque and safe in a URL', () => {
    const cursor = sequenceCursor.encode(1234)
    expect(cursor).toMatch(/^[A-Za-z0-9_.-]+$/)
    expect(cursor).not.toContain('1234')
  })

  it('refuse a cursor altered anywhere, truncated or extended', () => {
    const cursor = sortKeys.encode({ sk: 'nice-cote-d-azur' })
    for (let index = 0; index < cursor.length; index += 1) {
      if (cursor[index] === '.') continue
      expect(() => sortKeys.decode(alter(cursor, index)), `at ${index}`).toThrow(
        InvalidCursorError,
      )
    }
    expect(() => sortKeys.decode(cursor.slice(0, -1))).toThrow(InvalidCursorError)
    expect(() => sortKeys.decode(`${cursor}A`)).toThrow(InvalidCursorError)
    expect(() => sortKeys.decode(`A${cursor}`)).toThrow(InvalidCursorError)
  })

  it("refuse what is not one of ours: garbage, another codec's, a value outside the schema", () => {
    const foreign = [
      '',
      'not-a-cursor',
      '!!',
      'bm90LWEtbnVtYmVy', // base64url of text, no digest
      Buffer.from('42').toString('base64url'),
      sortKeys.encode({ sk: 'x' }), // a well-formed cursor of another shape
      sequenceCursor.encode(-1),
      sequenceCursor.encode(1.5),
      // A feed cursor from before 2.0.0: a bare Feed position, never read as a sequence.
      cursorCodec(z.number().int().min(0)).encode(5_000),
      'A'.repeat(600),
    ]
    for (const cursor of foreign) {
      expect(() => sequenceCursor.decode(cursor), cursor).toThrow(InvalidCursorError)
    }
    expect(() => sortKeys.decode(sequenceCursor.encode(3))).toThrow(InvalidCursorError)
    // Extra fields are refused by a strict schema even with a valid digest.
    const widened = cursorCodec(z.object({ sk: z.string(), admin: z.boolean() }))
    expect(() => sortKeys.decode(widened.encode({ sk: 'x', admin: true }))).toThrow(
      InvalidCursorError,
    )
  })
})
