import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Builds the hub's web pages (Svelte) into dist/hub-web; the hub server itself is built by vite.config.ts. */
export default defineConfig({
  root: `${root}hub/web`,
  base: '/',
  publicDir: false,
  plugins: [svelte({ configFile: `${root}svelte.config.js` })],
  build: {
    outDir: `${root}dist/hub-web`,
    emptyOutDir: true,
    target: 'chrome110',
    assetsInlineLimit: 0,
    rolldownOptions: { input: `${root}hub/web/index.html` },
  },
  server: { host: '127.0.0.1' },
});
