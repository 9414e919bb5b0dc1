import { rmSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * Where a run's AWS calls are recorded (functions/shared/aws-call-recorder.ts): vitest.config.ts
 * gives it to every test process as AWS_CALL_RECORDING_DIR, and
 * tests/infra/observed-calls.test.ts, run last, reads it.
 */
export const awsCallRecordingDir = resolve('node_modules/.cache/aws-calls')

/** Vitest global setup: a clean recording for this run, so only its calls are judged. */
export const setup = (): void => {
  rmSync(awsCallRecordingDir, { recursive: true, force: true })
}
