import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { AppError } from '../../api/result';
import type { Card } from '../content/schema';
import type { Site } from '../settings';
import { DOTS, threshold, type Raster } from './raster';

/** The family every card is drawn in: Be Vietnam Pro from the bundled files, never a system font. */
export const CARD_FONT = 'Be Vietnam Pro Card';

let registeredFrom: string | null = null;

/**
 * Registers the latin, latin-ext and vietnamese files of each weight under one family, so every
 * letter and diacritic comes from Be Vietnam Pro (a missing file would silently fall back).
 */
export function registerCardFonts(fontsDir: string): void {
  if (registeredFrom === fontsDir) return;
  for (const weight of [400, 700]) {
    for (const subset of ['latin', 'latin-ext', 'vietnamese']) {
      const file = path.join(fontsDir, `be-vietnam-pro-${subset}-${weight}-normal.woff2`);
      if (!GlobalFonts.registerFromPath(file, CARD_FONT)) {
        throw new AppError('INTERNAL', `Thiếu tệp phông chữ để in phiếu: ${path.basename(file)}. Hãy chạy "npm run cli -- doctor".`);
      }
    }
  }
  registeredFrom = fontsDir;
}

/** Everything a card needs besides its definition. */
export interface CardContext {
  language: 'vi' | 'en';
  site: Pick<Site, 'name' | 'hotlines'> | null;
  date: Date;
  helper?: string;
  salutation?: string;
  widthMm: 58 | 80;
}

const WORDS = {
  vi: { steps: 'Các bước', safety: 'Lưu ý an toàn', official: 'Trang chính thức', hotlines: 'Đường dây nóng', printed: 'In ngày', helper: 'Người hướng dẫn', brand: 'Trạm Kỹ Năng Số — phiếu hướng dẫn' },
  en: { steps: 'Steps', safety: 'Stay safe', official: 'Official page', hotlines: 'Hotlines', printed: 'Printed', helper: 'Helped by', brand: 'Digital Skills Station — step card' },
};

type Block = { height: number; draw: (g: SKRSContext2D, top: number) => void };

/** Splits text into lines no wider than `max`, by words, and by letters only for a word too long for a line. */
export function wrap(g: Pick<SKRSContext2D, 'measureText'>, text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (g.measureText(candidate).width <= max) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    if (g.measureText(word).width <= max) {
      line = word;
      continue;
    }
    line = '';
    for (const ch of word) {
      if (g.measureText(line + ch).width > max && line) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Lays out a step card as a 1-bit raster 384 (58 mm) or 576 (80 mm) dots wide: site, title,
 * greeting, numbered steps, safety notes, a QR code to the official page, the site's confirmed
 * hotlines for the card's topics, date and helper. The on-screen preview is this same raster.
 */
export function layoutCard(card: Card, ctx: CardContext): Raster {
  const width = DOTS[ctx.widthMm];
  const narrow = ctx.widthMm === 58;
  const size = { title: narrow ? 28 : 36, body: narrow ? 22 : 27, small: narrow ? 18 : 22 };
  const margin = narrow ? 8 : 14;
  const inner = width - margin * 2;
  const w = WORDS[ctx.language];
  const text = (t: { vi: string; en?: string | undefined }) => (ctx.language === 'en' && t.en ? t.en : t.vi);
  const measure = createCanvas(width, 10).getContext('2d');
  const font = (px: number, bold = false) => `${bold ? 700 : 400} ${px}px "${CARD_FONT}"`;
  const blocks: Block[] = [];

  const paragraph = (value: string, px: number, options: { bold?: boolean; align?: 'left' | 'center'; indent?: number; prefix?: string } = {}) => {
    measure.font = font(px, options.bold);
    const indent = options.indent ?? 0;
    const lines = wrap(measure, value, inner - indent);
    const lineHeight = Math.round(px * 1.32);
    blocks.push({
      height: lines.length * lineHeight,
      draw: (g, top) => {
        g.font = font(px, options.bold);
        g.textBaseline = 'top';
        g.textAlign = options.align === 'center' ? 'center' : 'left';
        const x = options.align === 'center' ? width / 2 : margin + indent;
        if (options.prefix) {
          g.font = font(px, true);
          g.fillText(options.prefix, margin, top);
          g.font = font(px, options.bold);
        }
        lines.forEach((l, i) => g.fillText(l, x, top + i * lineHeight));
      },
    });
  };
  const gap = (h: number) => blocks.push({ height: h, draw: () => undefined });
  const rule = (thickness = 2) =>
    blocks.push({
      height: thickness + 12,
      draw: (g, top) => g.fillRect(margin, top + 6, inner, thickness),
    });

  gap(8);
  if (ctx.site?.name) paragraph(ctx.site.name, size.small, { align: 'center' });
  rule(3);
  paragraph(text(card.title), size.title, { bold: true, align: 'center' });
  if (ctx.salutation) {
    gap(6);
    paragraph(ctx.salutation, size.body, { align: 'center' });
  }
  gap(10);
  paragraph(w.steps, size.body, { bold: true });
  measure.font = font(size.body, true);
  const numberWidth = Math.ceil(measure.measureText(`${card.steps.length}. `).width) + 4;
  card.steps.forEach((step, i) => {
    gap(4);
    paragraph(text(step), size.body, { indent: numberWidth, prefix: `${i + 1}.` });
  });
  if (card.safetyNotes.length > 0) {
    gap(10);
    rule();
    paragraph(`⚠ ${w.safety}`, size.body, { bold: true });
    for (const note of card.safetyNotes) paragraph(text(note), size.small, { indent: 18, prefix: '•' });
  }

  gap(12);
  const qr = QRCode.create(card.officialUrl, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const scale = Math.max(2, Math.floor((narrow ? 0.55 : 0.42) * width / (modules + 8)));
  const qrSize = (modules + 8) * scale;
  blocks.push({
    height: qrSize,
    draw: (g, top) => {
      const left = Math.round((width - qrSize) / 2);
      for (let y = 0; y < modules; y++) {
        for (let x = 0; x < modules; x++) {
          if (qr.modules.get(y, x)) g.fillRect(left + (x + 4) * scale, top + (y + 4) * scale, scale, scale);
        }
      }
    },
  });
  paragraph(card.officialLabel ? text(card.officialLabel) : w.official, size.small, { align: 'center', bold: true });
  paragraph(card.officialUrl.replace(/^https:\/\//, ''), size.small, { align: 'center' });

  const topics = new Set(card.hotlineTopics);
  const lines = (ctx.site?.hotlines ?? []).filter((h) => h.confirmed && topics.has(h.topic));
  if (lines.length > 0) {
    gap(10);
    rule();
    paragraph(w.hotlines, size.body, { bold: true });
    for (const h of lines) paragraph(`${h.label}: ${h.number}`, size.body);
  }

  gap(10);
  rule();
  const day = `${String(ctx.date.getDate()).padStart(2, '0')}/${String(ctx.date.getMonth() + 1).padStart(2, '0')}/${ctx.date.getFullYear()}`;
  paragraph(`${w.printed} ${day}${ctx.helper ? ` · ${w.helper}: ${ctx.helper}` : ''}`, size.small, { align: 'center' });
  paragraph(w.brand, size.small, { align: 'center' });
  gap(8);

  const height = blocks.reduce((h, b) => h + b.height, 0);
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#000000';
  let top = 0;
  for (const b of blocks) {
    b.draw(g, top);
    top += b.height;
  }
  return threshold(g.getImageData(0, 0, width, height).data, width, height);
}

/** A raster as a PNG (for previews, the CLI and golden files). */
export function rasterToPng(raster: Raster): Buffer {
  const canvas = createCanvas(raster.width, raster.height);
  const g = canvas.getContext('2d');
  const image = g.createImageData(raster.width, raster.height);
  for (let i = 0; i < raster.pixels.length; i++) {
    const v = raster.pixels[i] ? 0 : 255;
    image.data[i * 4] = v;
    image.data[i * 4 + 1] = v;
    image.data[i * 4 + 2] = v;
    image.data[i * 4 + 3] = 255;
  }
  g.putImageData(image, 0, 0);
  return canvas.toBuffer('image/png');
}
