/**
 * ESLint (flat config): typescript-eslint's recommended rules, correctness only. Formatting is
 * Prettier's job (.prettierrc.json; `npm run format`), so no stylistic rules here.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'build/', 'coverage/', 'node_modules/', 'fixtures/onet/', 'fixtures/extras/', 'fixtures/golden/', 'bench/results*.json', '**/*.d.ts'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        // Browser, Worker and Node code live side by side; TypeScript checks which globals each may use.
        window: 'readonly',
        document: 'readonly',
        self: 'readonly',
        globalThis: 'readonly',
        console: 'readonly',
        process: 'readonly',
      },
    },
    rules: {
      // TypeScript resolves identifiers (no-undef is redundant and wrong for type-only globals).
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
