import { builtinModules } from 'node:module'
import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import ts from 'typescript-eslint'
import svelteConfig from './svelte.config.js'

/**
 * Layers (ARCHITECTURE.md). A wrong import fails `npm run lint`:
 * - electron/shared/  browser-safe: runs in the renderer and under Node alike; no Node built-ins, no Electron, no DOM,
 *                     and it imports no other layer.
 * - electron/core/    the app on Node: no Electron, no HTTP, no DOM; never imports the hosts.
 * - electron/server/  HTTP hosts (browser mode, phones); never imports the Electron shell.
 * - electron/main/    the Electron shell; never imports the browser-mode host.
 * - renderer/         the UI: values only from electron/shared/, types also from the core's API contract.
 * - electron/testing/ helpers that only tests import.
 */
const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`])
const noElectron = { name: 'electron', message: 'Only electron/main may use Electron.' }
const noHttp = [
  ...['http', 'https', 'http2', 'net', 'node:http', 'node:https', 'node:http2', 'node:net'].map((name) => ({
    name,
    message: 'electron/core does no networking; HTTP lives in electron/server.'
  })),
  ...['hono', '@hono/node-server'].map((name) => ({ name, message: 'HTTP frameworks belong in electron/server.' }))
]
const testHelpers = { group: ['**/testing/*'], message: 'electron/testing/ is for tests only.' }
const hosts = {
  group: ['electron/*', '@hono/*', '**/server/*', '**/main/*', '**/preload/*'],
  message: 'The core never imports a host.'
}
const noDom = ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage']

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
    files: ['electron/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            noElectron,
            ...nodeBuiltins.map((name) => ({ name, message: 'electron/shared runs in the browser too.' }))
          ],
          patterns: [
            {
              group: ['**/core/**', '!**/core/api/contract', '**/server/**', '**/main/**', '**/preload/**', '@hono/*'],
              message: 'electron/shared imports no other layer.'
            },
            { group: ['**/core/api/contract'], allowTypeImports: true, message: 'Only the API types, never values.' },
            testHelpers
          ]
        }
      ],
      'no-restricted-globals': noDom
    }
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: { 'no-restricted-globals': noDom }
  },
  {
    files: ['electron/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, ...noHttp], patterns: [hosts, testHelpers] }] }
  },
  {
    files: ['electron/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron, ...noHttp], patterns: [hosts] }] }
  },
  {
    files: ['electron/server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['**/main/*', '**/preload/*'], message: 'The hosts never import the Electron shell.' },
            testHelpers
          ]
        }
      ]
    }
  },
  {
    files: ['electron/{main,preload}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/browser-host*'], message: 'Electron main never runs the browser-mode host.' },
            testHelpers
          ]
        }
      ]
    }
  },
  {
    files: ['renderer/src/**/*.{ts,svelte}'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/electron/core/**',
                '**/electron/server/**',
                '**/electron/main/**',
                '**/electron/preload/**',
                '**/electron/testing/**'
              ],
              allowTypeImports: true,
              message: 'The renderer takes values only from electron/shared/ (types from the API contract are fine).'
            },
            { group: ['node:*'], message: 'The renderer runs in a sandboxed browser window.' }
          ],
          paths: [{ name: 'electron', message: 'The renderer runs in a sandboxed browser window.' }]
        }
      ]
    }
  },
  {
    // A function fits on a screen: longer means it does more than one thing (tests and plain tables aside).
    files: ['electron/**/*.ts', 'renderer/src/**/*.{ts,svelte}'],
    ignores: ['**/*.test.ts', 'electron/testing/**'],
    rules: { 'max-lines-per-function': ['error', { max: 80 }] }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  }
)
