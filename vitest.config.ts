import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** Unit tests run in Node against the real services and a temp data folder; kept apart from vite.config.ts (see STACK.md). */
export default defineConfig({
  plugins: [svelte()],
  test: {
    root: '.',
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});
