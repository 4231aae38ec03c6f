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

// One build produces everything both hosts need:
//   out/main/index.js          Electron main process
//   out/main/browser-host.js   browser mode (same core, served on 127.0.0.1), run with plain Node
//   out/preload/index.cjs      sandboxed preload (sandboxed preloads must be CommonJS)
//   out/renderer/              the Svelte app
export default defineConfig({
  main: {
    plugins: [arucoExports()],
    build: {
      outDir: 'out/main',
      // Dependencies bundled in: one file to load instead of hundreds of small modules, which took
      // about 100 ms of every start (the browser host reached "running" in ~235 ms, now ~135 ms).
      externalizeDeps: false,
      rollupOptions: {
        // Except the office writers: loaded only when a Word or Excel file is made (no start-up cost),
        // and fflate's Node build inside write-excel-file declares its own `require`, which clashes
        // with the bundle's ESM `require` shim ("Identifier 'require' has already been declared"); the
        // Word charts (documents/docx-charts.ts) load fflate itself, so it stays outside too.
        external: [/^docx(\/|$)/, /^write-excel-file(\/|$)/, /^fflate(\/|$)/],
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
