import { defineConfig } from 'vitest/config'
import { awsCallRecordingDir } from './tests/setup/aws-call-recording.global.js'
import { ObservedCallsLast, RunStateReporter } from './tests/setup/observed-calls-last.js'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // First what the machine lacks (Java, Chromium: apt-get), then the run's DynamoDB Local,
    // then a clean recording of the run's AWS calls.
    globalSetup: [
      'tests/setup/system-packages.global.ts',
      'tests/setup/dynamodb-local.global.ts',
      'tests/setup/aws-call-recording.global.ts',
    ],
    // One DynamoDB Local serves the whole run; files run in parallel against it,
    // each on tables with its own prefix (tests/setup/test-tables.ts).
    testTimeout: 30_000,
    // The JSON summary lets .ci/run close on a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'node_modules/.cache/vitest/results.json' }], new RunStateReporter()],
    hookTimeout: 60_000,
    // The suite's processes record their AWS calls; tests/infra/observed-calls.test.ts, handed
    // out last, holds them against each function's role in the synthesized template.
    env: { POWERTOOLS_DEV: 'true', AWS_CALL_RECORDING_DIR: awsCallRecordingDir },
    sequence: { sequencer: ObservedCallsLast },
  },
})
