import { z } from '@hono/zod-openapi'

// C0 controls and DEL; tabs and line breaks are allowed only in multi-line text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const anyControl = /[\u0000-\u001F\u007F]/
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlExceptLineBreaks = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

/**
 * A one-line text field: trimmed, no control characters (they break CSV exports,
 * logs and e-mails long after the form was posted).
 *
 * @example name: singleLine(200)
 */
export const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !anyControl.test(value), 'must not contain control characters')

/** Free text such as a pitch: line breaks and tabs allowed, other control characters not. */
export const multiLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !controlExceptLineBreaks.test(value), 'must not contain control characters')
