/** A 1-bit image: `width × height` pixels, one byte each (1 = black, 0 = white), row by row. */
export interface Raster {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Paper widths in dots at 203 dpi: 58 mm paper prints 384 dots, 80 mm prints 576. */
export const DOTS: Record<58 | 80, number> = { 58: 384, 80: 576 };

/** The luma of an RGBA pixel seen over white paper: transparent parts read as white. */
function luma(r: number, g: number, b: number, a: number): number {
  const alpha = a / 255;
  return (0.299 * r + 0.587 * g + 0.114 * b) * alpha + 255 * (1 - alpha);
}

/** Turns RGBA canvas data into black and white at a fixed threshold (text is drawn black on white, so nothing needs dithering). */
export function threshold(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, cut = 160): Raster {
  const count = width * height;
  const pixels = new Uint8Array(count);
  // Most of a card is opaque white paper (all four bytes 255, one 32-bit word): skipped at once.
  // Grey on opaque white is looked up with the same arithmetic; anything else is computed.
  const words = rgba.byteOffset % 4 === 0 ? new Uint32Array(rgba.buffer, rgba.byteOffset, count) : null;
  const grey = new Uint8Array(256);
  for (let v = 0; v < 256; v++) grey[v] = luma(v, v, v, 255) < cut ? 1 : 0;
  for (let i = 0, o = 0; i < count; i++, o += 4) {
    if (words !== null && words[i] === 0xffffffff) continue;
    const r = rgba[o]!;
    const g = rgba[o + 1]!;
    const b = rgba[o + 2]!;
    const a = rgba[o + 3]!;
    pixels[i] = a === 255 && r === g && g === b ? grey[g]! : luma(r, g, b, a) < cut ? 1 : 0;
  }
  return { width, height, pixels };
}

/** Packs a raster into bytes, 8 pixels a byte, most significant bit first, each row padded to a whole byte. */
export function packRows(raster: Raster, fromRow: number, rows: number): Uint8Array {
  const { width, pixels } = raster;
  const bytesPerRow = Math.ceil(width / 8);
  const whole = width >> 3;
  const out = new Uint8Array(bytesPerRow * rows);
  for (let y = 0; y < rows; y++) {
    let p = (fromRow + y) * width;
    let o = y * bytesPerRow;
    for (let x = 0; x < whole; x++, p += 8) {
      out[o++] =
        (pixels[p]! << 7) | (pixels[p + 1]! << 6) | (pixels[p + 2]! << 5) | (pixels[p + 3]! << 4) | (pixels[p + 4]! << 3) | (pixels[p + 5]! << 2) | (pixels[p + 6]! << 1) | pixels[p + 7]!;
    }
    let last = 0;
    for (let x = whole * 8; x < width; x++, p++) last |= (pixels[p]! ? 1 : 0) << (7 - (x & 7));
    if (whole < bytesPerRow) out[o] = last;
  }
  return out;
}
