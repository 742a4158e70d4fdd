// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tidewater/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Library code logs through the injected pino logger, never the console.
    files: ['src/**/*.ts', 'connectors/**/*.ts', 'snapshot/**/*.ts'],
    ignores: ['src/cli/**', '**/*.test.ts', '**/test/**'],
    rules: { 'no-console': 'error' },
  },
);
