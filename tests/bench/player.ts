import { atMost, quantile, reported, type Figure } from './figures';
import { openBenchKiosk } from './kiosk';
import type { BenchContext } from './run';

const STEPS = 40;

/** A demo of 40 tap steps on a busy screen (12 widgets each), so every touch renders a whole new screen. */
function benchDemo(): Record<string, unknown> {
  const steps = Array.from({ length: STEPS }, (_, i) => ({
    id: `buoc-${i}`,
    screen: {
      widgets: [
        { type: 'appbar', title: { vi: `Màn hình ${i + 1}` }, back: true },
        { type: 'heading', text: { vi: 'Thông tin tài khoản của bác' } },
        { type: 'text', text: { vi: 'Bác kiểm tra kỹ các mục dưới đây trước khi bấm tiếp tục.' } },
        ...Array.from({ length: 6 }, (_, k) => ({ id: `muc-${k}`, type: 'listitem', title: { vi: `Mục số ${k + 1}` }, subtitle: { vi: 'Chi tiết của mục' }, icon: 'document' })),
        { type: 'alert', tone: 'info', text: { vi: 'Đây là màn hình mô phỏng.' } },
        { id: 'tiep', type: 'button', label: { vi: 'Tiếp tục' } },
        { type: 'button', label: { vi: 'Hủy' }, variant: 'secondary' },
      ],
    },
    instruction: { vi: `Bước ${i + 1}: bác chạm vào nút "Tiếp tục".` },
    target: { action: 'tap', widget: 'tiep' },
  }));
  return {
    id: 'bai-do-toc-do',
    skill: 'an-toan',
    title: { vi: 'Bài đo tốc độ' },
    summary: { vi: 'Bốn mươi bước chạm.' },
    device: 'phone',
    minutes: 5,
    steps,
    card: { title: { vi: 'Bài đo tốc độ' }, steps: [{ vi: 'Chạm tiếp tục.' }], officialUrl: 'https://dichvucong.gov.vn' },
  };
}

/** Touch on the lit widget → the next step's screen rendered (next frame), at 4× CPU slowdown in Chromium. */
export async function playerFigures(ctx: BenchContext): Promise<Figure[]> {
  // Stamp the touch and the first frame after the step changed, inside the page.
  const kiosk = await openBenchKiosk(ctx, {
    packId: 'do-toc-do',
    demo: benchDemo(),
    beforeLoad: (page) =>
      page.addInitScript(() => {
        const w = window as unknown as { __touches: number[]; __samples: number[] };
        w.__touches = [];
        w.__samples = [];
        window.addEventListener('pointerdown', () => w.__touches.push(performance.now()), true);
        new MutationObserver((records) => {
          if (!records.some((r) => r.attributeName === 'data-step')) return;
          const t0 = w.__touches.at(-1);
          if (t0 === undefined) return;
          requestAnimationFrame(() => w.__samples.push(performance.now() - t0));
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-step'] });
      }),
  });
  const { page } = kiosk;
  try {
    await page.getByRole('button', { name: /Tự bảo vệ mình/ }).click();
    await page.locator('[data-demo-id="bai-do-toc-do"]').click();
    await page.getByTestId('demo-player').waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    for (let i = 0; i < STEPS - 1; i++) {
      await page.locator('[data-widget="tiep"]').click();
      await page.waitForFunction((n) => (window as unknown as { __samples: number[] }).__samples.length >= n, i + 1);
    }
    const samples = await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples);
    return [
      reported('Touch → next step rendered, median (4× CPU slowdown)', quantile(samples, 0.5), 'ms', `${samples.length} touches, 12 widgets a screen`),
      atMost('Touch → next step rendered, p95 (4× CPU slowdown)', quantile(samples, 0.95), 'ms', 50),
    ];
  } finally {
    await kiosk.close();
  }
}
