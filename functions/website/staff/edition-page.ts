import { html } from 'hono/html'
import { awardLevels, partnerKinds } from '../../../domain/events/index.js'
import { applicationStatuses } from '../../../domain/projections/index.js'
import { territories } from '../../../domain/shared/territories.js'
import type { Principal } from '../../shared/http/token-verifier.js'
import { awardName, territoryName } from '../../queries/labels.js'
import type { AwardRow } from '../../queries/schemas.js'
import { day, partnerKindName, themeName } from '../i18n/labels.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import type { Applicant, ApplicantFilter, ApplicantsView } from './applicants.js'
import { staffNav } from './staff-nav.js'
import { outcomesSection } from './member-outcomes.js'
import type { EditionOutcomesDoc } from '../../../domain/projections/index.js'

export interface EditionPageView {
  readonly editionId: string
  readonly name: string
  readonly status: 'open' | 'closed'
  readonly themes: readonly string[]
  readonly applicants: ApplicantsView
  readonly filter: ApplicantFilter
  readonly awards: readonly AwardRow[]
  readonly partners: readonly { partnerId: string; name: string; kind: string; contribution: string }[]
  /** What the last action did (role=status), or why it was refused (role=alert). */
  readonly notice?: { readonly kind: 'done' | 'refused'; readonly text: string } | undefined
  /** A fresh idempotency key per rendered form. */
  readonly newKey: () => string
  /** The members (whatever the filter) and their reports after the show (staff only). */
  readonly outcomes?: { readonly members: readonly Applicant[]; readonly doc: EditionOutcomesDoc | undefined }
}

const options = (values: readonly { value: string; label: string }[], chosen: string | undefined, any: string) =>
  html`<option value="">${any}</option>${values.map(
    ({ value, label }) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${label}</option>`,
  )}`

const filters = (page: PageContext, view: EditionPageView): Markup => {
  const s = page.t.staff
  const { filter } = view
  return html`<form method="get" action="/staff/editions/${encodeURIComponent(view.editionId)}" class="filters">
    ${page.lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
    <fieldset>
      <legend>${s.filters}</legend>
      <label for="filter-status">${s.status}</label>
      <select id="filter-status" name="status">
        ${options(applicationStatuses.map((value) => ({ value, label: s.statusNames[value] ?? value })), filter.status, s.anyStatus)}
      </select>
      <label for="filter-territory">${s.territory}</label>
      <select id="filter-territory" name="territory">
        ${options(territories.map(({ slug, name }) => ({ value: slug, label: name })), filter.territory, s.anyTerritory)}
      </select>
      <label for="filter-theme">${s.themes}</label>
      <select id="filter-theme" name="theme">
        ${options(view.themes.map((value) => ({ value, label: themeName(value, page.lang) })), filter.theme, s.anyTheme)}
      </select>
      <button type="submit">${s.filter}</button>
    </fieldset>
  </form>`
}

/** Select / reject, pinned to the version this page shows: a stale page is told, not obeyed. */
const decision = (page: PageContext, view: EditionPageView, applicant: Applicant): Markup => {
  const s = page.t.staff
  if (applicant.status !== 'submitted' || view.status !== 'open') return html``
  return html`<form method="post" action="${page.href(`/staff/editions/${encodeURIComponent(view.editionId)}/decisions`)}" class="decision">
    <input type="hidden" name="applicationId" value="${applicant.applicationId}" />
    <input type="hidden" name="startupName" value="${applicant.startupName}" />
    ${applicant.version === undefined ? '' : html`<input type="hidden" name="version" value="${applicant.version}" />`}
    <input type="hidden" name="idempotencyKey" value="${view.newKey()}" />
    <button type="submit" name="decision" value="selected">${s.select}<span class="visually-hidden"> ${applicant.startupName}</span></button>
    <button type="submit" name="decision" value="rejected" class="secondary">${s.reject}<span class="visually-hidden"> ${applicant.startupName}</span></button>
  </form>`
}

const applicationsTable = (page: PageContext, view: EditionPageView): Markup => {
  const s = page.t.staff
  const { applicants } = view.applicants
  if (applicants.length === 0) return html`<p>${s.noApplications}</p>`
  return html`<table class="applications">
    <caption class="visually-hidden">${s.applications}</caption>
    <thead>
      <tr>
        <th scope="col">${s.startup}</th><th scope="col">${s.territory}</th><th scope="col">${s.themes}</th>
        <th scope="col">${s.submittedAt}</th><th scope="col">${s.status}</th><th scope="col">${s.decision}</th>
      </tr>
    </thead>
    <tbody>
      ${applicants.map(
        (applicant) => html`<tr data-application-id="${applicant.applicationId}">
          <th scope="row"><a href="${page.href(`/staff/startups/${encodeURIComponent(applicant.startupId)}`)}">${applicant.startupName}</a></th>
          <td>${territoryName(applicant.territory)}</td>
          <td>${applicant.themes.map((theme) => themeName(theme, page.lang)).join(', ')}</td>
          <td>${day(applicant.submittedAt)}</td>
          <td class="status status-${applicant.status}">${s.statusNames[applicant.status]}</td>
          <td>${decision(page, view, applicant)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`
}

const awardsSection = (page: PageContext, view: EditionPageView): Markup => {
  const s = page.t.staff
  const members = view.applicants.applicants.filter((applicant) => applicant.status === 'selected')
  const action = page.href(`/staff/editions/${encodeURIComponent(view.editionId)}/awards`)
  return html`<section aria-labelledby="awards-title">
    <h2 id="awards-title">${s.awards}</h2>
    ${view.awards.length === 0
      ? html`<p>${s.noAwards}</p>`
      : html`<ul class="awards">
          ${view.awards.map((row) => html`<li>${row.startupName} — ${awardName(row.award)} : ${row.category}</li>`)}
        </ul>`}
    ${view.status === 'open' && members.length > 0
      ? html`<form method="post" action="${action}" class="inline-form">
          <fieldset>
            <legend>${s.recordAward}</legend>
            <input type="hidden" name="idempotencyKey" value="${view.newKey()}" />
            <label for="award-startup">${s.member}</label>
            <select id="award-startup" name="startupId" required>
              ${members.map((member) => html`<option value="${member.startupId}">${member.startupName}</option>`)}
            </select>
            <label for="award-level">${s.level}</label>
            <select id="award-level" name="award">
              ${awardLevels.map((level) => html`<option value="${level}">${awardName(level)}</option>`)}
            </select>
            <label for="award-category">${s.category}</label>
            <input id="award-category" name="category" required maxlength="200" />
            <button type="submit">${s.record}</button>
          </fieldset>
        </form>`
      : ''}
  </section>`
}

const partnersSection = (page: PageContext, view: EditionPageView): Markup => {
  const s = page.t.staff
  const action = page.href(`/staff/editions/${encodeURIComponent(view.editionId)}/partners`)
  return html`<section aria-labelledby="partners-title">
    <h2 id="partners-title">${s.partners}</h2>
    ${view.partners.length === 0
      ? html`<p>${s.noPartners}</p>`
      : html`<ul class="partners">
          ${view.partners.map(
            (partner, index) => html`<li><strong>${partner.name}</strong> (${partnerKindName(partner.kind, page.lang)}) — ${partner.contribution}
              <form method="post" class="inline-form"
                action="${page.href(`/staff/editions/${encodeURIComponent(view.editionId)}/partners/${encodeURIComponent(partner.partnerId)}/users`)}">
                <label for="invite-${index}">${s.inviteEmail(partner.name)}</label>
                <input type="email" id="invite-${index}" name="email" required maxlength="254" autocomplete="off" />
                <button type="submit" class="secondary">${s.invite}</button>
              </form>
            </li>`,
          )}
        </ul>`}
    ${view.status === 'open'
      ? html`<form method="post" action="${action}" class="inline-form">
          <fieldset>
            <legend>${s.addPartner}</legend>
            <input type="hidden" name="idempotencyKey" value="${view.newKey()}" />
            <label for="partner-name">${s.partnerName}</label>
            <input id="partner-name" name="name" required maxlength="200" />
            <label for="partner-kind">${s.partnerKind}</label>
            <select id="partner-kind" name="kind">
              ${partnerKinds.map((kind) => html`<option value="${kind}">${partnerKindName(kind, page.lang)}</option>`)}
            </select>
            <label for="partner-contribution">${s.contribution}</label>
            <input id="partner-contribution" name="contribution" required maxlength="2000" />
            <button type="submit">${s.record}</button>
          </fieldset>
        </form>`
      : ''}
  </section>`
}

/**
 * `/staff/editions/{editionId}`: its applications (filtered by status, territory, theme)
 * with select / reject, its awards and partners with their forms, and the CSV downloads.
 *
 * @example c.html(editionPage(page, principal, view))
 */
export const editionPage = (page: PageContext, principal: Principal | undefined, view: EditionPageView): Markup => {
  const s = page.t.staff
  const id = encodeURIComponent(view.editionId)
  const body = html`<h1>${view.name}</h1>
    <p class="current-to">${s.currentTo(view.applicants.currentTo)}
      <a href="${page.href(`/editions/${id}/apply`)}">${s.formApplyLink}</a></p>
    ${view.notice
      ? view.notice.kind === 'done'
        ? html`<p class="notice done" role="status">${view.notice.text} ${s.lagNote}</p>`
        : html`<div class="notice refused" role="alert" id="refused"><p>${view.notice.text}</p></div>`
      : ''}
    <section aria-labelledby="applications-title">
      <h2 id="applications-title">${s.applications}</h2>
      ${filters(page, view)}
      <p role="status">${s.shown(view.applicants.applicants.length, view.applicants.total)}</p>
      ${applicationsTable(page, view)}
      <p class="downloads">
        <a href="${page.href(`/staff/editions/${id}/delegation.csv`)}" download>${s.csv}</a>
        <a href="${page.href(`/staff/editions/${id}/awards.csv`)}" download>${s.csvAwards}</a>
      </p>
    </section>
    ${awardsSection(page, view)}
    ${view.outcomes ? outcomesSection(page, view.editionId, view.outcomes.members, view.outcomes.doc) : ''}
    ${partnersSection(page, view)}`
  return layout(page, { title: view.name, body, nav: staffNav(page, principal, 'editions') })
}
