import { randomUUID } from 'node:crypto';
import { AppError } from '../../api/result';
import type { Logger } from '../logger';
import type { SettingsStore } from '../settings';
import { CardSchema, type Card } from '../content/schema';
import type { ContentCatalog } from '../content/loader';
import { encodeCard } from '../cards/escpos';
import { layoutCard, layoutSlip, rasterToPng, registerCardFonts, type CardContext } from '../cards/layout';
import type { ConsentText } from '../records/consent';
import type { ConsentMethod } from '../records/model';
import type { Raster } from '../cards/raster';
import { checkPrinterReachable, parsePrinterUri } from './printer-uri';
import { printBytes, printerStatus, type PrintOutcome } from './print';
import { statusProblem, type PrinterStatus } from './tcp-printer';
import { PrintQueue, type PrintJob } from './print-queue';

/** A card laid out and shown on screen; printing it sends exactly this raster. */
export interface CardPreview {
  previewId: string;
  /** The raster as a PNG data URL, one image pixel per printer dot. */
  png: string;
  width: number;
  height: number;
  widthMm: 58 | 80;
  title: string;
  /** Null when a printer is set up; otherwise why a card cannot be printed here. */
  printerProblem: string | null;
}

/** What the settings screen shows about the printer right now. */
export interface PrinterReport {
  configured: boolean;
  ok: boolean;
  message: string;
  status: PrinterStatus | null;
}

/** Prints on the operating system's spooler (Electron only): the raster as a PNG at the paper's exact width. */
export type Spooler = (printerName: string, png: Uint8Array, widthMm: 58 | 80) => Promise<PrintOutcome>;

interface Prepared {
  raster: Raster;
  widthMm: 58 | 80;
  title: string;
  demoId?: string;
  kind: PrintJob['kind'];
  at: number;
}

const KEEP_PREVIEWS = 20;
const PREVIEW_TTL_MS = 30 * 60_000;
const NO_PRINTER = 'Trạm chưa được cài máy in. Xin nhờ cán bộ ở bàn giúp đỡ.';

/**
 * Step cards from layout to paper: lays a card out once, shows that raster as the preview,
 * and queues exactly those dots for the printer the settings name.
 */
export class PrintService {
  readonly queue: PrintQueue;
  private readonly prepared = new Map<string, Prepared>();

  constructor(
    dataDir: string,
    private readonly deps: { settings: SettingsStore; catalog: () => ContentCatalog; fontsDir: string; log: Logger; clock: () => number; spool?: Spooler },
  ) {
    this.queue = new PrintQueue(dataDir, deps.log, (job, bytes) => this.transport(job, bytes), deps.clock);
  }

  /** Loads the persisted queue and resumes it. */
  open(): Promise<void> {
    return this.queue.open();
  }

  /** Lays out a demo's step card for the screen. */
  previewDemo(input: { demoId: string; language: 'vi' | 'en'; salutation?: string; helper?: string }): CardPreview {
    const demo = this.deps.catalog().demos.find((d) => d.id === input.demoId);
    if (!demo) throw new AppError('NOT_FOUND', 'Không tìm thấy bài học này.');
    const title = (input.language === 'en' ? demo.card.title.en : undefined) ?? demo.card.title.vi;
    return this.prepare('card', demo.card, title, { language: input.language, helper: input.helper, salutation: input.salutation }, demo.id);
  }

  /** Queues a previewed card; the job carries exactly the previewed raster. */
  async print(previewId: string): Promise<PrintJob> {
    const prepared = this.prepared.get(previewId);
    if (!prepared) throw new AppError('NOT_FOUND', 'Phiếu xem trước đã hết hạn. Xin bấm "In phiếu hướng dẫn" lần nữa.');
    return this.submit(prepared);
  }

  /** Lays out and queues a test page with every hard diacritic, on the configured or the given printer. */
  async testPage(input: { uri?: string; widthMm?: 58 | 80 }): Promise<PrintJob> {
    const printer = this.deps.settings.get().printer;
    const uri = input.uri ?? printer?.uri;
    if (!uri) throw new AppError('PRINTER_OFFLINE', NO_PRINTER);
    const widthMm = input.widthMm ?? printer?.paperWidthMm ?? 80;
    const card = CardSchema.parse({
      title: { vi: 'Trang in thử — Trạm Kỹ Năng Số' },
      steps: [
        { vi: 'Nguyễn Thị Ngọc Ánh, Huỳnh Quốc Việt, khuỷu, thuở.' },
        { vi: 'Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ Ề Ể Ễ Ệ Ố Ồ Ổ Ỗ Ộ Ớ Ờ Ở Ỡ Ợ Ứ Ừ Ử Ữ Ự Ỳ Ỷ Ỹ Ỵ đ Đ' },
        { vi: `Khổ giấy ${widthMm} mm (${widthMm === 58 ? 384 : 576} điểm). Máy in: ${uri}` },
        { vi: 'Mã QR bên dưới phải quét được bằng điện thoại.' },
      ],
      safetyNotes: [{ vi: 'Nếu chữ có dấu bị lỗi hoặc phiếu bị cắt, xin báo cán bộ kỹ thuật.' }],
      officialUrl: 'https://dichvucong.gov.vn',
    });
    const preview = this.prepare('test', card, card.title.vi, { language: 'vi', widthMm });
    return this.submit(this.prepared.get(preview.previewId)!, uri);
  }

  /** Prints the consent slip of `text` for the citizen to sign or keep, with the method, the person's name and the staff member. */
  async consentSlip(input: { text: ConsentText; method: ConsentMethod; language: 'vi' | 'en'; personName?: string; staffName: string }): Promise<PrintJob> {
    registerCardFonts(this.deps.fontsDir);
    const { site, printer } = this.deps.settings.get();
    const lang = input.language;
    const widthMm = printer?.paperWidthMm ?? 80;
    const raster = layoutSlip({
      version: input.text.version,
      title: input.text.title[lang],
      paragraphs: input.text.paragraphs[lang],
      method: `${lang === 'vi' ? 'Hình thức đồng ý' : 'How consent was given'}: ${input.text.methods[input.method][lang]}`,
      labels: { person: lang === 'vi' ? 'Người đồng ý' : 'Person', signature: input.text.slip.signature[lang], staff: input.text.slip.staff[lang], date: input.text.slip.date[lang] },
      ...(input.personName ? { personName: input.personName.normalize('NFC').trim() } : {}),
      staffName: input.staffName,
      site: site?.name ?? null,
      date: new Date(this.deps.clock()),
      widthMm,
    });
    return this.submit({ raster, widthMm, title: input.text.title[lang], kind: 'slip', at: this.deps.clock() });
  }

  /** Reaches the printer and reads its status where its transport can. */
  async report(uriOverride?: string): Promise<PrinterReport> {
    const uri = uriOverride ?? this.deps.settings.get().printer?.uri;
    if (!uri) return { configured: false, ok: false, message: NO_PRINTER, status: null };
    const target = parsePrinterUri(uri);
    if (!target) return { configured: true, ok: false, message: `Địa chỉ máy in không hợp lệ: ${uri}`, status: null };
    if (target.kind !== 'tcp') {
      const reach = await checkPrinterReachable(target);
      return { configured: true, ok: reach.ok, message: reach.message, status: null };
    }
    try {
      const status = await printerStatus(uri);
      const problem = statusProblem(status);
      if (problem) return { configured: true, ok: false, message: problem.message, status };
      if (!status.answered) return { configured: true, ok: true, message: 'Kết nối được máy in (máy này không báo trạng thái giấy).', status };
      return { configured: true, ok: true, message: status.paperNearEnd ? 'Máy in sẵn sàng; giấy sắp hết.' : 'Máy in sẵn sàng.', status };
    } catch (error) {
      return { configured: true, ok: false, message: (error as Error).message, status: null };
    }
  }

  private prepare(kind: PrintJob['kind'], card: Card, title: string, ctx: Partial<CardContext> & { language: 'vi' | 'en' }, demoId?: string): CardPreview {
    registerCardFonts(this.deps.fontsDir);
    const { site, printer } = this.deps.settings.get();
    const widthMm = ctx.widthMm ?? printer?.paperWidthMm ?? 80;
    const raster = layoutCard(card, {
      language: ctx.language,
      site,
      date: new Date(this.deps.clock()),
      widthMm,
      ...(ctx.helper ? { helper: ctx.helper } : {}),
      ...(ctx.salutation ? { salutation: ctx.salutation.normalize('NFC').trim() } : {}),
    });
    const previewId = randomUUID();
    this.remember(previewId, { raster, widthMm, title, kind, at: this.deps.clock(), ...(demoId ? { demoId } : {}) });
    return {
      previewId,
      png: `data:image/png;base64,${rasterToPng(raster).toString('base64')}`,
      width: raster.width,
      height: raster.height,
      widthMm,
      title,
      printerProblem: printer ? null : NO_PRINTER,
    };
  }

  private remember(id: string, prepared: Prepared): void {
    const now = this.deps.clock();
    for (const [key, value] of this.prepared) if (now - value.at > PREVIEW_TTL_MS) this.prepared.delete(key);
    this.prepared.set(id, prepared);
    while (this.prepared.size > KEEP_PREVIEWS) this.prepared.delete(this.prepared.keys().next().value!);
  }

  private submit(prepared: Prepared, uriOverride?: string): Promise<PrintJob> {
    const uri = uriOverride ?? this.deps.settings.get().printer?.uri;
    if (!uri) throw new AppError('PRINTER_OFFLINE', NO_PRINTER);
    const target = parsePrinterUri(uri);
    if (!target) throw new AppError('INVALID_INPUT', `Địa chỉ máy in không hợp lệ: ${uri}`);
    const spooled = target.kind === 'spooler';
    return this.queue.submit({
      kind: prepared.kind,
      title: prepared.title,
      ...(prepared.demoId ? { demoId: prepared.demoId } : {}),
      widthMm: prepared.widthMm,
      printerUri: uri,
      format: spooled ? 'png' : 'escpos',
      bytes: spooled ? new Uint8Array(rasterToPng(prepared.raster)) : encodeCard(prepared.raster),
    });
  }

  private async transport(job: PrintJob, bytes: Uint8Array): Promise<PrintOutcome> {
    const target = parsePrinterUri(job.printerUri);
    if (target?.kind === 'spooler') {
      if (!this.deps.spool) {
        throw Object.assign(new AppError('PRINTER_ERROR', `In qua máy in "${target.name}" của hệ điều hành chỉ làm được trong bản Electron.`), { bytesSent: 0 });
      }
      return this.deps.spool(target.name, bytes, job.widthMm);
    }
    return printBytes(job.printerUri, bytes);
  }
}
