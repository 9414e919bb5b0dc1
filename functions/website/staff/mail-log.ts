import { html } from 'hono/html'
import { applicationMessages, type ApplicationMessage } from '../../queries/application-messages.js'
import { callApi, type AppRequest } from '../api-client.js'
import { dateTime } from '../i18n/labels.js'
import { mailLogMessages } from '../i18n/mail-log-messages.js'
import type { Markup, PageContext } from '../layout.js'

/** One application's messages as the page shows them, or why they could not be read. */
export interface MailLog {
  readonly applicationId: string
  /** Its edition, when known (a held application's is read from its messages). */
  readonly editionId: string | undefined
  /** Held for staff (not the start-up's until confirmed): its messages include the held notice. */
  readonly held: boolean
  readonly messages: readonly ApplicationMessage[] | 'unavailable'
}

/**
 * Each application's messages, read through the API's own staff route in process
 * (`GET /applications/{id}/messages`) with the staff member's token: one copy of the rule
 * of who may see them. A refusal or an outage shows as unavailable, never as "none".
 *
 * @example const logs = await readMailLogs(request, applications, { token, from: c.env })
 */
export const readMailLogs = (
  request: AppRequest,
  applications: readonly { applicationId: string; editionId?: string | undefined; held?: boolean }[],
  call: { token: string; from: unknown; correlationId?: string },
): Promise<MailLog[]> =>
  Promise.all(
    applications.map(async ({ applicationId, editionId, held = false }): Promise<MailLog> => {
      const answer = await callApi(request, `/applications/${encodeURIComponent(applicationId)}/messages`, call)
      const parsed = answer.ok ? applicationMessages.safeParse(answer.body) : undefined
      if (!parsed?.success) return { applicationId, editionId, held, messages: 'unavailable' }
      return { applicationId, editionId: editionId ?? parsed.data.editionId, held, messages: parsed.data.messages }
    }),
  )

/** Where a message stands, in words: its state, and why or what next. */
const stateText = (page: PageContext, message: ApplicationMessage): string => {
  const m = mailLogMessages(page.lang)
  const parts: string[] = [m.states[message.state]]
  if (message.because) parts.push(m.because[message.because])
  if (message.state === 'retrying') parts.push(m.attempts(message.attempts))
  if (message.returned) parts.push(m.returned[message.returned.kind])
  if (message.mayHaveArrivedTwice) parts.push(m.mayHaveArrivedTwice)
  return parts.join(' — ')
}

/** When: sent at, stopped at, or the next try (with the last one); a queued message its queuing. */
const whenText = (page: PageContext, message: ApplicationMessage): string => {
  const m = mailLogMessages(page.lang)
  const at = (iso: string) => dateTime(iso, page.lang)
  if (message.sentAt) return at(message.sentAt)
  if (message.stoppedAt) return at(message.stoppedAt)
  if (message.nextAttemptAt && message.state !== 'queued') return m.nextAttempt(at(message.nextAttemptAt))
  return at(message.queuedAt)
}

/**
 * The "Messages" section of a start-up's record: per application, what it was mailed, to
 * whom by role, where each stands and when. Plain markup, no script: readable as served.
 *
 * @example ${mailLogSection(page, logs)}
 */
export const mailLogSection = (page: PageContext, logs: readonly MailLog[]): Markup => {
  const m = mailLogMessages(page.lang)
  if (logs.length === 0) return html``
  return html`<section aria-labelledby="messages-title" class="mail-log">
    <h2 id="messages-title">${m.title}</h2>
    <p>${m.hint}</p>
    ${logs.map((log) => {
      const headingId = `messages-${log.applicationId}`
      const edition = log.editionId ?? '—'
      return html`<h3 id="${headingId}">${log.held ? m.forHeldApplication(edition) : m.forApplication(edition)}</h3>
        ${log.messages === 'unavailable'
          ? html`<p class="notice refused" role="status">${m.unavailable}</p>`
          : log.messages.length === 0
            ? html`<p>${m.none}</p>`
            : html`<table class="applications" aria-labelledby="${headingId}" data-application-id="${log.applicationId}">
                <thead><tr><th scope="col">${m.message}</th><th scope="col">${m.to}</th><th scope="col">${m.state}</th><th scope="col">${m.when}</th></tr></thead>
                <tbody>
                  ${log.messages.map(
                    (message) => html`<tr class="message-${message.kind}">
                      <th scope="row">${m.kinds[message.kind]}</th>
                      <td>${m.recipients[message.to]}</td>
                      <td class="state state-${message.state}">${stateText(page, message)}</td>
                      <td>${message.sentAt ? html`<time datetime="${message.sentAt}">${whenText(page, message)}</time>` : whenText(page, message)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`}`
    })}
  </section>`
}
