import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { BaseSequencer, type Reporter, type TestModule, type TestSpecification } from 'vitest/node'

/**
 * tests/infra/observed-calls.test.ts judges the AWS calls the rest of the run made, so it
 * must run after them. A sequencer hands it out last; a reporter writes down which test
 * files the run planned and which have ended (`runState`); the file waits for every other
 * to end before it reads the recordings (vitest's own `sequence.groupOrder` did not hold
 * the projects apart here).
 */
export const observedCallsFile = 'tests/infra/observed-calls.test.ts'
export const runStateFile = resolve('node_modules/.cache/aws-calls-run.json')

interface RunState {
  readonly planned: string[]
  readonly ended: string[]
}

const write = (state: RunState) => {
  mkdirSync(dirname(runStateFile), { recursive: true })
  writeFileSync(`${runStateFile}.partial`, JSON.stringify(state))
  renameSync(`${runStateFile}.partial`, runStateFile)
}

/** Sorts as vitest does, then the observed-calls file last. */
export class ObservedCallsLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const last = (spec: TestSpecification) => spec.moduleId.endsWith(observedCallsFile)
    return [...sorted.filter((spec) => !last(spec)), ...sorted.filter(last)]
  }
}

/** Writes down the files the run planned, and each as it ends. */
export class RunStateReporter implements Reporter {
  private state: RunState = { planned: [], ended: [] }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.state = { planned: specifications.map((spec) => spec.moduleId), ended: [] }
    write(this.state)
  }

  onTestModuleEnd(testModule: TestModule): void {
    this.state = { ...this.state, ended: [...this.state.ended, testModule.moduleId] }
    write(this.state)
  }
}

/**
 * Resolves once every test file the run planned, but `self`, has ended.
 *
 * @example beforeAll(() => othersEnded(import.meta.filename), 20 * 60_000)
 */
export const othersEnded = async (self: string): Promise<void> => {
  for (;;) {
    const { planned, ended } = JSON.parse(readFileSync(runStateFile, 'utf8')) as RunState
    if (planned.every((file) => file === self || ended.includes(file))) return
    await sleep(500)
  }
}
