import { z } from '../zod';
import { SKILL_KEYS } from '../skills';

/** Text limits: instructions are one short sentence; everything else stays screen-sized. */
export const LIMITS = { instruction: 160, hint: 240, narration: 320, label: 80, text: 400, title: 120, summary: 240, cardStep: 120 } as const;

/** Trimmed, NFC-normalised text between 1 and `max` characters (authors may save NFD). */
const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1, 'không được để trống').max(max, `dài quá ${max} ký tự`));

/** Text in Vietnamese with an optional English version. */
export const localized = (max: number) => z.object({ vi: text(max), en: text(max).optional() }).strict();

/** Text in Vietnamese with an optional English version, at most 400 characters. */
export const LocalizedTextSchema = localized(LIMITS.text);

const slug = (what: string) => z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, `${what}: chỉ chữ thường không dấu, số và gạch nối`);

/** `pack.json`: who made a pack and which version it is. */
export const PackManifestSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'chỉ chữ thường không dấu, số và gạch nối'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'dạng 1.0.0'),
    title: localized(LIMITS.title),
    publisher: text(200).optional(),
    /** `demos` (the default) carries demos; `narration` only adds recorded voices to other packs' demos. */
    kind: z.enum(['demos', 'narration']).optional(),
  })
  .strict();

/** Languages narration may be recorded in (ISO 639 codes): Vietnamese, English and languages of Vietnam's peoples. */
export const NARRATION_LANGUAGES = ['vi', 'en', 'hmn', 'tyz', 'nut', 'mtq', 'blt', 'km', 'rad', 'jra', 'bdq', 'cjm'] as const;

/** A language a clip is recorded in. */
export type NarrationLanguage = (typeof NARRATION_LANGUAGES)[number];

/** Longest narration clip accepted, in seconds. */
export const MAX_CLIP_SECONDS = 60;

/** Recorded narration of one step: a clip inside the pack's assets/ folder per language. */
export const StepAudioSchema = z
  .partialRecord(z.enum(NARRATION_LANGUAGES, 'mã ngôn ngữ không có trong danh sách (vi, en, hmn, tyz, nut, mtq, blt, km, rad, jra, bdq, cjm)'), z.string().min(1).max(200))
  .refine((audio) => Object.keys(audio).length > 0, 'cần ít nhất một tệp lời đọc');

/** One file of a narration pack: recorded voices for the steps of one demo of another pack. */
export const NarrationFileSchema = z
  .object({
    $schema: z.string().optional(),
    demo: slug('mã bài'),
    steps: z.record(slug('mã bước'), StepAudioSchema).refine((steps) => Object.keys(steps).length > 0, 'cần lời đọc cho ít nhất một bước'),
  })
  .strict();

/** A narration file. */
export type NarrationFile = z.infer<typeof NarrationFileSchema>;

/** Icons a list item may show (drawn by the player, never loaded from outside). */
export const ICON_NAMES = ['document', 'user', 'home', 'qr', 'bank', 'cart', 'shield', 'phone', 'health', 'signature', 'bell', 'search', 'settings', 'card', 'money', 'baby', 'lock', 'chat', 'link', 'warning'] as const;

const widgetId = slug('mã ô');
const base = { id: widgetId.optional() };

/** The closed set of widgets a simulated screen is made of. */
export const WidgetSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('appbar'), title: localized(LIMITS.label), back: z.boolean().optional() }).strict(),
  z.object({ ...base, type: z.literal('heading'), text: localized(LIMITS.title) }).strict(),
  z.object({ ...base, type: z.literal('text'), text: localized(LIMITS.text), tone: z.enum(['normal', 'muted', 'warning']).optional() }).strict(),
  z
    .object({
      ...base,
      type: z.literal('image'),
      asset: z.string().min(1).max(200),
      alt: localized(LIMITS.label),
      /** Filled in by the kiosk from `asset` when it sends the demo to the screen (a data URL); authors leave it out. */
      src: z.string().regex(/^data:image\//).optional(),
    })
    .strict(),
  z
    .object({
      ...base,
      type: z.literal('input'),
      label: localized(LIMITS.label),
      placeholder: localized(LIMITS.label).optional(),
      value: z.string().max(200).optional(),
      inputType: z.enum(['text', 'number', 'tel', 'password']).optional(),
    })
    .strict(),
  z
    .object({
      ...base,
      type: z.literal('select'),
      label: localized(LIMITS.label),
      options: z.array(z.object({ value: slug('giá trị'), label: localized(LIMITS.label) }).strict()).min(2).max(12),
      value: z.string().optional(),
    })
    .strict(),
  z.object({ ...base, type: z.literal('checkbox'), label: localized(LIMITS.text), checked: z.boolean().optional() }).strict(),
  z.object({ ...base, type: z.literal('button'), label: localized(LIMITS.label), variant: z.enum(['primary', 'secondary', 'danger', 'link']).optional() }).strict(),
  z
    .object({ ...base, type: z.literal('listitem'), title: localized(LIMITS.label), subtitle: localized(LIMITS.text).optional(), icon: z.enum(ICON_NAMES).optional() })
    .strict(),
  z
    .object({
      ...base,
      type: z.literal('tabs'),
      items: z.array(z.object({ value: slug('giá trị'), label: localized(LIMITS.label) }).strict()).min(2).max(5),
      active: z.string().optional(),
    })
    .strict(),
  z.object({ ...base, type: z.literal('qr'), caption: localized(LIMITS.text).optional() }).strict(),
  z.object({ ...base, type: z.literal('scanner'), caption: localized(LIMITS.text).optional() }).strict(),
  z
    .object({ ...base, type: z.literal('sms'), kind: z.enum(['sms', 'notification']).optional(), sender: text(40), body: localized(LIMITS.text) })
    .strict(),
  z.object({ ...base, type: z.literal('keypad'), label: localized(LIMITS.label).optional(), length: z.number().int().min(4).max(8).optional() }).strict(),
  z
    .object({ ...base, type: z.literal('alert'), tone: z.enum(['info', 'success', 'warning', 'danger']), title: localized(LIMITS.label).optional(), text: localized(LIMITS.text) })
    .strict(),
]);

/** A simulated screen: a title for the device frame and its widgets, top to bottom. */
export const ScreenSchema = z.object({ widgets: z.array(WidgetSchema).min(1).max(30) }).strict();

const stepId = slug('mã bước');
/** Where a step leads: another step's id, or "end" to finish the demo. */
const next = z.union([z.literal('end'), stepId]);

/** A branch: touching this other widget leads elsewhere (e.g. the "wrong" choice in a scam drill). */
const BranchSchema = z.object({ widget: widgetId, next, feedback: localized(LIMITS.hint).optional() }).strict();

/** What the citizen must do on a step, and where it leads. */
export const TargetSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('tap'), widget: widgetId, next: next.optional(), branches: z.array(BranchSchema).max(4).optional() }).strict(),
  z.object({ action: z.literal('type'), widget: widgetId, value: z.string().min(1).max(60), next: next.optional() }).strict(),
  z.object({ action: z.literal('choose'), widget: widgetId, value: slug('giá trị'), next: next.optional() }).strict(),
  z.object({ action: z.literal('scan'), widget: widgetId, next: next.optional() }).strict(),
  z.object({ action: z.literal('otp'), widget: widgetId, value: z.string().regex(/^\d{4,8}$/, 'mã OTP gồm 4–8 chữ số'), next: next.optional() }).strict(),
  z.object({ action: z.literal('passcode'), widget: widgetId, value: z.string().regex(/^\d{4,8}$/, 'mã số bí mật gồm 4–8 chữ số'), next: next.optional() }).strict(),
  z
    .object({
      action: z.literal('quiz'),
      question: localized(LIMITS.text),
      options: z
        .array(z.object({ label: localized(LIMITS.text), correct: z.boolean(), explanation: localized(LIMITS.text), next: next.optional() }).strict())
        .min(2)
        .max(4),
      next: next.optional(),
    })
    .strict(),
  z.object({ action: z.literal('info'), next: next.optional() }).strict(),
]);

/** One step of a demo. */
export const StepSchema = z
  .object({
    id: stepId,
    screen: ScreenSchema,
    instruction: localized(LIMITS.instruction),
    hint: localized(LIMITS.hint).optional(),
    narration: localized(LIMITS.narration).optional(),
    /** Recorded narration: an audio clip per language (`{ "vi": "assets/audio/b1.ogg" }`). */
    audio: StepAudioSchema.optional(),
    target: TargetSchema,
  })
  .strict();

/** Hotline topics a card can ask for; staff give each site hotline a topic. */
export const HOTLINE_TOPICS = ['lua-dao', 'vneid', 'dich-vu-cong', 'ngan-hang', 'bhxh', 'khac'] as const;

/** The take-home step card printed at the end of a demo. */
export const CardSchema = z
  .object({
    title: localized(LIMITS.title),
    steps: z.array(localized(LIMITS.cardStep)).min(1).max(10, 'phiếu có tối đa 10 bước'),
    officialUrl: z.url({ protocol: /^https$/, message: 'địa chỉ trang chính thức phải bắt đầu bằng https://' }).max(200),
    officialLabel: localized(LIMITS.label).optional(),
    safetyNotes: z.array(localized(LIMITS.hint)).max(4).default([]),
    hotlineTopics: z.array(z.enum(HOTLINE_TOPICS)).max(4).default([]),
  })
  .strict();

/** A whole demo file. */
export const DemoSchema = z
  .object({
    $schema: z.string().optional(),
    id: slug('mã bài'),
    skill: z.enum(SKILL_KEYS),
    title: localized(LIMITS.title),
    summary: localized(LIMITS.summary),
    device: z.enum(['phone', 'desktop']),
    minutes: z.number().int().min(1).max(60),
    steps: z.array(StepSchema).min(1).max(40),
    card: CardSchema,
  })
  .strict();

/** A pack's manifest. */
export type PackManifest = z.infer<typeof PackManifestSchema>;
/** A recorded clip as the player receives it: the language it is in, a data URL and its length. */
export interface StepVoice {
  lang: NarrationLanguage;
  src: string;
  seconds: number;
}
/** One step of a demo; `voice` is filled in by the kiosk when it sends the demo to the screen. */
export type Step = z.infer<typeof StepSchema> & { voice?: StepVoice };
/** A full demo, as the player receives it. */
export type Demo = Omit<z.infer<typeof DemoSchema>, 'steps'> & { pack: string; steps: Step[] };
/** A widget on a simulated screen. */
export type Widget = z.infer<typeof WidgetSchema>;
/** A step's target. */
export type Target = z.infer<typeof TargetSchema>;
/** A demo's step card. */
export type Card = z.infer<typeof CardSchema>;
/** Localised text. */
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
/** A demo as listed on a skill screen. */
export type DemoSummary = Pick<Demo, 'id' | 'skill' | 'title' | 'summary' | 'device' | 'minutes' | 'pack'> & { steps: number };

/** The listing form of a demo. */
export function summarize(demo: Demo): DemoSummary {
  return { id: demo.id, skill: demo.skill, title: demo.title, summary: demo.summary, device: demo.device, minutes: demo.minutes, pack: demo.pack, steps: demo.steps.length };
}

/** The fields of a demo the skill screens list. */
export const DemoSummarySchema = DemoSchema.pick({ id: true, skill: true, title: true, summary: true, device: true, minutes: true });
