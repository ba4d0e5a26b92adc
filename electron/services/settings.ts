import path from 'node:path';
import { fieldsFromIssues, z } from './zod';
import { HOTLINE_TOPICS } from './content/schema';
import { parsePrinterUri } from './printing/printer-uri';
import { AppError } from '../api/result';
import type { Logger } from './logger';
import { DocumentStore } from './storage/document-store';

const nfc = (min: number, max: number, what: string) =>
  z
    .string()
    .transform((v) => v.normalize('NFC').trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(min, `${what} chưa được nhập.`).max(max, `${what} dài quá ${max} ký tự.`));

/** Kinds of site: commune one-stop counter, hamlet cultural house, campaign pop-up booth. */
export const SITE_KINDS = ['mot-cua', 'nha-van-hoa', 'luu-dong'] as const;

/** A hotline printed on cards; defaults from public sources must be confirmed by staff. */
export const HotlineSchema = z
  .object({
    label: nfc(1, 60, 'Tên đường dây'),
    number: z
      .string()
      .trim()
      .regex(/^[0-9][0-9 .]{1,18}[0-9]$/, 'Số điện thoại chỉ gồm chữ số, dấu cách hoặc dấu chấm.'),
    confirmed: z.boolean(),
    /** What the line is for; a demo's card shows the lines of the topics it names. */
    topic: z.enum(HOTLINE_TOPICS).default('khac'),
  })
  .strict();

/** The site profile made by the setup wizard. */
export const SiteSchema = z
  .object({
    name: nfc(2, 120, 'Tên điểm hỗ trợ'),
    kind: z.enum(SITE_KINDS),
    provinceCode: z.string().regex(/^\d{2}$/, 'Chưa chọn tỉnh/thành phố.'),
    provinceName: z.string().min(1),
    communeCode: z.string().regex(/^\d{5}$/, 'Chưa chọn xã/phường/đặc khu.'),
    communeName: z.string().min(1),
    hamlets: z
      .array(nfc(1, 80, 'Tên thôn/tổ dân phố'))
      .min(1, 'Cần ít nhất một thôn/ấp/tổ dân phố.')
      .max(300, 'Tối đa 300 thôn/tổ dân phố.')
      .refine((list) => new Set(list.map((h) => h.toLowerCase())).size === list.length, 'Có tên thôn/tổ dân phố bị trùng.'),
    hotlines: z.array(HotlineSchema).max(6, 'Tối đa 6 đường dây nóng.'),
  })
  .strict();

/** A site profile. */
export type Site = z.infer<typeof SiteSchema>;

/** Hotlines offered at setup (from public sources; staff confirm each before it is printed). */
export const DEFAULT_HOTLINES: z.input<typeof HotlineSchema>[] = [
  { label: 'Báo cuộc gọi, tin nhắn lừa đảo', number: '156', confirmed: false, topic: 'lua-dao' },
  { label: 'Hỗ trợ ứng dụng VNeID', number: '1900 0368', confirmed: false, topic: 'vneid' },
  { label: 'Cổng Dịch vụ công quốc gia', number: '1800 1096', confirmed: false, topic: 'dich-vu-cong' },
];

/** A campaign staff tag assistance sessions with (e.g. "Chiến dịch tháng 12"). */
export const CampaignSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/),
    name: nfc(1, 80, 'Tên chiến dịch'),
    startDate: z.iso.date('Ngày bắt đầu phải có dạng NNNN-TT-NN.'),
    endDate: z.iso.date('Ngày kết thúc phải có dạng NNNN-TT-NN.'),
  })
  .strict()
  .refine((c) => c.endDate >= c.startDate, { message: 'Ngày kết thúc phải sau ngày bắt đầu.', path: ['endDate'] });

/** A campaign. */
export type Campaign = z.infer<typeof CampaignSchema>;

/** A printer's address: `tcp://host[:port]`, a device file such as `/dev/usb/lp0`, or `printer:NAME` (Electron's spooler). */
export const PrinterUriSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine((uri) => parsePrinterUri(uri) !== null, 'Địa chỉ máy in phải có dạng tcp://192.168.1.50:9100, /dev/usb/lp0, \\\\.\\COM3 hoặc printer:TÊN_MÁY_IN.');

/** The settings file format; every field has a default so a fresh kiosk starts sensibly. */
export const SettingsSchema = z.object({
  schemaVersion: z.literal(1).default(1),
  /** The site profile; null until the setup wizard has run. */
  site: SiteSchema.nullable().default(null),
  /** Language shown first to citizens. */
  language: z.enum(['vi', 'en']).default('vi'),
  /** Seconds without a touch before the "still there?" countdown. */
  idleSeconds: z.number().int().min(30).max(1800).default(90),
  /** Length of the "still there?" countdown. */
  idleCountdownSeconds: z.number().int().min(5).max(60).default(15),
  /** Each demo step's recorded (or system) voice plays by itself when the step opens. */
  narrationAutoplay: z.boolean().default(false),
  /** The narration pack this kiosk records into (made on the first recording). */
  recordingPackId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
    .nullable()
    .default(null),
  /** Seconds each attract-screen slide stays up. */
  attractSlideSeconds: z.number().int().min(4).max(60).default(8),
  /** Demo ids staff chose to hide from citizens. */
  hiddenDemos: z.array(z.string().min(1).max(120)).max(1000).default([]),
  /** Content packs staff turned off (by pack id). */
  disabledPacks: z.array(z.string().min(1).max(120)).max(200).default([]),
  /** Campaigns staff can tag sessions with. */
  campaigns: z
    .array(CampaignSchema)
    .max(100)
    .default([])
    .refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'Có chiến dịch bị trùng mã.'),
  /** The receipt printer, or null when none is set up yet. */
  printer: z
    .object({
      uri: PrinterUriSchema,
      paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
    })
    .strict()
    .nullable()
    .default(null),
});

/** Kiosk settings as stored and served. */
export type Settings = z.infer<typeof SettingsSchema>;

/** What staff keep from citizens: demos hidden one by one, and whole packs switched off. */
export interface CitizenView {
  hidden: ReadonlySet<string>;
  off: ReadonlySet<string>;
}

/** The settings' hidden demos and switched-off packs, as sets. */
export function citizenView(settings: Pick<Settings, 'hiddenDemos' | 'disabledPacks'>): CitizenView {
  return { hidden: new Set(settings.hiddenDemos), off: new Set(settings.disabledPacks) };
}

/** Whether citizens see a demo: not hidden, and its pack switched on. */
export function shownToCitizens(demo: { id: string; pack: string }, view: CitizenView): boolean {
  return !view.hidden.has(demo.id) && !view.off.has(demo.pack);
}

/** The defaults a fresh data folder starts with. */
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** A problem found while loading settings, kept to show staff until fixed. */
export interface SettingsProblem {
  message: string;
}

/**
 * The kiosk's settings on disk: a document store (validated, durable, last good copy restored
 * when the file is bad at start), kept indented because IT staff may open it by hand.
 */
export class SettingsStore {
  readonly file: string;
  private readonly store: DocumentStore<Settings>;

  constructor(dataDir: string, log: Logger, now: () => Date = () => new Date()) {
    this.file = path.join(dataDir, 'settings.json');
    this.store = new DocumentStore(this.file, SettingsSchema, () => SettingsSchema.parse({}), log, now, { label: 'cài đặt', indent: 2 });
  }

  /** Reads settings; a missing file means the defaults, nothing is written until something changes. */
  async load(): Promise<Settings> {
    await this.store.open();
    return this.get();
  }

  /** The settings in force. */
  get(): Settings {
    return this.store.data;
  }

  /** A problem met at load, or null. */
  problem(): SettingsProblem | null {
    const message = this.store.problem();
    return message ? { message } : null;
  }

  /**
   * Validates a change against the settings in force when its turn comes (changes queue one
   * after another), saves it durably, then applies it; nothing changes if it is refused.
   */
  async update(patch: Partial<Settings>): Promise<Settings> {
    await this.store.update((draft) => {
      const parsed = SettingsSchema.safeParse({ ...draft, ...patch });
      if (!parsed.success) {
        throw new AppError('INVALID_INPUT', 'Cài đặt không hợp lệ, chưa lưu thay đổi nào.', { fields: fieldsFromIssues(parsed.error.issues) });
      }
      Object.assign(draft, parsed.data);
    });
    return this.get();
  }
}
