import { AppError } from '../../electron/api/result';
import { peopleInReportOrder } from '../../electron/services/records/exchange';
import { fold } from '../../electron/services/records/fold';
import {
  ACHIEVEMENTS,
  DELETION_REASONS,
  SKILL_LEVELS,
  type Achievement,
  type DeletionReason,
  type Household,
  type Person,
  type Session,
  type SkillLevel,
} from '../../electron/services/records/model';
import { RecordsState, idHash } from '../../electron/services/records/state';
import { computeStats } from '../../electron/services/records/stats';
import type { ReportSource } from '../../electron/services/records/xlsx';
import { SKILL_KEYS, type SkillKey } from '../../electron/services/skills';
import { MAX_PULL_RECORDS, type PullReply } from '../../electron/services/sync/protocol';
import { canSeeNames, type Actor } from './actor';
import { audit } from './audit';
import type { Sql } from './db';
import { applyErasures, markDirty, type KioskIdentity } from './ingest';

interface HouseholdRow {
  id: string;
  province_code: string;
  commune_code: string;
  hamlet: string;
  head_name: string;
  created_at: Date;
  updated_at: Date;
  change_seq: number;
}

interface PersonRow {
  id: string;
  household_id: string;
  full_name: string;
  birth_year: number;
  gender: string | null;
  phone: string | null;
  skills: string;
  achievements: number;
  consent_version: string;
  consent_at: Date;
  consent_method: string;
  consent_staff: string;
  created_at: Date;
  updated_at: Date;
}

interface SessionRow {
  id: string;
  person_id: string;
  staff_id: string;
  site_name: string;
  campaign: string | null;
  demos: Session['demos'];
  cards_printed: string[];
  started_at: Date;
  ended_at: Date | null;
  state: Session['state'];
  updated_at: Date;
}

/** A stored household row as the kiosk's record. */
export function householdOf(row: HouseholdRow): Household {
  return {
    id: row.id,
    provinceCode: row.province_code,
    communeCode: row.commune_code,
    hamlet: row.hamlet,
    headName: row.head_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A stored person row as the kiosk's record. */
export function personOf(row: PersonRow): Person {
  const skills = {} as Record<SkillKey, SkillLevel>;
  SKILL_KEYS.forEach((key, i) => (skills[key] = SKILL_LEVELS[Number(row.skills[i])] ?? 'chua'));
  const achievements: Achievement[] = ACHIEVEMENTS.filter((_, i) => (row.achievements & (1 << i)) !== 0);
  const person: Person = {
    id: row.id,
    householdId: row.household_id,
    fullName: row.full_name,
    birthYear: row.birth_year,
    skills,
    achievements,
    consent: { version: row.consent_version, at: row.consent_at.toISOString(), method: row.consent_method as Person['consent']['method'], staffId: row.consent_staff },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
  if (row.gender === 'nam' || row.gender === 'nu') person.gender = row.gender;
  if (row.phone) person.phone = row.phone;
  return person;
}

function sessionOf(row: SessionRow): Session {
  const session: Session = {
    id: row.id,
    personId: row.person_id,
    staffId: row.staff_id,
    siteName: row.site_name,
    demos: row.demos,
    cardsPrinted: row.cards_printed,
    startedAt: row.started_at.toISOString(),
    state: row.state,
    updatedAt: row.updated_at.toISOString(),
  };
  if (row.campaign) session.campaign = row.campaign;
  if (row.ended_at) session.endedAt = row.ended_at.toISOString();
  return session;
}

/**
 * The commune's households and erasures changed after `cursor`, oldest change first, never past
 * `safeSeq` (changes of batches still being written could otherwise commit behind the cursor).
 */
export async function pullFor(db: Sql, kiosk: KioskIdentity, cursor: number, safeSeq: number): Promise<PullReply> {
  const households = await db.query<HouseholdRow>(
    `select id, province_code, commune_code, hamlet, head_name, created_at, updated_at, change_seq from households
     where commune_code = $1 and change_seq > $2 and change_seq < $3 order by change_seq limit $4`,
    [kiosk.communeCode, cursor, safeSeq, MAX_PULL_RECORDS + 1],
  );
  const erasures = await db.query<{ kind: 'person' | 'household'; id_hash: string; at: Date; staff_id: string; reason: DeletionReason; change_seq: number }>(
    `select kind, id_hash, at, staff_id, reason, change_seq from erasures
     where (commune_code = $1 or commune_code is null) and change_seq > $2 and change_seq < $3 order by change_seq limit $4`,
    [kiosk.communeCode, cursor, safeSeq, MAX_PULL_RECORDS + 1],
  );
  // Both lists in one change order, cut at the limit, so the next cursor skips nothing.
  const merged = [
    ...households.rows.map((r) => ({ seq: Number(r.change_seq), household: r })),
    ...erasures.rows.map((r) => ({ seq: Number(r.change_seq), erasure: r })),
  ].sort((a, b) => a.seq - b.seq);
  const page = merged.slice(0, MAX_PULL_RECORDS);
  return {
    households: page.flatMap((e) => ('household' in e && e.household ? [householdOf(e.household)] : [])),
    deletions: page.flatMap((e) =>
      'erasure' in e && e.erasure
        ? [{ kind: e.erasure.kind, idHash: e.erasure.id_hash, at: e.erasure.at.toISOString(), staffId: e.erasure.staff_id, reason: DELETION_REASONS.includes(e.erasure.reason) ? e.erasure.reason : 'khac' }]
        : [],
    ),
    cursor: page.length ? page[page.length - 1]!.seq : cursor,
    more: merged.length > MAX_PULL_RECORDS,
  };
}

/** A person as the commune admin's list shows them. */
export interface PersonLine {
  id: string;
  fullName: string;
  birthYear: number;
  hamlet: string;
  headName: string;
  skills: Record<SkillKey, SkillLevel>;
  proficient: boolean;
  updatedAt: string;
}

/** People of a commune (names: its own admins only), optionally of one hamlet or matching a name; each view is audited. */
export async function listPeople(
  db: Sql,
  actor: Actor,
  query: { communeCode: string; hamletKey?: string | undefined; text?: string | undefined; limit: number; offset: number },
  meta: { at: number; ip: string | null },
): Promise<{ people: PersonLine[]; total: number }> {
  if (!canSeeNames(actor, query.communeCode)) throw new AppError('FORBIDDEN', 'Chỉ quản trị viên của xã mới xem được tên người dân của xã.');
  const words = fold(query.text ?? '')
    .split(' ')
    .filter(Boolean);
  const params: unknown[] = [query.communeCode];
  let filter = 'h.commune_code = $1';
  if (query.hamletKey) {
    params.push(query.hamletKey);
    filter += ` and h.hamlet_key = $${params.length}`;
  }
  const rows = await db.query<PersonRow & { hamlet: string; head_name: string }>(
    `select p.*, h.hamlet, h.head_name from people p join households h on h.id = p.household_id where ${filter}`,
    params,
  );
  const matches = rows.rows.filter((r) => {
    if (words.length === 0) return true;
    const name = fold(r.full_name).split(' ');
    return words.every((w) => name.some((n) => n.startsWith(w)));
  });
  const collator = new Intl.Collator('vi', { sensitivity: 'base' });
  matches.sort((a, b) => collator.compare(a.hamlet, b.hamlet) || collator.compare(a.full_name, b.full_name));
  const page = matches.slice(query.offset, query.offset + query.limit).map((r): PersonLine => {
    const person = personOf(r);
    return {
      id: r.id,
      fullName: r.full_name,
      birthYear: r.birth_year,
      hamlet: r.hamlet,
      headName: r.head_name,
      skills: person.skills,
      proficient: r.skills === '33333',
      updatedAt: person.updatedAt,
    };
  });
  await audit(db, { at: meta.at, actor, action: 'view-people', scope: query.communeCode, detail: { shown: page.length, hamlet: query.hamletKey ?? null, search: words.length > 0 }, ip: meta.ip });
  return { people: page, total: matches.length };
}

/** Erases a person at the hub (a commune admin, on the citizen's request): kiosks drop her at their next pull. */
export async function erasePerson(tx: Sql, actor: Actor, personId: string, reason: DeletionReason, meta: { at: number; ip: string | null }): Promise<void> {
  const r = await tx.query<{ commune_code: string }>('select h.commune_code from people p join households h on h.id = p.household_id where p.id = $1', [personId]);
  const row = r.rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy người này ở máy chủ (có thể đã bị xóa).');
  if (!canSeeNames(actor, row.commune_code)) throw new AppError('FORBIDDEN', 'Chỉ quản trị viên của xã mới xóa được hồ sơ người dân của xã.');
  const result = await applyErasures(tx, [{ kind: 'person', idHash: idHash(personId), at: new Date(meta.at).toISOString(), staffId: `hub:${actor.accountId}`.slice(0, 64), reason }], {
    kioskId: null,
    accountId: actor.accountId,
    receivedAt: meta.at,
  });
  await markDirty(tx, result.places);
  await audit(tx, { at: meta.at, actor, action: 'erase-person', scope: row.commune_code, detail: { reason }, ip: meta.ip });
}

/** A commune's records loaded into the kiosk's own model, so reports are made by the same code as at the kiosk. */
export async function loadCommune(db: Sql, communeCode: string): Promise<RecordsState> {
  const state = new RecordsState();
  const households = await db.query<HouseholdRow>('select * from households where commune_code = $1', [communeCode]);
  const people = await db.query<PersonRow>('select p.* from people p join households h on h.id = p.household_id where h.commune_code = $1', [communeCode]);
  const sessions = await db.query<SessionRow>(
    'select s.* from sessions s join people p on p.id = s.person_id join households h on h.id = p.household_id where h.commune_code = $1',
    [communeCode],
  );
  state.apply([
    ...households.rows.map((r) => ({ k: 'h' as const, v: householdOf(r) })),
    ...people.rows.map((r) => ({ k: 'p' as const, v: personOf(r) })),
    ...sessions.rows.map((r) => ({ k: 's' as const, v: sessionOf(r) })),
  ]);
  return state;
}

/** The report of a commune with its people, for the commune's own admins. */
export async function communeReport(db: Sql, communeCode: string): Promise<ReportSource & { state: RecordsState }> {
  const state = await loadCommune(db, communeCode);
  return { stats: computeStats(state), people: peopleInReportOrder(state), state };
}

