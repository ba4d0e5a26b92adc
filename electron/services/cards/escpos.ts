import { packRows, type Raster } from './raster';

/** Tallest `GS v 0` block sent at once; taller blocks garble on some printers. */
export const MAX_BAND_ROWS = 255;

const ESC = 0x1b;
const GS = 0x1d;

/**
 * The bytes of one printed card: initialise (`ESC @`), centre, the raster as `GS v 0` bands of
 * at most 255 rows, feed a few lines so the cut clears the print head, then a partial cut.
 */
export function encodeCard(raster: Raster, options: { feedLines?: number; cut?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(ESC, 0x40), Uint8Array.of(ESC, 0x61, 0x01)];
  const bytesPerRow = Math.ceil(raster.width / 8);
  for (let row = 0; row < raster.height; row += MAX_BAND_ROWS) {
    const rows = Math.min(MAX_BAND_ROWS, raster.height - row);
    // GS v 0 m xL xH yL yH d1…dk: m = 0 (normal size), x in bytes, y in dots.
    parts.push(Uint8Array.of(GS, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8));
    parts.push(packRows(raster, row, rows));
  }
  parts.push(Uint8Array.of(ESC, 0x64, options.feedLines ?? 4));
  if (options.cut ?? true) parts.push(Uint8Array.of(GS, 0x56, 0x42, 0x00));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
