import { z } from '@hono/zod-openapi'

/**
 * Characters no one-line field may hold: controls (Cc: C0, DEL, C1 such as U+0085), format
 * characters (Cf: bidi overrides and isolates such as U+202E, zero-width ones such as
 * U+200B, the BOM, soft hyphens, tags) and the line and paragraph separators (Zl, Zp).
 * They break CSV exports, logs and e-mails long after the form was posted, and make two
 * names that look the same compare different. Lone surrogates (Cs) and noncharacters
 * (U+FFFE, U+FFFF, U+FDD0…) are no text to exchange at all.
 */
const notOneLine = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}]/u

/**
 * In free text, tabs and line breaks are text, and so are the zero-width (non-)joiners
 * that emoji sequences and some scripts (Persian, Indic) need; every other character
 * above stays out, bidi controls first.
 */
const notMultiLine =
  /(?![\t\n\r\u200C\u200D])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}]/u

const refusal = 'must not contain control, format or separator characters'

/**
 * Text as it is compared and stored: NFC (so `é` typed as one code point or as `e` and a
 * combining accent is one name), then trimmed.
 */
const text = (max: number, forbidden: RegExp) =>
  z
    .string()
    .normalize('NFC')
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !forbidden.test(value), refusal)

/**
 * A one-line text field: NFC, trimmed, none of the characters of `notOneLine`.
 *
 * @example name: singleLine(200)
 */
export const singleLine = (max: number) => text(max, notOneLine)

/**
 * Free text such as a pitch: NFC, trimmed; line breaks, tabs and zero-width joiners
 * allowed, other control, format and separator characters not.
 *
 * @example pitch: multiLine(5000)
 */
export const multiLine = (max: number) => text(max, notMultiLine)
