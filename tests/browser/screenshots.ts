import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'puppeteer-core'

/** Where the browser tests leave a picture of every page they visit (named in the README). */
export const screenshotsDir = 'tests/browser/screenshots'

/**
 * A full-page PNG of the page as it is now: `tests/browser/screenshots/<name>.png`.
 *
 * @example await screenshot(page, 'form-errors')
 */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(screenshotsDir, { recursive: true })
  const path = join(screenshotsDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}
