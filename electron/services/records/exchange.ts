import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { AppError } from '../../api/result';
import type { GeoDirectory } from '../geo';
import { SKILL_KEYS, type SkillKey } from '../skills';
import { writeFileDurable } from '../storage/durable-file';
import { CsvSyntaxError, formatCsv, parseCsv } from './csv';
import { fold, foldName } from './fold';
import {
  CONSENT_METHODS,
  DeletionSchema,
  HamletSchema,
  HouseholdSchema,
  OUTSIDE_CONSENT_VERSION,
  SKILL_LEVELS,
  SessionSchema,
  birthYearSchema,
  fieldsOf,
  higherLevel,
  normalisePhone,
  personName,
  personSchema,
  type ConsentMethod,
  type Deletion,
  type Gender,
  type Household,
  type Person,
  type Session,
  type SkillLevel,
} from './model';
import { VI_COLLATOR } from './name-index';
import { PlaceMatcher } from './place-matcher';
import { readXlsxText, type SheetText, type TextRow } from './sheet-text';
import { canonicalJson, sameRecord, type RecordsService } from './records-service';
import { idHash, type RecordOp, type RecordsState } from './state';
import { stableId, isUuid } from './stable-id';
import { isSealed, passphraseProblem, seal, unseal } from './seal';
import { vnDate } from './stats';
import { z } from '../zod';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** The CSV columns, in order, for import and export alike. */
export const CSV_COLUMNS = [
  'ma_ho',
  'tinh',
  'xa',
  'thon',
  'chu_ho',
  'ho_ten',
  'nam_sinh',
  'gioi_tinh',
  'so_dien_thoai',
  'ky_nang_dich_vu_cong',
  'ky_nang_mua_sam',
  'ky_nang_thanh_toan',
  'ky_nang_an_toan',
  'ky_nang_nen_tang_so',
  'dong_y',
  'hinh_thuc_dong_y',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The CSV column of each skill. */
export const SKILL_COLUMNS: Record<SkillKey, CsvColumn> = {
  'dich-vu-cong': 'ky_nang_dich_vu_cong',
  'mua-sam': 'ky_nang_mua_sam',
  'thanh-toan': 'ky_nang_thanh_toan',
  'an-toan': 'ky_nang_an_toan',
  'nen-tang-so': 'ky_nang_nen_tang_so',
};

/** Added / changed / already the same, for one kind of record. */
export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** What an import did. */
export interface ImportSummary {
  format: 'csv' | 'xlsx' | 'bundle';
  /** For an Excel file: the name of the worksheet that was read. */
  sheet?: string;
  households: ImportCounts;
  people: ImportCounts;
  sessions: ImportCounts;
  /** Deletions from a bundle: records removed here, and log lines kept with nothing here to remove. */
  deletions: { applied: number; logged: number };
  /** Rows or records left out because that person or household was erased here before. */
  skippedErased: number;
  /** New people from a bundle who look like someone already here (offer a merge). */
  possibleDuplicates: number;
}

const counts = (): ImportCounts => ({ added: 0, updated: 0, unchanged: 0 });
const emptySummary = (format: ImportSummary['format']): ImportSummary => ({
  format,
  households: counts(),
  people: counts(),
  sessions: counts(),
  deletions: { applied: 0, logged: 0 },
  skippedErased: 0,
  possibleDuplicates: 0,
});

/** A person with their household, as export rows need them. */
export interface ExportEntry {
  household: Household;
  person: Person;
}

/** Every person with their household, ordered by hamlet, head of household, then name (Vietnamese collation). */
export function peopleInReportOrder(state: Readonly<RecordsState>): ExportEntry[] {
  const households = [...state.households.values()].sort(
    (a, b) => VI_COLLATOR.compare(a.hamlet, b.hamlet) || VI_COLLATOR.compare(a.headName, b.headName) || (a.id < b.id ? -1 : 1),
  );
  const entries: ExportEntry[] = [];
  for (const household of households) {
    const members = state
      .membersOf(household.id)
      .map((id) => state.people.get(id)!)
      .sort((a, b) => VI_COLLATOR.compare(a.fullName, b.fullName) || a.birthYear - b.birthYear);
    for (const person of members) entries.push({ household, person });
  }
  return entries;
}

/** The cells both exports start a person's row with: the household's key, its place by name, its head, and the person's name. */
export function householdCells(geo: GeoDirectory, { household, person }: ExportEntry): string[] {
  const place = geo.resolve(household.provinceCode, household.communeCode);
  return [household.id, place?.province ?? household.provinceCode, place?.commune ?? household.communeCode, household.hamlet, household.headName, person.fullName];
}

/** The records as CSV text: UTF-8 byte-order mark (so Excel on Windows shows Vietnamese), header row, one row per person. */
export function exportCsv(records: Readonly<RecordsState>, geo: GeoDirectory): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const entry of peopleInReportOrder(records)) {
    const { person } = entry;
    rows.push([
      ...householdCells(geo, entry),
      String(person.birthYear),
      person.gender ?? '',
      person.phone ?? '',
      ...SKILL_KEYS.map((k) => person.skills[k]),
      vnDate(Date.parse(person.consent.at)),
      person.consent.method,
    ]);
  }
  return `\ufeff${formatCsv(rows)}`;
}

interface CsvRow {
  line: number;
  householdKey: string;
  maHo: string;
  provinceCode: string;
  communeCode: string;
  hamlet: string;
  headName: string;
  fullName: string;
  birthYear: number;
  gender: Gender | undefined;
  phone: string | undefined;
  skills: Record<SkillKey, SkillLevel>;
  consentAt: string;
  consentMethod: ConsentMethod;
}

const LEVEL_WORDS: Record<string, SkillLevel> = {
  '': 'chua',
  chua: 'chua',
  'chua-biet': 'chua',
  'da-huong-dan': 'da-huong-dan',
  'da-duoc-huong-dan': 'da-huong-dan',
  'da-thuc-hanh': 'da-thuc-hanh',
  'thanh-thao': 'thanh-thao',
};
const METHOD_WORDS: Record<string, ConsentMethod> = {
  'man-hinh': 'man-hinh',
  'tren-man-hinh': 'man-hinh',
  giay: 'giay',
  'ky-giay': 'giay',
  'phieu-giay': 'giay',
  'doc-to': 'doc-to',
};
const slug = (text: string) => fold(text).replace(/[\s_]+/g, '-');

/** A consent date as YYYY-MM-DD (or D/M/YYYY, as Vietnamese Excel writes it), or null. */
function consentDate(text: string, today: string): string | null {
  let y: number, m: number, d: number;
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const vnMatch = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (isoMatch) [y, m, d] = [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])];
  else if (vnMatch) [d, m, y] = [Number(vnMatch[1]), Number(vnMatch[2]), Number(vnMatch[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  const text10 = date.toISOString().slice(0, 10);
  return text10 > today || y < 2000 ? null : text10;
}

function rejectRows(messages: readonly string[], what = 'Tệp'): AppError {
  const fields: Record<string, string> = {};
  for (const [i, m] of messages.slice(0, 500).entries()) {
    const row = /^Dòng (\d+)/.exec(m)?.[1];
    const key = row ? `dong_${row}` : `loi_${i + 1}`;
    fields[key] = fields[key] ? `${fields[key]} ${m}` : m;
  }
  if (messages.length > 500) fields.loi_khac = `… và ${messages.length - 500} lỗi khác.`;
  const head = messages.slice(0, 5).join('\n');
  return new AppError('INVALID_INPUT', `${what} có ${messages.length} lỗi nên chưa nhập dòng nào. Hãy sửa rồi nhập lại cả tệp.\n${head}`, { fields });
}

/** A list as text cells, whichever file it came from: its header row and data rows, each with the row number a spreadsheet shows. */
interface CellTable {
  headerLine: number;
  header: string[];
  rows: TextRow[];
}

/** Reads CSV text into a table of cells; rows are numbered as a spreadsheet shows them (blank ones count). */
function csvTable(text: string): CellTable {
  if (text.includes('\ufffd')) {
    throw new AppError('INVALID_INPUT', 'Tệp không phải UTF-8 nên tiếng Việt bị hỏng. Trong Excel hãy chọn Lưu thành → "CSV UTF-8 (Comma delimited)", hoặc nhập thẳng tệp .xlsx.');
  }
  let rows: string[][];
  try {
    rows = parseCsv(text).rows;
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw rejectRows([error.message]);
    throw error;
  }
  return { headerLine: 1, header: rows[0] ?? [], rows: rows.slice(1).map((cells, i) => ({ line: i + 2, cells })) };
}

const headerName = (cell: string) => cell.trim().toLowerCase();

/** How many of the list's column names a row holds: a header row holds several. */
const columnsIn = (cells: readonly string[]) => new Set(cells.map(headerName).filter((h) => (CSV_COLUMNS as readonly string[]).includes(h))).size;

/**
 * Finds the list in a workbook: the one sheet with a header row (its first row holding at least
 * two of the column names; title rows above it are skipped). Two such sheets are refused, since
 * nothing says which one staff meant.
 */
function workbookTable(sheets: readonly SheetText[]): CellTable & { sheet: string } {
  const found = sheets.flatMap((sheet) => {
    const at = sheet.rows.findIndex((row) => columnsIn(row.cells) >= 2);
    return at === -1 ? [] : [{ sheet: sheet.name, headerLine: sheet.rows[at]!.line, header: sheet.rows[at]!.cells, rows: sheet.rows.slice(at + 1) }];
  });
  if (found.length === 0) {
    throw new AppError('INVALID_INPUT', `Không thấy dòng tiêu đề (${CSV_COLUMNS.slice(0, 6).join(', ')}, …) trong trang tính nào của tệp Excel. Hãy thêm dòng tiêu đề với đúng tên cột như tệp mẫu.`);
  }
  if (found.length > 1) {
    throw new AppError('INVALID_INPUT', `Tệp Excel có ${found.length} trang tính cùng có dòng tiêu đề (${found.map((f) => `“${f.sheet}”`).join(', ')}) nên trạm không biết nhập trang nào. Hãy để danh sách ở một trang (xóa hoặc đổi tiêu đề các trang kia) rồi nhập lại.`);
  }
  return found[0]!;
}

/**
 * Checks a list's rows, from CSV or Excel alike, into values ready to import; every problem is
 * reported with its spreadsheet row number, and any problem refuses the whole list.
 */
function readRows(table: CellTable, geo: GeoDirectory, currentYear: number, today: string): CsvRow[] {
  const header = table.header.map(headerName);
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => h !== '' && !(CSV_COLUMNS as readonly string[]).includes(h));
  const problems: string[] = [];
  const headerRow = `Dòng ${table.headerLine}`;
  if (missing.length) problems.push(`${headerRow}: thiếu cột ${missing.join(', ')}.`);
  if (unknown.length) problems.push(`${headerRow}: có cột không nhận ${unknown.join(', ')} (trạm chỉ lưu đúng các cột đã quy định, không lưu số định danh hay thông tin nhạy cảm).`);
  if (new Set(header.filter((h) => h !== '')).size !== header.filter((h) => h !== '').length) problems.push(`${headerRow}: có cột bị lặp.`);
  if (problems.length) throw rejectRows(problems);
  const col = new Map(header.map((h, i) => [h, i]));
  const places = new PlaceMatcher(geo);
  const nameSchema = personName('Họ tên');
  const headSchema = personName('Tên chủ hộ');
  const yearSchema = birthYearSchema(currentYear);
  const parsed: CsvRow[] = [];
  const errors: string[] = [];
  for (const { line, cells: row } of table.rows) {
    const get = (c: CsvColumn) => (row[col.get(c)!] ?? '').trim();
    if (row.every((cell) => cell.trim() === '')) continue;
    const issues: string[] = [];
    const check = <T>(schema: z.ZodType<T>, value: unknown, column: CsvColumn): T | undefined => {
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      issues.push(`${lowerFirst(result.error.issues[0]?.message ?? 'giá trị không hợp lệ').replace(/\.$/, '')} (${column})`);
      return undefined;
    };
    const maHo = get('ma_ho');
    if (maHo === '') issues.push('thiếu mã hộ (ma_ho)');
    else if (maHo.length > 64) issues.push('mã hộ dài quá 64 ký tự (ma_ho)');
    const province = places.province(get('tinh'));
    if (!province.ok) issues.push(`${province.message} (tinh)`);
    const commune = province.ok ? places.commune(province.place.code, get('xa')) : null;
    if (commune && !commune.ok) issues.push(`${commune.message} (xa)`);
    const hamlet = check(HamletSchema, get('thon'), 'thon');
    const headName = check(headSchema, get('chu_ho'), 'chu_ho');
    const fullName = check(nameSchema, get('ho_ten'), 'ho_ten');
    const birthYear = check(yearSchema, get('nam_sinh'), 'nam_sinh');
    const genderText = slug(get('gioi_tinh'));
    const gender = genderText === '' ? undefined : genderText === 'nam' || genderText === 'nu' ? (genderText as Gender) : null;
    if (gender === null) issues.push('giới tính chỉ là nam, nu hoặc để trống (gioi_tinh)');
    const phoneText = get('so_dien_thoai');
    // Excel drops the leading 0 of a number column: 912345678 is 0912345678.
    const phone = phoneText === '' ? undefined : (normalisePhone(phoneText) ?? (/^[1-9]\d{8}$/.test(phoneText.replace(/[ .]/g, '')) ? `0${phoneText.replace(/[ .]/g, '')}` : null));
    if (phone === null) issues.push('số điện thoại phải có 10 chữ số, bắt đầu bằng 0 (so_dien_thoai)');
    const skills = {} as Record<SkillKey, SkillLevel>;
    for (const key of SKILL_KEYS) {
      const level = LEVEL_WORDS[slug(get(SKILL_COLUMNS[key]))];
      if (level) skills[key] = level;
      else issues.push(`mức kỹ năng phải là ${SKILL_LEVELS.join('/')} (${SKILL_COLUMNS[key]})`);
    }
    const consentText = get('dong_y');
    const consentAt = consentText === '' ? null : consentDate(consentText, today);
    if (consentText === '') issues.push('thiếu ngày đồng ý (dong_y): không nhập người chưa đồng ý cho lưu thông tin');
    else if (consentAt === null) issues.push('ngày đồng ý phải có dạng NNNN-TT-NN, từ năm 2000 đến hôm nay (dong_y)');
    const methodText = get('hinh_thuc_dong_y');
    const method = METHOD_WORDS[slug(methodText)];
    if (methodText === '') issues.push(`thiếu hình thức đồng ý: ${CONSENT_METHODS.join('/')} (hinh_thuc_dong_y)`);
    else if (!method) issues.push(`hình thức đồng ý phải là ${CONSENT_METHODS.join('/')} (hinh_thuc_dong_y)`);
    if (issues.length > 0) {
      errors.push(`Dòng ${line}: ${issues.join('; ')}.`);
      continue;
    }
    parsed.push({
      line,
      householdKey: isUuid(maHo) ? maHo.toLowerCase() : fold(maHo),
      maHo,
      provinceCode: province.ok ? province.place.code : '',
      communeCode: commune?.ok ? commune.place.code : '',
      hamlet: hamlet!,
      headName: headName!,
      fullName: fullName!,
      birthYear: birthYear!,
      gender: gender ?? undefined,
      phone: phone ?? undefined,
      skills,
      // Consent dates are days in Vietnam: midnight there.
      consentAt: new Date(`${consentAt!}T00:00:00+07:00`).toISOString(),
      consentMethod: method!,
    });
  }
  // Rows of one household must agree on its address and head; a person must not appear twice.
  const firstOf = new Map<string, CsvRow>();
  const people = new Map<string, number>();
  for (const row of parsed) {
    const first = firstOf.get(row.householdKey);
    if (!first) firstOf.set(row.householdKey, row);
    else {
      const differs: string[] = [];
      if (first.provinceCode !== row.provinceCode || first.communeCode !== row.communeCode) differs.push('tỉnh/xã');
      if (fold(first.hamlet) !== fold(row.hamlet)) differs.push('thôn');
      if (foldName(first.headName) !== foldName(row.headName)) differs.push('chủ hộ');
      if (differs.length) errors.push(`Dòng ${row.line}: hộ “${row.maHo}” ghi ${differs.join(', ')} khác với dòng ${first.line}.`);
    }
    const personKey = `${row.householdKey}|${foldName(row.fullName)}|${row.birthYear}`;
    const seen = people.get(personKey);
    if (seen !== undefined) errors.push(`Dòng ${row.line}: trùng người với dòng ${seen} (cùng hộ, họ tên và năm sinh).`);
    else people.set(personKey, row.line);
  }
  if (errors.length) throw rejectRows(errors.sort((a, b) => rowOf(a) - rowOf(b)));
  if (parsed.length === 0) throw new AppError('INVALID_INPUT', 'Tệp không có dòng dữ liệu nào.');
  return parsed;
}

const rowOf = (message: string) => Number(/^Dòng (\d+)/.exec(message)?.[1] ?? 0);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Imports a commune's CSV list. The whole file is checked first; any bad row rejects it all with
 * per-row messages. Ids come from the content (province, commune and ma_ho; household, name and
 * birth year), so importing the same file again changes nothing. An import never lowers a skill
 * level or overwrites what the kiosk holds: it adds people, raises levels, fills a missing phone
 * or gender. People and households erased here stay erased.
 */
export function importCsv(service: RecordsService, geo: GeoDirectory, text: string, options: { staffId: string }): Promise<ImportSummary> {
  return importTable(service, geo, csvTable(text), options, { format: 'csv' });
}

/**
 * Imports a commune's Excel list (.xlsx) as it is: from the one sheet with the header row, under
 * title rows if any, with Excel dates, numbers stored as text and phones that lost their leading
 * 0. Same columns, same checks, same row numbers and the same all-or-nothing rule as CSV.
 */
export async function importXlsx(service: RecordsService, geo: GeoDirectory, bytes: Buffer, options: { staffId: string }): Promise<ImportSummary> {
  const { sheet, ...table } = workbookTable(await readXlsxText(bytes));
  return importTable(service, geo, table, options, { format: 'xlsx', sheet });
}

async function importTable(service: RecordsService, geo: GeoDirectory, table: CellTable, options: { staffId: string }, source: Pick<ImportSummary, 'format' | 'sheet'>): Promise<ImportSummary> {
  const now = service.now();
  const rows = readRows(table, geo, Number(vnDate(now).slice(0, 4)), vnDate(now));
  return service.applyBatch((state) => {
    const summary: ImportSummary = { ...emptySummary(source.format), ...(source.sheet === undefined ? {} : { sheet: source.sheet }) };
    const ops: RecordOp[] = [];
    const errors: string[] = [];
    const households = new Map<string, { household: Household; stored: boolean; written: boolean; erased: boolean }>();
    const pending = new Map<string, Person>();
    for (const row of rows) {
      let entry = households.get(row.householdKey);
      if (!entry) {
        const id = isUuid(row.householdKey) ? row.householdKey : stableId('ho', row.provinceCode, row.communeCode, row.householdKey);
        const stored = state.households.get(id);
        if (stored && stored.communeCode !== row.communeCode) errors.push(`Dòng ${row.line}: mã hộ “${row.maHo}” đã có trong hồ sơ ở một xã khác.`);
        const at = service.stamp();
        const household: Household = stored ?? {
          id,
          provinceCode: row.provinceCode,
          communeCode: row.communeCode,
          hamlet: row.hamlet,
          headName: row.headName,
          createdAt: at,
          updatedAt: at,
        };
        households.set(row.householdKey, (entry = { household, stored: stored !== undefined, written: false, erased: state.wasDeleted(id) }));
        if (stored) summary.households.unchanged += 1;
      }
      const personId = stableId('nguoi', entry.household.id, foldName(row.fullName), row.birthYear);
      if (entry.erased || state.wasDeleted(personId)) {
        summary.skippedErased += 1;
        continue;
      }
      const targetId = state.people.has(personId) || pending.has(personId) ? personId : state.likelyDuplicatesAt(entry.household, row)[0];
      const target = targetId === undefined ? undefined : (pending.get(targetId) ?? state.people.get(targetId));
      if (target) {
        const next: Person = { ...target, skills: { ...target.skills } };
        for (const key of SKILL_KEYS) next.skills[key] = higherLevel(target.skills[key], row.skills[key]);
        if (!next.phone && row.phone) next.phone = row.phone;
        if (!next.gender && row.gender) next.gender = row.gender;
        if (sameRecord(target, next)) summary.people.unchanged += 1;
        else {
          next.updatedAt = service.stamp();
          pending.set(next.id, next);
          summary.people.updated += 1;
        }
        continue;
      }
      if (!entry.stored && !entry.written) {
        ops.push({ k: 'h', v: entry.household });
        entry.written = true;
        summary.households.added += 1;
      }
      const at = service.stamp();
      const person: Person = {
        id: personId,
        householdId: entry.household.id,
        fullName: row.fullName,
        birthYear: row.birthYear,
        skills: row.skills,
        achievements: [],
        consent: { version: OUTSIDE_CONSENT_VERSION, at: row.consentAt, method: row.consentMethod, staffId: options.staffId },
        createdAt: at,
        updatedAt: at,
      };
      if (row.gender) person.gender = row.gender;
      if (row.phone) person.phone = row.phone;
      pending.set(person.id, person);
      summary.people.added += 1;
    }
    if (errors.length) throw rejectRows(errors);
    for (const person of pending.values()) ops.push({ k: 'p', v: person });
    return { ops, result: summary };
  });
}

/** What a bundle declares about itself. */
export interface BundleManifest {
  kind: typeof BUNDLE_KIND;
  version: 1;
  siteName: string;
  exportedAt: string;
  households: number;
  people: number;
  sessions: number;
  deletions: number;
}

/** The `kind` of a records bundle. */
export const BUNDLE_KIND = 'tram-ky-nang-so/ho-so';

/** Everything, for another kiosk or the hub to merge: gzipped JSON with a manifest, sealed under a passphrase (see seal.ts). */
export async function exportBundle(service: RecordsService, options: { siteName: string; passphrase: string; sealCost?: { N: number; r: number; p: number } }): Promise<Buffer> {
  const problem = passphraseProblem(options.passphrase);
  if (problem) throw new AppError('INVALID_INPUT', problem, { fields: { passphrase: problem } });
  const state = service.records;
  const households = [...state.households.values()];
  const people = [...state.people.values()];
  const sessions = [...state.sessions.values()];
  const deletions = [...state.deletions];
  const manifest: BundleManifest = {
    kind: BUNDLE_KIND,
    version: 1,
    siteName: options.siteName,
    exportedAt: new Date(service.now()).toISOString(),
    households: households.length,
    people: people.length,
    sessions: sessions.length,
    deletions: deletions.length,
  };
  const plain = await gzipAsync(JSON.stringify({ manifest, households, people, sessions, deletions }));
  return seal(plain, options.passphrase, options.sealCost);
}

const ManifestSchema = z.strictObject({
  kind: z.literal(BUNDLE_KIND, { error: 'Không phải gói hồ sơ của Trạm Kỹ Năng Số.' }),
  version: z.literal(1, { error: 'Gói hồ sơ do phiên bản khác của phần mềm tạo; hãy cập nhật.' }),
  siteName: z.string().max(200),
  exportedAt: z.iso.datetime({ offset: true }),
  households: z.number().int().min(0),
  people: z.number().int().min(0),
  sessions: z.number().int().min(0),
  deletions: z.number().int().min(0),
});

const canon = (at: string) => new Date(at).toISOString();

/** Records as a bundle or a sync batch carries them, not yet checked. */
export interface RawRecordSet {
  households: unknown[];
  people: unknown[];
  sessions: unknown[];
  deletions: unknown[];
}

/** Records checked one by one against the stored schemas, times made canonical, names NFC. */
export interface RecordSet {
  households: Household[];
  people: Person[];
  sessions: Session[];
  deletions: Deletion[];
}

/**
 * Checks records one by one (schema, repeated ids, places on the administrative map); every
 * problem is named with the record's kind, position and id, so a caller can refuse the whole set.
 */
export function checkRecordSet(d: RawRecordSet, geo: GeoDirectory, currentYear: number): RecordSet & { errors: string[] } {
  const errors: string[] = [];
  const check = <T>(list: unknown[], schema: z.ZodType<T>, what: string): T[] => {
    const out: T[] = [];
    const ids = new Set<string>();
    list.forEach((item, i) => {
      const parsed = schema.safeParse(item);
      const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : '';
      if (!parsed.success) {
        errors.push(`${what} thứ ${i + 1}${id ? ` (${id})` : ''}: ${Object.entries(fieldsOf(parsed.error.issues))
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')}`);
        return;
      }
      if (id) {
        if (ids.has(id)) errors.push(`${what} thứ ${i + 1} (${id}): trùng mã với một bản ghi khác trong gói.`);
        ids.add(id);
      }
      out.push(parsed.data);
    });
    return out;
  };
  const households = check(d.households, HouseholdSchema, 'Hộ').map((h) => ({ ...h, hamlet: h.hamlet.normalize('NFC'), headName: h.headName.normalize('NFC'), createdAt: canon(h.createdAt), updatedAt: canon(h.updatedAt) }));
  const people = check(d.people, personSchema(currentYear), 'Người').map(
    (p): Person => ({ ...p, fullName: p.fullName.normalize('NFC'), consent: { ...p.consent, at: canon(p.consent.at) }, createdAt: canon(p.createdAt), updatedAt: canon(p.updatedAt) }),
  );
  const sessions = check(d.sessions, SessionSchema, 'Phiên').map(
    (s): Session => ({ ...s, startedAt: canon(s.startedAt), updatedAt: canon(s.updatedAt), ...(s.endedAt ? { endedAt: canon(s.endedAt) } : {}) }),
  );
  const deletions = check(d.deletions, DeletionSchema, 'Dòng nhật ký xóa').map((x): Deletion => ({ ...x, at: canon(x.at) }));
  households.forEach((h) => {
    if (!geo.resolve(h.provinceCode, h.communeCode)) errors.push(`Hộ ${h.id}: mã tỉnh ${h.provinceCode} / xã ${h.communeCode} không có trong danh mục hành chính.`);
  });
  return { households, people, sessions, deletions, errors };
}

/** Checks a bundle record by record; any problem rejects the whole bundle with messages naming each record. */
function readBundle(value: unknown, geo: GeoDirectory, currentYear: number) {
  const root = z
    .object({ manifest: z.unknown(), households: z.array(z.unknown()), people: z.array(z.unknown()), sessions: z.array(z.unknown()), deletions: z.array(z.unknown()) })
    .safeParse(value);
  if (!root.success) throw new AppError('INVALID_INPUT', 'Không phải gói hồ sơ của Trạm Kỹ Năng Số (thiếu phần manifest, households, people, sessions hoặc deletions).');
  const manifest = ManifestSchema.safeParse(root.data.manifest);
  if (!manifest.success) throw new AppError('INVALID_INPUT', manifest.error.issues[0]?.message ?? 'Phần manifest của gói không hợp lệ.');
  const m = manifest.data;
  const d = root.data;
  const set = checkRecordSet(d, geo, currentYear);
  if (m.households !== d.households.length || m.people !== d.people.length || m.sessions !== d.sessions.length || m.deletions !== d.deletions.length) {
    set.errors.unshift('Số bản ghi trong gói không khớp với manifest: gói có thể bị cắt ngắn.');
  }
  return { manifest: m, ...set };
}

/**
 * Merges a bundle from another kiosk: idempotent by id, the newer `updatedAt` wins, deletions in
 * either log are honoured (a record erased anywhere stays erased), and any bad record rejects the
 * whole bundle. Erasures it brings are folded into a new snapshot at once.
 */
export async function importBundle(service: RecordsService, geo: GeoDirectory, bytes: Buffer, options: { passphrase?: string | undefined } = {}): Promise<ImportSummary & { from: BundleManifest }> {
  const value = await decodeBundle(bytes, options.passphrase);
  const bundle = readBundle(value, geo, Number(vnDate(service.now()).slice(0, 4)));
  if (bundle.errors.length) throw rejectRows(bundle.errors, 'Gói hồ sơ');
  return { ...(await mergeRecordSet(service, bundle)), from: bundle.manifest };
}

/** A bundle's JSON: unsealed with the passphrase when sealed (older kiosks wrote plain gzip, still read), then unzipped and parsed. */
export async function decodeBundle(bytes: Buffer, passphrase: string | undefined): Promise<unknown> {
  const plain = isSealed(bytes) ? await unseal(bytes, passphrase) : bytes;
  try {
    const text = (plain[0] === 0x1f && plain[1] === 0x8b ? await gunzipAsync(plain) : plain).toString('utf8');
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `Gói hồ sơ bị hỏng, không đọc được (${(error as Error).message}).`, { cause: error });
  }
}

/** Checks a decoded bundle (manifest and every record) and returns its records, or refuses it whole with messages naming each record. */
export function checkBundle(value: unknown, geo: GeoDirectory, currentYear: number): RecordSet & { manifest: BundleManifest } {
  const bundle = readBundle(value, geo, currentYear);
  if (bundle.errors.length) throw rejectRows(bundle.errors, 'Gói hồ sơ');
  return bundle;
}

/**
 * Merges checked records (from a bundle, or pulled from the hub): idempotent by id, the newer
 * `updatedAt` wins, deletions are honoured (a record erased anywhere stays erased), and a
 * record that names a household or person found neither here nor in the set rejects it all.
 */
export async function mergeRecordSet(service: RecordsService, bundle: RecordSet): Promise<ImportSummary> {
  const summary = await service.applyBatch((state) => {
    const result = emptySummary('bundle');
    const ops: RecordOp[] = [];
    const errors: string[] = [];
    const erased = new Set<string>();
    const newDeletions = bundle.deletions.filter((x) => !state.hasDeletion(x.idHash));
    if (newDeletions.length) {
      const byHash = new Map<string, { kind: 'person' | 'household'; id: string }>();
      for (const id of state.households.keys()) byHash.set(idHash(id), { kind: 'household', id });
      for (const id of state.people.keys()) byHash.set(idHash(id), { kind: 'person', id });
      const gone = new Set<string>();
      const logOnly: Deletion[] = [];
      for (const line of newDeletions) {
        erased.add(line.idHash);
        const target = byHash.get(line.idHash);
        if (!target || gone.has(target.id)) {
          logOnly.push(line);
          continue;
        }
        gone.add(target.id);
        if (target.kind === 'household') {
          for (const member of state.membersOf(target.id)) gone.add(member);
          ops.push({ k: 'del-h', id: target.id, d: [line] });
        } else {
          ops.push({ k: 'del-p', id: target.id, d: [line] });
        }
        result.deletions.applied += 1;
      }
      if (logOnly.length) ops.push({ k: 'log', d: logOnly });
      result.deletions.logged = logOnly.length;
    }
    const isErased = (id: string) => {
      const hash = idHash(id);
      return erased.has(hash) || state.hasDeletion(hash);
    };
    const merge = <T extends { id: string; updatedAt: string }>(incoming: T, local: T | undefined, tally: ImportCounts, op: (v: T) => RecordOp): boolean => {
      if (local && incoming.updatedAt <= local.updatedAt) {
        tally.unchanged += 1;
        return false;
      }
      if (local && canonicalJson(local) === canonicalJson(incoming)) {
        tally.unchanged += 1;
        return false;
      }
      ops.push(op(incoming));
      if (local) tally.updated += 1;
      else tally.added += 1;
      return true;
    };
    const householdIds = new Set<string>();
    for (const h of bundle.households) {
      if (isErased(h.id)) {
        result.skippedErased += 1;
        continue;
      }
      householdIds.add(h.id);
      merge(h, state.households.get(h.id), result.households, (v) => ({ k: 'h', v }));
    }
    const personIds = new Set<string>();
    for (const p of bundle.people) {
      if (isErased(p.id) || isErased(p.householdId)) {
        result.skippedErased += 1;
        continue;
      }
      if (!householdIds.has(p.householdId) && !state.households.has(p.householdId)) {
        errors.push(`Người ${p.id}: hộ ${p.householdId} không có trong gói cũng như trong hồ sơ ở đây.`);
        continue;
      }
      personIds.add(p.id);
      const local = state.people.get(p.id);
      if (merge(p, local, result.people, (v) => ({ k: 'p', v })) && !local) {
        const household = bundle.households.find((h) => h.id === p.householdId) ?? state.households.get(p.householdId)!;
        if (state.likelyDuplicatesAt(household, p).length > 0) result.possibleDuplicates += 1;
      }
    }
    for (const s of bundle.sessions) {
      if (isErased(s.personId)) {
        result.skippedErased += 1;
        continue;
      }
      if (!personIds.has(s.personId) && !state.people.has(s.personId)) {
        errors.push(`Phiên ${s.id}: người ${s.personId} không có trong gói cũng như trong hồ sơ ở đây.`);
        continue;
      }
      merge(s, state.sessions.get(s.id), result.sessions, (v) => ({ k: 's', v }));
    }
    if (errors.length) throw rejectRows(errors, 'Gói hồ sơ');
    return { ops, result };
  });
  if (summary.deletions.applied > 0) await service.createBackup();
  return summary;
}

/** The kinds of file `records import` accepts, told apart by content rather than name. */
export type ImportKind = 'bundle' | 'csv' | 'xlsx';

/** Tells a bundle (sealed, gzip or JSON) from an Excel workbook (a zip) and from CSV; refuses the old .xls format. */
export function detectImportKind(bytes: Buffer): ImportKind {
  if (isSealed(bytes) || (bytes[0] === 0x1f && bytes[1] === 0x8b)) return 'bundle';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new AppError('INVALID_INPUT', 'Đây là tệp Excel kiểu cũ (.xls) hoặc có đặt mật khẩu. Hãy mở bằng Excel, Lưu thành → "Excel Workbook (.xlsx)" (không đặt mật khẩu), rồi nhập tệp .xlsx.');
  }
  const start = bytes.subarray(0, 64).toString('utf8').replace(/^\ufeff/, '').trimStart();
  return start.startsWith('{') ? 'bundle' : 'csv';
}

/** Imports a bundle, an Excel workbook or a CSV file from disk, whichever it is. */
export async function importFile(service: RecordsService, geo: GeoDirectory, file: string, options: { staffId: string; passphrase?: string | undefined }): Promise<ImportSummary> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    throw new AppError('NOT_FOUND', `Không đọc được tệp ${file}.`, { cause: error });
  }
  return importBytes(service, geo, bytes, options);
}

/** Imports the bytes of a bundle, an Excel workbook or a CSV file, whichever they are. */
export function importBytes(service: RecordsService, geo: GeoDirectory, bytes: Buffer, options: { staffId: string; passphrase?: string | undefined }): Promise<ImportSummary> {
  switch (detectImportKind(bytes)) {
    case 'bundle':
      return importBundle(service, geo, bytes, { passphrase: options.passphrase });
    case 'xlsx':
      return importXlsx(service, geo, bytes, options);
    case 'csv':
      return importCsv(service, geo, bytes.toString('utf8'), options);
  }
}

/** Writes the CSV export to a file. */
export async function writeCsvFile(service: RecordsService, geo: GeoDirectory, file: string): Promise<number> {
  const text = exportCsv(service.records, geo);
  await writeFileDurable(file, text);
  return service.records.people.size;
}

/** Writes the bundle export to a file. */
export async function writeBundleFile(service: RecordsService, file: string, options: { siteName: string; passphrase: string }): Promise<number> {
  await writeFileDurable(file, await exportBundle(service, options));
  return service.records.people.size;
}
