import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { clearRealtimeDots, encodeCard, MAX_BAND_ROWS } from '../../electron/services/cards/escpos';
import { CARD_FONT, layoutCard, rasterToPng, registerCardFonts, wrap, type CardContext } from '../../electron/services/cards/layout';
import { packRows, threshold, type Raster } from '../../electron/services/cards/raster';
import { CardSchema } from '../../electron/services/content/schema';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const GOLDEN = path.join(ROOT, 'tests', 'golden');
registerCardFonts(path.join(ROOT, 'node_modules', '@fontsource', 'be-vietnam-pro', 'files'));

const card = CardSchema.parse({
  title: { vi: 'Giữ an toàn mật khẩu và mã OTP' },
  steps: [
    { vi: 'Mật khẩu dài, ghép nhiều chữ; không dùng tên, ngày sinh.' },
    { vi: 'Mã OTP không đọc, không gửi cho ai — kể cả người xưng công an.' },
    { vi: 'Khuỷu tay, thuở nhỏ, người, giường: chữ có dấu in đúng.' },
  ],
  officialUrl: 'https://khonggianmang.vn',
  safetyNotes: [{ vi: 'Lỡ đọc mã OTP cho người lạ: gọi ngay ngân hàng.' }],
  hotlineTopics: ['lua-dao'],
});
const context = (widthMm: 58 | 80): CardContext => ({
  language: 'vi',
  site: {
    name: 'Bộ phận một cửa xã Phù Đổng',
    hotlines: [
      { label: 'Báo lừa đảo', number: '156', confirmed: true, topic: 'lua-dao' },
      { label: 'Chưa xác nhận', number: '1900 0000', confirmed: false, topic: 'lua-dao' },
      { label: 'VNeID', number: '1900 0368', confirmed: true, topic: 'vneid' },
    ],
  },
  date: new Date(2026, 10, 29),
  helper: 'Huỳnh Quốc Việt',
  salutation: 'Kính gửi bác Nguyễn Thị Ngọc Ánh',
  widthMm,
});

const hash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it deliberately, never silently. */
function golden(name: string, actualHash: string, png?: Buffer): void {
  const file = path.join(GOLDEN, `${name}.sha256`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden ${name} missing: run UPDATE_GOLDEN=1 npx vitest run tests/unit/cards.test.ts and look at tests/golden/${name}.png`);
    writeFileSync(file, `${actualHash}\n`);
    if (png) writeFileSync(path.join(GOLDEN, `${name}.png`), png);
    return;
  }
  const expected = readFileSync(file, 'utf8').trim();
  if (expected !== actualHash && png) {
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'test-results', `${name}.actual.png`), png);
  }
  expect(actualHash, `${name} changed; see test-results/${name}.actual.png`).toBe(expected);
}

describe('card layout', () => {
  it.each([58, 80] as const)('lays out the %i mm card as the golden raster', (mm) => {
    const raster = layoutCard(card, context(mm));
    expect(raster.width).toBe(mm === 58 ? 384 : 576);
    expect(new Set(raster.pixels)).toEqual(new Set([0, 1]));
    golden(`card-${mm}`, hash(raster.pixels), rasterToPng(raster));
  });

  it('lays out the same raster after a taller card or a slip, dot for dot (the drawing surface is reused)', () => {
    const first = layoutCard(card, context(80));
    layoutCard({ ...card, steps: [...card.steps, ...card.steps, ...card.steps] }, context(80));
    layoutCard({ ...card, hotlineTopics: [] }, { ...context(80), site: null });
    const again = layoutCard(card, context(80));
    expect(again.height).toBe(first.height);
    expect(Buffer.from(again.pixels).equals(Buffer.from(first.pixels))).toBe(true);
    golden('card-80', hash(again.pixels));
  });

  it('prints only confirmed hotlines of the card’s topics', () => {
    const withOne = layoutCard(card, context(80));
    const none = layoutCard({ ...card, hotlineTopics: [] }, context(80));
    const both = layoutCard({ ...card, hotlineTopics: ['lua-dao', 'vneid'] }, context(80));
    expect(none.height).toBeLessThan(withOne.height);
    expect(both.height).toBeGreaterThan(withOne.height);
  });

  it('wraps by words and never splits a letter from its diacritics', () => {
    const g = createCanvas(10, 10).getContext('2d');
    g.font = `400 27px "${CARD_FONT}"`;
    const text = 'Người dân khuỷu tay thuở nhỏ giường Nguyễn Huỳnh Quốc Việt';
    const lines = wrap(g, text, 200);
    expect(lines.join(' ')).toBe(text);
    for (const l of lines) {
      expect(g.measureText(l).width).toBeLessThanOrEqual(200);
      expect(l).toBe(l.normalize('NFC'));
    }
    expect(wrap(g, 'Siêuuuuuuuuuuuuuuuuuuuuuuuuuudài', 120).every((l) => g.measureText(l).width <= 120)).toBe(true);
  });
});

describe('ESC/POS encoding', () => {
  const raster = (width: number, height: number): Raster => {
    const pixels = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = (x + y) % 3 === 0 ? 1 : 0;
    return { width, height, pixels };
  };

  it('starts with ESC @, sends the raster in GS v 0 bands of at most 255 rows, then feeds and cuts', () => {
    const bytes = encodeCard(raster(16, 600));
    expect([...bytes.slice(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x61, 0x01]);
    const bands: number[] = [];
    for (let i = 0; i < bytes.length - 7; i++) {
      if (bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
        expect(bytes[i + 4]).toBe(2);
        bands.push(bytes[i + 6]! | (bytes[i + 7]! << 8));
        i += 7 + 2 * (bytes[i + 6]! | (bytes[i + 7]! << 8));
      }
    }
    expect(bands).toEqual([255, 255, 90]);
    expect(Math.max(...bands)).toBeLessThanOrEqual(MAX_BAND_ROWS);
    expect([...bytes.slice(-7)]).toEqual([0x1b, 0x64, 4, 0x1d, 0x56, 0x42, 0x00]);
  });

  it('thresholds every kind of pixel as the plain formula does (white, greys, colours, transparency)', () => {
    const formula = (r: number, g: number, b: number, a: number) => ((0.299 * r + 0.587 * g + 0.114 * b) * (a / 255) + 255 * (1 - a / 255) < 160 ? 1 : 0);
    const samples: number[][] = [[255, 255, 255, 255], [0, 0, 0, 255], [159, 159, 159, 255], [160, 160, 160, 255], [161, 161, 161, 255], [200, 30, 30, 255], [0, 0, 0, 0], [0, 0, 0, 100], [90, 90, 90, 128]];
    for (let v = 0; v < 256; v += 7) samples.push([v, v, v, 255]);
    const rgba = Uint8Array.from(samples.flat());
    const { pixels } = threshold(rgba, samples.length, 1);
    expect([...pixels]).toEqual(samples.map(([r, g, b, a]) => formula(r!, g!, b!, a!)));
    // Data that does not start on a 4-byte boundary is read byte by byte, with the same result.
    const shifted = new Uint8Array(rgba.length + 1);
    shifted.set(rgba, 1);
    expect([...threshold(shifted.subarray(1), samples.length, 1).pixels]).toEqual([...pixels]);
  });

  it('packs rows whose width is not a whole number of bytes', () => {
    const r: Raster = { width: 13, height: 2, pixels: Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]) };
    expect([...packRows(r, 0, 2)]).toEqual([0b10000001, 0b10001000, 0b01000000, 0b00001000]);
    expect([...packRows(r, 1, 1)]).toEqual([0b01000000, 0b00001000]);
  });

  it('packs pixels most significant bit first, padding each row', () => {
    const r: Raster = { width: 10, height: 1, pixels: Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 1, 1, 0) };
    const bytes = encodeCard(r, { cut: false });
    expect([...bytes.slice(5, 15)]).toEqual([0x1d, 0x76, 0x30, 0x00, 2, 0, 1, 0, 0b10000001, 0b10000000]);
  });

  it('encodes the golden 80 mm card to the golden bytes', () => {
    golden('card-80-escpos', hash(encodeCard(layoutCard(card, context(80)))));
  });
});

/** Where `bytes` hold DLE followed by EOT, ENQ or DC4: real-time commands a printer obeys even inside image data. */
const realtimeAt = (bytes: Uint8Array): number[] => [...bytes.keys()].filter((i) => bytes[i] === 0x10 && [0x04, 0x05, 0x14].includes(bytes[i + 1] ?? -1));

describe('real-time sequences inside image data', () => {
  /** A 16-dot-wide raster whose first row packs to `first` and whose other rows are white. */
  const rowsOf = (height: number, first: number[], at = 0): Raster => {
    const pixels = new Uint8Array(16 * height);
    first.forEach((byte, b) => {
      for (let x = 0; x < 8; x++) pixels[at * 16 + b * 8 + x] = (byte >> (7 - x)) & 1;
    });
    return { width: 16, height, pixels };
  };

  // Layout clears the one dot of any DLE byte that would start such a sequence, in the raster
  // itself, so the preview shows what prints. The golden cards happen to hold none: their hashes
  // are the cards as drawn, and they were not regenerated for this.
  it.each([58, 80] as const)('the golden %i mm card sends no DLE EOT, DLE ENQ or DLE DC4 anywhere in its bytes', (mm) => {
    const raster = layoutCard(card, context(mm));
    expect(realtimeAt(encodeCard(raster))).toEqual([]);
    expect(clearRealtimeDots(raster)).toBe(0);
  });

  it.each([
    ['DLE EOT', 0x04],
    ['DLE ENQ', 0x05],
    ['DLE DC4', 0x14],
  ])('a dot that would spell %s with its neighbour is cleared in the raster itself: one dot, and the bytes then match the raster', (_name, second) => {
    const raster = rowsOf(2, [0x10, second]);
    expect(realtimeAt(encodeCard(rowsOf(2, [0x10, second]), { cut: false }))).toEqual([]);
    expect(clearRealtimeDots(raster)).toBe(1);
    expect(raster.pixels[3]).toBe(0);
    expect(raster.pixels.reduce((n, p) => n + p, 0)).toBe(rowsOf(2, [0, second]).pixels.reduce((n, p) => n + p, 0));
    const bytes = encodeCard(raster, { cut: false });
    expect([...bytes.slice(13, 15)]).toEqual([0x00, second]);
    expect(clearRealtimeDots(raster)).toBe(0);
  });

  it('counts a sequence across two rows of one band, not across two bands (a band header stands between)', () => {
    const acrossRows = rowsOf(3, [0x00, 0x10]);
    acrossRows.pixels[16 + 5] = 1;
    expect(clearRealtimeDots(acrossRows)).toBe(1);
    const acrossBands = rowsOf(MAX_BAND_ROWS + 1, [0x00, 0x10], MAX_BAND_ROWS - 1);
    acrossBands.pixels[MAX_BAND_ROWS * 16 + 5] = 1;
    expect(clearRealtimeDots(acrossBands)).toBe(0);
    expect(realtimeAt(encodeCard(acrossBands))).toEqual([]);
  });

  it('leaves DLE bytes alone when what follows is harmless', () => {
    const raster = rowsOf(1, [0x10, 0x10]);
    expect(clearRealtimeDots(raster)).toBe(0);
    expect(clearRealtimeDots(rowsOf(1, [0x10, 0x08]))).toBe(0);
  });
});
