import { packRows, type Raster } from './raster';

/** Tallest `GS v 0` block sent at once; taller blocks garble on some printers. */
export const MAX_BAND_ROWS = 255;

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
/**
 * Second bytes of the real-time commands a printer obeys wherever they appear, even inside
 * image data: DLE EOT (answers status), DLE ENQ (recovers, may clear its buffers) and DLE DC4
 * (pulses the drawer, clears buffers, powers off).
 */
const REALTIME = new Set([0x04, 0x05, 0x14]);

/**
 * Breaks, in place, every real-time sequence in packed image bytes by clearing its DLE byte:
 * 0x10 is one lone dot, and 0x00 can neither start a sequence nor complete one. Returns the
 * offsets changed.
 */
function breakRealtime(data: Uint8Array): number[] {
  const changed: number[] = [];
  for (let i = 0; i + 1 < data.length; i++) {
    if (data[i] === DLE && REALTIME.has(data[i + 1]!)) {
      data[i] = 0;
      changed.push(i);
    }
  }
  return changed;
}

/**
 * Clears, in the raster itself, each dot that would put a real-time sequence inside its
 * `GS v 0` bands (one dot per sequence, the fourth of its byte), so that the preview drawn
 * from the raster is exactly what prints. Returns how many dots it cleared.
 */
export function clearRealtimeDots(raster: Raster): number {
  const bytesPerRow = Math.ceil(raster.width / 8);
  let cleared = 0;
  for (let row = 0; row < raster.height; row += MAX_BAND_ROWS) {
    const rows = Math.min(MAX_BAND_ROWS, raster.height - row);
    for (const at of breakRealtime(packRows(raster, row, rows))) {
      const y = row + Math.floor(at / bytesPerRow);
      raster.pixels[y * raster.width + (at % bytesPerRow) * 8 + 3] = 0;
      cleared++;
    }
  }
  return cleared;
}

/**
 * The bytes of one printed card: initialise (`ESC @`), centre, the raster as `GS v 0` bands of
 * at most 255 rows, feed a few lines so the cut clears the print head, then a partial cut. No
 * band carries a real-time sequence (a raster not passed through {@link clearRealtimeDots}
 * loses those dots on the wire only).
 */
export function encodeCard(raster: Raster, options: { feedLines?: number; cut?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(ESC, 0x40), Uint8Array.of(ESC, 0x61, 0x01)];
  const bytesPerRow = Math.ceil(raster.width / 8);
  for (let row = 0; row < raster.height; row += MAX_BAND_ROWS) {
    const rows = Math.min(MAX_BAND_ROWS, raster.height - row);
    // GS v 0 m xL xH yL yH d1…dk: m = 0 (normal size), x in bytes, y in dots.
    parts.push(Uint8Array.of(GS, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, rows & 0xff, rows >> 8));
    const band = packRows(raster, row, rows);
    breakRealtime(band);
    parts.push(band);
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
