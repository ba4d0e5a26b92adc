// Builds the app when the build is missing or older than its sources, so `npm run serve`
// and `npm run cli` work straight after a fresh `npm install`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const outputs = ['dist/renderer/index.html', 'dist/hub-web/index.html', 'dist-electron/server.js', 'dist-electron/cli.js', 'dist-electron/hub.js', 'dist-electron/main.js', 'dist-electron/preload.cjs'];
const sources = ['electron', 'renderer', 'hub', 'vite.config.ts', 'vite.hub.config.ts', 'svelte.config.js', 'package.json'];

function newest(p) {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const missing = outputs.some((o) => !existsSync(path.join(root, o)));
const builtAt = missing ? 0 : Math.min(...outputs.map((o) => statSync(path.join(root, o)).mtimeMs));
const changedAt = Math.max(...sources.filter((s) => existsSync(path.join(root, s))).map((s) => newest(path.join(root, s))));

if (missing || changedAt > builtAt) {
  if (!quiet) process.stdout.write('Đang dựng ứng dụng (vite build)…\n');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // The kiosk (renderer, main, browser shell, CLI, hub server), then the hub's pages.
  for (const extra of [[], ['-c', 'vite.hub.config.ts']]) {
    const result = spawnSync(process.execPath, [vite, 'build', ...extra, '--logLevel', quiet ? 'error' : 'warn'], { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
    if (result.status !== 0) {
      process.stderr.write('Dựng ứng dụng thất bại.\n');
      process.exit(result.status ?? 1);
    }
  }
}
