import { SKILL_KEYS } from '../skills';
import {
  ACHIEVEMENTS,
  CONSENT_METHODS,
  DELETION_REASONS,
  SESSION_STATES,
  SKILL_LEVELS,
  type Achievement,
  type Deletion,
  type DemoResult,
  type Household,
  type Person,
  type Session,
  type SkillLevel,
} from './model';
import { RecordsState, type RecordOp } from './state';
import { isoFromMs } from './time';

/** The snapshot format this code writes. */
export const RECORDS_SCHEMA_VERSION = 2;

/*
 * Snapshot format v2: JSON Lines of compact arrays, so 100,000 people fit well under 30 MB and
 * load line by line (each line's arrays are garbage at once, which keeps loading fast).
 *   line 1:   {"v":2,"q":last journal seq,"w":written at (ms),
 *              "t":{"s":staff ids,"l":site names,"c":campaigns,"d":demo ids,"k":consent versions,"m":hamlets}}
 *   then:     ["h", id, province, commune, hamlet#, head, createdMs, updatedΔ, [person…]]   a household with its people
 *             ["o", householdId, …person]   a person whose household is missing (kept, never dropped)
 *             ["x", personId, …session]     a session whose person is missing
 *             ["d", kind 0 person|1 household, idHash, atMs, staff#, reason#]   a deletion log line
 *   last:     {"end": number of record lines}: a file cut short has no such line, or the wrong count.
 *   person:  [id, name, birthYear, gender 0|1 nam|2 nu, phone or "", skills as one digit per skill,
 *             achievements bitmask, consentVersion#, consentAtΔ, method#, consentStaff#, createdMs, updatedΔ, [session…]]
 *   session: [id, staff#, site#, campaign# or -1, [[demo#, completed 0|1, mistakes, hints, seconds]], [demo#],
 *             startedMs, endedΔ or -1, state#, updatedΔ]
 * "#" is an index into the table t; "Δ" is milliseconds after the record's first time.
 */

/** A v2 snapshot between its text and the state: the header, and record lines still as JSON text. */
export interface RecordsWire {
  header: { v: number; q: number; w: number; t: Record<string, string[]> };
  lines: string[];
}

class Interner {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

type Wire = unknown[];

/** Builds the v2 snapshot of `state` (each record line already JSON). */
export function encodeRecords(state: RecordsState, seq: number, writtenAt: number): RecordsWire {
  const t = { s: new Interner(), l: new Interner(), c: new Interner(), d: new Interner(), k: new Interner(), m: new Interner() };
  const encodeSession = (s: Session): Wire => {
    const start = Date.parse(s.startedAt);
    return [
      s.id,
      t.s.id(s.staffId),
      t.l.id(s.siteName),
      s.campaign === undefined ? -1 : t.c.id(s.campaign),
      s.demos.map((d) => [t.d.id(d.demoId), d.completed ? 1 : 0, d.mistakes, d.hints, d.seconds]),
      s.cardsPrinted.map((c) => t.d.id(c)),
      start,
      s.endedAt === undefined ? -1 : Date.parse(s.endedAt) - start,
      SESSION_STATES.indexOf(s.state),
      Date.parse(s.updatedAt) - start,
    ];
  };
  const encodePerson = (p: Person): Wire => {
    const created = Date.parse(p.createdAt);
    let mask = 0;
    for (const a of p.achievements) mask |= 1 << ACHIEVEMENTS.indexOf(a);
    let skills = '';
    for (const key of SKILL_KEYS) skills += SKILL_LEVELS.indexOf(p.skills[key]);
    const sessions: Wire[] = [];
    for (const id of state.sessionsOf(p.id)) sessions.push(encodeSession(state.sessions.get(id)!));
    return [
      p.id,
      p.fullName,
      p.birthYear,
      p.gender === undefined ? 0 : p.gender === 'nam' ? 1 : 2,
      p.phone ?? '',
      skills,
      mask,
      t.k.id(p.consent.version),
      Date.parse(p.consent.at) - created,
      CONSENT_METHODS.indexOf(p.consent.method),
      t.s.id(p.consent.staffId),
      created,
      Date.parse(p.updatedAt) - created,
      sessions,
    ];
  };
  const lines: string[] = [];
  for (const h of state.households.values()) {
    const created = Date.parse(h.createdAt);
    lines.push(
      JSON.stringify([
        'h',
        h.id,
        h.provinceCode,
        h.communeCode,
        t.m.id(h.hamlet),
        h.headName,
        created,
        Date.parse(h.updatedAt) - created,
        state.membersOf(h.id).map((id) => encodePerson(state.people.get(id)!)),
      ]),
    );
  }
  for (const p of state.people.values()) if (!state.households.has(p.householdId)) lines.push(JSON.stringify(['o', p.householdId, ...encodePerson(p)]));
  for (const s of state.sessions.values()) if (!state.people.has(s.personId)) lines.push(JSON.stringify(['x', s.personId, ...encodeSession(s)]));
  for (const d of state.deletions) lines.push(JSON.stringify(['d', d.kind === 'person' ? 0 : 1, d.idHash, Date.parse(d.at), t.s.id(d.staffId), DELETION_REASONS.indexOf(d.reason)]));
  return {
    header: { v: RECORDS_SCHEMA_VERSION, q: seq, w: writtenAt, t: { s: t.s.list, l: t.l.list, c: t.c.list, d: t.d.list, k: t.k.list, m: t.m.list } },
    lines,
  };
}

/** The snapshot's text: the header line, the record lines, the end line. */
export function serializeRecords(wire: RecordsWire): string {
  return `${JSON.stringify(wire.header)}\n${wire.lines.map((l) => `${l}\n`).join('')}${JSON.stringify({ end: wire.lines.length })}\n`;
}

/**
 * Splits a snapshot's text into its header and record lines (v2), or parses a whole-file JSON
 * snapshot of an older version. Throws when the text is neither, or a v2 file is cut short.
 */
export function parseRecordsText(text: string): unknown {
  const firstBreak = text.indexOf('\n');
  const first = firstBreak === -1 ? text : text.slice(0, firstBreak);
  let header: unknown;
  try {
    header = JSON.parse(first);
  } catch {
    header = null;
  }
  if (header === null || typeof header !== 'object' || (header as { v?: unknown }).v === undefined) return JSON.parse(text) as unknown;
  const lines = text.slice(firstBreak + 1).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const last = lines.pop();
  let end: unknown;
  try {
    end = last === undefined ? null : JSON.parse(last);
  } catch {
    end = null;
  }
  if (typeof end !== 'object' || end === null || (end as { end?: unknown }).end !== lines.length) {
    throw new SnapshotShapeError('cuối tệp (tệp bị cắt ngắn)');
  }
  return { header, lines } satisfies Omit<RecordsWire, 'header'> & { header: unknown };
}

/** Raised when a snapshot parses as JSON but is not in the expected shape. */
export class SnapshotShapeError extends Error {
  constructor(where: string) {
    super(`sai cấu trúc ở ${where}`);
    this.name = 'SnapshotShapeError';
  }
}

function fail(where: string): never {
  throw new SnapshotShapeError(where);
}
function arr(v: unknown, where: string): unknown[] {
  return Array.isArray(v) ? v : fail(where);
}
function str(v: unknown, where: string): string {
  return typeof v === 'string' ? v : fail(where);
}
function num(v: unknown, where: string): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fail(where);
}
function pick<T>(list: readonly T[], i: unknown, where: string): T {
  const value = typeof i === 'number' ? list[i] : undefined;
  return value === undefined ? fail(where) : value;
}
function strings(v: unknown, where: string): string[] {
  const list = arr(v, where);
  for (const s of list) str(s, where);
  return list as string[];
}

// Stored records are never changed in place (changes make new objects), so loading can share
// the few distinct skill sets, achievement lists and empty lists between records.
const EMPTY: never[] = Object.freeze([]) as unknown as never[];
const skillSets = new Map<string, Record<(typeof SKILL_KEYS)[number], SkillLevel>>();
const achievementLists = new Map<number, Achievement[]>();

function skillsFrom(digits: string): Record<(typeof SKILL_KEYS)[number], SkillLevel> {
  let skills = skillSets.get(digits);
  if (!skills) {
    if (digits.length !== SKILL_KEYS.length) fail('kỹ năng');
    const made = {} as Record<(typeof SKILL_KEYS)[number], SkillLevel>;
    SKILL_KEYS.forEach((key, i) => (made[key] = pick(SKILL_LEVELS, Number(digits[i]), 'kỹ năng')));
    skills = Object.freeze(made);
    skillSets.set(digits, skills);
  }
  return skills;
}

function achievementsFrom(mask: number): Achievement[] {
  let list = achievementLists.get(mask);
  if (!list) {
    list = Object.freeze(ACHIEVEMENTS.filter((_, i) => (mask & (1 << i)) !== 0)) as Achievement[];
    achievementLists.set(mask, list);
  }
  return list;
}

/** Reads a v2 snapshot into memory; throws {@link SnapshotShapeError} naming the first bad place. */
export function decodeRecords(wire: unknown): { state: RecordsState; seq: number } {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) fail('(gốc)');
  const { header, lines } = wire as { header?: Record<string, unknown>; lines?: unknown };
  if (typeof header !== 'object' || header === null || !Array.isArray(lines)) fail('(gốc)');
  if (header.v !== RECORDS_SCHEMA_VERSION) fail('v');
  const seq = num(header.q, 'q');
  const tables = (header.t ?? fail('t')) as Record<string, unknown>;
  const t = { s: strings(tables.s, 't.s'), l: strings(tables.l, 't.l'), c: strings(tables.c, 't.c'), d: strings(tables.d, 't.d'), k: strings(tables.k, 't.k'), m: strings(tables.m, 't.m') };
  const state = new RecordsState();
  state.defer();
  state.deferSessions();
  const load = (op: RecordOp) => state.load(op);
  // Sessions are decoded after start (see RecordsState.deferSessions); their lines already parsed as JSON.
  let badSessions = 0;
  const laterSession = (row: unknown, personId: string) =>
    state.sessionWork(() => {
      try {
        load({ k: 's', v: session(arr(row, here), personId) });
      } catch {
        badSessions += 1;
      }
    });
  // Neighbouring times are often equal (a session ends when it is last changed): convert each once.
  let lastMs = Number.NaN;
  let lastIso = '';
  const iso = (ms: number): string => {
    if (ms !== lastMs) {
      lastMs = ms;
      lastIso = isoFromMs(ms);
    }
    return lastIso;
  };
  // Places are only spelled out when something is wrong (the happy path builds no path strings).
  const here = '';

  const session = (row: unknown[], personId: string): Session => {
    if (row.length !== 10) fail(here);
    const start = num(row[6], here);
    const ended = num(row[7], here);
    const demoRows = arr(row[4], here);
    const cardRows = arr(row[5], here);
    const s: Session = {
      id: str(row[0], here),
      personId,
      staffId: pick(t.s, row[1], here),
      siteName: pick(t.l, row[2], here),
      demos:
        demoRows.length === 0
          ? EMPTY
          : demoRows.map((d): DemoResult => {
              const r = arr(d, here);
              return { demoId: pick(t.d, r[0], here), completed: r[1] === 1, mistakes: num(r[2], here), hints: num(r[3], here), seconds: num(r[4], here) };
            }),
      cardsPrinted: cardRows.length === 0 ? EMPTY : cardRows.map((c) => pick(t.d, c, here)),
      startedAt: iso(start),
      state: pick(SESSION_STATES, row[8], here),
      updatedAt: '',
    };
    if (row[3] !== -1) s.campaign = pick(t.c, row[3], here);
    if (ended !== -1) s.endedAt = iso(start + ended);
    s.updatedAt = iso(start + num(row[9], here));
    return s;
  };

  const person = (row: unknown[], householdId: string): void => {
    if (row.length !== 14) fail(here);
    const created = num(row[11], here);
    const consentAt = created + num(row[8], here);
    const p: Person = {
      id: str(row[0], here),
      householdId,
      fullName: str(row[1], here),
      birthYear: num(row[2], here),
      skills: skillsFrom(str(row[5], here)),
      achievements: achievementsFrom(num(row[6], here)),
      consent: {
        version: pick(t.k, row[7], here),
        at: iso(consentAt),
        method: pick(CONSENT_METHODS, row[9], here),
        staffId: pick(t.s, row[10], here),
      },
      createdAt: iso(created),
      updatedAt: iso(created + num(row[12], here)),
    };
    if (row[3] === 1) p.gender = 'nam';
    else if (row[3] === 2) p.gender = 'nu';
    const phone = str(row[4], here);
    if (phone !== '') p.phone = phone;
    load({ k: 'p', v: p });
    const sessions = arr(row[13], here);
    for (let i = 0; i < sessions.length; i++) laterSession(sessions[i], p.id);
  };

  const deletions: Deletion[] = [];
  for (let i = 0; i < lines.length; i++) {
    try {
      const row = arr(JSON.parse(str(lines[i], here)), here);
      switch (row[0]) {
        case 'h': {
          if (row.length !== 9) fail(here);
          const created = num(row[6], here);
          const h: Household = {
            id: str(row[1], here),
            provinceCode: str(row[2], here),
            communeCode: str(row[3], here),
            hamlet: pick(t.m, row[4], here),
            headName: str(row[5], here),
            createdAt: iso(created),
            updatedAt: iso(created + num(row[7], here)),
          };
          load({ k: 'h', v: h });
          const people = arr(row[8], here);
          for (let j = 0; j < people.length; j++) person(arr(people[j], here), h.id);
          break;
        }
        case 'o':
          person(row.slice(2), str(row[1], here));
          break;
        case 'x':
          laterSession(row.slice(2), str(row[1], here));
          break;
        case 'd':
          deletions.push({
            kind: row[1] === 1 ? 'household' : 'person',
            idHash: str(row[2], here),
            at: iso(num(row[3], here)),
            staffId: pick(t.s, row[4], here),
            reason: pick(DELETION_REASONS, row[5], here),
          });
          break;
        default:
          fail(here);
      }
    } catch (error) {
      // Say where: the line number in the file (the header is line 1).
      if (error instanceof SnapshotShapeError || error instanceof SyntaxError) throw new SnapshotShapeError(`dòng ${i + 2}`);
      throw error;
    }
  }
  if (deletions.length) load({ k: 'log', d: deletions });
  state.settle();
  state.sessionWork(() => {
    state.unreadableSessions = badSessions;
  });
  return { state, seq };
}
