/**
 * Import boundaries and cycles, checked by `npm run lint` (dependency-cruiser).
 * Paths are relative to where it runs: the repository root (or a fixture tree in
 * tests/lint, laid out the same way).
 *
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-zod',
      comment:
        'domain/ is pure: it imports zod and itself, nothing else (no node:*, no SDK, no Hono), ' +
        'so deciders and projections run anywhere and are tested without I/O.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { pathNot: ['^domain/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'functions-stay-out-of-tooling',
      comment:
        'functions/ is what the Lambdas bundle: it never imports the CDK app, the local runtime, ' +
        'the scripts, the benchmark or the tests (shared pieces live in functions/shared).',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(infra|local|scripts|bench|tests)/' },
    },
    {
      name: 'lambdas-bundle-only-dependencies',
      comment:
        'What functions/ and domain/ import at run time is bundled into a Lambda: it must be a ' +
        'dependency, not a devDependency (type-only imports vanish at compile time).',
      severity: 'error',
      from: { path: '^(functions|domain)/' },
      to: {
        dependencyTypes: ['npm-dev', 'npm-no-pkg', 'npm-unknown'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'only-tests-import-tests',
      comment: 'tests/ is not a library: code outside it that needs a fixture gets its own.',
      severity: 'error',
      from: { pathNot: '^tests/' },
      to: { path: '^tests/' },
    },
    {
      name: 'no-cycles',
      comment: 'Import cycles make module order matter and hide a missing module in between.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'resolvable',
      comment: 'An import that resolves to nothing would fail at run time.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    // The fixtures break the rules on purpose; tests/lint cruises them on their own.
    exclude: { path: ['^cdk\\.out/', '^bench/\\.bundles/', '^tests/lint/fixtures/', '\\.d\\.ts$'] },
    // Type-only imports count: `import type` from infra/ is still a dependency on it.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
    },
  },
}
