import type { ZodError } from 'zod'
import { ProblemError, type FieldError } from './problem.js'

/** Zod issues as the field-by-field list a form can show next to its inputs. */
export const fieldErrorsOf = (error: ZodError): FieldError[] =>
  error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
    code: issue.code,
  }))

/**
 * The 400 problem for a request that failed its schema.
 *
 * @example throw validationProblem(result.error)
 */
export const validationProblem = (error: ZodError, where = 'body') =>
  new ProblemError(400, 'validation-failed', 'Validation failed', `The request ${where} is not valid`, {
    errors: fieldErrorsOf(error),
  })
