import type { ZodError } from 'zod'
import type { FieldError } from './problem.js'

/**
 * Zod issues as the field-by-field list a form can show next to its inputs.
 *
 * @example fieldErrorsOf(result.error) // [{ field: 'startup.siret', message: '…', code: '…' }]
 */
export const fieldErrorsOf = (error: ZodError): FieldError[] =>
  error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
    code: issue.code,
  }))
