import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'puppeteer-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface Violation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly targets: string[]
}

/**
 * axe-core run inside the page as it stands (after scripts ran): the serious and critical
 * violations, with the elements they were found on.
 *
 * @example expect(await seriousViolations(page)).toEqual([])
 */
export const seriousViolations = async (page: Page): Promise<Violation[]> => {
  const injected = await page.evaluate(() => 'axe' in window)
  if (!injected) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } }).axe
    const result = await axe.run(document)
    return result.violations as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]
  })
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.flatMap((node) => node.target) }))
}
