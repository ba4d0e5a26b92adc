import { FakePrinter } from '../fakes/fake-printer';
import { atMost, quantile, reported, type Figure } from './figures';
import { openBenchKiosk } from './kiosk';
import type { BenchContext } from './run';

const PRINTS = 30;

/** A one-step demo whose card has 8 steps and a QR code, so the summary (and its print button) is one touch away. */
function oneStepDemo(): Record<string, unknown> {
  return {
    id: 'bai-do-in',
    skill: 'thanh-toan',
    title: { vi: 'Bài đo thời gian in' },
    summary: { vi: 'Một bước chạm, rồi in phiếu.' },
    device: 'phone',
    minutes: 1,
    steps: [
      {
        id: 'cham',
        screen: { widgets: [{ id: 'nut', type: 'button', label: { vi: 'Tiếp tục' } }] },
        instruction: { vi: 'Bác chạm vào nút "Tiếp tục".' },
        target: { action: 'tap', widget: 'nut' },
      },
    ],
    card: {
      title: { vi: 'Kích hoạt tài khoản định danh điện tử mức 2' },
      steps: Array.from({ length: 8 }, (_, i) => ({ vi: `Bước ${i + 1}: chạm vào nút trên màn hình, đọc kỹ rồi mới bấm tiếp tục nhé.` })),
      officialUrl: 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html',
      safetyNotes: [{ vi: 'Không ai được hỏi mã OTP của bác.' }],
      hotlineTopics: ['lua-dao'],
    },
  };
}

/** Touch on "In" (print) → the job's first byte at the printer: real Chromium, the browser shell, the fake printer on TCP. */
export async function printingFigures(ctx: BenchContext): Promise<Figure[]> {
  const printer = new FakePrinter();
  await printer.start();
  const kiosk = await openBenchKiosk(ctx, { packId: 'do-in', demo: oneStepDemo(), printer: { uri: printer.uri, paperWidthMm: 80 } }).catch(async (error: unknown) => {
    await printer.stop();
    throw error;
  });
  const { page } = kiosk;
  try {
    await page.getByRole('button', { name: /Thanh toán trực tuyến/ }).click();
    await page.locator('[data-demo-id="bai-do-in"]').click();
    await page.locator('[data-widget="nut"]').click();
    await page.getByTestId('demo-summary').waitFor();
    const samples: number[] = [];
    for (let i = 0; i < PRINTS; i++) {
      await page.getByRole('button', { name: /In phiếu hướng dẫn/ }).click();
      const button = page.getByTestId('print-card');
      await page.getByTestId('card-preview').waitFor();
      const box = (await button.boundingBox())!;
      // The clock starts before the touch is dispatched, so the figure includes its delivery.
      const t0 = performance.now();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      while (printer.jobs.length < i + 1) await new Promise((r) => setTimeout(r, 2));
      samples.push(printer.jobs[i]!.firstByteAt - t0);
      await page.getByTestId('print-status').filter({ hasText: /Đã in xong/ }).waitFor();
      await page.getByRole('button', { name: /Quay lại/ }).click();
      await page.getByTestId('demo-summary').waitFor();
    }
    const warm = samples.slice(3);
    return [
      reported('Touch on "In" → first byte at the printer, median', quantile(warm, 0.5), 'ms', `${warm.length} prints after 3 warm-up, 80 mm card`),
      atMost('Touch on "In" → first byte at the printer, p95', quantile(warm, 0.95), 'ms', 150),
    ];
  } finally {
    await kiosk.close();
    await printer.stop();
  }
}
