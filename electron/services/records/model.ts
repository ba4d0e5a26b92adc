import { AppError } from '../../api/result';
import { SKILL_KEYS, type SkillKey } from '../skills';
import { z } from '../zod';
import { tidy } from './fold';

/** Levels of one skill, lowest first. */
export const SKILL_LEVELS = ['chua', 'da-huong-dan', 'da-thuc-hanh', 'thanh-thao'] as const;
/** One of {@link SKILL_LEVELS}. */
export type SkillLevel = (typeof SKILL_LEVELS)[number];

/** Vietnamese labels of the levels, for reports. */
export const SKILL_LEVEL_LABELS: Record<SkillLevel, string> = {
  chua: 'Chưa biết',
  'da-huong-dan': 'Đã được hướng dẫn',
  'da-thuc-hanh': 'Đã thực hành',
  'thanh-thao': 'Thành thạo',
};

/** Vietnamese names of the five skills, for reports. */
export const SKILL_LABELS: Record<SkillKey, string> = {
  'dich-vu-cong': 'Dịch vụ công trực tuyến',
  'mua-sam': 'Mua sắm trực tuyến',
  'thanh-toan': 'Thanh toán trực tuyến',
  'an-toan': 'Tự bảo vệ trên không gian mạng',
  'nen-tang-so': 'Nền tảng số khác',
};

/** Milestones staff can tick for a person (each one a real service in demo-facts.md). */
export const ACHIEVEMENTS = ['vneid-muc-2', 'tai-khoan-dvc', 'ung-dung-ngan-hang', 'chu-ky-so', 'vssid', 'so-suc-khoe-dien-tu'] as const;
/** One of {@link ACHIEVEMENTS}. */
export type Achievement = (typeof ACHIEVEMENTS)[number];

/** Vietnamese labels of the achievements. */
export const ACHIEVEMENT_LABELS: Record<Achievement, string> = {
  'vneid-muc-2': 'Đã kích hoạt tài khoản định danh điện tử VNeID mức 2',
  'tai-khoan-dvc': 'Đã đăng nhập Cổng Dịch vụ công quốc gia',
  'ung-dung-ngan-hang': 'Đã dùng ứng dụng ngân hàng',
  'chu-ky-so': 'Đã có chữ ký số cá nhân (ký số từ xa)',
  vssid: 'Đã dùng ứng dụng VssID',
  'so-suc-khoe-dien-tu': 'Đã mở sổ sức khỏe điện tử trên VNeID',
};

/** How consent was given: on the kiosk screen, a signed paper slip, or read aloud to the citizen. */
export const CONSENT_METHODS = ['man-hinh', 'giay', 'doc-to'] as const;
/** One of {@link CONSENT_METHODS}. */
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** Consent given outside the kiosk (a commune's own list imported from a spreadsheet). */
export const OUTSIDE_CONSENT_VERSION = 'ngoai-tram';

/** Optional gender. */
export const GENDERS = ['nam', 'nu'] as const;
/** One of {@link GENDERS}. */
export type Gender = (typeof GENDERS)[number];

/** An assistance session: open at the desk, saved as unfinished when the kiosk went idle, or done. */
export const SESSION_STATES = ['open', 'unfinished', 'done'] as const;
/** One of {@link SESSION_STATES}. */
export type SessionState = (typeof SESSION_STATES)[number];

/** Why a record was erased; a closed list so the deletion log never holds free text about a person. */
export const DELETION_REASONS = ['yeu-cau', 'rut-dong-y', 'nhap-sai', 'trung-lap', 'khac'] as const;
/** One of {@link DELETION_REASONS}. */
export type DeletionReason = (typeof DELETION_REASONS)[number];

/** Limits on every stored string and list. */
export const LIMITS = {
  name: 80,
  hamlet: 80,
  siteName: 120,
  staffId: 64,
  demoId: 120,
  consentVersion: 40,
  demosPerSession: 200,
  cardsPerSession: 200,
} as const;

/** Oldest accepted birth year. */
export const MIN_BIRTH_YEAR = 1900;

/** A household: an address on the two-level map and the head's name. */
export interface Household {
  id: string;
  provinceCode: string;
  communeCode: string;
  hamlet: string;
  headName: string;
  createdAt: string;
  updatedAt: string;
}

/** Consent to keep a person's record: which text, when, how, and who took it. */
export interface Consent {
  version: string;
  at: string;
  method: ConsentMethod;
  staffId: string;
}

/** A person in a household: the least data the goal needs. */
export interface Person {
  id: string;
  householdId: string;
  fullName: string;
  birthYear: number;
  gender?: Gender;
  phone?: string;
  skills: Record<SkillKey, SkillLevel>;
  achievements: Achievement[];
  consent: Consent;
  createdAt: string;
  updatedAt: string;
}

/** What the player reports for one demo run inside a session. */
export interface DemoResult {
  demoId: string;
  completed: boolean;
  mistakes: number;
  hints: number;
  seconds: number;
}

/** One assistance session for a person. `updatedAt` lets merges keep the newest copy. */
export interface Session {
  id: string;
  personId: string;
  staffId: string;
  siteName: string;
  campaign?: string;
  demos: DemoResult[];
  cardsPrinted: string[];
  startedAt: string;
  endedAt?: string;
  state: SessionState;
  updatedAt: string;
}

/** One line of the deletion log: no name, no id, only a hash of the id. */
export interface Deletion {
  kind: 'person' | 'household';
  idHash: string;
  at: string;
  staffId: string;
  reason: DeletionReason;
}

const iso = z.iso.datetime({ offset: true, error: 'Thời điểm phải có dạng ISO 8601.' });
const staffId = z.string().trim().min(1, 'Thiếu mã cán bộ.').max(LIMITS.staffId, `Mã cán bộ dài quá ${LIMITS.staffId} ký tự.`);
const demoId = z.string().min(1, 'Thiếu mã bài.').max(LIMITS.demoId, `Mã bài dài quá ${LIMITS.demoId} ký tự.`);
const count = (max: number, what: string) =>
  z.number({ error: `${what} phải là số.` }).int(`${what} phải là số nguyên.`).min(0, `${what} không được âm.`).max(max, `${what} quá lớn.`);

// Letters (any script, with their marks), spaces, and the few signs names use: Ka'Lăng, Hơ-Niê, Th. B.
const NAME_CHARS = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u;

/** A personal name as typed: NFC, trimmed, one space between words, letters only, at most 80 characters. */
export function personName(what: string) {
  return z
    .string({ error: `Chưa nhập ${what.toLowerCase()}.` })
    .transform(tidy)
    .pipe(
      z
        .string()
        .min(1, `Chưa nhập ${what.toLowerCase()}.`)
        .max(LIMITS.name, `${what} dài quá ${LIMITS.name} ký tự.`)
        .regex(NAME_CHARS, `${what} chỉ gồm chữ cái, dấu cách, dấu gạch nối hoặc dấu nháy.`),
    );
}

/** A hamlet, residential group or village name. */
export const HamletSchema = z
  .string({ error: 'Chưa nhập thôn/tổ dân phố.' })
  .transform(tidy)
  .pipe(
    z
      .string()
      .min(1, 'Chưa nhập thôn/tổ dân phố.')
      .max(LIMITS.hamlet, `Tên thôn/tổ dân phố dài quá ${LIMITS.hamlet} ký tự.`)
      .regex(/^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} ,.'’/()-]*$/u, 'Tên thôn/tổ dân phố có ký tự không hợp lệ.'),
  );

/** Keeps the digits of a Vietnamese phone number typed with spaces or dots (and +84 for the leading 0), or null when it is not one. */
export function normalisePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[ .]/g, '');
  const local = compact.startsWith('+84') ? `0${compact.slice(3)}` : compact;
  return /^0\d{9}$/.test(local) ? local : null;
}

const PHONE_MESSAGE = 'Số điện thoại phải có 10 chữ số, bắt đầu bằng 0 (được dùng dấu cách hoặc dấu chấm).';

/** An optional phone: empty or null means none. */
const PhoneInputSchema = z
  .string({ error: PHONE_MESSAGE })
  .max(20, PHONE_MESSAGE)
  .nullable()
  .transform((raw, ctx) => {
    if (raw === null || raw.trim() === '') return undefined;
    const phone = normalisePhone(raw);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: PHONE_MESSAGE });
      return z.NEVER;
    }
    return phone;
  });

/** A birth year between 1900 and the current year (strings of digits accepted from forms). */
export function birthYearSchema(currentYear: number) {
  const message = `Năm sinh phải từ ${MIN_BIRTH_YEAR} đến ${currentYear}.`;
  return z
    .union([z.number(), z.string().trim().regex(/^\d{4}$/, 'Năm sinh phải là số có 4 chữ số.').transform(Number)], { error: 'Năm sinh phải là số có 4 chữ số.' })
    .pipe(z.number().int('Năm sinh phải là số nguyên.').min(MIN_BIRTH_YEAR, message).max(currentYear, message));
}

const GenderInputSchema = z
  .union([z.enum(GENDERS), z.literal(''), z.null()], { error: 'Giới tính chỉ là nam, nữ hoặc để trống.' })
  .transform((g) => (g === '' || g === null ? undefined : g));

const SkillLevelSchema = z.enum(SKILL_LEVELS, { error: 'Mức kỹ năng phải là chưa biết, đã được hướng dẫn, đã thực hành hoặc thành thạo.' });

/** Levels for some of the five skills (the rest keep their value, or start at `chua`). */
export const SkillsPatchSchema = z.partialRecord(z.enum(SKILL_KEYS, { error: 'Không có kỹ năng này.' }), SkillLevelSchema);

/** Achievements as a list without repeats. */
export const AchievementsSchema = z
  .array(z.enum(ACHIEVEMENTS, { error: 'Thành tích không có trong danh sách.' }), { error: 'Thành tích phải là một danh sách.' })
  .max(20, 'Danh sách thành tích quá dài.')
  .transform((list) => ACHIEVEMENTS.filter((a) => list.includes(a)));

/** Refuses fields the kiosk must never collect, naming each one. */
const strictInput = { error: (issue: { code?: string }) => (issue.code === 'unrecognized_keys' ? 'Trạm không lưu trường này (không thu thập số định danh, dân tộc, tôn giáo hay sức khỏe).' : undefined) };

/** Consent as given in a form: the time defaults to now. */
export const ConsentInputSchema = z.strictObject(
  {
    version: z.string({ error: 'Thiếu phiên bản nội dung đồng ý.' }).regex(/^[a-z0-9][a-z0-9.-]{0,39}$/, 'Phiên bản nội dung đồng ý không hợp lệ.'),
    method: z.enum(CONSENT_METHODS, { error: 'Chưa chọn hình thức đồng ý (trên màn hình, ký giấy hoặc đọc to).' }),
    staffId,
    at: iso.optional(),
  },
  strictInput,
);

/** A new household. */
export const HouseholdInputSchema = z.strictObject(
  {
    provinceCode: z.string({ error: 'Chưa chọn tỉnh/thành phố.' }).regex(/^\d{2}$/, 'Chưa chọn tỉnh/thành phố.'),
    communeCode: z.string({ error: 'Chưa chọn xã/phường/đặc khu.' }).regex(/^\d{5}$/, 'Chưa chọn xã/phường/đặc khu.'),
    hamlet: HamletSchema,
    headName: personName('Tên chủ hộ'),
  },
  strictInput,
);
/** Input for a new household. */
export type HouseholdInput = z.input<typeof HouseholdInputSchema>;

/** Changes to a household. */
export const HouseholdPatchSchema = HouseholdInputSchema.partial();
/** Input for changing a household. */
export type HouseholdPatch = z.input<typeof HouseholdPatchSchema>;

/** A new person; refused without consent. */
export function personInputSchema(currentYear: number) {
  return z.strictObject(
    {
      householdId: z.uuid({ error: 'Chưa chọn hộ gia đình.' }),
      fullName: personName('Họ tên'),
      birthYear: birthYearSchema(currentYear),
      gender: GenderInputSchema.optional(),
      phone: PhoneInputSchema.optional(),
      skills: SkillsPatchSchema.optional(),
      achievements: AchievementsSchema.optional(),
      consent: ConsentInputSchema.optional(),
    },
    strictInput,
  );
}
/** Input for a new person. */
export type PersonInput = z.input<ReturnType<typeof personInputSchema>>;

/** Changes to a person; `gender`/`phone` set to null or "" clear them. */
export function personPatchSchema(currentYear: number) {
  return personInputSchema(currentYear).partial();
}
/** Input for changing a person. */
export type PersonPatch = z.input<ReturnType<typeof personPatchSchema>>;

/** A demo run as the player reports it. */
export const DemoResultSchema = z.strictObject({
  demoId,
  completed: z.boolean({ error: 'Thiếu kết quả hoàn thành.' }),
  mistakes: count(10_000, 'Số lần chạm sai'),
  hints: count(10_000, 'Số lần gợi ý'),
  seconds: z.number({ error: 'Thời gian phải là số giây.' }).min(0, 'Thời gian không được âm.').max(86_400, 'Thời gian quá dài.').transform(Math.round),
});

/** Opening a session. */
export const SessionInputSchema = z.strictObject(
  {
    personId: z.uuid({ error: 'Chưa chọn người được hỗ trợ.' }),
    staffId,
    siteName: z
      .string({ error: 'Thiếu tên điểm hỗ trợ.' })
      .transform(tidy)
      .pipe(z.string().min(1, 'Thiếu tên điểm hỗ trợ.').max(LIMITS.siteName, `Tên điểm hỗ trợ dài quá ${LIMITS.siteName} ký tự.`)),
    campaign: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, 'Mã chiến dịch không hợp lệ.')
      .optional()
      .or(z.literal('').transform(() => undefined)),
  },
  strictInput,
);
/** Input for opening a session. */
export type SessionInput = z.input<typeof SessionInputSchema>;

/** Confirming levels and achievements at the end of a session, in one call. */
export const FinishInputSchema = z.strictObject({ skills: SkillsPatchSchema, achievements: AchievementsSchema });
/** Input for finishing a session. */
export type FinishInput = z.input<typeof FinishInputSchema>;

/** Erasing a record: who and why (from a closed list). */
export const DeletionInputSchema = z.strictObject({
  staffId,
  reason: z.enum(DELETION_REASONS, { error: 'Chưa chọn lý do xóa.' }).default('yeu-cau'),
});
/** Input for erasing a record. */
export type DeletionInput = z.input<typeof DeletionInputSchema>;

// Stored records, checked when they come back from the journal or a bundle.

const StoredName = z.string().min(1).max(LIMITS.name).regex(NAME_CHARS);

/** A stored household. */
export const HouseholdSchema = z.strictObject({
  id: z.uuid(),
  provinceCode: z.string().regex(/^\d{2}$/, 'Mã tỉnh phải có 2 chữ số.'),
  communeCode: z.string().regex(/^\d{5}$/, 'Mã xã phải có 5 chữ số.'),
  hamlet: z.string().min(1).max(LIMITS.hamlet),
  headName: StoredName,
  createdAt: iso,
  updatedAt: iso,
});

/** A stored person. */
export function personSchema(currentYear: number) {
  return z.strictObject({
    id: z.uuid(),
    householdId: z.uuid(),
    fullName: StoredName,
    birthYear: z.number().int().min(MIN_BIRTH_YEAR).max(currentYear),
    gender: z.enum(GENDERS).optional(),
    phone: z
      .string()
      .regex(/^0\d{9}$/, PHONE_MESSAGE)
      .optional(),
    skills: z.record(z.enum(SKILL_KEYS), SkillLevelSchema),
    achievements: z.array(z.enum(ACHIEVEMENTS)).max(ACHIEVEMENTS.length),
    consent: z.strictObject({
      version: z.string().min(1).max(LIMITS.consentVersion),
      at: iso,
      method: z.enum(CONSENT_METHODS),
      staffId,
    }),
    createdAt: iso,
    updatedAt: iso,
  });
}

/** A stored session. */
export const SessionSchema = z.strictObject({
  id: z.uuid(),
  personId: z.uuid(),
  staffId,
  siteName: z.string().min(1).max(LIMITS.siteName),
  campaign: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
  demos: z.array(DemoResultSchema).max(LIMITS.demosPerSession),
  cardsPrinted: z.array(demoId).max(LIMITS.cardsPerSession),
  startedAt: iso,
  endedAt: iso.optional(),
  state: z.enum(SESSION_STATES),
  updatedAt: iso,
});

/** A stored deletion log line. */
export const DeletionSchema = z.strictObject({
  kind: z.enum(['person', 'household']),
  idHash: z.string().regex(/^[0-9a-f]{64}$/),
  at: iso,
  staffId,
  reason: z.enum(DELETION_REASONS),
});

/** Parses `input` with `schema` or throws INVALID_INPUT carrying a Vietnamese message per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = fieldsOf(parsed.error.issues, prefix);
  const first = Object.values(fields)[0] ?? 'Thông tin chưa hợp lệ.';
  throw new AppError('INVALID_INPUT', first, { fields });
}

/** Per-field messages from zod issues; an unknown key gets its own entry. */
export function fieldsOf(issues: readonly z.core.$ZodIssue[], prefix = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[base ? `${base}.${key}` : key] ??= issue.message;
    } else {
      fields[base || '(gốc)'] ??= issue.message;
    }
  }
  return fields;
}

/** Every skill at `chua`, then `patch` on top. */
export function skillsWith(patch: Partial<Record<SkillKey, SkillLevel>> = {}, base?: Record<SkillKey, SkillLevel>): Record<SkillKey, SkillLevel> {
  const skills = {} as Record<SkillKey, SkillLevel>;
  for (const key of SKILL_KEYS) skills[key] = patch[key] ?? base?.[key] ?? 'chua';
  return skills;
}

/** True when a person is `thanh-thao` in all five skills: what makes a household meet the goal. */
export function isProficient(person: Pick<Person, 'skills'>): boolean {
  for (const key of SKILL_KEYS) if (person.skills[key] !== 'thanh-thao') return false;
  return true;
}

/** The higher of two levels. */
export function higherLevel(a: SkillLevel, b: SkillLevel): SkillLevel {
  return SKILL_LEVELS.indexOf(a) >= SKILL_LEVELS.indexOf(b) ? a : b;
}
