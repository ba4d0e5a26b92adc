import type { Household, Person, Session } from '../../electron/services/records/model';

const uuid = (n: number, kind: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Households, people and sessions of one commune, made up deterministically from `seed`. */
export function makeCommuneRecords(options: { communeCode: string; provinceCode: string; households: number; perHousehold: number; seed?: number; at?: string; proficientEvery?: number }): {
  households: Household[];
  people: Person[];
  sessions: Session[];
} {
  const seed = options.seed ?? 1;
  const at = options.at ?? '2026-11-19T02:00:00.000Z';
  const households: Household[] = [];
  const people: Person[] = [];
  const sessions: Session[] = [];
  const names = ['Nguyễn Thị Ánh', 'Trần Văn Bình', 'Lê Thị Cúc', 'Phạm Văn Dũng', 'Hoàng Thị Én', 'Vũ Văn Giang'];
  for (let h = 0; h < options.households; h++) {
    const hid = uuid(seed * 1_000_000 + h, 1);
    households.push({
      id: hid,
      provinceCode: options.provinceCode,
      communeCode: options.communeCode,
      hamlet: `Thôn ${(h % 4) + 1}`,
      headName: names[h % names.length]!,
      createdAt: at,
      updatedAt: at,
    });
    for (let m = 0; m < options.perHousehold; m++) {
      const n = seed * 1_000_000 + h * 10 + m;
      const proficient = options.proficientEvery !== undefined && (h * options.perHousehold + m) % options.proficientEvery === 0;
      const level = proficient ? 'thanh-thao' : 'da-huong-dan';
      const pid = uuid(n, 2);
      people.push({
        id: pid,
        householdId: hid,
        fullName: names[(h + m) % names.length]!,
        birthYear: 1950 + ((h + m) % 50),
        skills: { 'dich-vu-cong': level, 'mua-sam': level, 'thanh-toan': level, 'an-toan': level, 'nen-tang-so': level },
        achievements: [],
        consent: { version: 'v1', at, method: 'man-hinh', staffId: 'staff-1' },
        createdAt: at,
        updatedAt: at,
      });
      sessions.push({
        id: uuid(n, 3),
        personId: pid,
        staffId: 'staff-1',
        siteName: 'Điểm thử',
        campaign: m % 2 === 0 ? 'thang-11' : undefined,
        demos: [{ demoId: 'mat-khau-va-otp', completed: true, mistakes: 0, hints: 1, seconds: 120 }],
        cardsPrinted: [],
        startedAt: at,
        endedAt: at,
        state: 'done',
        updatedAt: at,
      } as Session);
      if (sessions[sessions.length - 1]!.campaign === undefined) delete sessions[sessions.length - 1]!.campaign;
    }
  }
  return { households, people, sessions };
}
