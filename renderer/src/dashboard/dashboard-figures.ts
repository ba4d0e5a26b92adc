// Pure figures for the goal dashboard: table rows, percent strings and chart series from RecordsStats.
import type { DemoSummary, DemoUsage, RecordsStats, SkillKey, SkillLevel } from '../../../electron/api/types';
import { SKILL_ORDER } from '../lib/skills';
import type { Language } from '../lib/i18n';

/** Levels lowest first, as the records model orders them. */
export const LEVELS: readonly SkillLevel[] = ['chua', 'da-huong-dan', 'da-thuc-hanh', 'thanh-thao'];

const DAY_MS = 86_400_000;
const collators = new Map<Language, Intl.Collator>();

/** Vietnamese (or English) collation for names of hamlets and campaigns. */
export function collatorFor(language: Language): Intl.Collator {
  let collator = collators.get(language);
  if (!collator) {
    collator = new Intl.Collator(language === 'vi' ? 'vi' : 'en', { sensitivity: 'base', numeric: true });
    collators.set(language, collator);
  }
  return collator;
}

/** Share in percent with one decimal; 0 of 0 is 0. */
export function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

/** "42,5%" (vi) or "42.5%" (en); whole numbers without decimals. */
export function formatPercent(value: number, language: Language): string {
  const text = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
  return `${text}%`;
}

/** The big figure: households meeting the goal out of all households. */
export interface Headline {
  meeting: number;
  households: number;
  percent: string;
  reached: number;
  people: number;
  peopleProficient: number;
  /** Nothing recorded yet: the dashboard shows its empty state. */
  empty: boolean;
}

/** The headline figures, ready to show. */
export function headline(stats: RecordsStats, language: Language): Headline {
  return {
    meeting: stats.householdsMeetingGoal,
    households: stats.households,
    percent: formatPercent(percentOf(stats.householdsMeetingGoal, stats.households), language),
    reached: stats.householdsReached,
    people: stats.people,
    peopleProficient: stats.peopleProficient,
    empty: stats.households === 0 && stats.people === 0,
  };
}

/** One row of the per-hamlet table. */
export interface HamletRow {
  key: string;
  hamlet: string;
  households: number;
  meetingGoal: number;
  percent: string;
  /** 0–100, for the small bar in the row. */
  share: number;
  people: number;
}

/** Per-hamlet rows, sorted by name with Vietnamese collation, plus a total row. */
export function hamletRows(stats: RecordsStats, language: Language): { rows: HamletRow[]; total: HamletRow } {
  const collator = collatorFor(language);
  const rows = stats.byHamlet
    .map((h) => {
      const share = percentOf(h.meetingGoal, h.households);
      return {
        key: `${h.provinceCode}|${h.communeCode}|${h.hamlet}`,
        hamlet: h.hamlet,
        households: h.households,
        meetingGoal: h.meetingGoal,
        percent: formatPercent(share, language),
        share,
        people: h.people,
      };
    })
    .sort((a, b) => collator.compare(a.hamlet, b.hamlet) || a.key.localeCompare(b.key));
  const share = percentOf(stats.householdsMeetingGoal, stats.households);
  const total: HamletRow = {
    key: 'total',
    hamlet: '',
    households: stats.households,
    meetingGoal: stats.householdsMeetingGoal,
    percent: formatPercent(share, language),
    share,
    people: stats.people,
  };
  return { rows, total };
}

/** One row of the per-campaign table; `campaign` null is help outside any campaign. */
export interface CampaignRow {
  key: string;
  campaign: string | null;
  sessions: number;
  people: number;
  households: number;
  meetingGoal: number;
  percent: string;
}

/**
 * Per-campaign rows: campaigns by name with Vietnamese collation, then help outside any campaign.
 * Sessions keep a campaign's id; `names` maps it to the name set in settings (an id no longer there shows as is).
 */
export function campaignRows(stats: RecordsStats, language: Language, names: ReadonlyMap<string, string> = new Map()): CampaignRow[] {
  const collator = collatorFor(language);
  return stats.byCampaign
    .map((c) => ({
      key: c.campaign ?? '',
      campaign: c.campaign === null ? null : (names.get(c.campaign) ?? c.campaign),
      sessions: c.sessions,
      people: c.people,
      households: c.households,
      meetingGoal: c.householdsMeetingGoal,
      percent: formatPercent(percentOf(c.householdsMeetingGoal, c.households), language),
    }))
    .sort((a, b) => (a.campaign === null ? 1 : b.campaign === null ? -1 : collator.compare(a.campaign, b.campaign)));
}

/** One skill's coverage: people at each level, lowest level first. */
export interface CoverageRow {
  skill: SkillKey;
  levels: { level: SkillLevel; count: number; percent: string }[];
  proficient: number;
  proficientPercent: string;
}

/** Per-skill coverage rows in the official skill order. */
export function coverageRows(stats: Pick<RecordsStats, 'skillCoverage' | 'people'>, language: Language): CoverageRow[] {
  return SKILL_ORDER.map((skill) => {
    const levels = stats.skillCoverage[skill].levels;
    return {
      skill,
      levels: LEVELS.map((level) => ({ level, count: levels[level], percent: formatPercent(percentOf(levels[level], stats.people), language) })),
      proficient: levels['thanh-thao'],
      proficientPercent: formatPercent(percentOf(levels['thanh-thao'], stats.people), language),
    };
  });
}

/**
 * Series for the stacked coverage chart, in percent of people. uPlot draws bars from zero, so each
 * series is a running total from the top level down: drawn tallest first, each covers the one
 * before it up to its own height and the bars look stacked. Index 0 is the x values (0–4).
 */
export function coverageSeries(stats: Pick<RecordsStats, 'skillCoverage' | 'people'>): { x: number[]; stacks: { level: SkillLevel; values: number[] }[] } {
  const x = SKILL_ORDER.map((_, i) => i);
  const stacks = [...LEVELS].map((level, li) => ({
    level,
    values: SKILL_ORDER.map((skill) => {
      const levels = stats.skillCoverage[skill].levels;
      const count = LEVELS.slice(li).reduce((sum, l) => sum + levels[l], 0);
      return percentOf(count, stats.people);
    }),
  }));
  return { x, stacks };
}

/** Adds `days` to a YYYY-MM-DD date. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** "02/03" from "2026-03-02": the Monday a week starts on, short. */
export function weekLabel(weekStart: string): string {
  const [, m, d] = weekStart.split('-');
  return `${d}/${m}`;
}

/** "02/03–08/03/2026": a whole week, for the table and screen readers. */
export function weekRange(weekStart: string): string {
  const end = addDays(weekStart, 6);
  const [y, m, d] = end.split('-');
  return `${weekLabel(weekStart)}–${d}/${m}/${y}`;
}

/** One week of help. */
export interface WeekPoint {
  weekStart: string;
  label: string;
  range: string;
  people: number;
  sessions: number;
}

/**
 * Weeks from the first with help to the last, quiet weeks filled with zeros so the chart's gaps
 * are real; at most the last `limit` weeks.
 */
export function weekSeries(perWeek: RecordsStats['perWeek'], limit = 26): WeekPoint[] {
  if (perWeek.length === 0) return [];
  const byWeek = new Map(perWeek.map((w) => [w.weekStart, w]));
  const sorted = [...byWeek.keys()].sort();
  const last = sorted[sorted.length - 1]!;
  let start = sorted[0]!;
  const earliest = addDays(last, -7 * (limit - 1));
  if (start < earliest) start = earliest;
  const points: WeekPoint[] = [];
  for (let week = start; week <= last; week = addDays(week, 7)) {
    const w = byWeek.get(week);
    points.push({ weekStart: week, label: weekLabel(week), range: weekRange(week), people: w?.people ?? 0, sessions: w?.sessions ?? 0 });
  }
  return points;
}

/** One demo's anonymous usage on the dashboard. */
export interface UsageRow {
  id: string;
  title: string;
  skill: SkillKey;
  starts: number;
  completions: number;
  completionPercent: string;
  /** The step most people left at (1-based), with how many left there; null when nobody left. */
  dropStep: { step: number; left: number } | null;
}

/** Demo usage rows: demos that were started, most started first. */
export function usageRows(demos: readonly (DemoSummary & { usage: DemoUsage })[], language: Language): UsageRow[] {
  const collator = collatorFor(language);
  return demos
    .filter((d) => d.usage.starts + d.usage.selfRuns > 0)
    .map((d) => {
      const starts = d.usage.starts + d.usage.selfRuns;
      const completions = d.usage.completions + d.usage.selfCompletions;
      // Steps are recorded the first time someone reaches them, so their order is the demo's order.
      let dropStep: UsageRow['dropStep'] = null;
      Object.values(d.usage.steps).forEach((step, i) => {
        if (step.leftHere > 0 && (dropStep === null || step.leftHere > dropStep.left)) dropStep = { step: i + 1, left: step.leftHere };
      });
      const title = language === 'en' ? (d.title.en ?? d.title.vi) : d.title.vi;
      return { id: d.id, title, skill: d.skill, starts, completions, completionPercent: formatPercent(percentOf(completions, starts), language), dropStep };
    })
    .sort((a, b) => b.starts - a.starts || collator.compare(a.title, b.title));
}

/** How strongly each level shows its skill's colour: proficient in full, "not yet" as a pale tint. */
const LEVEL_STRENGTH: Record<SkillLevel, number> = { chua: 0.14, 'da-huong-dan': 0.38, 'da-thuc-hanh': 0.64, 'thanh-thao': 1 };

/** A skill colour (#rrggbb) at a level's strength, mixed with white so bars stay opaque when stacked. */
export function levelColour(hex: string, level: SkillLevel): string {
  const strength = LEVEL_STRENGTH[level];
  const channel = (i: number) => Math.round(255 - (255 - parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16)) * strength);
  const out = [0, 1, 2].map((i) => channel(i).toString(16).padStart(2, '0')).join('');
  return `#${out}`;
}

/** Whole-number grid lines from 0 to `top`, about four of them. */
export function niceSplits(top: number): number[] {
  const raw = Math.max(1, top / 4);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const splits: number[] = [];
  for (let v = 0; v <= top; v += step) splits.push(v);
  return splits;
}

/** A name on at most two lines, broken at the space nearest the middle (for chart axes). */
export function twoLines(name: string): string {
  if (name.length <= 14) return name;
  const middle = name.length / 2;
  let best = -1;
  for (let i = 0; i < name.length; i++) if (name[i] === ' ' && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i;
  return best < 0 ? name : `${name.slice(0, best)}\n${name.slice(best + 1)}`;
}
