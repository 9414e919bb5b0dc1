import { defineConfig } from 'vitest/config'
import { awsCallRecordingDir } from './tests/setup/aws-call-recording.global.js'

export default defineConfig({
  test: {
    // One DynamoDB Local serves the whole run; files run in parallel against it,
    // each on tables with its own prefix (tests/setup/test-tables.ts).
    testTimeout: 30_000,
    // The JSON summary lets .ci/run close on a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'node_modules/.cache/vitest/results.json' }]],
    hookTimeout: 60_000,
    // The suite's processes record their AWS calls; the last group (observed-calls) holds
    // them against each function's role in the synthesized template.
    env: { POWERTOOLS_DEV: 'true', AWS_CALL_RECORDING_DIR: awsCallRecordingDir },
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/infra/observed-calls.test.ts'],
          // First what the machine lacks (Java, Chromium: apt-get), then the run's DynamoDB Local.
          globalSetup: [
            'tests/setup/system-packages.global.ts',
            'tests/setup/dynamodb-local.global.ts',
            'tests/setup/aws-call-recording.global.ts',
          ],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // After every other test: what the suite's code was seen to call, against IAM.
        extends: true,
        test: {
          name: 'observed-calls',
          include: ['tests/infra/observed-calls.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
