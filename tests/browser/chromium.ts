import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import puppeteer, { type Browser } from 'puppeteer-core'

/** Debian's chromium (`apt-get install -y chromium`; .ci/run installs it when missing). */
export const chromiumPath = (): string => {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error('Chromium is not installed: run `apt-get install -y chromium` (as .ci/run does)')
  }
}

/**
 * This machine's network is closed: no background traffic, no component or sync
 * updates, no QUIC; no sandbox as root; a fresh profile for every launch.
 */
const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * A headless Chromium with its own throw-away profile; `close` removes both.
 *
 * @example const chromium = await launchChromium(); const page = await chromium.browser.newPage()
 */
export const launchChromium = async (): Promise<{ browser: Browser; close(): Promise<void> }> => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'chromium-profile-'))
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    userDataDir,
    args: flags,
  })
  return {
    browser,
    async close() {
      await browser.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}
