import path from 'node:path';
import { encodeCard } from '../../electron/services/cards/escpos';
import { layoutCard, registerCardFonts } from '../../electron/services/cards/layout';
import { CardSchema } from '../../electron/services/content/schema';

/** The bundled font files, as the app registers them. */
export const FONTS_DIR = path.resolve(import.meta.dirname, '..', '..', 'node_modules', '@fontsource', 'be-vietnam-pro', 'files');
registerCardFonts(FONTS_DIR);

/** An 8-step card whose title holds the hardest diacritics, laid out at 80 mm on a fixed date. */
export const hardCard = CardSchema.parse({
  title: { vi: 'Nguyễn Thị Ngọc Ánh, Huỳnh Quốc Việt, khuỷu, thuở' },
  steps: Array.from({ length: 8 }, (_, i) => ({ vi: `Bước ${i + 1}: chạm vào nút, đọc kỹ rồi bấm tiếp.` })),
  officialUrl: 'https://dichvucong.gov.vn',
});
export const hardRaster = layoutCard(hardCard, { language: 'vi', site: null, date: new Date(2026, 10, 29), widthMm: 80 });
export const hardBytes = encodeCard(hardRaster);
