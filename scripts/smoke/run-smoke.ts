import { SmokeFailure } from './api-call.js'
import { smokeSteps, type Made, type SmokeOptions, type Step } from './smoke-steps.js'

/** How one step went, as printed: ✓ passed, ✗ failed, – skipped for want of an earlier one. */
export interface StepResult {
  readonly title: string
  readonly outcome: 'passed' | 'failed' | 'skipped'
  readonly detail: string
}

const marks = { passed: '✓', failed: '✗', skipped: '–' } as const

/** `✓ staff open edition smoke-…: POST /editions: 201`: one line per step. */
export const stepLine = ({ title, outcome, detail }: StepResult): string =>
  `${marks[outcome]} ${title}: ${detail}`

/** Why a step that needs something of an earlier one cannot run, in words. */
const missingWords: Record<keyof Made, string> = {
  editionId: 'no edition was opened',
  applicationId: 'no application was made',
  selected: 'nothing was selected',
  partnerId: 'no partner joined',
  keyId: 'no partner key was issued',
  apiKey: 'no partner key was issued',
}

const reasonOf = (error: unknown): string => {
  if (error instanceof SmokeFailure) return error.message
  return `unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
}

const runStep = async (step: Step, made: Made): Promise<StepResult> => {
  const { title } = step
  const missing = step.needs.filter((need) => made[need] === undefined)
  if (missing.length > 0) {
    const why = [...new Set(missing.map((need) => missingWords[need]))].join(', ')
    return { title, outcome: 'skipped', detail: `skipped: ${why}` }
  }
  try {
    return { title, outcome: 'passed', detail: await step.run() }
  } catch (error: unknown) {
    return { title, outcome: 'failed', detail: reasonOf(error) }
  }
}

/**
 * Runs every step in order, printing each as it ends. A step whose needs an earlier step did
 * not make is skipped; the clean-up steps (revoke the key, close the edition) still run for
 * what was made. Answers true when every step passed.
 *
 * @example const passed = await runSmoke(options, console.log)
 */
export const runSmoke = async (
  options: SmokeOptions,
  print: (line: string) => void,
): Promise<boolean> => {
  const { steps, made } = smokeSteps(options)
  const results: StepResult[] = []
  for (const step of steps) {
    const result = await runStep(step, made)
    results.push(result)
    print(stepLine(result))
  }
  const count = (outcome: StepResult['outcome']) =>
    results.filter((result) => result.outcome === outcome).length
  const passed = count('passed')
  print(
    passed === results.length
      ? `Smoke test passed: ${passed} of ${results.length} steps against ${options.url}`
      : `Smoke test FAILED against ${options.url}: ${count('failed')} failed, ${count('skipped')} skipped, ${passed} passed`,
  )
  return passed === results.length
}
