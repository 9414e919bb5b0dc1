import { Hono } from 'hono'
import { html } from 'hono/html'
import type { CaughtMessage } from './mail-catcher.js'

/** The messages a catcher holds, oldest first (local/mail-catcher.ts). */
export interface CaughtMail {
  readonly messages: readonly CaughtMessage[]
}

export const devMailPath = '/dev/mail'

// The pages are ours and hold only text the catcher parsed: nothing runs, nothing loads.
const plainPage = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'"
// A message's own HTML, in a sandboxed frame: no script, no form, no request anywhere.
const messageHtml = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"

const style = html`<style>
  body {
    font:
      15px/1.5 system-ui,
      sans-serif;
    margin: 1.5rem auto;
    max-width: 60rem;
    padding: 0 1rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    padding: 0.3rem 0.5rem;
    border-bottom: 1px solid #ccc;
    vertical-align: top;
  }
  pre {
    white-space: pre-wrap;
    background: #f6f6f6;
    padding: 0.75rem;
  }
  iframe {
    width: 100%;
    height: 32rem;
    border: 1px solid #ccc;
  }
  dt {
    font-weight: bold;
  }
  dd {
    margin: 0 0 0.3rem 0;
  }
</style>`

const page = (title: string, body: unknown) =>
  html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        ${style}
      </head>
      <body>
        <h1>${title}</h1>
        ${body}
      </body>
    </html>`

/**
 * `GET /dev/mail` under `npm start`: the messages its mail catcher received (newest first),
 * each readable at `/dev/mail/<id>` (headers, plain text, and its HTML in a sandboxed frame
 * at `/dev/mail/<id>/html`). It never ships: only local/start.ts puts it in front of the
 * app, and only when the notifier sends to the catcher (no `SMTP_URL`).
 *
 * @example new Hono().route('/', devMailRoutes(catcher))
 */
export const devMailRoutes = (mail: CaughtMail) => {
  const find = (id: string) => mail.messages.find((message) => String(message.id) === id)
  return new Hono()
    .get(devMailPath, (c) => {
      c.header('Content-Security-Policy', plainPage)
      const rows = [...mail.messages].reverse().map(
        (m) =>
          html`<tr>
            <td>${m.id}</td>
            <td>${m.receivedAt}</td>
            <td>${m.to}</td>
            <td><a href="${devMailPath}/${m.id}">${m.subject}</a></td>
            <td>${m.language ?? ''}</td>
          </tr>`,
      )
      const body =
        rows.length === 0
          ? html`<p>No message yet. Apply through a form: the receipt arrives here.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>received</th>
                  <th>to</th>
                  <th>subject</th>
                  <th>lang</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
      return c.html(page(`Mail caught by npm start (${mail.messages.length})`, body))
    })
    .get(`${devMailPath}/:id{[0-9]+}`, (c) => {
      const m = find(c.req.param('id'))
      if (!m) return c.notFound()
      c.header('Content-Security-Policy', plainPage)
      const body = html`<p><a href="${devMailPath}">All messages</a></p>
        <dl>
          <dt>From</dt>
          <dd>${m.from}</dd>
          <dt>To</dt>
          <dd>${m.to} (envelope: ${m.envelope.to.join(', ')})</dd>
          <dt>Reply-To</dt>
          <dd>${m.replyTo}</dd>
          <dt>Received</dt>
          <dd>${m.receivedAt}</dd>
          <dt>Message-ID</dt>
          <dd>${m.messageId ?? ''}</dd>
          <dt>Language</dt>
          <dd>${m.language ?? ''}</dd>
          <dt>Outbox reference</dt>
          <dd>${m.ref ?? ''}</dd>
        </dl>
        <h2>Plain text</h2>
        <pre>${m.text}</pre>
        <h2>HTML</h2>
        <iframe src="${devMailPath}/${m.id}/html" title="HTML of message ${m.id}"></iframe>`
      return c.html(page(m.subject, body))
    })
    .get(`${devMailPath}/:id{[0-9]+}/html`, (c) => {
      const m = find(c.req.param('id'))
      if (!m) return c.notFound()
      c.header('Content-Security-Policy', messageHtml)
      return c.html(m.html)
    })
}

/**
 * The app with the dev mail pages in front of it: `/dev/mail…` is answered here, every
 * other request by the app itself.
 *
 * @example serve({ fetch: withDevMail(app, catcher).fetch })
 */
export const withDevMail = (
  app: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> },
  mail: CaughtMail,
) => new Hono().route('/', devMailRoutes(mail)).all('*', (c) => app.fetch(c.req.raw, c.env))
