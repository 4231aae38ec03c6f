import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import type { Plugin } from 'vite'

/**
 * js-aruco2 (answer cards) is CommonJS that exports by assigning to top-level `this`; the bundler
 * sees no export in that and reads `this` as undefined. Its two files get `exports.` for `this.`.
 */
function arucoExports(): Plugin {
  return {
    name: 'js-aruco2-exports',
    transform(code, id) {
      if (!/[\\/]js-aruco2[\\/]src[\\/](aruco|cv)\.js$/.test(id)) return null
      return { code: code.replace(/\bthis\.(AR|CV)\b/g, 'exports.$1'), map: null }
    }
  }
}

/**
 * fflate's Node build (inside write-excel-file) declares `var require = createRequire('/')`, which
 * clashes with the `require` shim the bundler puts at the top of each ESM chunk ("Identifier
 * 'require' has already been declared"). Its own require gets another name; the worker source,
 * a string run in a Worker with a require of its own, is left alone.
 */
function fflateRequire(): Plugin {
  return {
    name: 'fflate-require',
    transform(code, id) {
      if (!/[\\/]fflate[\\/]esm[\\/]index\.mjs$/.test(id)) return null
      const renamed = code
        .replace("var require = createRequire('/');", "var fflateRequire = createRequire('/');")
        .replace("(_a = require('worker_threads')", "(_a = fflateRequire('worker_threads')")
      if (renamed === code || /\brequire\(/.test(renamed.replace(/workerAdd = ".*";/, ''))) {
        throw new Error('fflate-require: fflate changed; see electron.vite.config.ts')
      }
      return { code: renamed, map: null }
    }
  }
}

// One build produces everything both hosts need:
//   out/main/index.js          Electron main process
//   out/main/browser-host.js   browser mode (same core, served on 127.0.0.1), run with plain Node
//   out/preload/index.cjs      sandboxed preload (sandboxed preloads must be CommonJS)
//   out/renderer/              the Svelte app
export default defineConfig({
  main: {
    plugins: [arucoExports(), fflateRequire()],
    // PouchDB's HTTP adapter gets the built-in fetch instead of node-fetch + fetch-cookie (programme/native-fetch.ts).
    resolve: { alias: { 'pouchdb-fetch': resolve('electron/core/programme/native-fetch.ts') } },
    build: {
      outDir: 'out/main',
      // Dependencies bundled in: one file to load instead of hundreds of small modules, which took
      // about 100 ms of every start (the browser host reached "running" in ~235 ms, now ~135 ms).
      // All of them, so the packaged app needs no node_modules (package.json "dependencies" is empty;
      // scripts/check-pack.mjs checks it). What is imported on first use (the office writers, the ZIP
      // libraries) becomes its own chunk in out/main/chunks, loaded only when needed.
      externalizeDeps: false,
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          'browser-host': resolve('electron/server/browser-host-cli.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [svelte(), arucoExports()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: {
        input: { index: resolve('renderer/index.html') }
      }
    }
  }
})
