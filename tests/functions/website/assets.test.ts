import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadPageAssets } from '../../../functions/website/assets.js'
import { bundleLambda, lambdaEntries } from '../../../infra/lambda-bundles.js'
import { buildPageAssets } from '../../../infra/page-assets.js'
import { apiHarness } from '../http/api-harness.js'

describe('the pages’ assets', () => {
  it('are built with content hashes and served with a year of caching', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'page-assets-'))
    const { manifest } = await buildPageAssets(dir)
    expect(manifest['pages.css']).toMatch(/^pages-[A-Z0-9]{8}\.css$/)
    expect(manifest['form.js']).toMatch(/^form-[A-Z0-9]{8}\.js$/)
    const assets = loadPageAssets(dir)
    const { app } = await apiHarness({ pages: { assets } })

    const css = await app.request(`/assets/${manifest['pages.css']}`)
    expect(css.status).toBe(200)
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8')
    expect(css.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect(await css.text()).toBe(readFileSync(join(dir, manifest['pages.css'] ?? ''), 'utf8'))
    expect((await app.request('/assets/pages-00000000.css')).status).toBe(404)

    // Pages link the hashed names, and load nothing from another origin.
    const form = await (await app.request('/editions/ces-2020/apply')).text()
    expect(form).not.toMatch(/(?:src|href)="(?:https?:)?\/\//)
    const page = await (await app.request('/staff/signed-out')).text()
    expect(page).toContain(`<link rel="stylesheet" href="/assets/${manifest['pages.css']}" />`)
  })

  it('ship beside the API’s Lambda bundle, where app-instance.ts looks for them', async () => {
    const outDir = mkdtempSync(resolve('node_modules/.cache/bundle-pages-'))
    const { outfile } = await bundleLambda('api', lambdaEntries.api, outDir)
    const manifest = JSON.parse(readFileSync(join(outfile, '..', 'page-assets', 'manifest.json'), 'utf8'))
    for (const name of Object.values(manifest)) expect(existsSync(join(outfile, '..', 'page-assets', String(name)))).toBe(true)
  }, 60_000)
})
