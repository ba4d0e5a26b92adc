import type { GeoDirectory } from '../../electron/services/geo';
import { SKILL_LEVELS, type SkillLevel } from '../../electron/services/records/model';
import { percent, type CampaignFigures, type SkillCoverage, type WeekFigures } from '../../electron/services/records/stats';
import { VI_COLLATOR } from '../../electron/services/records/name-index';
import { SKILL_KEYS, type SkillKey } from '../../electron/services/skills';
import type { Sql } from './db';

/** Where a view looks: the whole hub, one province, one commune, or one hamlet of a commune. */
export type Scope =
  | { level: 'country' }
  | { level: 'province'; provinceCode: string }
  | { level: 'commune'; provinceCode: string; communeCode: string }
  | { level: 'hamlet'; provinceCode: string; communeCode: string; hamletKey: string };

/** The goal figures of an area. */
export interface GoalFigures {
  households: number;
  householdsReached: number;
  householdsMeetingGoal: number;
  goalPercent: number;
  people: number;
  peopleProficient: number;
  skillCoverage: Record<SkillKey, SkillCoverage>;
}

/** One line of the areas table: a province, commune or hamlet under the view's area. */
export interface AreaLine {
  /** Province or commune code, or the hamlet's key. */
  key: string;
  name: string;
  households: number;
  householdsReached: number;
  householdsMeetingGoal: number;
  goalPercent: number;
  people: number;
}

/** A kiosk's line: where it is and when it last synced. */
export interface KioskLine {
  id: string;
  name: string;
  siteName: string;
  siteKind: 'xa' | 'diem';
  communeCode: string;
  communeName: string;
  enrolledAt: string;
  lastSyncAt: string | null;
  waiting: number;
  revoked: boolean;
  clockSkewMs: number | null;
}

/** One dashboard view. */
export interface DashboardView {
  scope: Scope;
  name: string;
  /** From the hub down to this area, for the breadcrumb. */
  trail: { scope: Scope; name: string }[];
  totals: GoalFigures;
  /** Provinces (country), communes (province) or hamlets (commune); empty for a hamlet. */
  areas: AreaLine[];
  byCampaign: CampaignFigures[];
  perWeek: WeekFigures[];
  sessions: { total: number; open: number; unfinished: number; done: number };
  kiosks: KioskLine[];
  /** Changes received but not yet in these figures (they are folded in within seconds). */
  pending: number;
}

interface HamletRow {
  province_code: string;
  commune_code: string;
  hamlet_key: string;
  hamlet: string;
  households: number;
  reached: number;
  meeting_goal: number;
  people: number;
  proficient: number;
  levels: number[];
}

function emptyFigures(): GoalFigures & { levels: number[] } {
  return { households: 0, householdsReached: 0, householdsMeetingGoal: 0, goalPercent: 0, people: 0, peopleProficient: 0, skillCoverage: {} as GoalFigures['skillCoverage'], levels: new Array(20).fill(0) };
}

function add(into: GoalFigures & { levels: number[] }, row: HamletRow): void {
  into.households += row.households;
  into.householdsReached += row.reached;
  into.householdsMeetingGoal += row.meeting_goal;
  into.people += row.people;
  into.peopleProficient += row.proficient;
  for (let i = 0; i < 20; i++) into.levels[i]! += row.levels[i] ?? 0;
}

function finish(f: GoalFigures & { levels: number[] }): GoalFigures {
  const skillCoverage = {} as Record<SkillKey, SkillCoverage>;
  SKILL_KEYS.forEach((key, i) => {
    const levels = {} as Record<SkillLevel, number>;
    SKILL_LEVELS.forEach((level, j) => (levels[level] = f.levels[i * 4 + j]!));
    skillCoverage[key] = { levels, proficientPercent: percent(levels['thanh-thao'], f.people) };
  });
  return {
    households: f.households,
    householdsReached: f.householdsReached,
    householdsMeetingGoal: f.householdsMeetingGoal,
    goalPercent: percent(f.householdsMeetingGoal, f.households),
    people: f.people,
    peopleProficient: f.peopleProficient,
    skillCoverage,
  };
}

function where(scope: Scope, alias = ''): { sql: string; params: string[] } {
  const a = alias ? `${alias}.` : '';
  switch (scope.level) {
    case 'country':
      return { sql: 'true', params: [] };
    case 'province':
      return { sql: `${a}province_code = $1`, params: [scope.provinceCode] };
    case 'commune':
      return { sql: `${a}commune_code = $1`, params: [scope.communeCode] };
    case 'hamlet':
      return { sql: `${a}commune_code = $1 and ${a}hamlet_key = $2`, params: [scope.communeCode, scope.hamletKey] };
  }
}

/** The area names from the country down to `scope`. */
export function trailOf(scope: Scope, geo: GeoDirectory, hamletName?: string): { scope: Scope; name: string }[] {
  const trail: { scope: Scope; name: string }[] = [{ scope: { level: 'country' }, name: 'Toàn bộ' }];
  if (scope.level === 'country') return trail;
  const province = geo.listProvinces().find((p) => p.code === scope.provinceCode);
  trail.push({ scope: { level: 'province', provinceCode: scope.provinceCode }, name: province?.name ?? `Tỉnh ${scope.provinceCode}` });
  if (scope.level === 'province') return trail;
  const commune = geo.resolve(scope.provinceCode, scope.communeCode);
  trail.push({ scope: { level: 'commune', provinceCode: scope.provinceCode, communeCode: scope.communeCode }, name: commune?.commune ?? `Xã ${scope.communeCode}` });
  if (scope.level === 'commune') return trail;
  trail.push({ scope, name: hamletName ?? scope.hamletKey });
  return trail;
}

/**
 * The goal dashboard for an area, read from the maintained aggregates (agg_* tables): a few
 * indexed reads of at most one line per hamlet, never a pass over the people.
 */
export async function dashboardView(db: Sql, geo: GeoDirectory, scope: Scope): Promise<DashboardView> {
  const w = where(scope);
  const hamletRows = (await db.query<HamletRow>(`select * from agg_hamlet where ${w.sql}`, w.params)).rows;
  const totals = emptyFigures();
  const groups = new Map<string, { name: string; f: ReturnType<typeof emptyFigures> }>();
  for (const row of hamletRows) {
    add(totals, row);
    let key: string;
    let name: string;
    if (scope.level === 'country') {
      key = row.province_code;
      name = geo.listProvinces().find((p) => p.code === row.province_code)?.name ?? row.province_code;
    } else if (scope.level === 'province') {
      key = row.commune_code;
      name = geo.resolve(row.province_code, row.commune_code)?.commune ?? row.commune_code;
    } else {
      key = row.hamlet_key;
      name = row.hamlet;
    }
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { name, f: emptyFigures() }));
    add(group.f, row);
  }
  const areas: AreaLine[] =
    scope.level === 'hamlet'
      ? []
      : [...groups.entries()]
          .map(([key, g]) => ({
            key,
            name: g.name,
            households: g.f.households,
            householdsReached: g.f.householdsReached,
            householdsMeetingGoal: g.f.householdsMeetingGoal,
            goalPercent: percent(g.f.householdsMeetingGoal, g.f.households),
            people: g.f.people,
          }))
          .sort((a, b) => VI_COLLATOR.compare(a.name, b.name));
  // Campaigns, weeks and session states are kept per commune: a hamlet view shows its commune's.
  const cw = scope.level === 'hamlet' ? where({ level: 'commune', provinceCode: scope.provinceCode, communeCode: scope.communeCode }) : w;
  const campaigns = await db.query<{ campaign: string; sessions: number; people: number; households: number; goal: number }>(
    `select campaign, sum(sessions)::int as sessions, sum(people)::int as people, sum(households)::int as households, sum(households_meeting_goal)::int as goal
     from agg_campaign where ${cw.sql} group by campaign`,
    cw.params,
  );
  const byCampaign: CampaignFigures[] = campaigns.rows
    .map((r) => ({ campaign: r.campaign === '' ? null : r.campaign, sessions: r.sessions, people: r.people, households: r.households, householdsMeetingGoal: r.goal }))
    .sort((a, b) => (a.campaign === null ? 1 : b.campaign === null ? -1 : a.campaign.localeCompare(b.campaign)));
  const weeks = await db.query<{ week: string; sessions: number; people: number }>(
    `select to_char(week_start, 'YYYY-MM-DD') as week, sum(sessions)::int as sessions, sum(people)::int as people from agg_week where ${cw.sql} group by week_start order by week_start`,
    cw.params,
  );
  const states = await db.query<{ total: number; open: number; unfinished: number; done: number }>(
    `select coalesce(sum(total), 0)::int as total, coalesce(sum(open), 0)::int as open, coalesce(sum(unfinished), 0)::int as unfinished, coalesce(sum(done), 0)::int as done
     from agg_sessions where ${cw.sql}`,
    cw.params,
  );
  const kw = where(scope.level === 'hamlet' ? { level: 'commune', provinceCode: scope.provinceCode, communeCode: scope.communeCode } : scope, 's');
  const kiosks = await db.query<{
    id: string;
    name: string;
    site_name: string;
    kind: 'xa' | 'diem';
    province_code: string;
    commune_code: string;
    enrolled_at: Date;
    last_sync_at: Date | null;
    waiting: number;
    revoked_at: Date | null;
    clock_skew_ms: number | string | null;
  }>(
    `select k.id, k.name, s.name as site_name, s.kind, s.province_code, s.commune_code, k.enrolled_at, k.last_sync_at, k.waiting, k.revoked_at, k.clock_skew_ms
     from kiosks k join sites s on s.id = k.site_id where ${kw.sql} order by s.name, k.name`,
    kw.params,
  );
  const pendingWhere = scope.level === 'commune' || scope.level === 'hamlet' ? 'where commune_code = $1' : '';
  const pending = await db.query<{ n: number }>(
    `select ((select count(*) from dirty_hamlets ${pendingWhere}) + (select count(*) from dirty_communes ${pendingWhere}))::int as n`,
    pendingWhere ? [scope.level === 'commune' || scope.level === 'hamlet' ? scope.communeCode : ''] : [],
  );
  const hamletName = scope.level === 'hamlet' ? (hamletRows[0]?.hamlet ?? scope.hamletKey) : undefined;
  const trail = trailOf(scope, geo, hamletName);
  return {
    scope,
    name: trail[trail.length - 1]!.name,
    trail,
    totals: finish(totals),
    areas,
    byCampaign,
    perWeek: weeks.rows.map((r) => ({ weekStart: r.week, sessions: r.sessions, people: r.people })),
    sessions: states.rows[0] ?? { total: 0, open: 0, unfinished: 0, done: 0 },
    kiosks: kiosks.rows.map((k) => ({
      id: k.id,
      name: k.name,
      siteName: k.site_name,
      siteKind: k.kind,
      communeCode: k.commune_code,
      communeName: geo.resolve(k.province_code, k.commune_code)?.commune ?? k.commune_code,
      enrolledAt: k.enrolled_at.toISOString(),
      lastSyncAt: k.last_sync_at?.toISOString() ?? null,
      waiting: k.waiting,
      revoked: k.revoked_at !== null,
      clockSkewMs: k.clock_skew_ms === null ? null : Number(k.clock_skew_ms),
    })),
    pending: pending.rows[0]?.n ?? 0,
  };
}
