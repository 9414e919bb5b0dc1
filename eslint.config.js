// @ts-check
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import tseslint from 'typescript-eslint'

/**
 * `npm run lint` (with dependency-cruiser for the import boundaries, see
 * .dependency-cruiser.cjs). typescript-eslint's recommended rules, type-checked: the
 * one TypeScript program costs about what `npm run typecheck` does, and buys the
 * promise rules (floating, misused) and the `any` rules that keep casts out of the code.
 * Formatting is Prettier's business (.prettierrc.json), not ESLint's.
 */
export default defineConfig(
  globalIgnores(['cdk.out/', 'bench/.bundles/', 'bench/results/', '.local-data/', 'stubs/', '.scratch/', 'functions/http/page-assets/']),
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a name left unused on purpose: `const _never: never`,
      // a destructured field left out of the rest, an argument an interface imposes.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `async` is how a function says it returns a promise, awaited or not (fakes and
      // implementations of async ports).
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read JSON responses and fixtures as they come; an `any` there is asserted on
    // at once, not passed on.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' },
    },
  },
)
