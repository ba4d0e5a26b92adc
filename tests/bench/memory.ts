import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startBrowserShell } from '../../electron/browser-shell';
import { createApi } from '../../electron/api';
import { createServices } from '../../electron/services';
import { createMemoryLogger } from '../../electron/services/logger';
import { resolveAppPaths } from '../../electron/services/paths';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';
import { seedDataDir } from '../e2e/support/seed';
import { sampleDemo } from '../support/demo-fixture';
import { atMost, reported, type Figure } from './figures';
import type { BenchContext } from './run';

const RUNS = 300;
const WARM_UP = 20;

/** 300 demo runs in a row in one page: the kiosk runs all day, so nothing may pile up. */
export async function memoryFigures(ctx: BenchContext): Promise<Figure[]> {
  const dataDir = ctx.tempDir('bench-memory-');
  const pack = path.join(dataDir, 'content', 'bo-nho');
  mkdirSync(path.join(pack, 'demos'), { recursive: true });
  writeFileSync(path.join(pack, 'pack.json'), JSON.stringify({ id: 'bo-nho', version: '1.0.0', title: { vi: 'Đo bộ nhớ' } }));
  writeFileSync(path.join(pack, 'demos', 'bai.json'), JSON.stringify(sampleDemo('bai-bo-nho', { skill: 'an-toan' })));
  await seedDataDir(dataDir);
  const paths = resolveAppPaths(ctx.root);
  const services = await createServices({ dataDir, paths, shell: 'browser', version: 'bench', log: createMemoryLogger() });
  const shell = await startBrowserShell({ core: createApi(services), rendererDir: paths.rendererDir });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(shell.url);
    await page.waitForSelector('body[data-ready="true"]');
    await page.mouse.click(960, 500);
    await page.getByRole('button', { name: /Tự bảo vệ mình/ }).click();
    await page.locator('[data-demo-id="bai-bo-nho"]').waitFor();
    const cdp = await page.context().newCDPSession(page);

    // Runs the demo start to finish by touch, inside the page, `count` times.
    // Plain JavaScript text: tsx would wrap named inner functions in a helper the page does not have.
    const play = (count: number) =>
      page.evaluate(`(async (n) => {
        const frame = () => new Promise((r) => requestAnimationFrame(r));
        const until = async (check) => {
          for (let i = 0; i < 500; i++) {
            if (check()) return;
            await frame();
          }
          throw new Error('the page did not get there');
        };
        const click = (selector) => document.querySelector(selector).click();
        const step = () => document.querySelector('[data-testid="demo-player"]')?.getAttribute('data-step');
        const button = (test) => [...document.querySelectorAll('button')].find((b) => test((b.textContent || '').trim()));
        for (let run = 0; run < n; run++) {
          click('[data-demo-id="bai-bo-nho"]');
          await until(() => document.querySelector('[data-testid="demo-player"]'));
          click('[data-widget="mo"]');
          await until(() => step() === 'nhap-ten');
          click('[data-widget="ten"]');
          await until(() => document.querySelector('[role="group"] button'));
          for (const ch of '0912345678') button((t) => t === ch).click();
          button((t) => t === 'Xong').click();
          await until(() => step() === 'xong');
          button((t) => t.startsWith('Tiếp tục')).click();
          await until(() => document.querySelector('[data-testid="demo-summary"]'));
          button((t) => t === 'Chọn bài khác').click();
          await until(() => document.querySelector('[data-demo-id="bai-bo-nho"]'));
        }
      })(${count})`);

    const measure = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      const nodes = (await cdp.send('Memory.getDOMCounters')).nodes;
      return { heap, nodes };
    };

    await play(WARM_UP);
    const before = await measure();
    const t0 = performance.now();
    await play(RUNS);
    const seconds = (performance.now() - t0) / 1000;
    const after = await measure();
    return [
      atMost(`JS heap growth over ${RUNS} demo runs (after ${WARM_UP} warm-up)`, (after.heap - before.heap) / 1048576, 'MB', 5, `${(before.heap / 1048576).toFixed(1)} → ${(after.heap / 1048576).toFixed(1)} MB, ${seconds.toFixed(1)} s`),
      atMost(`DOM nodes left over after ${RUNS} demo runs`, after.nodes - before.nodes, 'nodes', 0, `${before.nodes} → ${after.nodes}`),
      reported('Demo runs per second (3 steps, typing included)', RUNS / seconds, 'runs/s'),
    ];
  } finally {
    await browser.close();
    await shell.close();
  }
}
