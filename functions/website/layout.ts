import type { Context } from 'hono'
import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { PageAssets } from './assets.js'
import { langOf, type Lang, withLang } from './i18n/locale.js'
import { messagesFor, type Messages } from './i18n/messages.js'

/** Markup as the `html` template returns it (escaped, possibly still rendering). */
export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>

/** What every page module needs to render: the language, its words, links that keep it. */
export interface PageContext {
  readonly lang: Lang
  readonly t: Messages
  /** A path of the pages that keeps the reader's chosen language. */
  href(path: string): string
  /** The same page in the other language. */
  readonly otherLanguageHref: string
  readonly assets: PageAssets
}

/**
 * The page context of a request.
 *
 * @example const page = pageContext(c, assets); page.t.apply.submit
 */
export const pageContext = (c: Context, assets: PageAssets): PageContext => {
  const lang = langOf(c)
  const explicit = c.req.query('lang') !== undefined
  const url = new URL(c.req.url)
  const other: Lang = lang === 'fr' ? 'en' : 'fr'
  return {
    lang,
    t: messagesFor(lang),
    href: (path) => withLang(path, lang, explicit),
    otherLanguageHref: withLang(`${url.pathname}${url.search}`, other, true),
    assets,
  }
}

export interface LayoutOptions {
  readonly title: string
  readonly body: Markup
  /** Built scripts this page loads (`form.js`), as modules, after the content. */
  readonly scripts?: readonly string[]
  /** Navigation for signed-in staff, above the content. */
  readonly nav?: Markup
}

/**
 * The HTML shell of every page: language, title, the built stylesheet, a skip link, the
 * language switch, then the page's own content in `<main>`.
 *
 * @example return c.html(layout(page, { title, body: html`<h1>${title}</h1>` }))
 */
export const layout = (page: PageContext, options: LayoutOptions): Markup => {
  const { t, assets } = page
  const css = assets.url('pages.css')
  const scripts = (options.scripts ?? []).map((name) => assets.url(name)).filter((url) => url !== undefined)
  return html`<!doctype html>
<html lang="${page.lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${options.title} — ${t.site}</title>
    ${css ? html`<link rel="stylesheet" href="${css}" />` : ''}
  </head>
  <body>
    <a class="skip" href="#main">${t.skip}</a>
    <header class="site">
      <p class="brand"><span class="name">${t.site}</span> <span class="region">${t.region}</span></p>
      <a class="lang" href="${page.otherLanguageHref}" hreflang="${t.otherLanguage.lang}" lang="${t.otherLanguage.lang}"
        title="${t.otherLanguage.title}">${t.otherLanguage.label}</a>
      ${options.nav ?? ''}
    </header>
    <main id="main" tabindex="-1">${options.body}</main>
    ${scripts.map((src) => html`<script type="module" src="${src}"></script>`)}
  </body>
</html>`
}

/**
 * A short page with a title and one message (not found, closed, done…).
 *
 * @example c.html(messagePage(page, { title: t.notFound.title, message: t.notFound.body }), 404)
 */
export const messagePage = (
  page: PageContext,
  { title, message, extra, nav }: { title: string; message: string; extra?: Markup; nav?: Markup },
): Markup =>
  layout(page, {
    title,
    ...(nav ? { nav } : {}),
    body: html`<h1>${title}</h1>
      <p class="message">${message}</p>
      ${extra ?? ''}`,
  })
