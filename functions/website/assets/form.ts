/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The registration form without a reload: forms marked `data-enhance` are sent with
 * fetch, and the page's `<main>` is replaced by the answer's, so the messages are the
 * very ones the server renders for a plain post. A second click while one is in flight
 * is ignored (the idempotency key would make it harmless anyway); if fetch fails, the
 * form is posted the plain way.
 */

const fieldsOf = (form: HTMLFormElement): URLSearchParams => {
  const params = new URLSearchParams()
  for (const [name, value] of new FormData(form))
    if (typeof value === 'string') params.append(name, value)
  return params
}

const swapMain = (html: string): HTMLElement | null => {
  const next = new DOMParser().parseFromString(html, 'text/html')
  const incoming = next.querySelector('main')
  const current = document.querySelector('main')
  if (!incoming || !current) return null
  document.title = next.title
  const adopted = document.importNode(incoming, true)
  current.replaceWith(adopted)
  return adopted
}

const enhance = (form: HTMLFormElement) => {
  let sending = false
  form.addEventListener(
    'submit',
    (event) =>
      void (async () => {
        event.preventDefault()
        if (sending) return
        sending = true
        const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')
        const label = button?.textContent ?? ''
        if (button) {
          button.disabled = true
          button.textContent = form.dataset.sending ?? label
        }
        try {
          const response = await fetch(form.action, {
            method: 'POST',
            body: fieldsOf(form),
            headers: { Accept: 'text/html' },
            credentials: 'same-origin',
          })
          const main = swapMain(await response.text())
          if (!main) throw new Error('no page in the answer')
          init(main)
          // The errors first wherever they stand (a page's title may come before them), else the answer's heading.
          const focus = main.querySelector<HTMLElement>('#error-summary') ?? main.querySelector<HTMLElement>('[tabindex="-1"]') ?? main
          focus.focus()
        } catch {
          form.submit()
        } finally {
          sending = false
          if (button) {
            button.disabled = false
            button.textContent = label
          }
        }
      })(),
  )
}

const init = (root: ParentNode) => {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-enhance]')) enhance(form)
}

init(document)
