import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'

/**
 * Debian's Chromium (`apt-get install -y chromium`; the tests' global setup installs it
 * when missing, tests/setup/system-packages.global.ts). Tests drive it with puppeteer-core,
 * which downloads no browser of its own.
 */
export const chromiumPath = (): string => {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error(
      'Chromium is missing and npm test could not install it (see the warning at the start of the run): apt-get install -y chromium',
    )
  }
}

// Headless as root, and quiet on a machine with no network: no background requests,
// no component updates, no sync; every host name but loopback fails to resolve.
const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
]

export interface Chromium {
  readonly browser: Browser
  /** A new page whose requests beyond `origin` are aborted and listed in `blocked`. */
  page(origin: string): Promise<{ page: Page; blocked: string[]; console: string[] }>
  close(): Promise<void>
}

/**
 * Launches headless Chromium with an empty profile. Pages it opens may reach `origin`
 * (a server of the test's on loopback) and nothing else: every other request is aborted
 * and recorded, so a test can assert that a page fetched nothing from elsewhere.
 *
 * @example const chromium = await launchChromium(); const { page, blocked } = await chromium.page(origin)
 */
export const launchChromium = async (): Promise<Chromium> => {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'))
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...flags, `--user-data-dir=${profile}`],
  })
  return {
    browser,
    async page(origin) {
      const page = await browser.newPage()
      const blocked: string[] = []
      const console: string[] = []
      await page.setRequestInterception(true)
      page.on('request', (request) => {
        const url = request.url()
        if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
          void request.continue()
        } else {
          blocked.push(url)
          void request.abort('blockedbyclient')
        }
      })
      page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`))
      page.on('pageerror', (error) => console.push(`pageerror: ${String(error)}`))
      return { page, blocked, console }
    },
    async close() {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
