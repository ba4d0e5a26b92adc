import { SKILL_KEYS, type SkillKey } from '../skills';
import { SKILL_LEVELS, type SkillLevel } from './model';
import { VI_COLLATOR } from './name-index';
import type { HamletTotals, RecordsState } from './state';

export { vnDate, vnWeekStart } from './time';

/** One hamlet's line on the dashboard and in the summary sheet. */
export type HamletFigures = HamletTotals;

/** One campaign's line (sessions without a campaign are under `campaign: null`). */
export interface CampaignFigures {
  campaign: string | null;
  sessions: number;
  people: number;
  households: number;
  householdsMeetingGoal: number;
}

/** People assisted in one week (Monday to Sunday, Vietnam time). */
export interface WeekFigures {
  weekStart: string;
  people: number;
  sessions: number;
}

/** How many people stand at each level of one skill. */
export interface SkillCoverage {
  levels: Record<SkillLevel, number>;
  /** Share of people at `thanh-thao`, in percent with one decimal. */
  proficientPercent: number;
}

/** The goal dashboard's figures. */
export interface RecordsStats {
  households: number;
  /** Households with at least one person recorded. */
  householdsReached: number;
  /** Households with at least one member `thanh-thao` in all five skills. */
  householdsMeetingGoal: number;
  /** householdsMeetingGoal over households, percent with one decimal. */
  goalPercent: number;
  people: number;
  /** People `thanh-thao` in all five skills. */
  peopleProficient: number;
  peopleProficientBySkill: Record<SkillKey, number>;
  skillCoverage: Record<SkillKey, SkillCoverage>;
  byHamlet: HamletFigures[];
  byCampaign: CampaignFigures[];
  perWeek: WeekFigures[];
  sessions: { total: number; open: number; unfinished: number; done: number };
}

/** Percent with one decimal; 0 of 0 is 0. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

/** The dashboard's figures from the running totals the state keeps (no pass over every person). */
export function computeStats(state: RecordsState): RecordsStats {
  const t = state.totals;
  const sessionTotals = state.sessionTotals();
  const people = state.people.size;
  const proficientBySkill = {} as Record<SkillKey, number>;
  const coverage = {} as Record<SkillKey, SkillCoverage>;
  SKILL_KEYS.forEach((key, i) => {
    const levels = {} as Record<SkillLevel, number>;
    SKILL_LEVELS.forEach((level, j) => (levels[level] = t.levels[i * 4 + j]!));
    proficientBySkill[key] = levels['thanh-thao'];
    coverage[key] = { levels, proficientPercent: percent(levels['thanh-thao'], people) };
  });
  const byCampaign: CampaignFigures[] = [...sessionTotals.campaigns].map(([campaign, c]) => ({
    campaign,
    sessions: c.sessions,
    people: c.people.size,
    households: c.households.size,
    householdsMeetingGoal: c.householdsMeetingGoal,
  }));
  byCampaign.sort((a, b) => (a.campaign === null ? 1 : b.campaign === null ? -1 : a.campaign.localeCompare(b.campaign)));
  return {
    households: state.households.size,
    householdsReached: t.householdsReached,
    householdsMeetingGoal: t.householdsMeetingGoal,
    goalPercent: percent(t.householdsMeetingGoal, state.households.size),
    people,
    peopleProficient: t.peopleProficient,
    peopleProficientBySkill: proficientBySkill,
    skillCoverage: coverage,
    byHamlet: [...t.hamlets.values()].map((h) => ({ ...h })).sort((a, b) => VI_COLLATOR.compare(a.hamlet, b.hamlet) || a.communeCode.localeCompare(b.communeCode)),
    byCampaign,
    perWeek: [...sessionTotals.weeks]
      .map(([weekStart, w]) => ({ weekStart, people: w.people.size, sessions: w.sessions }))
      .sort((a, b) => a.weekStart.localeCompare(b.weekStart)),
    sessions: { total: state.sessions.size, ...sessionTotals.sessionStates },
  };
}
