import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'test-results/', '.cordon/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'focused tests silence the rest of the suite' },
      ],
    },
  },
  {
    files: ['web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**', '**/*.test.ts', 'test/support/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Pure domain files: no database, server, clock or randomness (DESIGN.md, dependency rules).
    files: ['src/**/counting/**', 'src/**/ration/**', 'src/**/solve/**', 'src/**/filter/**', 'src/core/audit/hash.ts', 'src/core/audit/canonical.ts', 'src/demo/small.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/db/**', '**/server/**', 'fastify', 'postgres', '@electric-sql/*', 'node:fs', 'node:net'] }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'pass a seed' },
        { object: 'Date', property: 'now', message: 'pass the time in' },
      ],
    },
  },
);
