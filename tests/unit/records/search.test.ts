import { describe, expect, it } from 'vitest';
import { HA_NOI, closeRecords, openRecords, personInput } from './support/records';

const NAMES = ['Nguyễn Thị Ánh', 'Nguyễn Thị Anh', 'Nguyễn Văn An', 'Đặng Thị Đào', 'Đỗ Văn Dũng', 'Dương Thị Hà', 'Ngô Thị Ánh', 'Trần Ánh Dương', 'Ông Văn Ba', 'Ưng Thị Tư', 'Âu Văn Bình', 'Ân Thị Lụa', 'Lê Thị Thanh Anh'];

async function seeded() {
  const opened = await openRecords();
  const h = await opened.service.addHousehold({ ...HA_NOI, hamlet: 'Tổ dân phố 7', headName: 'Nguyễn Văn An' });
  for (const [i, name] of NAMES.entries()) {
    await opened.service.addPerson(personInput(h.id, name, 1950 + i, { phone: `09123456${String(i).padStart(2, '0')}` }), { allowDuplicate: true });
  }
  return { ...opened, household: h };
}

const names = (hits: { person: { fullName: string } }[]) => hits.map((h) => h.person.fullName);

describe('finding people', () => {
  it('ignores case and diacritics: "nguyen thi anh" finds Nguyễn Thị Ánh', async () => {
    const { service } = await seeded();
    expect(names(service.search('nguyen thi anh'))).toEqual(['Nguyễn Thị Anh', 'Nguyễn Thị Ánh']);
    expect(names(service.search('NGUYỄN THỊ ÁNH'))).toEqual(['Nguyễn Thị Anh', 'Nguyễn Thị Ánh']);
    expect(names(service.search('Nguyễn Thị Ánh'.normalize('NFD')))).toEqual(['Nguyễn Thị Anh', 'Nguyễn Thị Ánh']);
    expect(names(service.search('  thi   anh  '))).toEqual(['Lê Thị Thanh Anh', 'Ngô Thị Ánh', 'Nguyễn Thị Anh', 'Nguyễn Thị Ánh']);
  });

  it('reads đ/Đ as d and matches words from their start', async () => {
    const { service } = await seeded();
    expect(names(service.search('dang dao'))).toEqual(['Đặng Thị Đào']);
    expect(names(service.search('Đ'))).toEqual(names(service.search('d')));
    expect(names(service.search('d'))).toEqual(['Dương Thị Hà', 'Đặng Thị Đào', 'Đỗ Văn Dũng', 'Trần Ánh Dương']);
    // "anh" starts the word "Anh"/"Ánh", not the middle of "Thanh".
    expect(names(service.search('anh'))).not.toContain('Nguyễn Văn An');
    expect(names(service.search('ung'))).toEqual(['Ưng Thị Tư']);
  });

  it('lists results in Vietnamese collation order', async () => {
    const { service } = await seeded();
    const all = names(service.search('', 100));
    expect(all).toEqual([...NAMES].sort(new Intl.Collator('vi').compare));
    // The Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
    expect(all.indexOf('Âu Văn Bình')).toBeLessThan(all.indexOf('Dương Thị Hà'));
    expect(all.indexOf('Dương Thị Hà')).toBeLessThan(all.indexOf('Đặng Thị Đào'));
    expect(all.indexOf('Ông Văn Ba')).toBeGreaterThan(all.indexOf('Ngô Thị Ánh'));
    expect(all.indexOf('Ưng Thị Tư')).toBe(all.length - 1);
  });

  it('matches digits against the phone or the birth year, and honours the limit', async () => {
    const { service } = await seeded();
    expect(names(service.search('0912345603'))).toEqual(['Đặng Thị Đào']);
    expect(names(service.search('thi 1951'))).toEqual(['Nguyễn Thị Anh']);
    expect(service.search('thi', 2)).toHaveLength(2);
    expect(service.search('không có ai')).toEqual([]);
  });

  it('keeps the order through renames, deletions and a restart', async () => {
    const { service, dir, household } = await seeded();
    const [ung] = service.search('ung thi tu');
    await service.updatePerson(ung!.person.id, { fullName: 'An Thị Tư' });
    const [dao] = service.search('dang dao');
    await service.deletePerson(dao!.person.id, { staffId: 'can-bo-1' });
    const expected = names(service.search('', 100));
    expect(expected[0]).toBe('An Thị Tư');
    expect(expected).not.toContain('Đặng Thị Đào');
    expect(expected).toEqual([...expected].sort(new Intl.Collator('vi').compare));
    await closeRecords(service);
    const { service: again } = await openRecords({ dir });
    expect(names(again.search('', 100))).toEqual(expected);
    expect(again.search('tu')[0]!.household?.id).toBe(household.id);
  });

  it('finds households by head or hamlet', async () => {
    const { service, household } = await seeded();
    await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn Đoài', headName: 'Bùi Văn Đông' });
    expect(service.searchHouseholds('to dan pho 7').map((h) => [h.household.id, h.members])).toEqual([[household.id, NAMES.length]]);
    expect(service.searchHouseholds('doai').map((h) => h.household.headName)).toEqual(['Bùi Văn Đông']);
    expect(service.searchHouseholds('', 10).map((h) => h.household.headName)).toEqual(['Bùi Văn Đông', 'Nguyễn Văn An']);
  });
});
