import { AppError } from '../../electron/api/result';
import type { GeoDirectory } from '../../electron/services/geo';
import { checkRecordSet, type ImportCounts, type RecordSet } from '../../electron/services/records/exchange';
import { foldCached } from '../../electron/services/records/fold';
import { ACHIEVEMENTS, SKILL_LEVELS, type Household, type Person, type Session } from '../../electron/services/records/model';
import { idHash } from '../../electron/services/records/state';
import { vnDate } from '../../electron/services/records/time';
import { SKILL_KEYS } from '../../electron/services/skills';
import { MAX_BATCH_RECORDS, MAX_CLOCK_SKEW_MS, type PushAck, type PushRequest } from '../../electron/services/sync/protocol';
import type { Db, Sql } from './db';

/** The kiosk behind a request, once its credential checked out. */
export interface KioskIdentity {
  kioskId: string;
  siteId: string;
  siteKind: 'xa' | 'diem';
  siteName: string;
  provinceCode: string;
  communeCode: string;
}

const counts = (): ImportCounts => ({ added: 0, updated: 0, unchanged: 0 });

/** Skill levels as one digit per skill (SKILL_KEYS order), as the hub stores them. */
export function skillDigits(person: Pick<Person, 'skills'>): string {
  let out = '';
  for (const key of SKILL_KEYS) out += SKILL_LEVELS.indexOf(person.skills[key]);
  return out;
}

/** Achievements as a bit mask (ACHIEVEMENTS order). */
export function achievementMask(person: Pick<Person, 'achievements'>): number {
  let mask = 0;
  for (const a of person.achievements) mask |= 1 << ACHIEVEMENTS.indexOf(a);
  return mask;
}

/** Refuses a batch sent by a kiosk whose clock is too far from the hub's, saying by how much and which way. */
export function checkClock(sentAt: string, hubNow: number): number {
  const skew = Date.parse(sentAt) - hubNow;
  if (Math.abs(skew) <= MAX_CLOCK_SKEW_MS) return skew;
  const minutes = Math.round(Math.abs(skew) / 60_000);
  const amount = minutes >= 2 * 24 * 60 ? `${Math.round(minutes / 1440)} ngày` : minutes >= 120 ? `${Math.round(minutes / 60)} giờ` : `${minutes} phút`;
  const way = skew > 0 ? 'nhanh' : 'chậm';
  throw new AppError(
    'CONFLICT',
    `Đồng hồ của máy trạm đang chạy ${way} ${amount} so với máy chủ. Hãy chỉnh lại ngày giờ của máy tính; dữ liệu vẫn được giữ nguyên trên trạm và sẽ gửi lại khi đồng hồ đúng.`,
    { fields: { sentAt: 'Đồng hồ máy trạm sai.' } },
  );
}

/** Times later than the hub's clock (plus the allowed skew) become the hub's time; returns how many records changed. */
export function clampFuture(set: RecordSet, hubNow: number): number {
  const limit = hubNow + MAX_CLOCK_SKEW_MS;
  const now = new Date(hubNow).toISOString();
  let clamped = 0;
  const fix = <T extends object>(record: T, keys: readonly (keyof T)[]): void => {
    let changed = false;
    for (const key of keys) {
      const value = record[key];
      if (typeof value === 'string' && Date.parse(value) > limit) {
        (record as Record<keyof T, unknown>)[key] = now;
        changed = true;
      }
    }
    if (changed) clamped += 1;
  };
  for (const h of set.households) fix(h, ['createdAt', 'updatedAt']);
  for (const p of set.people) {
    fix(p, ['createdAt', 'updatedAt']);
    if (Date.parse(p.consent.at) > limit) p.consent = { ...p.consent, at: now };
  }
  for (const s of set.sessions) fix(s, ['startedAt', 'endedAt', 'updatedAt']);
  for (const d of set.deletions) fix(d, ['at']);
  return clamped;
}

/** The whole batch refused, each problem named (as bundle imports do). */
function refuse(messages: readonly string[]): AppError {
  const head = messages.slice(0, 5).join('\n');
  const fields: Record<string, string> = {};
  messages.slice(0, 200).forEach((m, i) => (fields[`loi_${i + 1}`] = m));
  return new AppError('INVALID_INPUT', `Lô dữ liệu có ${messages.length} lỗi nên máy chủ chưa nhận bản ghi nào của lô.\n${head}`, { fields });
}

/** A table the kiosks' records go into: its columns (name, type) in order, and how a record fills them. */
interface Table<R> {
  name: string;
  columns: readonly (readonly [string, string])[];
  values(record: R, hashOf: (id: string) => string): unknown[];
  /** The table has a change number that an update renews (households and people, which kiosks pull). */
  renewsSeq: boolean;
}

const HOUSEHOLDS: Table<Household> = {
  name: 'households',
  columns: [['id', 'uuid'], ['id_hash', 'text'], ['province_code', 'text'], ['commune_code', 'text'], ['hamlet', 'text'], ['hamlet_key', 'text'], ['head_name', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
  values: (h, hashOf) => [h.id, hashOf(h.id), h.provinceCode, h.communeCode, h.hamlet, foldCached(h.hamlet), h.headName, h.createdAt, h.updatedAt],
  renewsSeq: true,
};

const PEOPLE: Table<Person> = {
  name: 'people',
  columns: [
    ['id', 'uuid'],
    ['id_hash', 'text'],
    ['household_id', 'uuid'],
    ['full_name', 'text'],
    ['birth_year', 'int'],
    ['gender', 'text'],
    ['phone', 'text'],
    ['skills', 'text'],
    ['achievements', 'int'],
    ['consent_version', 'text'],
    ['consent_at', 'timestamptz'],
    ['consent_method', 'text'],
    ['consent_staff', 'text'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
  ],
  values: (p, hashOf) => [
    p.id,
    hashOf(p.id),
    p.householdId,
    p.fullName,
    p.birthYear,
    p.gender ?? null,
    p.phone ?? null,
    skillDigits(p),
    achievementMask(p),
    p.consent.version,
    p.consent.at,
    p.consent.method,
    p.consent.staffId,
    p.createdAt,
    p.updatedAt,
  ],
  renewsSeq: true,
};

const SESSIONS: Table<Session> = {
  name: 'sessions',
  columns: [
    ['id', 'uuid'],
    ['person_id', 'uuid'],
    ['staff_id', 'text'],
    ['site_name', 'text'],
    ['campaign', 'text'],
    ['demos', 'json'],
    ['cards_printed', 'json'],
    ['started_at', 'timestamptz'],
    ['ended_at', 'timestamptz'],
    ['state', 'text'],
    ['updated_at', 'timestamptz'],
  ],
  values: (x) => [x.id, x.personId, x.staffId, x.siteName, x.campaign ?? null, x.demos, x.cardsPrinted, x.startedAt, x.endedAt ?? null, x.state, x.updatedAt],
  renewsSeq: false,
};

/** Short keys for the rows sent as one JSON parameter (a, b, c …): a third less to send and parse than column names. */
const KEYS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Inserts or updates records in one statement: the rows travel as one JSON parameter read by
 * json_to_recordset (plain json: parsed once, no jsonb conversion), and an existing row is
 * replaced only by a newer `updated_at`. Returns what was added, updated and left unchanged.
 */
async function upsert<R>(tx: Sql, table: Table<R>, records: readonly R[], kioskId: string | null, hashOf: (id: string) => string): Promise<ImportCounts> {
  if (records.length === 0) return counts();
  const cols = table.columns;
  const rows = records.map((r) => {
    const values = table.values(r, hashOf);
    const row: Record<string, unknown> = {};
    for (let i = 0; i < values.length; i++) row[KEYS[i]!] = values[i];
    return row;
  });
  const names = cols.map(([name]) => name).join(', ');
  const picked = cols.map((_, i) => `x.${KEYS[i]}`).join(', ');
  const defs = cols.map(([, type], i) => `${KEYS[i]} ${type}`).join(', ');
  const updates = [...cols.slice(1).map(([name]) => `${name} = excluded.${name}`), 'kiosk_id = excluded.kiosk_id', ...(table.renewsSeq ? ["change_seq = nextval('change_seq')"] : [])].join(', ');
  const r = await tx.query<{ inserted: boolean }>(
    `insert into ${table.name} (${names}, kiosk_id)
     select ${picked}, $2::uuid from json_to_recordset($1::json) as x(${defs})
     on conflict (id) do update set ${updates}
     where excluded.updated_at > ${table.name}.updated_at
     returning (xmax = 0) as inserted`,
    [JSON.stringify(rows), kioskId],
  );
  return tally(r.rows, records.length);
}

/** Tallies what an upsert's `returning (xmax = 0) as inserted` says, against how many rows were offered. */
function tally(rows: { inserted: boolean }[], offered: number): ImportCounts {
  const added = rows.filter((r) => r.inserted).length;
  return { added, updated: rows.length - added, unchanged: offered - rows.length };
}

/** Marks the hamlets and communes that rows touch, so the aggregates are refreshed for them. */
export async function markDirty(tx: Sql, pairs: { communeCode: string; hamletKey: string }[], communesOnly: string[] = []): Promise<void> {
  if (pairs.length === 0 && communesOnly.length === 0) return;
  const unique = [...new Map(pairs.map((p) => [`${p.communeCode}|${p.hamletKey}`, p])).values()].sort((a, b) =>
    a.communeCode === b.communeCode ? (a.hamletKey < b.hamletKey ? -1 : 1) : a.communeCode < b.communeCode ? -1 : 1,
  );
  if (unique.length) {
    await tx.query(
      `insert into dirty_hamlets (commune_code, hamlet_key)
       select c, h from unnest($1::text[], $2::text[]) as t(c, h) on conflict do nothing`,
      [unique.map((p) => p.communeCode), unique.map((p) => p.hamletKey)],
    );
  }
  const communes = [...new Set([...unique.map((p) => p.communeCode), ...communesOnly])].sort();
  await tx.query('insert into dirty_communes (commune_code) select unnest($1::text[]) on conflict do nothing', [communes]);
}

/** Who a set of records came from: a kiosk's batch, or a bundle imported by an account. */
export interface RecordSource {
  kioskId: string | null;
  accountId: string | null;
}

/** What applying a set did, in the bundle import's terms. */
export interface AppliedCounts {
  households: ImportCounts;
  people: ImportCounts;
  sessions: ImportCounts;
  deletions: { applied: number; logged: number };
  skippedErased: number;
}

/**
 * Applies one pushed batch, all or nothing, by the bundle rules (see {@link applyRecords}). A
 * batch seen before is acknowledged again without being applied twice.
 */
export async function applyPush(db: Db, geo: GeoDirectory, kiosk: KioskIdentity, request: PushRequest, hubNow: number): Promise<PushAck> {
  const total = request.households.length + request.people.length + request.sessions.length + request.deletions.length;
  if (total > MAX_BATCH_RECORDS) throw new AppError('INVALID_INPUT', `Một lô chỉ được tối đa ${MAX_BATCH_RECORDS} bản ghi (lô này có ${total}).`);
  const skew = checkClock(request.sentAt, hubNow);
  const set = checkRecordSet(request, geo, Number(vnDate(hubNow).slice(0, 4)));
  if (set.errors.length) throw refuse(set.errors);
  const clamped = clampFuture(set, hubNow);
  return db.transaction(async (tx) => {
    const seen = await tx.query<{ ack: PushAck }>('select ack from batches where kiosk_id = $1 and batch_id = $2', [kiosk.kioskId, request.batchId]);
    if (seen.rows[0]) return { ...seen.rows[0].ack, replay: true };
    const counts = await applyRecords(tx, set, { kioskId: kiosk.kioskId, accountId: null }, hubNow);
    const ack: PushAck = { batchId: request.batchId, replay: false, ...counts, clamped, hubTime: new Date(hubNow).toISOString() };
    await tx.query('update kiosks set last_sync_at = $2, last_seen_at = $2, waiting = $3, app_version = $4, clock_skew_ms = $5 where id = $1', [
      kiosk.kioskId,
      new Date(hubNow),
      request.waiting,
      request.appVersion,
      Math.round(skew),
    ]);
    await tx.query('insert into batches (kiosk_id, batch_id, received_at, ack) values ($1, $2, $3, $4)', [kiosk.kioskId, request.batchId, new Date(hubNow), JSON.stringify(ack)]);
    return ack;
  });
}

/**
 * Applies checked records inside a transaction by the bundle rules: idempotent by id, the newer
 * `updatedAt` wins, a record erased anywhere stays erased, and a record that names a household
 * or person the hub has nowhere refuses the whole set, named. Marks what it touched for the
 * aggregates.
 */
export async function applyRecords(tx: Sql, set: RecordSet, by: RecordSource, hubNow: number): Promise<AppliedCounts> {
  const result: AppliedCounts = { households: counts(), people: counts(), sessions: counts(), deletions: { applied: 0, logged: 0 }, skippedErased: 0 };
  const hashes = new Map<string, string>();
  const hashOf = (id: string): string => {
    let hash = hashes.get(id);
    if (hash === undefined) hashes.set(id, (hash = idHash(id)));
    return hash;
  };
  for (const r of set.households) hashOf(r.id);
  for (const r of set.people) hashOf(r.id);
  const erased = new Set<string>();
  if (hashes.size) {
    const r = await tx.query<{ id_hash: string }>('select id_hash from erasures where id_hash = any($1::text[])', [[...hashes.values()]]);
    for (const row of r.rows) erased.add(row.id_hash);
  }
  const isErased = (id: string) => erased.has(hashOf(id));
  const households = set.households.filter((h) => !isErased(h.id));
  const people = set.people.filter((p) => !isErased(p.id) && !isErased(p.householdId));
  result.skippedErased += set.households.length - households.length + set.people.length - people.length;

  const problems: string[] = [];
  type Place = { communeCode: string; hamletKey: string };
  const dirty: Place[] = [];
  // Where the households in play stand now: those in the batch (they may move) and those people join.
  const householdPlace = new Map<string, Place>();
  const oldPeople = new Map<string, string>();
  if (people.length) {
    const r = await tx.query<{ id: string; household_id: string }>('select p.id, p.household_id from unnest($1::uuid[]) as x(id) join people p on p.id = x.id', [people.map((p) => p.id)]);
    for (const row of r.rows) oldPeople.set(row.id, row.household_id);
  }
  const lookHouseholds = [...new Set([...households.map((h) => h.id), ...people.map((p) => p.householdId), ...oldPeople.values()])];
  if (lookHouseholds.length) {
    const r = await tx.query<{ id: string; commune_code: string; hamlet_key: string }>(
      'select h.id, h.commune_code, h.hamlet_key from unnest($1::uuid[]) as x(id) join households h on h.id = x.id',
      [lookHouseholds],
    );
    for (const row of r.rows) householdPlace.set(row.id, { communeCode: row.commune_code, hamletKey: row.hamlet_key });
  }
  const inBatch = new Map(households.map((h) => [h.id, { communeCode: h.communeCode, hamletKey: foldCached(h.hamlet) }]));
  // People need their household here or in the batch; sessions need their person.
  people.forEach((p) => {
    if (!inBatch.has(p.householdId) && !householdPlace.has(p.householdId)) problems.push(`Người ${p.id}: hộ ${p.householdId} không có ở máy chủ cũng như trong lô.`);
  });
  for (const h of households) {
    const before = householdPlace.get(h.id);
    if (before) dirty.push(before);
    dirty.push(inBatch.get(h.id)!);
  }
  for (const p of people) {
    const place = inBatch.get(p.householdId) ?? householdPlace.get(p.householdId);
    if (place) dirty.push(place);
    const before = oldPeople.get(p.id);
    if (before && before !== p.householdId) {
      const was = householdPlace.get(before);
      if (was) dirty.push(was);
    }
  }
  const personCommune = new Map<string, string>();
  for (const p of people) {
    const place = inBatch.get(p.householdId) ?? householdPlace.get(p.householdId);
    if (place) personCommune.set(p.id, place.communeCode);
  }
  const sessionPeople = [...new Set(set.sessions.map((s) => s.personId))];
  const erasedPeople = new Set<string>();
  if (sessionPeople.length) {
    const unknown = sessionPeople.filter((id) => !personCommune.has(id));
    if (unknown.length) {
      const known = await tx.query<{ id: string; commune_code: string }>(
        'select p.id, h.commune_code from unnest($1::uuid[]) as x(id) join people p on p.id = x.id join households h on h.id = p.household_id',
        [unknown],
      );
      for (const row of known.rows) personCommune.set(row.id, row.commune_code);
    }
    const gone = await tx.query<{ id_hash: string }>('select id_hash from erasures where id_hash = any($1::text[])', [sessionPeople.map(hashOf)]);
    const goneHashes = new Set(gone.rows.map((g) => g.id_hash));
    for (const id of sessionPeople) if (goneHashes.has(hashOf(id))) erasedPeople.add(id);
  }
  const sessions = set.sessions.filter((x) => {
    if (erasedPeople.has(x.personId) || isErased(x.personId)) {
      result.skippedErased += 1;
      return false;
    }
    if (!personCommune.has(x.personId)) {
      problems.push(`Phiên ${x.id}: người ${x.personId} không có ở máy chủ cũng như trong lô.`);
      return false;
    }
    return true;
  });
  if (problems.length) throw refuse(problems);
  // Sessions count in their commune's campaign and week lines.
  const sessionCommunes = new Set(sessions.map((x) => personCommune.get(x.personId)!));

  result.households = await upsert(tx, HOUSEHOLDS, households, by.kioskId, hashOf);
  result.people = await upsert(tx, PEOPLE, people, by.kioskId, hashOf);
  result.sessions = await upsert(tx, SESSIONS, sessions, by.kioskId, hashOf);
  if (set.deletions.length) {
    const erasures = await applyErasures(tx, set.deletions, { kioskId: by.kioskId, accountId: by.accountId, receivedAt: hubNow });
    result.deletions = { applied: erasures.applied, logged: erasures.logged };
    dirty.push(...erasures.places);
  }
  await markDirty(tx, dirty, [...sessionCommunes]);
  return result;
}

/** An erasure as the hub keeps it: the hash of the id, never the id or a name. */
export interface ErasureLine {
  kind: 'person' | 'household';
  idHash: string;
  at: string;
  staffId: string;
  reason: string;
}

/**
 * Records erasures and removes what they name (a household takes its members and their
 * sessions with it). Lines already known change nothing. Returns how many removed a record
 * here, how many were only logged, and the hamlets touched.
 */
export async function applyErasures(
  tx: Sql,
  lines: readonly ErasureLine[],
  by: { kioskId: string | null; accountId: string | null; receivedAt: number },
): Promise<{ applied: number; logged: number; places: { communeCode: string; hamletKey: string }[] }> {
  const hashes = [...new Set(lines.map((l) => l.idHash))];
  const known = await tx.query<{ id_hash: string }>('select id_hash from erasures where id_hash = any($1::text[])', [hashes]);
  const already = new Set(known.rows.map((r) => r.id_hash));
  const fresh = lines.filter((l, i) => !already.has(l.idHash) && lines.findIndex((o) => o.idHash === l.idHash) === i);
  if (fresh.length === 0) return { applied: 0, logged: 0, places: [] };
  const freshHashes = fresh.map((l) => l.idHash);
  const homes = await tx.query<{ id_hash: string; commune_code: string; hamlet_key: string }>(
    `select h.id_hash, h.commune_code, h.hamlet_key from households h where h.id_hash = any($1::text[])
     union all
     select p.id_hash, h.commune_code, h.hamlet_key from people p join households h on h.id = p.household_id where p.id_hash = any($1::text[])`,
    [freshHashes],
  );
  const homeOf = new Map(homes.rows.map((r) => [r.id_hash, r]));
  await tx.query(
    `insert into erasures (id_hash, kind, at, staff_id, reason, commune_code, kiosk_id, account_id, received_at)
     select x.id_hash, x.kind, x.at, x.staff_id, x.reason, x.commune_code, $2::uuid, $3::uuid, $4
     from jsonb_to_recordset($1::jsonb) as x(id_hash text, kind text, at timestamptz, staff_id text, reason text, commune_code text)
     on conflict (id_hash) do nothing`,
    [
      JSON.stringify(fresh.map((l) => ({ id_hash: l.idHash, kind: l.kind, at: l.at, staff_id: l.staffId, reason: l.reason, commune_code: homeOf.get(l.idHash)?.commune_code ?? null }))),
      by.kioskId,
      by.accountId,
      new Date(by.receivedAt),
    ],
  );
  const people = await tx.query('delete from people where id_hash = any($1::text[])', [freshHashes]);
  const households = await tx.query('delete from households where id_hash = any($1::text[])', [freshHashes]);
  const applied = people.rowCount + households.rowCount;
  return {
    applied,
    logged: fresh.length - applied,
    places: homes.rows.map((r) => ({ communeCode: r.commune_code, hamletKey: r.hamlet_key })),
  };
}
