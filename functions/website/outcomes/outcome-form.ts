import { html } from 'hono/html'
import type { z } from 'zod'
import { dealValueBands, type OutcomeFigures } from '../../../domain/events/index.js'
import { outcomeFields } from '../../contract/outcome-requests.js'
import type { ApiAnswer } from '../api-client.js'
import { anchorOf, type FormState, input, select, textarea } from '../apply/form-fields.js'
import type { OutcomeMessages } from '../i18n/outcome-messages.js'
import type { Markup } from '../layout.js'

/**
 * The outcomes form's fields, shared by the start-up's page and staff's: the figures as
 * people type them (French spaces in 1 000 000 are fine), the value band as a list whose
 * first choice is "no deal", the note for staff. What they post is turned into the API's
 * JSON and validated with the API's own schema before it is sent, so each message stands
 * beside its field in the reader's language.
 */

const countFields = ['businessContacts', 'dealsSigned', 'fundsRaisedEur', 'pressArticles', 'jobsCreated', 'jobsPlanned'] as const
type CountField = (typeof countFields)[number]
const isCountField = (field: string): field is CountField => (countFields as readonly string[]).includes(field)

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * A report's figures as the form shows them.
 *
 * @example valuesOf(report) // { businessContacts: '40', dealsValueBand: '100k-1m', … }
 */
export const valuesOf = (report: (OutcomeFigures & { noteForStaff?: string | undefined }) | null): Record<string, string> => {
  if (report === null) return {}
  const values: Record<string, string> = {}
  for (const field of countFields) values[field] = String(report[field])
  values.dealsValueBand = report.dealsValueBand ?? ''
  if (report.noteForStaff) values.noteForStaff = report.noteForStaff
  return values
}

/** What the form posted, as typed (to show again), keyed by field. */
export const postedValues = (posted: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(outcomeFields.map((field) => [field, text(posted[field])]))

/**
 * The posted fields as the API's JSON body: counts without their spaces as numbers (what
 * is not one stays text, for the schema to refuse), an empty band as null, an empty note
 * as none.
 *
 * @example bodyFromForm({ businessContacts: '1 200', dealsValueBand: '' }) // { businessContacts: 1200, dealsValueBand: null }
 */
export const bodyFromForm = (posted: Record<string, unknown>): Record<string, unknown> => {
  const body: Record<string, unknown> = {}
  for (const field of countFields) {
    const raw = text(posted[field]).replace(/[\s\u00a0\u202f]/g, '')
    if (raw !== '') body[field] = /^\d{1,15}$/.test(raw) ? Number(raw) : raw
  }
  body.dealsValueBand = text(posted.dealsValueBand) || null
  const note = text(posted.noteForStaff).trim()
  if (note) body.noteForStaff = note
  return body
}

/** One field's message for a schema issue, knowing what the reader typed. */
const messageFor = (issue: z.core.$ZodIssue, typed: string, words: OutcomeMessages): string => {
  const field = String(issue.path[0] ?? '')
  const e = words.errors
  if (isCountField(field)) {
    if (typed.trim() === '') return e.required
    if (issue.code === 'too_big' && typeof issue.maximum === 'number') return e.atMost(issue.maximum)
    return e.wholeNumber
  }
  if (field === 'dealsValueBand') return e.choose
  if (issue.code === 'too_big' && typeof issue.maximum === 'number') return e.tooLong(issue.maximum)
  return e.invalidText
}

/**
 * The schema's issues as one message per field, in the reader's language.
 *
 * @example formErrors(parsed.error.issues, posted, words) // { fundsRaisedEur: 'Give a whole number…' }
 */
export const formErrors = (issues: readonly z.core.$ZodIssue[], posted: Record<string, unknown>, words: OutcomeMessages): Record<string, string> => {
  const errors: Record<string, string> = {}
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '')
    if (!(outcomeFields as readonly string[]).includes(field)) continue
    errors[field] ??= messageFor(issue, text(posted[field]), words)
  }
  return errors
}

/**
 * A refusal of the API that is about a field, as the form shows it: the deals' value band
 * that does not go with the deals (the decider's rule), or a field the API's schema refused.
 * Undefined for anything else.
 *
 * @example fieldErrorsOf(answer, body, words) // { dealsValueBand: 'Deals were signed: …' }
 */
export const fieldErrorsOf = (
  answer: Extract<ApiAnswer, { ok: false }>,
  body: Record<string, unknown>,
  words: OutcomeMessages,
): Record<string, string> | undefined => {
  if (answer.code === 'deals-value-band-mismatch') {
    return { dealsValueBand: body.dealsValueBand === null ? words.errors.bandNeeded : words.errors.bandWithoutDeals }
  }
  if (answer.code !== 'validation-failed') return undefined
  const fields = (answer.problem?.errors ?? []).map(({ field }) => field).filter((field) => (outcomeFields as readonly string[]).includes(field))
  return fields.length > 0 ? Object.fromEntries(fields.map((field) => [field, words.errors.wholeNumber])) : undefined
}

const labelOf = (words: OutcomeMessages, field: (typeof outcomeFields)[number]) => words.fields[field]

/** Errors first, each a link to its field, in the order of the form. */
export const errorSummary = (words: OutcomeMessages, state: FormState, notice?: string): Markup => {
  const listed = outcomeFields.filter((field) => state.errors[field] !== undefined)
  if (listed.length === 0 && !notice) return html``
  return html`<div class="error-summary" id="error-summary" role="alert" tabindex="-1">
    ${notice ? html`<p>${notice}</p>` : ''}
    ${listed.length > 0
      ? html`<h2>${words.errors.summary(listed.length)}</h2>
          <ul>
            ${listed.map((field) => html`<li><a href="${anchorOf(field, false)}">${labelOf(words, field)} : ${state.errors[field]}</a></li>`)}
          </ul>`
      : ''}
  </div>`
}

/**
 * The figures and the note, each with its label, hint and error.
 *
 * @example html`<form …>${outcomeInputs(words, state)}<button>…</button></form>`
 */
export const outcomeInputs = (words: OutcomeMessages, state: FormState): Markup => {
  const f = words.fields
  const common = { requiredLabel: words.errors.required, errorLabel: words.errors.title }
  const count = (path: CountField, hint?: string) =>
    input(state, { ...common, path, label: f[path], ...(hint ? { hint } : {}), required: true, maxLength: 20, inputMode: 'numeric' })
  return html`${count('businessContacts', f.businessContactsHint)}
    ${count('dealsSigned', f.dealsSignedHint)}
    ${select(state, {
      ...common,
      path: 'dealsValueBand',
      label: f.dealsValueBand,
      hint: f.dealsValueBandHint,
      placeholder: words.bands.none,
      choices: dealValueBands.map((band) => ({ value: band, label: words.bands[band] })),
    })}
    ${count('fundsRaisedEur', f.fundsRaisedEurHint)} ${count('pressArticles', f.pressArticlesHint)}
    ${count('jobsCreated')} ${count('jobsPlanned')}
    ${textarea(state, { ...common, path: 'noteForStaff', label: f.noteForStaff, hint: f.noteForStaffHint, maxLength: 5000 })}`
}
