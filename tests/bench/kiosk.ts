import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startBrowserShell } from '../../electron/browser-shell';
import { createApi } from '../../electron/api';
import { createServices, type Services } from '../../electron/services';
import { createMemoryLogger } from '../../electron/services/logger';
import { resolveAppPaths } from '../../electron/services/paths';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';
import { seedDataDir } from '../e2e/support/seed';
import type { BenchContext } from './run';

/** The kiosk the browser benches drive, on its home screen; `close` lets go of all of it. */
export interface BenchKiosk {
  page: Page;
  services: Services;
  close(): Promise<void>;
}

/**
 * A set-up kiosk with one extra pack holding `demo`, real services behind the browser shell, and
 * Chromium at 1920×1080 past the attract screen. `beforeLoad` runs on the page before it opens
 * (to stamp events from the first one).
 */
export async function openBenchKiosk(
  ctx: BenchContext,
  options: {
    packId: string;
    demo: Record<string, unknown>;
    printer?: { uri: string; paperWidthMm: 58 | 80 };
    beforeLoad?: (page: Page) => Promise<unknown>;
    /** Changes the data folder after setup, before the services open it. */
    prepare?: (dataDir: string) => Promise<void>;
  },
): Promise<BenchKiosk> {
  const dataDir = ctx.tempDir(`bench-${options.packId}-`);
  const pack = path.join(dataDir, 'content', options.packId);
  mkdirSync(path.join(pack, 'demos'), { recursive: true });
  writeFileSync(path.join(pack, 'pack.json'), JSON.stringify({ id: options.packId, version: '1.0.0', title: { vi: 'Gói đo đạc' } }));
  writeFileSync(path.join(pack, 'demos', 'bai.json'), JSON.stringify(options.demo));
  await seedDataDir(dataDir, options.printer ? { printer: options.printer } : {});
  await options.prepare?.(dataDir);
  const paths = resolveAppPaths(ctx.root);
  const services = await createServices({ dataDir, paths, shell: 'browser', version: 'bench', log: createMemoryLogger() });
  const shell = await startBrowserShell({ core: createApi(services), rendererDir: paths.rendererDir });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const close = async () => {
    await browser.close();
    await shell.close();
    await services.close();
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await options.beforeLoad?.(page);
    await page.goto(shell.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.mouse.click(960, 500);
    return { page, services, close };
  } catch (error) {
    await close();
    throw error;
  }
}
