import type { Context } from 'hono'
import { readRefusal } from './api-client.js'
import { noPageAssets, type PageAssets } from './assets.js'
import { messagePage, pageContext } from './layout.js'
import { pageHeaderValues } from './page-headers.js'
import { refusalLine } from './problem-messages.js'

/** Headers of the API's answer that say nothing about a page's own (limits, ids, retry). */
const pageOwned = new Set(['content-type', 'content-length', 'content-security-policy', 'x-frame-options', 'cache-control', 'vary'])

/**
 * A problem of the API (a limit reached, a body too large, an address that does not exist)
 * as a page in the reader's language, for a person whose browser asked for one: the same
 * status and the headers that say when to come back (`Retry-After`, `RateLimit`), with a
 * page's security headers. The problem's words are the pages' own (problem-messages.ts).
 *
 * @example c.res = await problemAsPage(c, c.res, assets)
 */
export const problemAsPage = async (c: Context, answer: Response, assets: PageAssets = noPageAssets): Promise<Response> => {
  const refused = await readRefusal(answer)
  const page = pageContext(c, assets)
  const body =
    refused.status === 404
      ? messagePage(page, { title: page.t.notFound.title, message: page.t.notFound.body })
      : messagePage(page, { title: page.t.error.title, message: refusalLine(page.lang, refused) })
  const headers = new Headers([...answer.headers].filter(([name]) => !pageOwned.has(name)))
  for (const [name, value] of Object.entries(pageHeaderValues())) headers.set(name, value)
  headers.set('Content-Type', 'text/html; charset=UTF-8')
  headers.set('Vary', 'Accept, Accept-Language')
  return new Response(c.req.method === 'HEAD' ? null : String(await body), { status: refused.status, headers })
}
