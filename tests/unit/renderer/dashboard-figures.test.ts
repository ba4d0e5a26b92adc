import { describe, expect, it } from 'vitest';
import type { DemoSummary, DemoUsage, RecordsStats, SkillKey, SkillLevel } from '../../../electron/api/types';
import {
  campaignRows,
  coverageRows,
  coverageSeries,
  formatPercent,
  hamletRows,
  headline,
  levelColour,
  niceSplits,
  percentOf,
  twoLines,
  usageRows,
  weekLabel,
  weekRange,
  weekSeries,
} from '../../../renderer/src/dashboard/dashboard-figures';

const SKILLS: SkillKey[] = ['dich-vu-cong', 'mua-sam', 'thanh-toan', 'an-toan', 'nen-tang-so'];
const levels = (chua: number, huongDan: number, thucHanh: number, thanhThao: number): Record<SkillLevel, number> => ({
  chua,
  'da-huong-dan': huongDan,
  'da-thuc-hanh': thucHanh,
  'thanh-thao': thanhThao,
});

/** Three people in two households; one household meets the goal. */
function stats(over: Partial<RecordsStats> = {}): RecordsStats {
  const coverage = Object.fromEntries(SKILLS.map((k) => [k, { levels: levels(1, 0, 0, 2), proficientPercent: 66.7 }])) as RecordsStats['skillCoverage'];
  coverage['mua-sam'] = { levels: levels(1, 0, 1, 1), proficientPercent: 33.3 };
  return {
    households: 3,
    householdsReached: 2,
    householdsMeetingGoal: 1,
    goalPercent: 33.3,
    people: 3,
    peopleProficient: 1,
    peopleProficientBySkill: Object.fromEntries(SKILLS.map((k) => [k, 2])) as RecordsStats['peopleProficientBySkill'],
    skillCoverage: coverage,
    byHamlet: [
      { hamlet: 'Thôn Phù Dực', provinceCode: '01', communeCode: '100', households: 1, meetingGoal: 1, people: 2 },
      { hamlet: 'Thôn Đổng Viên', provinceCode: '01', communeCode: '100', households: 1, meetingGoal: 0, people: 1 },
      { hamlet: 'Thôn Dương Đình', provinceCode: '01', communeCode: '100', households: 1, meetingGoal: 0, people: 0 },
    ],
    byCampaign: [
      { campaign: null, sessions: 2, people: 2, households: 1, householdsMeetingGoal: 1 },
      { campaign: 'ngay-hoi', sessions: 1, people: 1, households: 1, householdsMeetingGoal: 0 },
    ],
    perWeek: [],
    sessions: { total: 3, open: 0, unfinished: 0, done: 3 },
    ...over,
  };
}

describe('dashboard figures', () => {
  it('writes percentages the Vietnamese way, whole numbers without decimals', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(0, 0)).toBe(0);
    expect(formatPercent(33.3, 'vi')).toBe('33,3%');
    expect(formatPercent(50, 'vi')).toBe('50%');
    expect(formatPercent(66.7, 'en')).toBe('66.7%');
  });

  it('makes the headline and knows when nothing is recorded', () => {
    expect(headline(stats(), 'vi')).toMatchObject({ meeting: 1, households: 3, percent: '33,3%', reached: 2, people: 3, empty: false });
    expect(headline(stats({ households: 0, people: 0, householdsMeetingGoal: 0, byHamlet: [] }), 'vi')).toMatchObject({ percent: '0%', empty: true });
  });

  it('sorts hamlets with Vietnamese collation (D before Đ before P) and adds a total', () => {
    const { rows, total } = hamletRows(stats(), 'vi');
    expect(rows.map((r) => r.hamlet)).toEqual(['Thôn Dương Đình', 'Thôn Đổng Viên', 'Thôn Phù Dực']);
    expect(rows.map((r) => r.percent)).toEqual(['0%', '0%', '100%']);
    expect(total).toMatchObject({ households: 3, meetingGoal: 1, percent: '33,3%', people: 3 });
  });

  it('names campaigns from settings and puts help outside any campaign last', () => {
    const rows = campaignRows(stats(), 'vi', new Map([['ngay-hoi', 'Ngày hội chuyển đổi số']]));
    expect(rows.map((r) => r.campaign)).toEqual(['Ngày hội chuyển đổi số', null]);
    expect(rows[1]).toMatchObject({ sessions: 2, percent: '100%' });
    expect(campaignRows(stats(), 'vi')[0]?.campaign).toBe('ngay-hoi');
  });

  it('gives per-skill coverage in the official order with shares of all people', () => {
    const rows = coverageRows(stats(), 'vi');
    expect(rows.map((r) => r.skill)).toEqual(SKILLS);
    expect(rows[1]).toMatchObject({ skill: 'mua-sam', proficient: 1, proficientPercent: '33,3%' });
    expect(rows[1]?.levels.map((l) => `${l.level}:${l.count}:${l.percent}`)).toEqual(['chua:1:33,3%', 'da-huong-dan:0:0%', 'da-thuc-hanh:1:33,3%', 'thanh-thao:1:33,3%']);
  });

  it('stacks coverage as running totals from the top level down, tallest first', () => {
    const { x, stacks } = coverageSeries(stats());
    expect(x).toEqual([0, 1, 2, 3, 4]);
    expect(stacks.map((s) => s.level)).toEqual(['chua', 'da-huong-dan', 'da-thuc-hanh', 'thanh-thao']);
    expect(stacks[0]?.values).toEqual([100, 100, 100, 100, 100]);
    expect(stacks[2]?.values[1]).toBe(66.7);
    expect(stacks[3]?.values).toEqual([66.7, 33.3, 66.7, 66.7, 66.7]);
    expect(coverageSeries(stats({ people: 0 })).stacks[0]?.values).toEqual([0, 0, 0, 0, 0]);
  });

  it('labels weeks by their Monday and fills quiet weeks with zeros', () => {
    expect(weekLabel('2026-03-02')).toBe('02/03');
    expect(weekRange('2026-12-28')).toBe('28/12–03/01/2027');
    const weeks = weekSeries([
      { weekStart: '2026-03-16', people: 4, sessions: 5 },
      { weekStart: '2026-03-02', people: 2, sessions: 2 },
    ]);
    expect(weeks.map((w) => `${w.label}:${w.people}`)).toEqual(['02/03:2', '09/03:0', '16/03:4']);
    expect(weekSeries([])).toEqual([]);
    const long = weekSeries(
      [
        { weekStart: '2025-01-06', people: 1, sessions: 1 },
        { weekStart: '2026-03-02', people: 1, sessions: 1 },
      ],
      4,
    );
    expect(long.map((w) => w.weekStart)).toEqual(['2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02']);
  });

  it('finds the step where most people leave a demo', () => {
    const step = (reached: number, leftHere: number) => ({ reached, hints: 0, wrongTouches: 0, leftHere, seconds: 1 });
    const usage = (u: Partial<DemoUsage>): DemoUsage => ({ starts: 0, completions: 0, selfRuns: 0, selfCompletions: 0, seconds: 0, steps: {}, ...u });
    const demo = (id: string, title: string, u: DemoUsage) => ({ id, skill: 'an-toan', title: { vi: title }, summary: { vi: 'x' }, device: 'phone', minutes: 3, pack: 'p', steps: 4, usage: u }) as unknown as DemoSummary & { usage: DemoUsage };
    const rows = usageRows(
      [
        demo('a', 'Ảnh QR giả', usage({ starts: 4, completions: 1, steps: { s1: step(4, 0), s2: step(4, 1), s3: step(3, 2), s4: step(1, 0) } })),
        demo('b', 'Chưa ai dùng', usage({})),
        demo('c', 'Đặt hàng', usage({ starts: 6, completions: 5, selfRuns: 2, selfCompletions: 2 })),
      ],
      'vi',
    );
    expect(rows.map((r) => r.id)).toEqual(['c', 'a']);
    expect(rows[0]).toMatchObject({ starts: 8, completions: 7, completionPercent: '87,5%', dropStep: null });
    expect(rows[1]).toMatchObject({ starts: 4, completions: 1, completionPercent: '25%', dropStep: { step: 3, left: 2 } });
  });

  it('shades a skill colour by level and breaks long names for the chart axis', () => {
    expect(levelColour('#1d4ed8', 'thanh-thao')).toBe('#1d4ed8');
    expect(levelColour('#000000', 'chua')).toBe('#dbdbdb');
    expect(twoLines('Mua sắm')).toBe('Mua sắm');
    expect(twoLines('Tự bảo vệ mình trên không gian mạng')).toBe('Tự bảo vệ mình trên\nkhông gian mạng');
    expect(niceSplits(3)).toEqual([0, 1, 2, 3]);
    expect(niceSplits(120)).toEqual([0, 50, 100]);
  });
});
