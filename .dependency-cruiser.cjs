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
      name: 'shared-is-the-floor',
      comment:
        'functions/shared is the platform layer every Lambda uses (logger, clients, errors, ' +
        'the shared HTTP pieces): it imports no module of functions/ but itself.',
      severity: 'error',
      from: { path: '^functions/shared/' },
      to: { path: '^functions/', pathNot: '^functions/shared/' },
    },
    {
      name: 'store-above-shared-only',
      comment:
        'The event store sits on the platform layer alone: what it needs of the modules ' +
        'above (the vault that seals personal data) it declares as a port (store/sealer.ts).',
      severity: 'error',
      from: { path: '^functions/store/' },
      to: { path: '^functions/', pathNot: '^functions/(shared|store)/' },
    },
    {
      name: 'adapters-below-the-sides',
      comment:
        'The adapters (personal data, the Feed, partner access, webhooks, the notifier, the indexer, ' +
        'projector and rebuild) never import the write side, the read side, the contract, ' +
        'the HTTP layer, the website or the jobs above them.',
      severity: 'error',
      from: { path: '^functions/(personal-data|feed|partner-access|webhooks|notifier|indexer|projector|rebuild)/' },
      to: { path: '^functions/(commands|queries|contract|http|website|retention)/' },
    },
    {
      name: 'write-side-knows-no-http',
      comment:
        'The write side (use cases and the one command handler) knows nothing of HTTP, of ' +
        'the read side beside it, or of the apps above: a port it declares is filled by them.',
      severity: 'error',
      from: { path: '^functions/commands/' },
      to: { path: '^functions/(queries|contract|http|website|retention)/|(^|/)node_modules/(hono|@hono)/' },
    },
    {
      name: 'read-side-beside-write-side',
      comment: 'The read side (queries over the read models) imports neither the write side nor the apps.',
      severity: 'error',
      from: { path: '^functions/queries/' },
      to: { path: '^functions/(commands|contract|http|website|retention)/' },
    },
    {
      name: 'contract-generates-from-below',
      comment:
        'The contract is generated from the schemas below it; it never imports the sides ' +
        'or the apps that serve it.',
      severity: 'error',
      from: { path: '^functions/contract/' },
      to: { path: '^functions/(commands|queries|http|website|retention)/' },
    },
    {
      name: 'website-is-a-client-of-the-api',
      comment:
        'The website acts through the API in process (AppRequest) and reads the read side: ' +
        'it never imports the HTTP layer, the write side, or a job.',
      severity: 'error',
      from: { path: '^functions/website/' },
      to: { path: '^functions/(http|commands|retention)/' },
    },
    {
      name: 'apps-are-the-top',
      comment: 'Nothing in functions/ imports the HTTP layer or the retention job but themselves.',
      severity: 'error',
      from: { path: '^functions/', pathNot: '^functions/(http|retention)/' },
      to: { path: '^functions/(http|retention)/' },
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
