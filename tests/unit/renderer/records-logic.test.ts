import { describe, expect, it } from 'vitest';
import type { Person, Session, SkillKey } from '../../../electron/api/types';
import {
  addHouseholdInput,
  addPersonInput,
  addressName,
  blankPersonForm,
  callName,
  checkPersonForm,
  emptyLevels,
  formOf,
  honorific,
  meetsGoal,
  prefillLevels,
  salutation,
  unfinishedRows,
  updatePersonInput,
  vnDate,
  vnPhone,
} from '../../../renderer/src/records/records-logic';
import { MESSAGES } from '../../../renderer/src/lib/i18n';

const SKILL_OF: Record<string, SkillKey> = { 'nhan-biet-cua-hang-gia': 'mua-sam', 'mat-khau-va-otp': 'an-toan', 'chuyen-tien-vietqr': 'thanh-toan' };
const skillOf = (id: string): SkillKey | undefined => SKILL_OF[id];

describe('prefillLevels', () => {
  it('raises a skill with a completed demo to da-thuc-hanh and leaves the rest', () => {
    const current = { ...emptyLevels(), 'dich-vu-cong': 'da-huong-dan' as const };
    const next = prefillLevels(current, [{ demoId: 'nhan-biet-cua-hang-gia', completed: true }], skillOf);
    expect(next).toEqual({ ...current, 'mua-sam': 'da-thuc-hanh' });
    expect(current['mua-sam']).toBe('chua');
  });

  it('never lowers a level, and ignores runs stopped part way and unknown demos', () => {
    const current = { ...emptyLevels(), 'an-toan': 'thanh-thao' as const };
    const next = prefillLevels(
      current,
      [
        { demoId: 'mat-khau-va-otp', completed: true },
        { demoId: 'chuyen-tien-vietqr', completed: false },
        { demoId: 'khong-co', completed: true },
      ],
      skillOf,
    );
    expect(next).toEqual(current);
  });
});

describe('names and greetings', () => {
  it('calls a person by the last word of the name, NFC', () => {
    expect(callName('Nguyễn Thị Ánh')).toBe('Ánh');
    expect(callName('  Trần   Văn  Bình ')).toBe('Bình');
    expect(callName('Nguye\u0302\u0303n Thi\u0323 A\u0301nh')).toBe('Ánh');
    expect(callName('')).toBe('');
  });

  it('says bác from 50, else anh or chị by gender', () => {
    expect(honorific({ birthYear: 1958 }, 2026)).toBe('bác');
    expect(honorific({ birthYear: 1990, gender: 'nam' }, 2026)).toBe('anh');
    expect(honorific({ birthYear: 1990, gender: 'nu' }, 2026)).toBe('chị');
    expect(honorific({ birthYear: 1990 }, 2026)).toBe('anh/chị');
  });

  it('greets on the card as "Kính gửi bác Ánh"', () => {
    expect(salutation({ fullName: 'Nguyễn Thị Ánh', birthYear: 1958 }, 2026)).toBe('Kính gửi bác Ánh');
    expect(addressName({ fullName: 'Lê Văn Nam', birthYear: 1995, gender: 'nam' }, 2026)).toBe('anh Nam');
  });
});

describe('form to input', () => {
  const form = { ...blankPersonForm(' Nguyễn  Thị Ánh '), birthYear: ' 1958 ', phone: '0912 345 678', achievements: ['vssid', 'vneid-muc-2'] as const };

  it('maps the add form, with consent, tidy name, number year and achievements in list order', () => {
    const input = addPersonInput('s', 'h', { ...form, achievements: [...form.achievements] }, { version: 'v1', method: 'giay' });
    expect(input).toEqual({
      session: 's',
      householdId: 'h',
      fullName: 'Nguyễn Thị Ánh',
      birthYear: 1958,
      gender: null,
      phone: '0912 345 678',
      skills: emptyLevels(),
      achievements: ['vneid-muc-2', 'vssid'],
      consent: { version: 'v1', method: 'giay' },
    });
    expect(addPersonInput('s', 'h', blankPersonForm('A'), { version: 'v1', method: 'man-hinh' }, true).allowDuplicate).toBe(true);
  });

  it('passes a year that is not a number on for the core to name', () => {
    expect(addPersonInput('s', 'h', { ...blankPersonForm('A'), birthYear: '19x8' }, { version: 'v1', method: 'man-hinh' }).birthYear).toBe('19x8');
  });

  it('maps the edit form, clearing an emptied phone and gender with null and leaving consent out', () => {
    const person = {
      id: 'p',
      householdId: 'h',
      fullName: 'Lê Thị Hoa',
      birthYear: 1949,
      gender: 'nu' as const,
      phone: '0912345678',
      skills: { ...emptyLevels(), 'mua-sam': 'thanh-thao' as const },
      achievements: [],
      consent: { version: 'v1', at: '2026-11-29T00:00:00.000Z', method: 'man-hinh' as const, staffId: 'x' },
      createdAt: '',
      updatedAt: '',
    };
    const edited = { ...formOf(person), phone: '', gender: '' as const };
    const input = updatePersonInput('s', 'p', edited);
    expect(input).toMatchObject({ session: 's', id: 'p', fullName: 'Lê Thị Hoa', birthYear: 1949, phone: null, gender: null });
    expect(input.skills?.['mua-sam']).toBe('thanh-thao');
    expect('consent' in input).toBe(false);
  });

  it('checks the form with the core’s rules, in Vietnamese', () => {
    const r = MESSAGES.vi.records;
    expect(checkPersonForm(blankPersonForm(), 2026, r)).toEqual({ fullName: r.nameMissing, birthYear: r.yearInvalid(2026) });
    expect(checkPersonForm({ ...blankPersonForm('A'), birthYear: '2027' }, 2026, r)).toEqual({ birthYear: r.yearInvalid(2026) });
    expect(checkPersonForm({ ...blankPersonForm('A'), birthYear: '1958', phone: '0912.345.678' }, 2026, r)).toEqual({});
    expect(checkPersonForm({ ...blankPersonForm('A'), birthYear: '1958', phone: '+84 912 345 678' }, 2026, r)).toEqual({});
    expect(checkPersonForm({ ...blankPersonForm('A'), birthYear: '1958', phone: '12345' }, 2026, r)).toEqual({ phone: r.phoneInvalid });
  });

  it('maps a household', () => {
    expect(addHouseholdInput('s', { provinceCode: '01', communeCode: '00001', hamlet: ' Thôn  Đông ', headName: 'Trần Văn Bình' })).toEqual({
      session: 's',
      provinceCode: '01',
      communeCode: '00001',
      hamlet: 'Thôn Đông',
      headName: 'Trần Văn Bình',
    });
  });
});

describe('display helpers', () => {
  it('knows the goal and formats dates and phones the Vietnamese way', () => {
    expect(meetsGoal(emptyLevels())).toBe(false);
    expect(meetsGoal({ 'dich-vu-cong': 'thanh-thao', 'mua-sam': 'thanh-thao', 'thanh-toan': 'thanh-thao', 'an-toan': 'thanh-thao', 'nen-tang-so': 'thanh-thao' })).toBe(true);
    expect(vnDate(new Date(2026, 10, 29, 10).toISOString())).toBe('29/11/2026');
    expect(vnPhone('0912345678')).toBe('0912 345 678');
  });
});

describe('unfinishedRows', () => {
  const person = (id: string, fullName: string) => ({ id, fullName }) as Person;
  const session = (id: string, state: Session['state'], startedAt: string, demos: number) =>
    ({ id, state, startedAt, demos: Array.from({ length: demos }, (_, i) => ({ demoId: `d${i}`, completed: true })) }) as unknown as Session;

  it('lists name, start in Vietnam time, state and demo count, in the order given, leaving out finished sessions', () => {
    const rows = unfinishedRows([
      { session: session('s2', 'unfinished', '2026-11-29T17:05:00.000Z', 2), person: person('p2', 'Lê Thị Hoa') },
      { session: session('s1', 'open', '2026-11-28T01:30:00.000Z', 0), person: person('p1', 'Nguyễn Thị Ánh') },
      { session: session('s0', 'done', '2026-11-27T01:30:00.000Z', 1), person: person('p0', 'Trần Văn Bình') },
    ]);
    expect(rows).toEqual([
      // 17:05 UTC is past midnight in Hà Nội (UTC+7).
      { sessionId: 's2', personId: 'p2', name: 'Lê Thị Hoa', started: '30/11/2026 00:05', state: 'unfinished', demos: 2 },
      { sessionId: 's1', personId: 'p1', name: 'Nguyễn Thị Ánh', started: '28/11/2026 08:30', state: 'open', demos: 0 },
    ]);
  });

  it('has words for both states in both languages', () => {
    expect(MESSAGES.vi.records.unfinishedStates).toEqual({ open: 'Đang mở', unfinished: 'Chưa xong' });
    expect(MESSAGES.vi.records.unfinishedTitle).toBe('Phiên chưa xong');
    expect(Object.keys(MESSAGES.en.records.unfinishedStates)).toEqual(['open', 'unfinished']);
  });
});
