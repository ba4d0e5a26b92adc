import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** Unit tests: services in Node against real temp folders; renderer state with Svelte's browser build. Kept apart from vite.config.ts (see STACK.md). */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'node',
          root: '.',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/renderer/**'],
          environment: 'node',
          // Hub tests open databases in their hooks; on a busy machine that takes longer than vitest's 10 s default.
          hookTimeout: 60_000,
          // One throwaway PostgreSQL cluster for the hub's tests (each file makes its own databases in it).
          globalSetup: ['tests/unit/hub/pg-global-setup.ts'],
        },
      },
      {
        plugins: [svelte({ configFile: './svelte.config.js' })],
        resolve: { conditions: ['browser'] },
        test: { name: 'renderer', root: '.', include: ['tests/unit/renderer/**/*.test.ts'], environment: 'node' },
      },
    ],
  },
});
