import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createServices, type Services } from '../../../electron/services';
import { createMemoryLogger } from '../../../electron/services/logger';
import type { AppPaths } from '../../../electron/services/paths';

const made: string[] = [];
const opened: Services[] = [];

/** A fresh temp folder, removed after the test. */
export function tempDir(prefix = 'kiosk-unit-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

// Services finish their background writes (snapshots, backups, print jobs) before their folder
// goes; removing it under a write still running fails the test that happened to be last.
afterEach(async () => {
  for (const services of opened.splice(0)) await services.close();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Paths for tests: real fonts from node_modules, content from a folder the test controls. */
export function testPaths(contentDir: string, rendererDir = tempDir()): AppPaths {
  const root = path.resolve(import.meta.dirname, '..', '..', '..');
  return {
    rendererDir,
    contentDir,
    fontsDir: path.join(root, 'node_modules', '@fontsource', 'be-vietnam-pro', 'files'),
    resourcesDir: path.join(root, 'resources'),
  };
}

/** Real services over a fresh data folder. */
export async function makeServices(options: { dataDir?: string; contentDir?: string } = {}): Promise<Services & { logLines: string[] }> {
  const log = createMemoryLogger();
  const services = await createServices({
    dataDir: options.dataDir ?? tempDir(),
    paths: testPaths(options.contentDir ?? tempDir()),
    shell: 'browser',
    version: '9.9.9',
    log,
  });
  opened.push(services);
  return Object.assign(services, { logLines: log.lines });
}
