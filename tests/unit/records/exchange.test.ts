import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv, formatCsv } from '../../../electron/services/records/csv';
import { CSV_COLUMNS, exportBundle, exportCsv, importBundle, importBytes, importCsv, importFile, importXlsx } from '../../../electron/services/records/exchange';
import { unseal } from '../../../electron/services/records/seal';
import { cellText } from '../../../electron/services/records/sheet-text';
import { COMMUNE_ROWS, communeWorkbook } from '../../support/commune-workbook';
import { XLSX_SHEETS, SUMMARY_HEADERS, exportXlsx, kioskReport } from '../../../electron/services/records/xlsx';
import { tempDir } from '../support/temp';
import { ALL_PROFICIENT, HA_NOI, geo, openRecords, personInput, refusal } from './support/records';

const HEADER = CSV_COLUMNS.join(',');
const row = (cells: Record<string, string>) => CSV_COLUMNS.map((c) => cells[c] ?? '').join(',');
const base = {
  ma_ho: 'H01',
  tinh: 'Hà Nội',
  xa: 'Ba Đình',
  thon: 'Tổ dân phố 4',
  chu_ho: 'Nguyễn Văn Bình',
  ho_ten: 'Nguyễn Văn Bình',
  nam_sinh: '1958',
  gioi_tinh: 'nam',
  so_dien_thoai: '0912 345 678',
  ky_nang_dich_vu_cong: 'thanh-thao',
  ky_nang_mua_sam: 'thanh-thao',
  ky_nang_thanh_toan: 'thanh-thao',
  ky_nang_an_toan: 'thanh-thao',
  ky_nang_nen_tang_so: 'thanh-thao',
  dong_y: '2026-02-20',
  hinh_thuc_dong_y: 'giay',
};
const communeList = [
  HEADER,
  row(base),
  row({ ...base, ho_ten: 'Nguyễn Thị Ánh', nam_sinh: '1961', gioi_tinh: 'nu', so_dien_thoai: '', ky_nang_an_toan: 'da-thuc-hanh', hinh_thuc_dong_y: 'doc-to' }),
  row({ ...base, ma_ho: 'H02', tinh: '01', xa: '4', thon: 'tổ dân phố 4', chu_ho: 'Trần Văn Cường', ho_ten: 'Trần Văn Cường', nam_sinh: '1970', so_dien_thoai: '987654321', ky_nang_mua_sam: 'Đã hướng dẫn', dong_y: '5/1/2026', hinh_thuc_dong_y: 'Màn hình' }),
].join('\r\n');

async function seededKiosk() {
  const opened = await openRecords();
  const { service } = opened;
  const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Tổ dân phố 1, khu Đông', headName: 'Lê Văn Tư' });
  const a = await service.addPerson(personInput(h.id, 'Lê Thị Hoa', 1970, { phone: '0912345678', gender: 'nu', skills: ALL_PROFICIENT, achievements: ['vneid-muc-2', 'vssid'] }));
  const b = await service.addPerson(personInput(h.id, 'Lê Văn Tư', 1968, { skills: { 'an-toan': 'da-thuc-hanh' } }));
  const h2 = await service.addHousehold({ ...HA_NOI, hamlet: 'Tổ dân phố 2', headName: 'Đỗ Minh Châu' });
  const c = await service.addPerson(personInput(h2.id, 'Đỗ Minh Châu', 1990));
  const s = await service.openSession({ personId: a.id, staffId: 'can-bo-1', siteName: 'Bộ phận một cửa', campaign: 'thang-3' });
  await service.finishSession(s.id, { skills: ALL_PROFICIENT, achievements: ['vneid-muc-2'] });
  return { ...opened, households: [h, h2], people: [a, b, c] };
}

describe('CSV', () => {
  it('parses RFC 4180: quotes, doubled quotes, line breaks in fields, CRLF or LF, a BOM, semicolons from Vietnamese Excel', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n"two\r\nlines",\n').rows).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['two\r\nlines', '']]);
    expect(parseCsv('a;b\n1;"2;3"').rows).toEqual([['a', 'b'], ['1', '2;3']]);
    expect(parseCsv('a,b\n\n1,2\n').rows).toEqual([['a', 'b'], [], ['1', '2']]);
    expect(parseCsv('a,""\n').rows).toEqual([['a', '']]);
    expect(() => parseCsv('a,b\n"open,2\n')).toThrow(/Dòng 2: dấu ngoặc kép/);
    const tricky = [['Lê "Tư", con', 'dòng\nhai', ''], ['=1+1', ' ', 'x']];
    expect(parseCsv(formatCsv(tricky)).rows).toEqual(tricky);
  });

  it('exports UTF-8 with a BOM, the exact columns and quoting, and imports its own export back unchanged', async () => {
    const { service, households, people } = await seededKiosk();
    const text = exportCsv(service.records, geo);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toBe(
      `${households[0]!.id},Thành phố Hà Nội,Phường Ba Đình,"Tổ dân phố 1, khu Đông",Lê Văn Tư,Lê Thị Hoa,1970,nu,0912345678,thanh-thao,thanh-thao,thanh-thao,thanh-thao,thanh-thao,2026-03-02,man-hinh`,
    );
    expect(lines).toHaveLength(people.length + 2);
    const before = JSON.stringify(service.stats());
    const summary = await importCsv(service, geo, text, { staffId: 'can-bo-1' });
    expect(summary.people).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(summary.households).toEqual({ added: 0, updated: 0, unchanged: 2 });
    expect(JSON.stringify(service.stats())).toBe(before);
  });

  it("imports a commune's list (names or codes, Excel's lost leading zero, D/M/YYYY) and twice changes nothing", async () => {
    const { service } = await openRecords();
    const first = await importCsv(service, geo, communeList, { staffId: 'can-bo-1' });
    expect(first.households.added).toBe(2);
    expect(first.people.added).toBe(3);
    const hits = service.search('tran van cuong');
    expect(hits[0]!.person).toMatchObject({ phone: '0987654321', birthYear: 1970, consent: { version: 'ngoai-tram', method: 'man-hinh', at: '2026-01-04T17:00:00.000Z', staffId: 'can-bo-1' } });
    expect(hits[0]!.person.skills['mua-sam']).toBe('da-huong-dan');
    expect(hits[0]!.household).toMatchObject({ provinceCode: '01', communeCode: '00004', hamlet: 'tổ dân phố 4' });
    expect(service.stats()).toMatchObject({ households: 2, householdsMeetingGoal: 1, people: 3 });
    const stateBefore = JSON.stringify([...service.records.people.values()]);
    const second = await importCsv(service, geo, `\ufeff${communeList}`, { staffId: 'can-bo-2' });
    expect(second.people).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(second.households.added).toBe(0);
    expect(JSON.stringify([...service.records.people.values()])).toBe(stateBefore);
  });

  it('raises levels and fills gaps on re-import but never lowers what the kiosk recorded', async () => {
    const { service } = await openRecords();
    await importCsv(service, geo, communeList, { staffId: 'can-bo-1' });
    const anh = service.search('nguyen thi anh')[0]!.person;
    await service.updatePerson(anh.id, { skills: { 'mua-sam': 'thanh-thao' } });
    const raised = communeList.replace(',da-thuc-hanh,', ',thanh-thao,').replace('1961,nu,,', '1961,nu,0901234567,').replace(/thanh-thao,thanh-thao,thanh-thao,thanh-thao,thanh-thao,2026-02-20,doc-to/, 'thanh-thao,chua,thanh-thao,thanh-thao,thanh-thao,2026-02-20,doc-to');
    const summary = await importCsv(service, geo, raised, { staffId: 'can-bo-1' });
    expect(summary.people).toEqual({ added: 0, updated: 1, unchanged: 2 });
    const after = service.getPerson(anh.id)!;
    expect(after.skills['an-toan']).toBe('thanh-thao');
    expect(after.skills['mua-sam']).toBe('thanh-thao');
    expect(after.phone).toBe('0901234567');
  });

  it('rejects the whole file when any row is bad, naming each row', async () => {
    const { service } = await openRecords();
    const bad = [
      HEADER,
      row(base),
      row({ ...base, ho_ten: 'Nguyễn Văn Ba', nam_sinh: '1899' }),
      row({ ...base, ho_ten: 'Nguyễn Văn Tư', so_dien_thoai: '12345' }),
      row({ ...base, ho_ten: 'Nguyễn Văn Năm', dong_y: '' }),
      row({ ...base, ho_ten: 'Nguyễn Văn Sáu', xa: 'Xã Không Có' }),
      row({ ...base, ho_ten: 'Nguyễn Văn Bảy', thon: 'Tổ dân phố 9' }),
      row({ ...base, ho_ten: 'Nguyễn Văn Tám', ky_nang_an_toan: 'gioi', hinh_thuc_dong_y: 'im-lang' }),
      row(base),
    ].join('\n');
    const e = await refusal(importCsv(service, geo, bad, { staffId: 'can-bo-1' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/có 7 lỗi nên chưa nhập dòng nào/);
    const messages = Object.values(e.fields ?? {});
    expect(messages).toEqual([
      'Dòng 3: năm sinh phải từ 1900 đến 2026 (nam_sinh).',
      'Dòng 4: số điện thoại phải có 10 chữ số, bắt đầu bằng 0 (so_dien_thoai).',
      'Dòng 5: thiếu ngày đồng ý (dong_y): không nhập người chưa đồng ý cho lưu thông tin.',
      'Dòng 6: không có xã/phường/đặc khu “Xã Không Có” thuộc Thành phố Hà Nội (xa).',
      'Dòng 8: mức kỹ năng phải là chua/da-huong-dan/da-thuc-hanh/thanh-thao (ky_nang_an_toan); hình thức đồng ý phải là man-hinh/giay/doc-to (hinh_thuc_dong_y).',
      'Dòng 7: hộ “H01” ghi thôn khác với dòng 2.',
      'Dòng 9: trùng người với dòng 2 (cùng hộ, họ tên và năm sinh).',
    ].sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0])));
    expect(service.stats().people).toBe(0);
  });

  it('refuses unknown or missing columns and files that are not UTF-8', async () => {
    const { service } = await openRecords();
    const e = await refusal(importCsv(service, geo, `${HEADER},so_cccd\r\n${row(base)},001234567890`, { staffId: 'x' }));
    expect(e.message).toMatch(/so_cccd/);
    const missing = await refusal(importCsv(service, geo, HEADER.replace(',dong_y', ''), { staffId: 'x' }));
    expect(missing.message).toMatch(/thiếu cột dong_y/);
    const dir = tempDir();
    const file = path.join(dir, 'ansi.csv');
    writeFileSync(file, Buffer.concat([Buffer.from(`${HEADER}\r\nH01,H`), Buffer.from([0xe0]), Buffer.from(' N?i\r\n')]));
    expect((await refusal(importFile(service, geo, file, { staffId: 'x' }))).message).toMatch(/không phải UTF-8/);
  });
});

describe('xlsx', () => {
  it('writes a summary by hamlet and a people sheet that read back with exceljs', async () => {
    const { service, dir } = await seededKiosk();
    const file = path.join(dir, 'bao-cao.xlsx');
    const result = await exportXlsx(kioskReport(service), geo, file, { siteName: 'Bộ phận một cửa phường Ba Đình', now: new Date('2026-03-02T03:00:00Z') });
    expect(result).toEqual({ people: 3, hamlets: 2 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual([XLSX_SHEETS.summary, XLSX_SHEETS.skills, XLSX_SHEETS.people]);
    const summary = book.getWorksheet(XLSX_SHEETS.summary)!;
    const values = (r: ExcelJS.Row) => (r.values as unknown[]).slice(1);
    expect(values(summary.getRow(2))).toEqual(['Điểm hỗ trợ: Bộ phận một cửa phường Ba Đình']);
    expect(values(summary.getRow(5))).toEqual([...SUMMARY_HEADERS]);
    expect(values(summary.getRow(6))).toEqual(['Tổ dân phố 1, khu Đông', 'Phường Ba Đình', 1, 1, 100, 2]);
    expect(values(summary.getRow(7))).toEqual(['Tổ dân phố 2', 'Phường Ba Đình', 1, 0, 0, 1]);
    expect(values(summary.getRow(8))).toEqual(['Tổng cộng', undefined, 2, 1, 50, 3]);
    const people = book.getWorksheet(XLSX_SHEETS.people)!;
    expect(values(people.getRow(1)).slice(0, 9)).toEqual(['Mã hộ', 'Tỉnh/Thành phố', 'Xã/Phường/Đặc khu', 'Thôn/Tổ dân phố', 'Chủ hộ', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại']);
    expect(people.rowCount).toBe(4);
    const hoa = values(people.getRow(2));
    expect(hoa.slice(3, 9)).toEqual(['Tổ dân phố 1, khu Đông', 'Lê Văn Tư', 'Lê Thị Hoa', 1970, 'Nữ', '0912345678']);
    expect(hoa).toContain('Thành thạo');
    expect(hoa).toContain('Có');
    expect(hoa.join(' ')).toMatch(/VNeID mức 2/);
    const skills = book.getWorksheet(XLSX_SHEETS.skills)!;
    expect(values(skills.getRow(2))).toEqual(['Dịch vụ công trực tuyến', 2, 0, 0, 1, 33.3]);
  });
});

describe('xlsx import', () => {
  it("imports a commune's workbook as it is: the list sheet under its title rows, Excel dates, text numbers, phones without their 0, merged cells", async () => {
    const { service } = await openRecords();
    const summary = await importXlsx(service, geo, await communeWorkbook(), { staffId: 'can-bo-1' });
    expect(summary).toMatchObject({ format: 'xlsx', sheet: 'Danh sách hộ', households: { added: 2 }, people: { added: 3 } });
    const binh = service.search('nguyen van binh')[0]!;
    expect(binh.person).toMatchObject({ phone: '0912345678', birthYear: 1962, gender: 'nam', consent: { at: '2026-02-19T17:00:00.000Z', method: 'giay', version: 'ngoai-tram' } });
    expect(binh.household).toMatchObject({ hamlet: 'Thôn Phù Dực', headName: 'Nguyễn Văn Bình' });
    expect(geo.resolve(binh.household!.provinceCode, binh.household!.communeCode)?.commune).toBe('Xã Phù Đổng');
    // The second member's code and hamlet sit in merged cells: she belongs to the same household.
    expect(service.search('tran thi anh')[0]!.household?.id).toBe(binh.household!.id);
    expect(service.search('tran thi anh')[0]!.person.skills['an-toan']).toBe('da-thuc-hanh');
    expect(service.search('le van cuong')[0]!.person).toMatchObject({ phone: '0987654321', birthYear: 1958, consent: { at: '2026-02-28T17:00:00.000Z' } });
    expect(service.stats()).toMatchObject({ households: 2, householdsMeetingGoal: 1, people: 3 });
    const again = await importBytes(service, geo, await communeWorkbook(), { staffId: 'can-bo-2' });
    expect(again).toMatchObject({ format: 'xlsx', people: { added: 0, updated: 0, unchanged: 3 } });
  });

  it('reads the same people as the same list saved as CSV', async () => {
    const fromXlsx = await openRecords();
    await importXlsx(fromXlsx.service, geo, await communeWorkbook(), { staffId: 'can-bo-1' });
    const csv = [HEADER, ...COMMUNE_ROWS.map((r) => row(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cellText(v ?? null)]))))].join('\r\n');
    const fromCsv = await openRecords();
    await importCsv(fromCsv.service, geo, csv, { staffId: 'can-bo-1' });
    const people = (s: typeof fromCsv.service) => [...s.records.people.values()].map(({ createdAt: _c, updatedAt: _u, ...p }) => p).sort((a, b) => a.id.localeCompare(b.id));
    expect(people(fromXlsx.service)).toEqual(people(fromCsv.service));
  });

  it('refuses the whole workbook on any bad row, naming the rows as Excel numbers them', async () => {
    const { service } = await openRecords();
    const rows = [...COMMUNE_ROWS, { ...COMMUNE_ROWS[2]!, ma_ho: 'PD-03', ho_ten: 'Phạm Văn Dũng', chu_ho: 'Phạm Văn Dũng', nam_sinh: '1850', so_dien_thoai: 12345 }, { ...COMMUNE_ROWS[2]!, ma_ho: 'PD-04', ho_ten: 'Đỗ Thị Hoa', chu_ho: 'Đỗ Thị Hoa', dong_y: null }];
    const e = await refusal(importXlsx(service, geo, await communeWorkbook(rows), { staffId: 'can-bo-1' }));
    expect(e.message).toMatch(/có 2 lỗi nên chưa nhập dòng nào/);
    expect(Object.values(e.fields ?? {})).toEqual([
      'Dòng 8: năm sinh phải từ 1900 đến 2026 (nam_sinh); số điện thoại phải có 10 chữ số, bắt đầu bằng 0 (so_dien_thoai).',
      'Dòng 9: thiếu ngày đồng ý (dong_y): không nhập người chưa đồng ý cho lưu thông tin.',
    ]);
    expect(service.stats().people).toBe(0);
  });

  it('names the header row by its Excel number when a column is missing or unknown', async () => {
    const { service } = await openRecords();
    const book = await communeWorkbook(COMMUNE_ROWS, { header: [...CSV_COLUMNS.filter((c) => c !== 'hinh_thuc_dong_y'), 'so_cccd'] });
    const e = await refusal(importXlsx(service, geo, book, { staffId: 'x' }));
    expect(Object.values(e.fields ?? {})).toEqual([expect.stringMatching(/^Dòng 4: thiếu cột hinh_thuc_dong_y\. Dòng 4: có cột không nhận so_cccd/)]);
  });

  it('refuses a workbook where two sheets hold a header, naming both, and one where none does', async () => {
    const { service } = await openRecords();
    const twice = await communeWorkbook(COMMUNE_ROWS, { extra: { 'Bản cũ': [[...CSV_COLUMNS]] } });
    const e = await refusal(importXlsx(service, geo, twice, { staffId: 'x' }));
    expect(e.message).toMatch(/2 trang tính cùng có dòng tiêu đề \(“Danh sách hộ”, “Bản cũ”\)/);
    const labelled = await communeWorkbook(COMMUNE_ROWS, { header: CSV_COLUMNS.map((_c, i) => `Cột ${i + 1}`) });
    const headerless = await refusal(importXlsx(service, geo, labelled, { staffId: 'x' }));
    expect(headerless.message).toMatch(/Không thấy dòng tiêu đề/);
    expect(service.stats().people).toBe(0);
  });

  it('tells .xlsx, the old .xls and a broken zip apart by content', async () => {
    const { service } = await openRecords();
    const dir = tempDir();
    writeFileSync(path.join(dir, 'danh-sach.bin'), await communeWorkbook());
    expect(await importFile(service, geo, path.join(dir, 'danh-sach.bin'), { staffId: 'x' })).toMatchObject({ format: 'xlsx', sheet: 'Danh sách hộ' });
    writeFileSync(path.join(dir, 'cu.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect((await refusal(importFile(service, geo, path.join(dir, 'cu.xls'), { staffId: 'x' }))).message).toMatch(/\.xls.*Excel Workbook \(\.xlsx\)/);
    writeFileSync(path.join(dir, 'hong.xlsx'), Buffer.from('PK\u0003\u0004rest'));
    expect((await refusal(importFile(service, geo, path.join(dir, 'hong.xlsx'), { staffId: 'x' }))).message).toMatch(/Không đọc được tệp Excel này/);
  });

  it('reads cells as people see them', () => {
    expect(cellText(912345678)).toBe('912345678');
    expect(cellText(new Date(Date.UTC(2026, 1, 20, 0, 0)))).toBe('2026-02-20');
    expect(cellText({ formula: 'A1', result: 1958 })).toBe('1958');
    expect(cellText({ richText: [{ text: 'Nguyễn ' }, { text: 'Văn Bình' }] })).toBe('Nguyễn Văn Bình');
    expect(cellText({ text: 'dichvucong.gov.vn', hyperlink: 'https://dichvucong.gov.vn' })).toBe('dichvucong.gov.vn');
    expect(cellText({ error: '#N/A' } as ExcelJS.CellErrorValue)).toBe('#N/A');
    expect(cellText(null)).toBe('');
  });
});

/** A passphrase and a low scrypt cost, so sealing stays quick in tests. */
const SEAL = { passphrase: 'xanh-la-cay-2026', sealCost: { N: 2 ** 10, r: 8, p: 1 } };

describe('bundles', () => {
  it('are sealed: nobody’s name is in the file, a wrong passphrase or an altered byte is refused with its own message, and nothing is imported', async () => {
    const booth = await seededKiosk();
    const commune = await openRecords();
    const sealed = await exportBundle(booth.service, { siteName: 'Điểm lưu động', ...SEAL });
    const text = sealed.toString('latin1');
    for (const person of booth.people) expect(text).not.toContain(person.fullName.split(' ').pop()!);
    expect(gunzipSyncOrNull(sealed)).toBeNull();
    expect((await refusal(importBundle(commune.service, geo, sealed))).message).toMatch(/đã được khóa.*cụm mật khẩu/);
    expect((await refusal(importBundle(commune.service, geo, sealed, { passphrase: 'sai-mat-khau-roi' }))).message).toMatch(/Sai cụm mật khẩu/);
    const altered = Buffer.from(sealed);
    altered[altered.length - 40]! ^= 0x01;
    expect((await refusal(importBundle(commune.service, geo, altered, SEAL))).message).toMatch(/bị sửa đổi hoặc hỏng/);
    const cut = sealed.subarray(0, sealed.length - 100);
    expect((await refusal(importBundle(commune.service, geo, cut, SEAL))).message).toMatch(/bị sửa đổi hoặc hỏng/);
    expect(commune.service.stats().people).toBe(0);
    expect((await importBundle(commune.service, geo, sealed, SEAL)).people.added).toBe(3);
    await expect(exportBundle(booth.service, { siteName: 'X', passphrase: 'ngan' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/ít nhất 10 ký tự/) });
  });

  it('merges another kiosk idempotently by id, the newest update winning, erasures honoured both ways', async () => {
    const booth = await seededKiosk();
    const commune = await openRecords();
    const bundle = await exportBundle(booth.service, { siteName: 'Điểm lưu động', ...SEAL });
    const manifest = (JSON.parse(gunzipSync(await unseal(bundle, SEAL.passphrase)).toString('utf8')) as { manifest: unknown }).manifest;
    expect(manifest).toMatchObject({ kind: 'tram-ky-nang-so/ho-so', version: 1, siteName: 'Điểm lưu động', households: 2, people: 3, sessions: 1, deletions: 0 });

    const first = await importBundle(commune.service, geo, bundle, SEAL);
    expect(first).toMatchObject({ households: { added: 2 }, people: { added: 3 }, sessions: { added: 1 } });
    const statsAfterFirst = JSON.stringify(commune.service.stats());
    const again = await importBundle(commune.service, geo, bundle, SEAL);
    expect(again).toMatchObject({ households: { added: 0, updated: 0, unchanged: 2 }, people: { added: 0, updated: 0, unchanged: 3 }, sessions: { unchanged: 1 } });
    expect(JSON.stringify(commune.service.stats())).toBe(statsAfterFirst);

    // Newest wins: the commune edits Hoa later; the booth edits Tư later.
    const [hoa, tu, chau] = booth.people;
    commune.clock.now += 60_000;
    await commune.service.updatePerson(hoa!.id, { phone: '0900000001' });
    booth.clock.now += 120_000;
    await booth.service.updatePerson(tu!.id, { skills: ALL_PROFICIENT });
    await booth.service.updatePerson(hoa!.id, { phone: '0900000002' });
    commune.clock.now += 120_000;
    await commune.service.updatePerson(hoa!.id, { phone: '0900000003' });
    // The booth erases Châu; the commune erased nobody.
    await booth.service.deletePerson(chau!.id, { staffId: 'can-bo-9', reason: 'rut-dong-y' });
    const merged = await importBundle(commune.service, geo, await exportBundle(booth.service, { siteName: 'Điểm lưu động', ...SEAL }), SEAL);
    expect(merged.deletions).toEqual({ applied: 1, logged: 0 });
    expect(commune.service.getPerson(tu!.id)?.skills['an-toan']).toBe('thanh-thao');
    expect(commune.service.getPerson(hoa!.id)?.phone).toBe('0900000003');
    expect(commune.service.getPerson(chau!.id)).toBeNull();
    expect(readFileSync(path.join(commune.dir, 'records.json'), 'utf8')).not.toContain('Đỗ Minh Châu",1990');

    // An old bundle that still holds Châu cannot bring her back.
    const resurrect = await importBundle(commune.service, geo, bundle, SEAL);
    expect(resurrect.skippedErased).toBe(1);
    expect(commune.service.getPerson(chau!.id)).toBeNull();
  });

  it('rejects a bundle with any bad record, naming it, and changes nothing', async () => {
    const booth = await seededKiosk();
    const commune = await openRecords();
    const value = JSON.parse(gunzipSync(await unseal(await exportBundle(booth.service, { siteName: 'Điểm lưu động', ...SEAL }), SEAL.passphrase)).toString('utf8')) as {
      people: Record<string, unknown>[];
      households: Record<string, unknown>[];
    };
    value.people[1]!.birthYear = 1800;
    value.people[2]!.soCccd = '0123';
    value.households[0]!.communeCode = '99999';
    const e = await refusal(importBundle(commune.service, geo, gzipSync(JSON.stringify(value))));
    const messages = Object.values(e.fields ?? {}).join('\n');
    expect(messages).toMatch(/Người thứ 2 \(.+\): birthYear/);
    expect(messages).toMatch(/Người thứ 3 \(.+\): soCccd/);
    expect(messages).toMatch(/Hộ .+: mã tỉnh 01 \/ xã 99999/);
    expect(commune.service.stats().people).toBe(0);
    expect((await refusal(importBundle(commune.service, geo, Buffer.from('{"manifest":{"kind":"khac"}}')))).code).toBe('INVALID_INPUT');
    expect((await refusal(importBundle(commune.service, geo, gzipSync('{"cut'))))).toBeTruthy();
  });

  it('tells a bundle from a CSV file by content', async () => {
    const booth = await seededKiosk();
    const { service } = await openRecords();
    const dir = tempDir();
    writeFileSync(path.join(dir, 'goi.bin'), await exportBundle(booth.service, { siteName: 'X', ...SEAL }));
    writeFileSync(path.join(dir, 'danh-sach.txt'), communeList);
    expect((await importFile(service, geo, path.join(dir, 'goi.bin'), { staffId: 'x', passphrase: SEAL.passphrase })).format).toBe('bundle');
    expect((await importFile(service, geo, path.join(dir, 'danh-sach.txt'), { staffId: 'x' })).format).toBe('csv');
  });
});

function gunzipSyncOrNull(bytes: Buffer): Buffer | null {
  try {
    return gunzipSync(bytes);
  } catch {
    return null;
  }
}
