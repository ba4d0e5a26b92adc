import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import electron from 'vite-plugin-electron';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const nodeExternals = ['@napi-rs/canvas', 'exceljs', 'node-thermal-printer', 'pino', 'pino-roll', 'yauzl', 'qrcode', 'pg', '@electric-sql/pglite', 'selfsigned'];

/** Builds the Svelte renderer, the Electron main process, the browser shell, the CLI and the hub server, and the CommonJS preload (the hub's pages: vite.hub.config.ts). */
export default defineConfig({
  root: `${root}renderer`,
  base: './',
  publicDir: false,
  plugins: [
    svelte({ configFile: `${root}svelte.config.js` }),
    electron([
      {
        entry: {
          main: `${root}electron/main.ts`,
          server: `${root}electron/server.ts`,
          cli: `${root}electron/cli.ts`,
          hub: `${root}hub/server/main.ts`,
        },
        vite: {
          logLevel: 'warn',
          build: {
            outDir: `${root}dist-electron`,
            emptyOutDir: false,
            sourcemap: true,
            minify: false,
            rolldownOptions: { external: nodeExternals },
          },
        },
      },
      {
        // No `entry`: a lib build would follow package.json's "type" and emit ESM, but a sandboxed preload must be CommonJS.
        vite: {
          logLevel: 'warn',
          build: {
            outDir: `${root}dist-electron`,
            emptyOutDir: false,
            minify: false,
            rolldownOptions: {
              input: { preload: `${root}electron/preload.ts` },
              platform: 'node',
              output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
            },
          },
        },
      },
    ]),
  ],
  build: {
    outDir: `${root}dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    assetsInlineLimit: 0,
    rolldownOptions: { input: `${root}renderer/index.html` },
  },
  server: { host: '127.0.0.1' },
});
