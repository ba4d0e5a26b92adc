import path from 'node:path';
import { encodeCard } from '../../electron/services/cards/escpos';
import { layoutCard, registerCardFonts } from '../../electron/services/cards/layout';
import { CardSchema } from '../../electron/services/content/schema';
import { atMost, quantile, reported, type Figure } from './figures';
import type { BenchContext } from './run';

/** A thermal receipt printer's print speed, stated: many print 150 mm/s or faster. */
const PRINT_MM_PER_S = 150;
/** Dots per millimetre of paper at 203 dpi. */
const DOTS_PER_MM = 8;

/**
 * Layout + raster + ESC/POS of an 8-step 80 mm card with a QR code; beside it, that time against
 * the time the printer needs to print the card (its length over the stated print speed), which
 * says whether making the card ever keeps anyone waiting.
 */
export async function cardFigures(ctx: BenchContext): Promise<Figure[]> {
  registerCardFonts(path.join(ctx.root, 'node_modules', '@fontsource', 'be-vietnam-pro', 'files'));
  const card = CardSchema.parse({
    title: { vi: 'Kích hoạt tài khoản định danh điện tử mức 2' },
    steps: Array.from({ length: 8 }, (_, i) => ({ vi: `Bước ${i + 1}: chạm vào nút trên màn hình, đọc kỹ rồi mới bấm tiếp tục nhé.` })),
    officialUrl: 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html',
    safetyNotes: [{ vi: 'Không ai được hỏi mã OTP của bác.' }, { vi: 'Chỉ cài ứng dụng từ App Store hoặc CH Play.' }],
    hotlineTopics: ['lua-dao', 'vneid'],
  });
  const site = {
    name: 'Bộ phận một cửa xã Phù Đổng',
    hotlines: [
      { label: 'Báo lừa đảo', number: '156', confirmed: true, topic: 'lua-dao' as const },
      { label: 'Hỗ trợ VNeID', number: '1900 0368', confirmed: true, topic: 'vneid' as const },
    ],
  };
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let bytes = 0;
  let rows = 0;
  for (let i = 0; i < 40; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const raster = layoutCard(card, { language: 'vi', site, date: new Date(2026, 10, 29), helper: 'Huỳnh Quốc Việt', widthMm: 80 });
    bytes = encodeCard(raster).length;
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    rows = raster.height;
  }
  const warm = times.slice(5);
  const cpuMedian = quantile(cpuTimes.slice(5), 0.5);
  const lengthMm = rows / DOTS_PER_MM;
  const printMs = (lengthMm / PRINT_MM_PER_S) * 1000;
  return [
    atMost('Card layout + raster + ESC/POS, 8 steps, 80 mm, QR (median)', quantile(warm, 0.5), 'ms', 30, `p95 ${quantile(warm, 0.95).toFixed(1)} ms`),
    // CPU time: the wall time of a few milliseconds on a shared machine is mostly other programs' turns.
    atMost('Card pipeline ÷ time to print the card at 150 mm/s (CPU time, median)', (cpuMedian / printMs) * 100, '%', 2.5, `${cpuMedian.toFixed(1)} ms of CPU; ${Math.round(lengthMm)} mm of paper = ${Math.round(printMs)} ms at ${PRINT_MM_PER_S} mm/s`),
    reported('Bytes per 80 mm card', bytes / 1024, 'KB'),
  ];
}
