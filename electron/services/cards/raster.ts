/** A 1-bit image: `width × height` pixels, one byte each (1 = black), row by row. */
export interface Raster {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Paper widths in dots at 203 dpi: 58 mm paper prints 384 dots, 80 mm prints 576. */
export const DOTS: Record<58 | 80, number> = { 58: 384, 80: 576 };

/** Turns RGBA canvas data into black and white at a fixed threshold (text is drawn black on white, so nothing needs dithering). */
export function threshold(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, cut = 160): Raster {
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    const alpha = rgba[o + 3]! / 255;
    const luma = (0.299 * rgba[o]! + 0.587 * rgba[o + 1]! + 0.114 * rgba[o + 2]!) * alpha + 255 * (1 - alpha);
    pixels[i] = luma < cut ? 1 : 0;
  }
  return { width, height, pixels };
}

/** Packs a raster into bytes, 8 pixels a byte, most significant bit first, each row padded to a whole byte. */
export function packRows(raster: Raster, fromRow: number, rows: number): Uint8Array {
  const bytesPerRow = Math.ceil(raster.width / 8);
  const out = new Uint8Array(bytesPerRow * rows);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < raster.width; x++) {
      if (raster.pixels[(fromRow + y) * raster.width + x]) out[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}
