// ESLint's recommended rules for JavaScript and typescript-eslint's for TypeScript (no type-aware
// rules: tsc --noEmit already checks types, and a type-aware lint would double the time).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist.*/', 'coverage/', 'node_modules/', '.test-results/', 'bench-results/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // The ES module view of node:fs reads every export, so importing it loads fs's streams: cr takes
    // node:fs with process.getBuiltinModule (see isTerminal in src/context.ts for what it buys).
    files: ['src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        ...['node:fs', 'fs'].map((name) => ({
          name,
          allowTypeImports: true,
          message: "use process.getBuiltinModule('node:fs'): its ES module view loads fs's streams at start-up",
        })),
      ],
    },
  },
  {
    // Tests match cr's output exactly: control characters it must escape, and column spacing.
    files: ['test/**'],
    rules: { 'no-control-regex': 'off', 'no-regex-spaces': 'off' },
  },
);
