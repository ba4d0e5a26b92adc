import { sampleDemo } from '../support/demo-fixture';
import { atMost, reported, type Figure } from './figures';
import { openBenchKiosk } from './kiosk';
import type { BenchContext } from './run';

const RUNS = 300;
const WARM_UP = 20;

/** 300 demo runs in a row in one page: the kiosk runs all day, so nothing may pile up. */
export async function memoryFigures(ctx: BenchContext): Promise<Figure[]> {
  const kiosk = await openBenchKiosk(ctx, { packId: 'bo-nho', demo: sampleDemo('bai-bo-nho', { skill: 'an-toan' }) });
  const { page } = kiosk;
  try {
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
    await kiosk.close();
  }
}
