import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import ts from 'typescript-eslint'
import svelteConfig from './svelte.config.js'

/** Modules `electron/core/` may not import: it is pure TypeScript that runs under plain Node (DESIGN.md). */
const notInCore = [
  { name: 'electron', message: 'electron/core must not depend on Electron; put Electron glue in electron/main.' },
  ...['http', 'https', 'http2', 'net', 'node:http', 'node:https', 'node:http2', 'node:net'].map((name) => ({
    name,
    message: 'electron/core does no networking; HTTP lives in electron/server.'
  })),
  ...['hono', '@hono/node-server'].map((name) => ({ name, message: 'HTTP frameworks belong in electron/server.' }))
]

/** Test helpers live in electron/testing/: only tests import them, so the build never bundles them. */
const testHelpers = { group: ['**/testing/*'], message: 'electron/testing/ is for tests only.' }

export default ts.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.browser-profile/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } }
  },
  {
    files: ['renderer/**/*.{ts,svelte}', 'renderer/**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    // Bench scripts pass functions to page.evaluate, which run in the browser.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } }
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: notInCore, patterns: [{ group: ['electron/*', '@hono/*', '**/server/*', '**/main/*'] }] }
      ],
      // No DOM in the core either (its tsconfig has no DOM lib; this catches the globals Node also has).
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage']
    }
  },
  {
    files: ['electron/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: notInCore, patterns: [{ group: ['electron/*', '@hono/*', '**/server/*', '**/main/*'] }, testHelpers] }
      ]
    }
  },
  {
    files: ['electron/{server,main,preload}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [testHelpers] }] }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  }
)
