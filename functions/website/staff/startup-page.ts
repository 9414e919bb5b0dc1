import { html } from 'hono/html'
import { territories } from '../../../domain/shared/territories.js'
import type { Principal } from '../../shared/http/token-verifier.js'
import { awardName, territoryName } from '../../queries/labels.js'
import type { StartupPage } from '../../queries/startup-schemas.js'
import { day, themeName } from '../i18n/labels.js'
import { startupRecordMessages } from '../i18n/startup-record-messages.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import type { RefusedField } from '../problem-messages.js'
import { mailLogSection, type MailLog } from './mail-log.js'
import { staffNav } from './staff-nav.js'

export interface StartupRecordView {
  readonly startup: StartupPage['startup']
  /** What the last action did (role=status), or why it was refused with the fields named (role=alert). */
  readonly notice?:
    | { readonly kind: 'done'; readonly text: string }
    | { readonly kind: 'refused'; readonly text: string; readonly fields: readonly RefusedField[] }
    | undefined
  /** A fresh idempotency key per rendered form: a double submit records once. */
  readonly newKey: () => string
  /** What each application was mailed (issue 21): the "Messages" section. */
  readonly mailLogs?: readonly MailLog[]
}

const field = (id: string, label: string, input: Markup) =>
  html`<p class="field"><label for="${id}">${label}</label>${input}</p>`

/** The profile's inputs, named as the API's body names them; `required` for a recovery. */
const profileInputs = (page: PageContext, prefix: string, startup: StartupRecordView['startup'], required: boolean) => {
  const a = page.t.apply
  const req = required ? html` required aria-required="true"` : ''
  return html`${field(`${prefix}-name`, a.name, html`<input id="${prefix}-name" name="name" maxlength="200" value="${required ? startup.name : ''}" placeholder="${startup.name}"${req} />`)}
    ${field(`${prefix}-city`, a.city, html`<input id="${prefix}-city" name="city" maxlength="100" value="${required ? (startup.city ?? '') : ''}" placeholder="${startup.city ?? ''}"${req} />`)}
    ${field(
      `${prefix}-territory`,
      a.territory,
      html`<select id="${prefix}-territory" name="territory"${req}>
        ${required ? '' : html`<option value="">${a.chooseTerritory}</option>`}
        ${territories.map(
          ({ slug, name }) => html`<option value="${slug}"${required && slug === startup.territory ? html` selected` : ''}>${name}</option>`,
        )}
      </select>`,
    )}
    ${field(`${prefix}-website`, a.website, html`<input id="${prefix}-website" name="website" type="url" maxlength="500" value="${required ? (startup.website ?? '') : ''}" placeholder="${startup.website ?? ''}"${req} />`)}
    ${required
      ? html`<input type="hidden" name="themes" value="${startup.themes.join(',')}" />`
      : ''}
    ${field(`${prefix}-description`, a.description, html`<textarea id="${prefix}-description" name="description" maxlength="5000" rows="3"${req}></textarea>`)}`
}

const contactInputs = (page: PageContext, prefix: string, required: boolean) => {
  const a = page.t.apply
  const m = startupRecordMessages(page.lang)
  const req = required ? html` required aria-required="true"` : ''
  return html`<fieldset>
    <legend>${m.newContact}</legend>
    ${field(`${prefix}-contact-name`, a.contactName, html`<input id="${prefix}-contact-name" name="contactName" maxlength="200" autocomplete="off"${req} />`)}
    ${field(`${prefix}-contact-email`, a.email, html`<input id="${prefix}-contact-email" name="contactEmail" type="email" maxlength="254" autocomplete="off"${req} />`)}
    ${field(`${prefix}-contact-phone`, a.phone, html`<input id="${prefix}-contact-phone" name="contactPhone" type="tel" maxlength="30" autocomplete="off" />`)}
    ${field(
      `${prefix}-language`,
      m.language,
      html`<select id="${prefix}-language" name="language"><option value="fr">Français</option><option value="en">English</option></select>`,
    )}
  </fieldset>`
}

const reasonInput = (page: PageContext, prefix: string) =>
  field(
    `${prefix}-reason`,
    startupRecordMessages(page.lang).reason,
    html`<textarea id="${prefix}-reason" name="reason" maxlength="2000" rows="2" required aria-required="true"></textarea>`,
  )

const notice = (page: PageContext, view: StartupRecordView): Markup => {
  const m = startupRecordMessages(page.lang)
  if (!view.notice) return html``
  if (view.notice.kind === 'done') return html`<p class="notice done" role="status">${view.notice.text} ${m.lagNote}</p>`
  return html`<div class="notice refused" role="alert" id="refused">
    <p>${m.refused} ${view.notice.text}</p>
    ${view.notice.fields.length > 0
      ? html`<ul>${view.notice.fields.map(({ label, message }) => html`<li>${label}${page.lang === 'fr' ? ' : ' : ': '}${message}</li>`)}</ul>`
      : ''}
  </div>`
}

/**
 * `/staff/startups/{startupId}`: what the start-up registered (never its contact, which the
 * read models do not hold), its applications and awards, and the two staff actions on its
 * record (issue 20): correct its profile or contact with a reason, and give it back to its
 * real representatives when someone else registered it first. Both forms work without
 * JavaScript and post to the API's own routes through the page.
 *
 * @example c.html(startupRecordPage(page, principal, view))
 */
export const startupRecordPage = (page: PageContext, principal: Principal | undefined, view: StartupRecordView): Markup => {
  const m = startupRecordMessages(page.lang)
  const a = page.t.apply
  const s = page.t.staff
  const { startup } = view
  const base = `/staff/startups/${encodeURIComponent(startup.startupId)}`
  const body = html`<h1>${m.title(startup.name)}</h1>
    ${notice(page, view)}
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">${m.profile}</h2>
      <dl class="profile">
        <dt>${a.name}</dt><dd>${startup.name}</dd>
        <dt>${a.city}</dt><dd>${startup.city ?? ''}</dd>
        <dt>${a.territory}</dt><dd>${territoryName(startup.territory)}</dd>
        <dt>${a.website}</dt><dd class="website">${startup.website ?? ''}</dd>
        <dt>${a.themes}</dt><dd>${startup.themes.map((theme) => themeName(theme, page.lang)).join(', ')}</dd>
        <dt>${m.registeredAt}</dt><dd>${startup.registeredAt ? day(startup.registeredAt) : m.notRegistered}</dd>
      </dl>
      <p>${m.siretNote}</p>
    </section>
    <section aria-labelledby="applications-title">
      <h2 id="applications-title">${m.applications}</h2>
      ${startup.applications.length === 0
        ? html`<p>${m.noApplications}</p>`
        : html`<table class="applications">
            <caption class="visually-hidden">${m.applications}</caption>
            <thead><tr><th scope="col">${m.edition}</th><th scope="col">${m.submittedAt}</th><th scope="col">${m.status}</th></tr></thead>
            <tbody>
              ${startup.applications.map(
                (application) => html`<tr data-application-id="${application.applicationId}">
                  <th scope="row"><a href="${page.href(`/staff/editions/${encodeURIComponent(application.editionId)}`)}">${application.editionId}</a></th>
                  <td>${day(application.submittedAt)}</td>
                  <td class="status status-${application.status}">${s.statusNames[application.status] ?? application.status}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>
    ${mailLogSection(page, view.mailLogs ?? [])}
    <section aria-labelledby="awards-title">
      <h2 id="awards-title">${m.awards}</h2>
      ${startup.awards.length === 0
        ? html`<p>${m.noAwards}</p>`
        : html`<ul class="awards">${startup.awards.map((award) => html`<li>${award.editionId} — ${awardName(award.award)} : ${award.category}</li>`)}</ul>`}
    </section>
    <section aria-labelledby="correct-title">
      <h2 id="correct-title">${m.correct}</h2>
      <p>${m.correctHint}</p>
      <form method="post" action="${page.href(`${base}/profile-correction`)}" class="record-form" id="correction">
        <input type="hidden" name="idempotencyKey" value="${view.newKey()}" />
        ${profileInputs(page, 'correct', startup, false)} ${contactInputs(page, 'correct', false)} ${reasonInput(page, 'correct')}
        <button type="submit">${m.saveCorrection}</button>
      </form>
    </section>
    <section aria-labelledby="recover-title">
      <h2 id="recover-title">${m.recover}</h2>
      <p>${m.recoverHint}</p>
      <form method="post" action="${page.href(`${base}/recovery`)}" class="record-form" id="recovery">
        <input type="hidden" name="idempotencyKey" value="${view.newKey()}" />
        ${profileInputs(page, 'recover', startup, true)} ${contactInputs(page, 'recover', true)} ${reasonInput(page, 'recover')}
        <button type="submit">${m.saveRecovery}</button>
      </form>
    </section>`
  return layout(page, { title: m.title(startup.name), body, nav: staffNav(page, principal, 'editions') })
}
