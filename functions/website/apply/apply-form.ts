import { html } from 'hono/html'
import { consentText, currentConsentVersion } from '../../../domain/shared/consent.js'
import { territories } from '../../../domain/shared/territories.js'
import { dateTime, knownThemes, themeName } from '../i18n/labels.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import { anchorOf, checkbox, checkboxes, type FormState, input, select, textarea } from './form-fields.js'

/** What the form needs of the edition: its name, deadline and themes (from its stream). */
export interface EditionForForm {
  readonly editionId: string
  readonly name: string
  readonly applicationDeadline: string
  readonly themes: readonly string[]
}

export interface ApplyFormView extends FormState {
  /** A fresh key for every rendered form: posting it twice records one application. */
  readonly idempotencyKey: string
  /** A refusal that is about the whole form (already applied, busy…). */
  readonly notice?: string
}

/** Fields in the order of the page, for the error summary (groups link to their first box). */
const fieldOrder: readonly (readonly [string, boolean])[] = [
  ['startup.name', false],
  ['startup.siret', false],
  ['startup.city', false],
  ['startup.territory', false],
  ['startup.website', false],
  ['startup.themes', true],
  ['startup.description', false],
  ['contact.name', false],
  ['contact.email', false],
  ['contact.phone', false],
  ['pitch', false],
  ['consent', false],
]

const errorSummary = (page: PageContext, view: ApplyFormView, labels: Record<string, string>): Markup => {
  const listed = fieldOrder.filter(([path]) => view.errors[path] !== undefined)
  const other = Object.keys(view.errors).filter((path) => !fieldOrder.some(([known]) => known === path))
  const count = listed.length + other.length
  if (count === 0 && !view.notice) return html``
  return html`<div class="error-summary" id="error-summary" role="alert" tabindex="-1">
    ${view.notice ? html`<p>${view.notice}</p>` : ''}
    ${count > 0
      ? html`<h2>${page.t.apply.errorSummary(count)}</h2>
          <ul>
            ${listed.map(
              ([path, group]) => html`<li><a href="${anchorOf(path, group)}">${labels[path]} : ${view.errors[path]}</a></li>`,
            )}
            ${other.map((path) => html`<li>${path} : ${view.errors[path]}</li>`)}
          </ul>`
      : ''}
  </div>`
}

/**
 * The registration form of one edition: every field of the application with its label,
 * the territories and themes the API validates against, the current consent wording.
 * Posted as a plain form (no script needed); `form.js` sends it with fetch when it can.
 *
 * @example c.html(applyFormPage(page, edition, { values: {}, errors: {}, idempotencyKey }))
 */
export const applyFormPage = (page: PageContext, edition: EditionForForm, view: ApplyFormView): Markup => {
  const { t, lang } = page
  const a = t.apply
  const common = { requiredLabel: a.required, errorLabel: a.errorTitle }
  const themes = edition.themes.length > 0 ? edition.themes : knownThemes
  const labels: Record<string, string> = {
    'startup.name': a.name,
    'startup.siret': a.siret,
    'startup.city': a.city,
    'startup.territory': a.territory,
    'startup.website': a.website,
    'startup.themes': a.themes,
    'startup.description': a.description,
    'contact.name': a.contactName,
    'contact.email': a.email,
    'contact.phone': a.phone,
    pitch: a.pitch,
    consent: a.consentLegend,
  }
  const hasErrors = Object.keys(view.errors).length > 0 || view.notice !== undefined
  const title = a.title(edition.name)
  const body = html`<h1>${title}</h1>
    <p>${a.intro(dateTime(edition.applicationDeadline, lang))}</p>
    ${errorSummary(page, view, labels)}
    <form method="post" action="${page.href(`/editions/${encodeURIComponent(edition.editionId)}/apply`)}" novalidate
      data-enhance data-sending="${a.sending}">
      <input type="hidden" name="idempotencyKey" value="${view.idempotencyKey}" />
      <fieldset class="group">
        <legend>${a.startup}</legend>
        ${input(view, { ...common, path: 'startup.name', label: a.name, required: true, maxLength: 200, autocomplete: 'organization' })}
        ${input(view, { ...common, path: 'startup.siret', label: a.siret, hint: a.siretHint, required: true, maxLength: 20, inputMode: 'numeric' })}
        ${input(view, { ...common, path: 'startup.city', label: a.city, required: true, maxLength: 100, autocomplete: 'address-level2' })}
        ${select(view, {
          ...common,
          path: 'startup.territory',
          label: a.territory,
          required: true,
          placeholder: a.chooseTerritory,
          choices: territories.map(({ slug, name }) => ({ value: slug, label: name })),
        })}
        ${input(view, { ...common, path: 'startup.website', label: a.website, hint: a.websiteHint, type: 'url', required: true, maxLength: 500, autocomplete: 'url' })}
        ${checkboxes(view, {
          ...common,
          path: 'startup.themes',
          label: a.themes,
          hint: a.themesHint,
          required: true,
          choices: themes.map((slug) => ({ value: slug, label: themeName(slug, lang) })),
        })}
        ${textarea(view, { ...common, path: 'startup.description', label: a.description, required: true, maxLength: 5000 })}
      </fieldset>
      <fieldset class="group">
        <legend>${a.contact}</legend>
        ${input(view, { ...common, path: 'contact.name', label: a.contactName, required: true, maxLength: 200, autocomplete: 'name' })}
        ${input(view, { ...common, path: 'contact.email', label: a.email, type: 'email', required: true, maxLength: 254, autocomplete: 'email' })}
        ${input(view, { ...common, path: 'contact.phone', label: a.phone, type: 'tel', maxLength: 30, autocomplete: 'tel' })}
      </fieldset>
      <fieldset class="group">
        <legend>${a.application}</legend>
        ${textarea(view, { ...common, path: 'pitch', label: a.pitch, required: true, maxLength: 5000 })}
      </fieldset>
      <fieldset class="group">
        <legend>${a.consentLegend}</legend>
        <input type="hidden" name="consentVersion" value="${currentConsentVersion}" />
        <input type="hidden" name="language" value="${lang}" />
        ${checkbox(view, { ...common, path: 'consent', label: consentText(currentConsentVersion, lang) ?? '', required: true })}
        <p class="hint">${a.consentVersion(currentConsentVersion)}</p>
      </fieldset>
      <button type="submit">${a.submit}</button>
    </form>`
  return layout(page, { title: hasErrors ? `${a.errorTitle} — ${title}` : title, body, scripts: ['form.js'] })
}
