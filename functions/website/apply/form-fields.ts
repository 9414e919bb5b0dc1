import { html } from 'hono/html'
import type { Markup } from '../layout.js'

/** What the reader typed (kept on a refused post) and what is wrong with it, by field path. */
export interface FormState {
  readonly values: Readonly<Record<string, string | readonly string[]>>
  readonly errors: Readonly<Record<string, string>>
}

/** `startup.siret` → `f-startup-siret`: the input's id, and the prefix of its hint and error. */
export const idOf = (path: string): string => `f-${path.replace(/\./g, '-')}`

/** `startup.siret` → `startup[siret]`: the field's name as the API's form body expects it. */
export const nameOf = (path: string): string => {
  const [first, ...rest] = path.split('.')
  return `${first}${rest.map((segment) => `[${segment}]`).join('')}`
}

/** `startup[themes][]` → `startup.themes`: a posted name back to its path. */
export const pathOf = (name: string): string => name.replace(/\[\]$/, '').replace(/\[([^\]]*)\]/g, '.$1')

export const valueOf = (state: FormState, path: string): string => {
  const value = state.values[path]
  return typeof value === 'string' ? value : ''
}

export interface FieldOptions {
  readonly path: string
  readonly label: string
  readonly hint?: string
  readonly required?: boolean
  readonly requiredLabel: string
  readonly errorLabel: string
}

/** The label, hint and error of a field, and the attributes that tie them to its control. */
const parts = (state: FormState, { path, label, hint, required, requiredLabel, errorLabel }: FieldOptions) => {
  const id = idOf(path)
  const error = state.errors[path]
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return {
    id,
    error,
    labelText: html`${label}${required ? html` <abbr class="req" title="${requiredLabel}">*</abbr>` : ''}`,
    below: html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}${
      error ? html`<p class="error" id="${id}-error"><span class="visually-hidden">${errorLabel} : </span>${error}</p>` : ''
    }`,
    aria: html`${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}${
      required ? html` required` : ''
    }`,
  }
}

export interface InputOptions extends FieldOptions {
  readonly type?: 'text' | 'email' | 'url' | 'tel'
  readonly maxLength?: number
  readonly autocomplete?: string
  readonly inputMode?: 'numeric'
}

/**
 * A one-line input with its label, hint and error (`aria-describedby`).
 *
 * @example input(state, { path: 'startup.siret', label: 'SIRET', inputMode: 'numeric', … })
 */
export const input = (state: FormState, options: InputOptions): Markup => {
  const p = parts(state, options)
  return html`<div class="field${p.error ? ' invalid' : ''}">
    <label for="${p.id}">${p.labelText}</label>
    ${p.below}
    <input id="${p.id}" name="${nameOf(options.path)}" type="${options.type ?? 'text'}" value="${valueOf(state, options.path)}"${
      options.maxLength ? html` maxlength="${options.maxLength}"` : ''
    }${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${
      options.inputMode ? html` inputmode="${options.inputMode}"` : ''
    }${p.aria} />
  </div>`
}

/** A multi-line text field. */
export const textarea = (state: FormState, options: FieldOptions & { readonly maxLength: number }): Markup => {
  const p = parts(state, options)
  return html`<div class="field${p.error ? ' invalid' : ''}">
    <label for="${p.id}">${p.labelText}</label>
    ${p.below}
    <textarea id="${p.id}" name="${nameOf(options.path)}" rows="5" maxlength="${options.maxLength}"${p.aria}>${valueOf(state, options.path)}</textarea>
  </div>`
}

/** A list to choose one value from, with a first empty choice. */
export const select = (
  state: FormState,
  options: FieldOptions & { readonly placeholder: string; readonly choices: readonly { value: string; label: string }[] },
): Markup => {
  const p = parts(state, options)
  const chosen = valueOf(state, options.path)
  return html`<div class="field${p.error ? ' invalid' : ''}">
    <label for="${p.id}">${p.labelText}</label>
    ${p.below}
    <select id="${p.id}" name="${nameOf(options.path)}"${p.aria}>
      <option value="">${options.placeholder}</option>
      ${options.choices.map(
        ({ value, label }) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`,
      )}
    </select>
  </div>`
}

/**
 * Several boxes to tick, in a fieldset whose legend is the question; the hint and error
 * describe the group. The error summary links to the first box.
 */
export const checkboxes = (
  state: FormState,
  options: FieldOptions & { readonly choices: readonly { value: string; label: string }[] },
): Markup => {
  const p = parts(state, options)
  const raw = state.values[options.path]
  const ticked = new Set(typeof raw === 'string' ? [raw] : (raw ?? []))
  return html`<fieldset class="field choices${p.error ? ' invalid' : ''}"${
    p.error || options.hint ? html` aria-describedby="${[options.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ')}"` : ''
  }>
    <legend>${p.labelText}</legend>
    ${p.below}
    ${options.choices.map(
      ({ value, label }, index) => html`<div class="choice">
        <input type="checkbox" id="${p.id}-${index}" name="${nameOf(options.path)}[]" value="${value}"${
          ticked.has(value) ? html` checked` : ''
        }${p.error ? html` aria-invalid="true"` : ''} />
        <label for="${p.id}-${index}">${label}</label>
      </div>`,
    )}
  </fieldset>`
}

/** One box to tick whose label is a whole text (the consent); its error stands above it. */
export const checkbox = (state: FormState, options: FieldOptions): Markup => {
  const p = parts(state, options)
  return html`<div class="field${p.error ? ' invalid' : ''}">
    ${p.below}
    <div class="choice single">
      <input type="checkbox" id="${p.id}" name="${nameOf(options.path)}" value="on"${
        valueOf(state, options.path) ? html` checked` : ''
      }${p.aria} />
      <label for="${p.id}">${p.labelText}</label>
    </div>
  </div>`
}

/** The first control of a field, where the error summary's link takes the reader. */
export const anchorOf = (path: string, isGroup: boolean): string => `#${idOf(path)}${isGroup ? '-0' : ''}`
