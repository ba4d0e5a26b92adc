import { atMost, quantile, reported, type Figure } from './figures';
import { openBenchKiosk } from './kiosk';
import type { BenchContext } from './run';

const STEPS = 40;
/** Touches measured: the demo's last step leads back to its first, so the run goes round twice. */
const TOUCHES = 80;

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
        { id: 'huy', type: 'button', label: { vi: 'Hủy' }, variant: 'secondary' },
      ],
    },
    instruction: { vi: `Bước ${i + 1}: bác chạm vào nút "Tiếp tục".` },
    target: i === STEPS - 1 ? { action: 'tap', widget: 'tiep', next: 'buoc-0', branches: [{ widget: 'huy', next: 'end' }] } : { action: 'tap', widget: 'tiep' },
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

/**
 * Touch on the lit widget → the next step's screen rendered (next frame), at 4× CPU slowdown in
 * Chromium; beside it, on the same page and touch for touch, a reference touch → paint that does
 * a fixed screen's worth of plain DOM work. Both slow down together on a busy or weak machine,
 * so their ratio holds where the milliseconds do not. (A trivial touch → paint, mostly waiting
 * for the next 60 Hz frame, does not slow with the machine: against it the ratio of medians
 * moved 3.4–4.8× between runs, against the reference 2.2–2.3×.)
 */
export async function playerFigures(ctx: BenchContext): Promise<Figure[]> {
  const { samples, probes } = await measureTouches(ctx);
  const [stepP50, referenceP50] = [quantile(samples, 0.5), quantile(probes, 0.5)];
  const p95Ratio = quantile(samples, 0.95) / quantile(probes, 0.95);
  return [
    reported('Touch → next step rendered, median (4× CPU slowdown)', stepP50, 'ms', `${samples.length} touches, 12 widgets a screen`),
    atMost('Touch → next step rendered, p95 (4× CPU slowdown)', quantile(samples, 0.95), 'ms', 50),
    reported('Reference touch → paint on the same page, median (12 plain list items)', referenceP50, 'ms', `${probes.length} touches, each just before a step's; p95 ${quantile(probes, 0.95).toFixed(1)} ms`),
    // Medians: a p95 of 80 touches is a handful of the machine's bursts, which need not fall on both.
    atMost('Touch → next step ÷ reference touch → paint, medians', stepP50 / referenceP50, '×', 3, `p95s ${p95Ratio.toFixed(2)}×`),
  ];
}

/**
 * Touch → next step and the reference touch → paint, touch for touch on one page of a kiosk
 * (`prepare` may change its data folder first, e.g. to enrol it with a hub that cannot be reached).
 */
export async function measureTouches(ctx: BenchContext, options: { prepare?: (dataDir: string) => Promise<void> } = {}): Promise<{ samples: number[]; probes: number[] }> {
  // Stamp the touch and the first frame after the step (or the reference) changed, inside the page.
  const kiosk = await openBenchKiosk(ctx, {
    packId: 'do-toc-do',
    demo: benchDemo(),
    ...(options.prepare ? { prepare: options.prepare } : {}),
    beforeLoad: (page) =>
      page.addInitScript(() => {
        const w = window as unknown as { __touches: number[]; __samples: number[]; __probes: number[] };
        w.__touches = [];
        w.__samples = [];
        w.__probes = [];
        window.addEventListener('pointerdown', () => w.__touches.push(performance.now()), true);
        new MutationObserver((records) => {
          const step = records.some((r) => r.attributeName === 'data-step');
          const probe = records.some((r) => r.attributeName === 'data-probe');
          if (!step && !probe) return;
          const t0 = w.__touches.at(-1);
          if (t0 === undefined) return;
          requestAnimationFrame(() => (step ? w.__samples : w.__probes).push(performance.now() - t0));
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-step', 'data-probe'] });
      }),
  });
  const { page } = kiosk;
  try {
    await page.getByRole('button', { name: /Tự bảo vệ mình/ }).click();
    await page.locator('[data-demo-id="bai-do-toc-do"]').click();
    await page.getByTestId('demo-player').waitFor();
    // The reference: a button above everything (the spotlight included), outside the app, whose
    // touch builds 12 plain list items by hand, a screen's worth of DOM without the app's code.
    await page.evaluate(() => {
      const probe = document.createElement('button');
      probe.id = 'bench-probe';
      probe.textContent = '·';
      Object.assign(probe.style, { position: 'fixed', left: '0', top: '50%', width: '32px', height: '32px', zIndex: '2147483647' });
      const box = document.createElement('div');
      Object.assign(box.style, { position: 'fixed', left: '-4000px', top: '0', width: '400px' });
      probe.addEventListener('click', () => {
        const n = Number(probe.dataset.probe ?? 0) + 1;
        const list = document.createElement('ul');
        for (let k = 0; k < 12; k++) {
          const item = document.createElement('li');
          const title = document.createElement('strong');
          title.textContent = `Mục số ${k + 1} · lần ${n}`;
          const detail = document.createElement('span');
          detail.textContent = 'Chi tiết của mục';
          item.append(title, detail);
          list.append(item);
        }
        box.replaceChildren(list);
        probe.setAttribute('data-probe', String(n));
      });
      document.body.append(box, probe);
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const count = (key: '__samples' | '__probes', n: number) => page.waitForFunction(([k, m]) => (window as unknown as Record<string, number[]>)[k]!.length >= m, [key, n] as const);
    for (let i = 0; i < TOUCHES; i++) {
      await page.locator('#bench-probe').click();
      await count('__probes', i + 1);
      await page.locator('[data-widget="tiep"]').click();
      await count('__samples', i + 1);
    }
    return await page.evaluate(() => {
      const w = window as unknown as { __samples: number[]; __probes: number[] };
      return { samples: w.__samples, probes: w.__probes };
    });
  } finally {
    await kiosk.close();
  }
}
