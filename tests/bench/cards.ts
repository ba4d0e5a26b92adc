import path from 'node:path';
import { encodeCard } from '../../electron/services/cards/escpos';
import { layoutCard, registerCardFonts } from '../../electron/services/cards/layout';
import { CardSchema } from '../../electron/services/content/schema';
import { atMost, quantile, reported, type Figure } from './figures';
import type { BenchContext } from './run';

/** Layout + raster + ESC/POS of an 8-step 80 mm card with a QR code. */
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
  let bytes = 0;
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    const raster = layoutCard(card, { language: 'vi', site, date: new Date(2026, 10, 29), helper: 'Huỳnh Quốc Việt', widthMm: 80 });
    bytes = encodeCard(raster).length;
    times.push(performance.now() - t0);
  }
  const warm = times.slice(5);
  return [
    atMost('Card layout + raster + ESC/POS, 8 steps, 80 mm, QR (median)', quantile(warm, 0.5), 'ms', 30, `p95 ${quantile(warm, 0.95).toFixed(1)} ms`),
    reported('Bytes per 80 mm card', bytes / 1024, 'KB'),
  ];
}
