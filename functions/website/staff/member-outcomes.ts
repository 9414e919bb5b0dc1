import { html } from 'hono/html'
import { collections, type EditionOutcomesDoc, editionOutcomesDoc } from '../../../domain/projections/index.js'
import { type ReadModelReader, readDoc } from '../../queries/read-model-reader.js'
import type { Principal } from '../../shared/http/token-verifier.js'
import type { FormState } from '../apply/form-fields.js'
import { day } from '../i18n/labels.js'
import { outcomeMessagesFor } from '../i18n/outcome-messages.js'
import { layout, type Markup, type PageContext } from '../layout.js'
import { errorSummary, outcomeInputs } from '../outcomes/outcome-form.js'
import type { Applicant } from './applicants.js'
import { staffNav } from './staff-nav.js'

/**
 * An edition's outcomes document: every member's own figures, which only staff see (the
 * reports and the dashboard show its summary). Undefined for an unknown edition.
 *
 * @example const doc = await loadEditionOutcomes(reader, 'ces-2020')
 */
export const loadMemberOutcomes = (reader: ReadModelReader, editionId: string): Promise<EditionOutcomesDoc | undefined> =>
  readDoc(reader, collections.editionOutcomes, editionId, editionOutcomesDoc)

const memberPath = (editionId: string, startupId: string) =>
  `/staff/editions/${encodeURIComponent(editionId)}/outcomes/${encodeURIComponent(startupId)}`

/**
 * The edition page's section on outcomes: each member, whether it answered (and which
 * version), and the way to record or correct its report.
 *
 * @example ${outcomesSection(page, 'ces-2020', members, doc)}
 */
export const outcomesSection = (page: PageContext, editionId: string, members: readonly Applicant[], doc: EditionOutcomesDoc | undefined): Markup => {
  const s = outcomeMessagesFor(page.lang).staff
  const reports = doc?.reports ?? {}
  const answered = members.filter((member) => Object.hasOwn(reports, member.startupId)).length
  return html`<section aria-labelledby="outcomes-title" id="outcomes">
    <h2 id="outcomes-title">${s.section}</h2>
    <p><a id="outcomes-csv" href="${page.href(`/staff/editions/${encodeURIComponent(editionId)}/outcomes.csv`)}" download>${s.csv}</a></p>
    ${members.length === 0
      ? html`<p>${s.noMembers}</p>`
      : html`<p>${s.sectionIntro(answered, members.length)}</p>
          <table class="outcomes">
            <caption class="visually-hidden">${s.section}</caption>
            <thead><tr><th scope="col">${page.t.staff.startup}</th><th scope="col">${s.answer}</th><th scope="col"><span class="visually-hidden">${s.record}</span></th></tr></thead>
            <tbody>
              ${members.map((member) => {
                const report = Object.hasOwn(reports, member.startupId) ? reports[member.startupId] : undefined
                return html`<tr data-startup-id="${member.startupId}">
                  <th scope="row">${member.startupName}</th>
                  <td>${report ? s.revision(report.revision, report.by === 'staff' ? s.byStaff : s.byStartup, day(report.reportedAt)) : s.notYet}</td>
                  <td><a href="${page.href(memberPath(editionId, member.startupId))}" aria-label="${s.recordFor(member.startupName)}">${s.record}</a></td>
                </tr>`
              })}
            </tbody>
          </table>`}
  </section>`
}

export interface MemberOutcomesView extends FormState {
  readonly editionId: string
  readonly editionName: string
  readonly startupId: string
  readonly startupName: string
  /** The member's outcomes version shown (the revision), sent back as If-Match. */
  readonly version: number
  readonly current: { readonly revision: number; readonly by: 'startup' | 'staff' } | null
  readonly idempotencyKey: string
  readonly notice?: { readonly kind: 'done' | 'refused'; readonly text: string } | undefined
}

/**
 * `/staff/editions/{editionId}/outcomes/{startupId}`: one member's latest report, its note
 * to staff included, in a form that records a new version pinned to the one shown.
 *
 * @example c.html(memberOutcomesPage(page, principal, view))
 */
export const memberOutcomesPage = (page: PageContext, principal: Principal | undefined, view: MemberOutcomesView): Markup => {
  const words = outcomeMessagesFor(page.lang)
  const s = words.staff
  const title = s.memberTitle(view.startupName, view.editionName)
  const body = html`<h1>${title}</h1>
    <p>${s.memberIntro}</p>
    ${view.notice
      ? view.notice.kind === 'done'
        ? html`<p class="notice done" role="status">${view.notice.text}</p>`
        : html`<div class="notice refused" role="alert" id="refused"><p>${view.notice.text}</p></div>`
      : ''}
    <p id="current">${view.current ? s.current(view.current.revision, view.current.by === 'staff' ? s.byStaff : s.byStartup) : s.none}</p>
    ${errorSummary(words, view)}
    <form method="post" action="${page.href(memberPath(view.editionId, view.startupId))}" novalidate class="outcomes">
      <input type="hidden" name="version" value="${view.version}" />
      <input type="hidden" name="idempotencyKey" value="${view.idempotencyKey}" />
      ${outcomeInputs(words, view)}
      <button type="submit">${s.save}</button>
    </form>
    <p><a href="${page.href(`/staff/editions/${encodeURIComponent(view.editionId)}#outcomes`)}">${s.back(view.editionName)}</a></p>`
  return layout(page, { title, body, nav: staffNav(page, principal, 'editions') })
}
