import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

const noNode = {
  patterns: [
    { group: ['node:*', 'fs', 'path', 'child_process', 'os', 'url'], message: 'No Node modules here.' },
    { group: ['electron'], message: 'No Electron here.' },
  ],
};

export default ts.config(
  { ignores: ['node_modules', 'dist', 'runs', 'test-results', 'release', '.cache'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser }, globals: { ...globals.browser } },
  },
  // Where a file runs follows from where it lives.
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', noNode] },
  },
  {
    files: ['models/**', 'protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noNode.patterns,
            { group: ['svelte', 'svelte/*', 'd3', 'd3-*'], message: 'Models are pure maths.' },
          ],
        },
      ],
    },
  },
);
