import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Compiles runes in the renderer's `.svelte.ts` state classes, so their tests run them as the app does.
  plugins: [svelte()],
  test: {
    include: ['electron/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000
  }
})
