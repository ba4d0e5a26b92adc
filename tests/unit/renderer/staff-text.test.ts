import { describe, expect, it } from 'vitest';
import { fieldError, fieldsOf, fold, idFromName, searchByName } from '../../../renderer/src/staff/text';

const places = ['Phường Đống Đa', 'Xã Phù Đổng', 'Phường Đông Ngạc', 'Phường Hà Đông', 'Xã Hòa Lạc', 'Xã Ứng Hoà'].map((name, i) => ({ code: String(i), name }));
const names = (list: { name: string }[]) => list.map((p) => p.name);

describe('staff text helpers', () => {
  it('folds accents, đ and case, and both placements of the tone mark', () => {
    expect(fold('  Xã  Phù Đổng ')).toBe('xa phu dong');
    expect(fold('Hòa')).toBe(fold('Hoà'));
    expect(fold('Hòa'.normalize('NFD'))).toBe('hoa');
  });

  it('finds "phu dong" as Xã Phù Đổng only, not every Phường with a Đông', () => {
    expect(names(searchByName(places, 'phu dong'))).toEqual(['Xã Phù Đổng']);
    expect(names(searchByName(places, 'PHÙ ĐỔNG'))).toEqual(['Xã Phù Đổng']);
  });

  it('matches Hòa and Hoà either way, and puts names that start with the query first', () => {
    expect(names(searchByName(places, 'hoa'))).toEqual(['Xã Hòa Lạc', 'Xã Ứng Hoà']);
    expect(names(searchByName(places, 'Hoà Lạc'))).toEqual(['Xã Hòa Lạc']);
    expect(names(searchByName(places, 'dong'))).toEqual(['Phường Đống Đa', 'Phường Đông Ngạc', 'Xã Phù Đổng', 'Phường Hà Đông']);
  });

  it('matches the kind word only as part of a phrase, and people by any word', () => {
    expect(names(searchByName(places, 'phuong ha'))).toEqual(['Phường Hà Đông']);
    expect(names(searchByName([{ name: 'Nguyễn Thị Ánh' }, { name: 'Trần Văn Bình' }], 'nguyen anh'))).toEqual(['Nguyễn Thị Ánh']);
    expect(searchByName(places, '   ')).toHaveLength(places.length);
    expect(searchByName(places, 'khong co')).toEqual([]);
  });

  it('makes kebab-case ASCII ids from names, unique and at most 40 characters', () => {
    expect(idFromName('Chiến dịch tháng 12', [])).toBe('chien-dich-thang-12');
    expect(idFromName('Chiến dịch tháng 12', ['chien-dich-thang-12'])).toBe('chien-dich-thang-12-2');
    expect(idFromName('Chiến dịch tháng 12', ['chien-dich-thang-12', 'chien-dich-thang-12-2'])).toBe('chien-dich-thang-12-3');
    expect(idFromName('Đợt cao điểm "Mỗi hộ một người thành thạo" năm 2026', [])).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(idFromName('!!!', [])).toBe('muc');
    const long = idFromName('a'.repeat(60), ['a'.repeat(40)]);
    expect(long).toHaveLength(40);
    expect(long.endsWith('-2')).toBe(true);
  });

  it('takes field messages off a refusal, without the patch. prefix', () => {
    const fields = fieldsOf({ fields: { 'patch.site.hamlets.2': 'Trùng.', 'patch.idleSeconds': 'Lớn quá.' } }, 'patch.');
    expect(fields).toEqual({ 'site.hamlets.2': 'Trùng.', idleSeconds: 'Lớn quá.' });
    expect(fieldError(fields, 'site.hamlets')).toBe('Trùng.');
    expect(fieldError(fields, 'site.name')).toBeUndefined();
    expect(fieldsOf({})).toEqual({});
  });
});
