import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConsentTexts } from '../../../electron/services/records/consent';
import { fold } from '../../../electron/services/records/fold';
import { normalisePhone } from '../../../electron/services/records/model';
import { CONSENT, HA_NOI, openRecords, personInput, refusal } from './support/records';

const isNfc = (s: string) => s === s.normalize('NFC');

describe('the records model', () => {
  it('stores names trimmed and NFC, phones as digits, every skill at "chua" by default', async () => {
    const { service } = await openRecords();
    const h = await service.addHousehold({ ...HA_NOI, hamlet: '  Tổ dân phố   số 3 '.normalize('NFD'), headName: ' Trần  Văn Đức '.normalize('NFD') });
    expect(h.hamlet).toBe('Tổ dân phố số 3');
    expect(h.headName).toBe('Trần Văn Đức');
    expect(isNfc(h.hamlet) && isNfc(h.headName)).toBe(true);
    const p = await service.addPerson(personInput(h.id, '  nguyễn   thị ánh '.normalize('NFD'), 1956, { phone: '091 234.56 78', gender: 'nu' }));
    expect(p.fullName).toBe('nguyễn thị ánh');
    expect(isNfc(p.fullName)).toBe(true);
    expect(p.phone).toBe('0912345678');
    expect(p.gender).toBe('nu');
    expect(Object.values(p.skills)).toEqual(['chua', 'chua', 'chua', 'chua', 'chua']);
    expect(p.consent).toMatchObject({ version: 'v1', method: 'man-hinh', staffId: 'can-bo-1', at: '2026-03-02T03:00:00.000Z' });
    expect(p.achievements).toEqual([]);
  });

  it('accepts +84 for the leading 0 and refuses anything but 10 digits starting with 0', () => {
    expect(normalisePhone('+84 912 345 678')).toBe('0912345678');
    expect(normalisePhone('0912.345.678')).toBe('0912345678');
    for (const bad of ['912345678', '09123456789', '0912-345-678', '1912345678', 'số 0912345678', '']) expect(normalisePhone(bad)).toBeNull();
  });

  it('refuses a person without consent, on the consent field', async () => {
    const { service } = await openRecords();
    const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Lê Văn Hải' });
    const e = await refusal(service.addPerson({ householdId: h.id, fullName: 'Lê Thị Hoa', birthYear: 1970 }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields?.consent).toMatch(/Chưa có sự đồng ý/);
    const method = await refusal(service.addPerson({ householdId: h.id, fullName: 'Lê Thị Hoa', birthYear: 1970, consent: { ...CONSENT, method: 'im-lang' as never } }));
    expect(method.fields?.['consent.method']).toMatch(/hình thức đồng ý/);
    const version = await refusal(service.addPerson({ householdId: h.id, fullName: 'Lê Thị Hoa', birthYear: 1970, consent: { ...CONSENT, version: 'v9' } }));
    expect(version.fields?.['consent.version']).toMatch(/v9/);
    const future = await refusal(service.addPerson({ householdId: h.id, fullName: 'Lê Thị Hoa', birthYear: 1970, consent: { ...CONSENT, at: '2027-01-01T00:00:00Z' } }));
    expect(future.fields?.['consent.at']).toMatch(/tương lai/);
  });

  it('gives a Vietnamese message on the field at fault for every bad value', async () => {
    const { service } = await openRecords();
    const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Lê Văn Hải' });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ fullName: '   ' }, 'fullName', /Chưa nhập họ tên/],
      [{ fullName: 'A'.repeat(81) }, 'fullName', /dài quá 80/],
      [{ fullName: 'Lê Văn 3' }, 'fullName', /chỉ gồm chữ cái/],
      [{ birthYear: 1899 }, 'birthYear', /từ 1900 đến 2026/],
      [{ birthYear: 2027 }, 'birthYear', /từ 1900 đến 2026/],
      [{ birthYear: '19x0' }, 'birthYear', /4 chữ số/],
      [{ birthYear: 1970.5 }, 'birthYear', /số nguyên/],
      [{ phone: '0912 345' }, 'phone', /10 chữ số/],
      [{ phone: '0'.repeat(25) }, 'phone', /10 chữ số/],
      [{ gender: 'khac' }, 'gender', /nam, nữ hoặc để trống/],
      [{ skills: { 'an-toan': 'gioi' } }, 'skills.an-toan', /Mức kỹ năng/],
      [{ achievements: ['bang-lai'] }, 'achievements.0', /Thành tích/],
      [{ householdId: 'không-phải-mã' }, 'householdId', /Chưa chọn hộ/],
    ];
    for (const [change, field, message] of cases) {
      const e = await refusal(service.addPerson({ ...personInput(h.id, 'Lê Thị Hoa', 1970), ...change } as never));
      expect(e.code, field).toBe('INVALID_INPUT');
      expect(e.fields?.[field], `${field} ${JSON.stringify(e.fields)}`).toMatch(message);
      expect(e.message).toMatch(/[àáảãạăâđêôơư]/i);
    }
    expect(await service.addPerson(personInput(h.id, "Hơ-Niê Ka'Lăng", 1988))).toMatchObject({ fullName: "Hơ-Niê Ka'Lăng" });
  });

  it('refuses fields the kiosk must not collect (ID numbers, ethnicity, religion, health)', async () => {
    const { service } = await openRecords();
    const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Lê Văn Hải' });
    const e = await refusal(service.addPerson({ ...personInput(h.id, 'Lê Thị Hoa', 1970), soCccd: '001234567890', danToc: 'Kinh', tonGiao: 'Không' } as never));
    expect(Object.keys(e.fields ?? {})).toEqual(expect.arrayContaining(['soCccd', 'danToc', 'tonGiao']));
    expect(e.fields?.soCccd).toMatch(/không thu thập số định danh/);
  });

  it('checks the household address on the two-level map and limits its lengths', async () => {
    const { service } = await openRecords();
    expect((await refusal(service.addHousehold({ provinceCode: '99', communeCode: '00004', hamlet: 'Thôn 1', headName: 'Lê Hải' }))).fields?.provinceCode).toMatch(/mã 99/);
    expect((await refusal(service.addHousehold({ provinceCode: '79', communeCode: '00004', hamlet: 'Thôn 1', headName: 'Lê Hải' }))).fields?.communeCode).toMatch(/không thuộc/);
    expect((await refusal(service.addHousehold({ ...HA_NOI, hamlet: 'T'.repeat(81), headName: 'Lê Hải' }))).fields?.hamlet).toMatch(/dài quá 80/);
    expect((await refusal(service.addHousehold({ ...HA_NOI, hamlet: '', headName: 'Lê Hải' }))).fields?.hamlet).toMatch(/Chưa nhập thôn/);
    expect((await refusal(service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: '' }))).fields?.headName).toMatch(/tên chủ hộ/);
    const sessionRefusal = await refusal(service.openSession({ personId: '6f1c6b2e-1111-4111-8111-111111111111', staffId: 's', siteName: 'X'.repeat(121) }));
    expect(sessionRefusal.fields?.siteName).toMatch(/dài quá 120/);
  });

  it('offers a likely duplicate (same folded name, birth year, hamlet) instead of creating it', async () => {
    const { service } = await openRecords();
    const h1 = await service.addHousehold({ ...HA_NOI, hamlet: 'Tổ dân phố 5', headName: 'Nguyễn Văn Bình' });
    const h2 = await service.addHousehold({ ...HA_NOI, hamlet: 'tổ dân phố 5', headName: 'Phạm Văn Cường' });
    const h3 = await service.addHousehold({ ...HA_NOI, hamlet: 'Tổ dân phố 6', headName: 'Phạm Văn Dũng' });
    const first = await service.addPerson(personInput(h1.id, 'Nguyễn Thị Ánh', 1956));
    const e = await refusal(service.addPerson(personInput(h2.id, 'NGUYEN THI ANH'.normalize('NFD'), 1956)));
    expect(e.code).toBe('CONFLICT');
    expect(e.fields?.duplicateOf).toBe(first.id);
    expect(e.message).toMatch(/Có thể đã có người này: Nguyễn Thị Ánh, sinh năm 1956/);
    expect(service.likelyDuplicates({ householdId: h2.id, fullName: 'nguyen thi anh', birthYear: 1956 }).map((p) => p.id)).toEqual([first.id]);
    // Another year or another hamlet is another person; staff may also confirm a namesake.
    await service.addPerson(personInput(h2.id, 'Nguyễn Thị Ánh', 1957));
    await service.addPerson(personInput(h3.id, 'Nguyễn Thị Ánh', 1956));
    const twin = await service.addPerson(personInput(h2.id, 'Nguyễn Thị Ánh', 1956), { allowDuplicate: true });
    expect(twin.id).not.toBe(first.id);
    // Renaming into a duplicate is caught too.
    const other = await service.addPerson(personInput(h1.id, 'Nguyễn Thị Hoa', 1956));
    expect((await refusal(service.updatePerson(other.id, { fullName: 'Nguyễn Thị Ánh' }))).code).toBe('CONFLICT');
  });

  it('updates a person, clears optional fields and keeps unknown ids apart', async () => {
    const { service, clock } = await openRecords();
    const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Lê Văn Hải' });
    const p = await service.addPerson(personInput(h.id, 'Lê Thị Hoa', 1970, { phone: '0912345678', gender: 'nu' }));
    clock.now += 60_000;
    const changed = await service.updatePerson(p.id, { phone: null, gender: '', skills: { 'mua-sam': 'da-thuc-hanh' } });
    expect(changed.phone).toBeUndefined();
    expect(changed.gender).toBeUndefined();
    expect(changed.skills['mua-sam']).toBe('da-thuc-hanh');
    expect(changed.updatedAt > p.updatedAt).toBe(true);
    const same = await service.updatePerson(p.id, { fullName: 'Lê Thị Hoa' });
    expect(same.updatedAt).toBe(changed.updatedAt);
    expect((await refusal(service.updatePerson('6f1c6b2e-1111-4111-8111-111111111111', { birthYear: 1971 }))).code).toBe('NOT_FOUND');
  });

  it('folds case and diacritics, đ included, from NFC or NFD', () => {
    expect(fold('  Nguyễn  Thị ÁNH ')).toBe('nguyen thi anh');
    expect(fold('Đặng Đình Đức'.normalize('NFD'))).toBe('dang dinh duc');
    expect(fold('Trương Ngọc Ưng')).toBe('truong ngoc ung');
  });

  it('ships a versioned consent text in Vietnamese and English', () => {
    const catalog = loadConsentTexts(path.resolve(import.meta.dirname, '..', '..', '..', 'resources'));
    expect(catalog.versions).toContain('v1');
    const v1 = catalog.get('v1')!;
    expect(v1.title.vi).toMatch(/Đồng ý/);
    expect(v1.paragraphs.vi.join(' ')).toMatch(/không thu thập số căn cước/);
    expect(v1.paragraphs.en.length).toBe(v1.paragraphs.vi.length);
    for (const p of v1.paragraphs.vi) expect(isNfc(p)).toBe(true);
    expect(Object.keys(v1.methods)).toEqual(['man-hinh', 'giay', 'doc-to']);
  });
});
