import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { loadPageAssets } from '../../functions/website/assets.js'
import { buildPageAssets } from '../../infra/page-assets.js'
import { withDevSignIn } from '../../local/dev-sign-in.js'
import type { TargetPolicy } from '../../functions/webhooks/url-safety.js'
import { apiHarness } from '../functions/http/api-harness.js'
import { catchUp } from '../functions/reports/catch-up.js'

/**
 * What `npm start` serves, on fresh DynamoDB Local tables and a free loopback port: the
 * app with its pages, the assets built by the project's own step, the development
 * sign-in in front. `posts` lists every POST the browser sent, to tell a double click
 * the browser really sent twice from one it swallowed.
 *
 * @example const server = await pageServer(); await page.goto(`${server.url}/staff`)
 */
export const pageServer = async ({ now, targetPolicy }: { now?: () => Date; targetPolicy?: TargetPolicy } = {}) => {
  const assetsDir = mkdtempSync(join(tmpdir(), 'page-assets-'))
  await buildPageAssets(assetsDir)
  const assets = loadPageAssets(assetsDir)
  const harness = await apiHarness({ ...(now ? { now } : {}), ...(targetPolicy ? { targetPolicy } : {}), pages: { assets } })
  const front = withDevSignIn(harness.app, { key: harness.key, assets })
  const posts: string[] = []
  let postDelayMs = 0
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve(
      {
        fetch: async (request: Request) => {
          if (request.method === 'POST') {
            posts.push(new URL(request.url).pathname)
            if (postDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, postDelayMs))
          }
          return front.fetch(request)
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(started),
    )
  })
  const { port } = server.address() as AddressInfo
  return {
    ...harness,
    url: `http://127.0.0.1:${port}`,
    posts,
    /** A slow network: every POST waits this long before the app sees it. */
    setPostDelay: (ms: number) => {
      postDelayMs = ms
    },
    /** The indexer and projector over what was written so far, as npm start's pollers do. */
    catchUp: () => catchUp(harness.tables),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(assetsDir, { recursive: true, force: true })
    },
  }
}

export type PageServer = Awaited<ReturnType<typeof pageServer>>
