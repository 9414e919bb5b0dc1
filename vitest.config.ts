import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // First what the machine lacks (Java, Chromium: apt-get), then the run's DynamoDB Local.
    globalSetup: ['tests/setup/system-packages.global.ts', 'tests/setup/dynamodb-local.global.ts'],
    // One DynamoDB Local serves the whole run; files run in parallel against it,
    // each on tables with its own prefix (tests/setup/test-tables.ts).
    testTimeout: 30_000,
    // The JSON summary lets .ci/run close on a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'node_modules/.cache/vitest/results.json' }]],
    hookTimeout: 60_000,
    env: { POWERTOOLS_DEV: 'true' },
  },
})
