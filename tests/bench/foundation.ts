import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startBrowserShell } from '../../electron/browser-shell';
import { createApi } from '../../electron/api';
import { createServices } from '../../electron/services';
import { createMemoryLogger } from '../../electron/services/logger';
import { resolveAppPaths } from '../../electron/services/paths';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';
import { atMost, quantile, reported, type Figure } from './figures';
import { seedDataDir } from '../e2e/support/seed';
import type { BenchContext } from './run';

/** Renderer JS size, attract-screen time to interactive at 4× CPU slowdown, and API round trips. */
export async function foundationFigures(ctx: BenchContext): Promise<Figure[]> {
  const paths = resolveAppPaths(ctx.root);
  const figures: Figure[] = [];

  // What the kiosk loads at start is what index.html names (the entry and its preloaded
  // imports); the staff screens load when first opened. Both figures are shown.
  const assets = path.join(paths.rendererDir, 'assets');
  const gzipped = (file: string) => gzipSync(readFileSync(path.join(assets, file)), { level: 9 }).length;
  const all = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const html = readFileSync(path.join(paths.rendererDir, 'index.html'), 'utf8');
  const atStart = [...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const startGz = atStart.reduce((sum, f) => sum + gzipped(f), 0);
  const allGz = all.reduce((sum, f) => sum + gzipped(f), 0);
  figures.push(atMost('Renderer JavaScript loaded at start (gzip)', startGz / 1024, 'KB', 120, `${atStart.length} of ${all.length} file(s)`));
  figures.push(reported('Renderer JavaScript in all, staff screens included (gzip)', allGz / 1024, 'KB', 'staff, records and dashboard load when first opened'));

  const log = createMemoryLogger();
  const dataDir = ctx.tempDir('bench-foundation-');
  // The attract screen shows on a kiosk that has been set up.
  await seedDataDir(dataDir);
  const services = await createServices({ dataDir, paths, shell: 'browser', version: 'bench', log });
  const shell = await startBrowserShell({ core: createApi(services), rendererDir: paths.rendererDir });
  try {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      const times: number[] = [];
      for (let run = 0; run < 10; run++) {
        const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
        const page = await context.newPage();
        // Record the moment the attract screen declares itself interactive, without polling delay.
        await page.addInitScript(() => {
          const w = window as unknown as { __readyAt?: number };
          new MutationObserver((_m, observer) => {
            if (document.body?.dataset.ready === 'true') {
              w.__readyAt = performance.now();
              observer.disconnect();
            }
          }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'], childList: true });
        });
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.goto(shell.url);
        await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined, null, { timeout: 30_000 });
        times.push(await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt));
        await context.close();
      }
      figures.push(atMost('Attract screen interactive, 4× CPU slowdown (median of 10)', quantile(times, 0.5), 'ms', 1000, `p95 ${Math.round(quantile(times, 0.95))} ms`));
    } finally {
      await browser.close();
    }

    const call = async () => {
      const res = await fetch(`${shell.url}api/settings:get`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-token': shell.token },
        body: '{}',
      });
      const body = (await res.json()) as { ok: boolean };
      if (!body.ok) throw new Error('API call failed during the benchmark');
    };
    for (let i = 0; i < 50; i++) await call();
    const rtts: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t0 = performance.now();
      await call();
      rtts.push(performance.now() - t0);
    }
    figures.push(reported('Browser-shell API round trip p50 (1,000 calls)', quantile(rtts, 0.5), 'ms'));
    figures.push(atMost('Browser-shell API round trip p95 (1,000 calls)', quantile(rtts, 0.95), 'ms', 5));
  } finally {
    await shell.close();
  }
  return figures;
}
