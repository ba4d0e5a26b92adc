import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { GeoDirectory } from '../geo';
import { SKILL_KEYS } from '../skills';
import { syncFolder } from '../storage/durable-file';
import { householdCells, peopleInReportOrder, type ExportEntry } from './exchange';
import { ACHIEVEMENT_LABELS, SKILL_LABELS, SKILL_LEVEL_LABELS, SKILL_LEVELS, isProficient, type ConsentMethod } from './model';
import type { RecordsService } from './records-service';
import { vnDate, type RecordsStats } from './stats';

/** Names of the sheets, as people see them in Excel. */
export const XLSX_SHEETS = { summary: 'Tổng hợp theo thôn', skills: 'Theo kỹ năng', people: 'Danh sách người dân' } as const;

/** Column headers of the summary sheet. */
export const SUMMARY_HEADERS = ['Thôn/Tổ dân phố', 'Xã/Phường/Đặc khu', 'Số hộ', 'Số hộ đạt mục tiêu', 'Tỷ lệ hộ đạt (%)', 'Số người được ghi nhận'] as const;

const METHOD_LABELS: Record<ConsentMethod, string> = { 'man-hinh': 'Trên màn hình', giay: 'Ký phiếu giấy', 'doc-to': 'Đọc to' };

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** What a report is made of: the figures, and the people (with their households) when the reader may see names. */
export interface ReportSource {
  stats: Pick<RecordsStats, 'byHamlet' | 'households' | 'householdsMeetingGoal' | 'people' | 'skillCoverage'>;
  /** Null leaves the people sheet out (a report of figures only). */
  people: Iterable<ExportEntry> | null;
}

/** The kiosk's own records as a report source. */
export function kioskReport(service: RecordsService): ReportSource {
  return { stats: service.stats(), people: peopleInReportOrder(service.records) };
}

/**
 * Writes the report to send upward: a summary by hamlet (households, households meeting the
 * goal, share, people, and a total), coverage per skill, and the list of people. Streams rows
 * so 100,000 people fit in little memory; the file appears only when complete.
 */
export async function exportXlsx(source: ReportSource, geo: GeoDirectory, file: string, options: { siteName?: string; now?: Date } = {}): Promise<{ people: number; hamlets: number }> {
  const now = options.now ?? new Date();
  const stats = source.stats;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: temp, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Trạm Kỹ Năng Số';
  workbook.created = now;
  const bold = { bold: true };

  try {
    const summary = workbook.addWorksheet(XLSX_SHEETS.summary, { views: [{ state: 'frozen', ySplit: 5 }] });
    summary.columns = [{ width: 30 }, { width: 28 }, { width: 10 }, { width: 20 }, { width: 16 }, { width: 24 }];
    summary.addRow(['Báo cáo mục tiêu: mỗi hộ gia đình có ít nhất 01 người thành thạo 05 kỹ năng số cơ bản']).font = { bold: true, size: 13 };
    summary.addRow([`Điểm hỗ trợ: ${options.siteName ?? '(chưa đặt tên)'}`]).commit();
    summary.addRow([`Ngày xuất: ${vnDate(now.getTime()).split('-').reverse().join('/')}`]).commit();
    summary.addRow([]).commit();
    const head = summary.addRow([...SUMMARY_HEADERS]);
    head.font = bold;
    head.commit();
    for (const line of stats.byHamlet) {
      summary.addRow([line.hamlet, geo.resolve(line.provinceCode, line.communeCode)?.commune ?? line.communeCode, line.households, line.meetingGoal, ratio(line.meetingGoal, line.households), line.people]).commit();
    }
    const total = summary.addRow(['Tổng cộng', '', stats.households, stats.householdsMeetingGoal, ratio(stats.householdsMeetingGoal, stats.households), stats.people]);
    total.font = bold;
    total.commit();
    summary.commit();

    const skills = workbook.addWorksheet(XLSX_SHEETS.skills);
    skills.columns = [{ width: 34 }, ...SKILL_LEVELS.map(() => ({ width: 18 })), { width: 22 }];
    const skillsHead = skills.addRow(['Kỹ năng', ...SKILL_LEVELS.map((l) => SKILL_LEVEL_LABELS[l]), 'Tỷ lệ thành thạo (%)']);
    skillsHead.font = bold;
    skillsHead.commit();
    for (const key of SKILL_KEYS) {
      const c = stats.skillCoverage[key];
      skills.addRow([SKILL_LABELS[key], ...SKILL_LEVELS.map((l) => c.levels[l]), c.proficientPercent]).commit();
    }
    skills.commit();

    let count = 0;
    if (source.people) count = writePeopleSheet(workbook, geo, source.people);
    await workbook.commit();
    const handle = await fs.open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
    await syncFolder(path.dirname(file));
    return { people: count, hamlets: stats.byHamlet.length };
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** The list of people, one row each, streamed. */
function writePeopleSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, geo: GeoDirectory, entries: Iterable<ExportEntry>): number {
  const bold = { bold: true };
  const people = workbook.addWorksheet(XLSX_SHEETS.people, { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [
    'Mã hộ',
    'Tỉnh/Thành phố',
    'Xã/Phường/Đặc khu',
    'Thôn/Tổ dân phố',
    'Chủ hộ',
    'Họ và tên',
    'Năm sinh',
    'Giới tính',
    'Số điện thoại',
    ...SKILL_KEYS.map((k) => SKILL_LABELS[k]),
    'Thành thạo cả 5 kỹ năng',
    'Việc đã làm được',
    'Ngày đồng ý',
    'Hình thức đồng ý',
  ];
  people.columns = headers.map((h, i) => ({ width: i === 0 ? 38 : Math.max(12, Math.min(36, h.length + 4)) }));
  people.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  const peopleHead = people.addRow(headers);
  peopleHead.font = bold;
  peopleHead.commit();
  let count = 0;
  for (const entry of entries) {
    const { person } = entry;
    people
      .addRow([
        ...householdCells(geo, entry),
        person.birthYear,
        person.gender === 'nam' ? 'Nam' : person.gender === 'nu' ? 'Nữ' : '',
        person.phone ?? '',
        ...SKILL_KEYS.map((k) => SKILL_LEVEL_LABELS[person.skills[k]]),
        isProficient(person) ? 'Có' : 'Chưa',
        person.achievements.map((a) => ACHIEVEMENT_LABELS[a]).join('; '),
        vnDate(Date.parse(person.consent.at)).split('-').reverse().join('/'),
        METHOD_LABELS[person.consent.method],
      ])
      .commit();
    count += 1;
  }
  people.commit();
  return count;
}
