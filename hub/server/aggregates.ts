import type { Db, Sql } from './db';

const levelSums: string[] = [];
const levelCounts: string[] = [];
for (let skill = 0; skill < 5; skill++) {
  for (let level = 0; level < 4; level++) {
    levelCounts.push(`count(*) filter (where substr(p.skills, ${skill + 1}, 1) = '${level}') as l${skill}${level}`);
    levelSums.push(`coalesce(sum(m.l${skill}${level}), 0)::int`);
  }
}

/**
 * Recomputes the hamlet lines of `keys` from the records: each household once, with its members'
 * counts. Written as a join, so the planner picks index lookups for a few hamlets and one pass
 * over the people for many.
 */
async function refreshHamlets(tx: Sql, keys: { commune_code: string; hamlet_key: string }[]): Promise<void> {
  if (keys.length === 0) return;
  const communes = keys.map((k) => k.commune_code);
  const hamlets = keys.map((k) => k.hamlet_key);
  await tx.query(
    `delete from agg_hamlet a using unnest($1::text[], $2::text[]) as d(c, h) where a.commune_code = d.c and a.hamlet_key = d.h`,
    [communes, hamlets],
  );
  await tx.query(
    `with hh as (
       select h.id, h.province_code, h.commune_code, h.hamlet_key, h.hamlet
       from unnest($1::text[], $2::text[]) as d(c, k) join households h on h.commune_code = d.c and h.hamlet_key = d.k
     ),
     m as (
       select p.household_id, count(*) as n, count(*) filter (where p.skills = '33333') as prof, ${levelCounts.join(', ')}
       from hh join people p on p.household_id = hh.id group by p.household_id
     )
     insert into agg_hamlet (province_code, commune_code, hamlet_key, hamlet, households, reached, meeting_goal, people, proficient, levels)
     select min(hh.province_code), hh.commune_code, hh.hamlet_key, min(hh.hamlet), count(*)::int,
       (count(*) filter (where m.n > 0))::int, (count(*) filter (where m.prof > 0))::int,
       coalesce(sum(m.n), 0)::int, coalesce(sum(m.prof), 0)::int,
       array[${levelSums.join(', ')}]
     from hh left join m on m.household_id = hh.id
     group by hh.commune_code, hh.hamlet_key`,
    [communes, hamlets],
  );
}

/** Recomputes the campaign, week and session-state lines of whole communes from their sessions. */
async function refreshCommunes(tx: Sql, communes: string[]): Promise<void> {
  if (communes.length === 0) return;
  await tx.query('delete from agg_campaign where commune_code = any($1::text[])', [communes]);
  await tx.query('delete from agg_week where commune_code = any($1::text[])', [communes]);
  await tx.query('delete from agg_sessions where commune_code = any($1::text[])', [communes]);
  const scoped = `with s as (
      select s.person_id, s.campaign, s.state, s.started_at, p.household_id, h.province_code, h.commune_code
      from households h join people p on p.household_id = h.id join sessions s on s.person_id = p.id
      where h.commune_code = any($1::text[])
    )`;
  await tx.query(
    `${scoped},
     goal as (
       select p.household_id from households h join people p on p.household_id = h.id
       where h.commune_code = any($1::text[]) and p.skills = '33333' group by p.household_id
     )
     insert into agg_campaign (province_code, commune_code, campaign, sessions, people, households, households_meeting_goal)
     select min(s.province_code), s.commune_code, coalesce(s.campaign, ''), count(*)::int, count(distinct s.person_id)::int,
       count(distinct s.household_id)::int, count(distinct g.household_id)::int
     from s left join goal g on g.household_id = s.household_id
     group by s.commune_code, coalesce(s.campaign, '')`,
    [communes],
  );
  await tx.query(
    `${scoped}
     insert into agg_week (province_code, commune_code, week_start, sessions, people)
     select min(s.province_code), s.commune_code, date_trunc('week', (s.started_at at time zone 'UTC') + interval '7 hours')::date,
       count(*)::int, count(distinct s.person_id)::int
     from s group by s.commune_code, 3`,
    [communes],
  );
  await tx.query(
    `${scoped}
     insert into agg_sessions (province_code, commune_code, total, open, unfinished, done)
     select min(s.province_code), s.commune_code, count(*)::int, (count(*) filter (where s.state = 'open'))::int,
       (count(*) filter (where s.state = 'unfinished'))::int, (count(*) filter (where s.state = 'done'))::int
     from s group by s.commune_code`,
    [communes],
  );
}

/** How much one refresh pass takes on at most. */
export interface RefreshLimits {
  hamlets: number;
  communes: number;
}

/**
 * Refreshes what batches marked dirty, at most `limits` at a time (optionally only within a
 * province or a commune), and returns how many lines it redid. The marks are taken and the
 * lines rebuilt in one transaction, so a mark added meanwhile is kept for the next pass.
 */
export async function refreshDirty(db: Db, limits: RefreshLimits = { hamlets: 2000, communes: 50 }, scope?: { communeCode: string }): Promise<{ hamlets: number; communes: number }> {
  return db.transaction(async (tx) => {
    const filter = scope ? 'where commune_code = $2' : '';
    const hamlets = await tx.query<{ commune_code: string; hamlet_key: string }>(
      `delete from dirty_hamlets where (commune_code, hamlet_key) in (
         select commune_code, hamlet_key from dirty_hamlets ${filter} order by commune_code, hamlet_key limit $1 for update skip locked)
       returning commune_code, hamlet_key`,
      scope ? [limits.hamlets, scope.communeCode] : [limits.hamlets],
    );
    const communes = await tx.query<{ commune_code: string }>(
      `delete from dirty_communes where commune_code in (
         select commune_code from dirty_communes ${filter} order by commune_code limit $1 for update skip locked)
       returning commune_code`,
      scope ? [limits.communes, scope.communeCode] : [limits.communes],
    );
    await refreshHamlets(tx, hamlets.rows);
    await refreshCommunes(
      tx,
      communes.rows.map((r) => r.commune_code),
    );
    return { hamlets: hamlets.rows.length, communes: communes.rows.length };
  });
}

/** How many marks wait, within a province or commune if given. */
export async function dirtyCount(db: Sql, scope?: { communeCode?: string }): Promise<number> {
  const where = scope?.communeCode ? 'where commune_code = $1' : '';
  const params = scope?.communeCode ? [scope.communeCode] : [];
  const h = await db.query<{ n: number }>(`select count(*)::int as n from dirty_hamlets ${where}`, params);
  const c = await db.query<{ n: number }>(`select count(*)::int as n from dirty_communes ${where}`, params);
  return (h.rows[0]?.n ?? 0) + (c.rows[0]?.n ?? 0);
}

/** Refreshes until nothing is dirty (tests, the benchmark, and after a bulk import). */
export async function refreshAll(db: Db): Promise<void> {
  for (;;) {
    const done = await refreshDirty(db);
    if (done.hamlets === 0 && done.communes === 0) return;
  }
}
