import path from 'node:path';
import { createCanvas, GlobalFonts, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { AppError } from '../../api/result';
import type { Card } from '../content/schema';
import type { Site } from '../settings';
import { clearRealtimeDots } from './escpos';
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

/** Builds a paper-width sheet from blocks of text, rules and pictures, top to bottom, then draws it as a 1-bit raster that is safe to send (no real-time sequences in its bands). */
class Sheet {
  readonly width: number;
  readonly narrow: boolean;
  readonly size: { title: number; body: number; small: number };
  readonly margin: number;
  readonly inner: number;
  private readonly measure: SKRSContext2D;
  private readonly blocks: Block[] = [];

  constructor(widthMm: 58 | 80) {
    this.width = DOTS[widthMm];
    this.narrow = widthMm === 58;
    this.size = { title: this.narrow ? 28 : 36, body: this.narrow ? 22 : 27, small: this.narrow ? 18 : 22 };
    this.margin = this.narrow ? 8 : 14;
    this.inner = this.width - this.margin * 2;
    this.measure = createCanvas(this.width, 10).getContext('2d');
  }

  font(px: number, bold = false): string {
    return `${bold ? 700 : 400} ${px}px "${CARD_FONT}"`;
  }

  /** Width of `text` in the given size. */
  textWidth(text: string, px: number, bold = false): number {
    this.measure.font = this.font(px, bold);
    return this.measure.measureText(text).width;
  }

  /** Text wrapped by words to the paper, optionally indented after a bold prefix ("1.", "•"). */
  paragraph(value: string, px: number, options: { bold?: boolean; align?: 'left' | 'center'; indent?: number; prefix?: string } = {}): void {
    this.measure.font = this.font(px, options.bold);
    const indent = options.indent ?? 0;
    const lines = wrap(this.measure, value, this.inner - indent);
    const lineHeight = Math.round(px * 1.32);
    this.blocks.push({
      height: lines.length * lineHeight,
      draw: (g, top) => {
        g.font = this.font(px, options.bold);
        g.textBaseline = 'top';
        g.textAlign = options.align === 'center' ? 'center' : 'left';
        const x = options.align === 'center' ? this.width / 2 : this.margin + indent;
        if (options.prefix) {
          g.font = this.font(px, true);
          g.fillText(options.prefix, this.margin, top);
          g.font = this.font(px, options.bold);
        }
        lines.forEach((l, i) => g.fillText(l, x, top + i * lineHeight));
      },
    });
  }

  gap(height: number): void {
    this.blocks.push({ height, draw: () => undefined });
  }

  rule(thickness = 2): void {
    this.blocks.push({ height: thickness + 12, draw: (g, top) => g.fillRect(this.margin, top + 6, this.inner, thickness) });
  }

  /** A block drawn by the caller. */
  custom(height: number, draw: Block['draw']): void {
    this.blocks.push({ height, draw });
  }

  render(): Raster {
    const height = this.blocks.reduce((h, b) => h + b.height, 0);
    const g = surface(this.width, height);
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, this.width, height);
    g.fillStyle = '#000000';
    let top = 0;
    for (const b of this.blocks) {
      b.draw(g, top);
      top += b.height;
    }
    const raster = threshold(g.getImageData(0, 0, this.width, height).data, this.width, height);
    clearRealtimeDots(raster);
    return raster;
  }
}

const surfaces = new Map<number, Canvas>();

/**
 * A cleared drawing surface at least `height` rows tall, kept per paper width between sheets:
 * a fresh 2–3 MB canvas for every card cost more than drawing the card (memory the system
 * must hand over anew each time, then collect).
 */
function surface(width: number, height: number): SKRSContext2D {
  let canvas = surfaces.get(width);
  if (!canvas || canvas.height < height) {
    canvas = createCanvas(width, Math.ceil(height / 256) * 256);
    surfaces.set(width, canvas);
  }
  const g = canvas.getContext('2d');
  g.reset();
  return g;
}

function dayOf(date: Date): string {
  return `${String(date.getDate()).padStart(2, '0')}/${String(date.getMonth() + 1).padStart(2, '0')}/${date.getFullYear()}`;
}

/**
 * Lays out a step card as a 1-bit raster 384 (58 mm) or 576 (80 mm) dots wide: site, title,
 * greeting, numbered steps, safety notes, a QR code to the official page, the site's confirmed
 * hotlines for the card's topics, date and helper. The on-screen preview is this same raster.
 */
export function layoutCard(card: Card, ctx: CardContext): Raster {
  const sheet = new Sheet(ctx.widthMm);
  const { size, width, narrow } = sheet;
  const w = WORDS[ctx.language];
  const text = (t: { vi: string; en?: string | undefined }) => (ctx.language === 'en' && t.en ? t.en : t.vi);

  sheet.gap(8);
  if (ctx.site?.name) sheet.paragraph(ctx.site.name, size.small, { align: 'center' });
  sheet.rule(3);
  sheet.paragraph(text(card.title), size.title, { bold: true, align: 'center' });
  if (ctx.salutation) {
    sheet.gap(6);
    sheet.paragraph(ctx.salutation, size.body, { align: 'center' });
  }
  sheet.gap(10);
  sheet.paragraph(w.steps, size.body, { bold: true });
  const numberWidth = Math.ceil(sheet.textWidth(`${card.steps.length}. `, size.body, true)) + 4;
  card.steps.forEach((step, i) => {
    sheet.gap(4);
    sheet.paragraph(text(step), size.body, { indent: numberWidth, prefix: `${i + 1}.` });
  });
  if (card.safetyNotes.length > 0) {
    sheet.gap(10);
    sheet.rule();
    sheet.paragraph(`⚠ ${w.safety}`, size.body, { bold: true });
    for (const note of card.safetyNotes) sheet.paragraph(text(note), size.small, { indent: 18, prefix: '•' });
  }

  sheet.gap(12);
  const qr = QRCode.create(card.officialUrl, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const scale = Math.max(2, Math.floor(((narrow ? 0.55 : 0.42) * width) / (modules + 8)));
  const qrSize = (modules + 8) * scale;
  sheet.custom(qrSize, (g, top) => {
    const left = Math.round((width - qrSize) / 2);
    // One rectangle per run of dark modules in a row: the same whole dots, far fewer calls.
    for (let y = 0; y < modules; y++) {
      for (let x = 0; x < modules; x++) {
        if (!qr.modules.get(y, x)) continue;
        let end = x + 1;
        while (end < modules && qr.modules.get(y, end)) end++;
        g.fillRect(left + (x + 4) * scale, top + (y + 4) * scale, (end - x) * scale, scale);
        x = end;
      }
    }
  });
  sheet.paragraph(card.officialLabel ? text(card.officialLabel) : w.official, size.small, { align: 'center', bold: true });
  sheet.paragraph(card.officialUrl.replace(/^https:\/\//, ''), size.small, { align: 'center' });

  const topics = new Set(card.hotlineTopics);
  const lines = (ctx.site?.hotlines ?? []).filter((h) => h.confirmed && topics.has(h.topic));
  if (lines.length > 0) {
    sheet.gap(10);
    sheet.rule();
    sheet.paragraph(w.hotlines, size.body, { bold: true });
    for (const h of lines) sheet.paragraph(`${h.label}: ${h.number}`, size.body);
  }

  sheet.gap(10);
  sheet.rule();
  sheet.paragraph(`${w.printed} ${dayOf(ctx.date)}${ctx.helper ? ` · ${w.helper}: ${ctx.helper}` : ''}`, size.small, { align: 'center' });
  sheet.paragraph(w.brand, size.small, { align: 'center' });
  sheet.gap(8);
  return sheet.render();
}

/** What a consent slip says: the consent text of one version, and who it is for. */
export interface SlipContent {
  version: string;
  title: string;
  paragraphs: string[];
  /** "Hình thức: ký phiếu giấy" and the like. */
  method: string;
  /** Labels under the signature lines and beside the date. */
  labels: { person: string; signature: string; staff: string; date: string };
  personName?: string;
  staffName: string;
  site: string | null;
  date: Date;
  widthMm: 58 | 80;
}

/** Lays out a consent slip for the citizen to sign (or keep): the text, who and when, and room for a signature. */
export function layoutSlip(slip: SlipContent): Raster {
  const sheet = new Sheet(slip.widthMm);
  const { size } = sheet;
  sheet.gap(8);
  if (slip.site) sheet.paragraph(slip.site, size.small, { align: 'center' });
  sheet.rule(3);
  sheet.paragraph(slip.title, size.title, { bold: true, align: 'center' });
  sheet.paragraph(`(${slip.version})`, size.small, { align: 'center' });
  sheet.gap(8);
  for (const p of slip.paragraphs) {
    sheet.paragraph(p, size.small);
    sheet.gap(6);
  }
  sheet.rule();
  sheet.paragraph(slip.method, size.small);
  sheet.paragraph(`${slip.labels.person}: ${slip.personName ?? ''}`, size.body, { bold: true });
  sheet.paragraph(`${slip.labels.date}: ${dayOf(slip.date)}`, size.small);
  sheet.gap(70);
  sheet.rule(1);
  sheet.paragraph(slip.labels.signature, size.small, { align: 'center' });
  sheet.gap(12);
  sheet.paragraph(`${slip.labels.staff}: ${slip.staffName}`, size.small, { align: 'center' });
  sheet.gap(8);
  return sheet.render();
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
