import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../api/result';
import type { GeoDirectory } from '../geo';
import type { Logger } from '../logger';
import { SKILL_KEYS } from '../skills';
import type { BackupInfo } from '../storage/backups';
import { JournalStore } from '../storage/journal-store';
import { recordsCodec } from './codec';
import {
  ACHIEVEMENTS,
  DeletionInputSchema,
  DemoResultSchema,
  FinishInputSchema,
  HouseholdInputSchema,
  HouseholdPatchSchema,
  OUTSIDE_CONSENT_VERSION,
  SessionInputSchema,
  higherLevel,
  parseInput,
  personInputSchema,
  personPatchSchema,
  skillsWith,
  type Consent,
  type Deletion,
  type DeletionInput,
  type FinishInput,
  type Household,
  type HouseholdInput,
  type HouseholdPatch,
  type Person,
  type PersonInput,
  type PersonPatch,
  type Session,
  type SessionInput,
} from './model';
import { VI_COLLATOR } from './name-index';
import { idHash, type RecordOp, type RecordsState } from './state';
import { computeStats, vnDate, type RecordsStats } from './stats';
import { z } from '../zod';

/** Where the service keeps its files and what it is given. */
export interface RecordsServiceOptions {
  dataDir: string;
  geo: GeoDirectory;
  log: Logger;
  /** Epoch milliseconds. */
  clock?: () => number;
  /** Consent text versions that exist (from resources/consent); others are refused. Empty: any well-formed version. */
  consentVersions?: readonly string[];
  /** Changes between snapshots (tests lower it to exercise compaction). */
  compactEvery?: number;
}

/** A search hit: the person and where they live. */
export interface PersonHit {
  person: Person;
  household: Household | null;
}

/** A household search hit with its member count. */
export interface HouseholdHit {
  household: Household;
  members: number;
}

/** A warning for staff about the records' storage. */
export interface RecordsProblem {
  message: string;
  at: string;
}

/** Options for adding or changing a person. */
export interface DuplicateOptions {
  /** Staff confirmed this is a different person despite the same name, birth year and hamlet. */
  allowDuplicate?: boolean;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * Households, people and assistance sessions: validation, likely duplicates, search, the goal
 * figures, erasure and backups, over a {@link JournalStore} in the data folder.
 */
export class RecordsService {
  private readonly store: JournalStore<RecordsState, RecordOp>;
  private readonly clock: () => number;
  private statsCache: { version: number; stats: RecordsStats } | null = null;
  private lastStamp = 0;

  constructor(private readonly options: RecordsServiceOptions) {
    this.clock = options.clock ?? Date.now;
    this.store = new JournalStore({
      dir: options.dataDir,
      name: 'records',
      backupsDir: path.join(options.dataDir, 'backups', 'records'),
      label: 'hồ sơ người dân',
      codec: recordsCodec,
      log: options.log,
      now: () => new Date(this.clock()),
      ...(options.compactEvery ? { compactEvery: options.compactEvery } : {}),
      backupPolicy: { generations: 10, days: 14, dayOf: vnDate },
    });
  }

  /** Loads the records (recovering from a bad file, see {@link JournalStore}). */
  async open(): Promise<void> {
    await this.store.open();
    // Sessions, name indexes and session totals are worked out just after start, not during it,
    // one step per event-loop turn so requests in between are not held up for long.
    const steps = this.store.state.warmSteps();
    const next = () => {
      steps.shift()?.();
      if (steps.length) setImmediate(next).unref();
    };
    setImmediate(next).unref();
  }

  /** Finishes the loading work put off at start (idempotent; searches and figures call it as needed). */
  warm(): void {
    this.store.state.warm();
  }

  /** Finishes queued writes and background snapshots, then releases the data folder. */
  async close(): Promise<void> {
    await this.store.close();
  }

  /** The storage warning staff must see, or null: a restored file, a damaged journal, or read-only access. */
  problem(): RecordsProblem | null {
    const problems = this.store.problems();
    const readOnly = this.store.readOnly;
    if (readOnly) problems.unshift({ message: readOnly, at: new Date(this.clock()).toISOString() });
    const unreadable = this.store.state.unreadableSessions;
    if (unreadable > 0) problems.push({ message: `${unreadable} phiên hỗ trợ trong tệp hồ sơ không đọc được và đã bị bỏ qua.`, at: new Date(this.clock()).toISOString() });
    if (problems.length === 0) return null;
    return { message: problems.map((p) => p.message).join('\n'), at: problems[problems.length - 1]!.at };
  }

  /** Staff saw the warning; kept with who and when, so it does not come back at the next start. */
  async acknowledgeProblem(staffId: string): Promise<void> {
    await this.store.acknowledgeProblems(z.string().min(1).max(64).parse(staffId));
  }

  /** Why changes are refused, or null. */
  readOnly(): string | null {
    return this.store.readOnly;
  }

  /** All records, read-only, for exports. */
  get records(): Readonly<RecordsState> {
    return this.store.state;
  }

  /** The service's clock (epoch milliseconds). */
  now(): number {
    return this.clock();
  }

  /** The current time as stored (ISO), strictly later than the last one handed out so "newest wins" never ties here. */
  stamp(): string {
    const ms = Math.max(this.clock(), this.lastStamp + 1);
    this.lastStamp = ms;
    return new Date(ms).toISOString();
  }

  /** A household, or null. */
  getHousehold(id: string): Household | null {
    const h = this.store.state.households.get(id);
    return h ? clone(h) : null;
  }

  /** A person, or null. */
  getPerson(id: string): Person | null {
    const p = this.store.state.people.get(id);
    return p ? clone(p) : null;
  }

  /** A session, or null. */
  getSession(id: string): Session | null {
    const s = this.store.state.sessions.get(id);
    return s ? clone(s) : null;
  }

  /** Members of a household, in Vietnamese collation order. */
  membersOf(householdId: string): Person[] {
    const state = this.store.state;
    return state
      .membersOf(householdId)
      .map((id) => clone(state.people.get(id)!))
      .sort((a, b) => VI_COLLATOR.compare(a.fullName, b.fullName));
  }

  /** A person's sessions, newest first. */
  sessionsOf(personId: string): Session[] {
    const state = this.store.state;
    return state
      .sessionsOf(personId)
      .map((id) => clone(state.sessions.get(id)!))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** Sessions not finished yet (open, or left when the kiosk went idle), newest first, each with its person. */
  unfinishedSessions(limit = 20): { session: Session; person: Person }[] {
    const state = this.store.state;
    const waiting: Session[] = [];
    for (const session of state.sessions.values()) if (session.state !== 'done') waiting.push(session);
    return waiting
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, Math.max(1, Math.min(100, Math.floor(limit))))
      .flatMap((session) => {
        const person = state.people.get(session.personId);
        return person ? [{ session: clone(session), person: clone(person) }] : [];
      });
  }

  /**
   * People whose name holds the query's words at word starts, ignoring case and diacritics (đ
   * too; NFD input works), in Vietnamese collation order. Digits match a phone or birth year.
   */
  search(text: string, limit = 20): PersonHit[] {
    const state = this.store.state;
    const size = Math.max(1, Math.min(200, Math.floor(limit)));
    return state.searchPeople(String(text).slice(0, 200), size).map((p) => {
      const h = state.households.get(p.householdId);
      return { person: clone(p), household: h ? clone(h) : null };
    });
  }

  /** Households whose head's name or hamlet matches, in collation order of the head's name. */
  searchHouseholds(text: string, limit = 20): HouseholdHit[] {
    const state = this.store.state;
    const size = Math.max(1, Math.min(200, Math.floor(limit)));
    return state.searchHouseholds(String(text).slice(0, 200), size).map((h) => ({ household: clone(h), members: state.memberCount(h.id) }));
  }

  /** People who look like the one described (same folded name and birth year in the same hamlet and commune). */
  likelyDuplicates(candidate: { householdId: string; fullName: string; birthYear: number }, exceptId?: string): Person[] {
    const state = this.store.state;
    return state.likelyDuplicates(candidate, exceptId).map((id) => clone(state.people.get(id)!));
  }

  /** Adds a household after checking its address against the administrative map. */
  async addHousehold(input: HouseholdInput): Promise<Household> {
    const data = parseInput(HouseholdInputSchema, input);
    this.checkPlace(data.provinceCode, data.communeCode);
    return this.store.commit(() => {
      const at = this.stamp();
      const household: Household = { id: randomUUID(), ...data, createdAt: at, updatedAt: at };
      return { ops: [{ k: 'h', v: household }], result: clone(household) };
    });
  }

  /** Changes a household's address or head. */
  async updateHousehold(id: string, patch: HouseholdPatch): Promise<Household> {
    const data = parseInput(HouseholdPatchSchema, patch);
    return this.store.commit((state) => {
      const current = this.mustHousehold(state, id);
      const next: Household = { ...current, ...definedOnly(data) };
      this.checkPlace(next.provinceCode, next.communeCode);
      if (sameRecord(current, next)) return { ops: [], result: clone(current) };
      next.updatedAt = this.stamp();
      return { ops: [{ k: 'h', v: next }], result: clone(next) };
    });
  }

  /** Erases a household with its members and their sessions; the deletion log keeps only id hashes. */
  async deleteHousehold(id: string, erasure: DeletionInput): Promise<void> {
    const { staffId, reason } = parseInput(DeletionInputSchema, erasure);
    await this.store.commit((state) => {
      this.mustHousehold(state, id);
      const at = this.stamp();
      const d: Deletion[] = [
        { kind: 'household', idHash: idHash(id), at, staffId, reason },
        ...state.membersOf(id).map((m): Deletion => ({ kind: 'person', idHash: idHash(m), at, staffId, reason })),
      ];
      return { ops: [{ k: 'del-h', id, d }], result: undefined };
    });
    await this.store.compact();
  }

  /**
   * Adds a person. Refused without consent; a likely duplicate (same folded name, birth year and
   * hamlet) is refused with CONFLICT and `fields.duplicateOf` unless `allowDuplicate`.
   */
  async addPerson(input: PersonInput, options: DuplicateOptions = {}): Promise<Person> {
    const data = parseInput(personInputSchema(this.year()), input);
    if (!data.consent) {
      const message = 'Chưa có sự đồng ý của người dân: chưa thể lưu hồ sơ.';
      throw new AppError('INVALID_INPUT', message, { fields: { consent: message } });
    }
    const consent = this.consent(data.consent);
    return this.store.commit((state) => {
      const household = this.mustHousehold(state, data.householdId, 'householdId');
      if (!options.allowDuplicate) this.refuseDuplicate(state, household, data);
      const at = this.stamp();
      const person: Person = {
        id: randomUUID(),
        householdId: household.id,
        fullName: data.fullName,
        birthYear: data.birthYear,
        skills: skillsWith(data.skills),
        achievements: data.achievements ?? [],
        consent,
        createdAt: at,
        updatedAt: at,
      };
      if (data.gender) person.gender = data.gender;
      if (data.phone) person.phone = data.phone;
      return { ops: [{ k: 'p', v: person }], result: clone(person) };
    });
  }

  /** Changes a person; `gender`/`phone` given as null or "" are cleared. The duplicate check applies to a new name, year or household. */
  async updatePerson(id: string, patch: PersonPatch, options: DuplicateOptions = {}): Promise<Person> {
    const data = parseInput(personPatchSchema(this.year()), patch);
    const consent = data.consent ? this.consent(data.consent) : undefined;
    return this.store.commit((state) => {
      const current = this.mustPerson(state, id);
      const next: Person = {
        ...current,
        ...(data.householdId !== undefined ? { householdId: this.mustHousehold(state, data.householdId, 'householdId').id } : {}),
        ...(data.fullName !== undefined ? { fullName: data.fullName } : {}),
        ...(data.birthYear !== undefined ? { birthYear: data.birthYear } : {}),
        skills: skillsWith(data.skills, current.skills),
        achievements: data.achievements ?? current.achievements,
        consent: consent ?? current.consent,
      };
      if ('gender' in patch) {
        if (data.gender) next.gender = data.gender;
        else delete next.gender;
      }
      if ('phone' in patch) {
        if (data.phone) next.phone = data.phone;
        else delete next.phone;
      }
      const identityChanged = next.fullName !== current.fullName || next.birthYear !== current.birthYear || next.householdId !== current.householdId;
      if (identityChanged && !options.allowDuplicate) this.refuseDuplicate(state, this.mustHousehold(state, next.householdId), next, id);
      if (sameRecord(current, next)) return { ops: [], result: clone(current) };
      next.updatedAt = this.stamp();
      return { ops: [{ k: 'p', v: next }], result: clone(next) };
    });
  }

  /**
   * Erases a person and their sessions (the right to erasure): gone from the data file and the
   * journal before this returns (a new snapshot is written), and from every backup made after.
   * The deletion log keeps a hash of the id, the time, the staff member and the reason only.
   */
  async deletePerson(id: string, erasure: DeletionInput): Promise<void> {
    const { staffId, reason } = parseInput(DeletionInputSchema, erasure);
    await this.store.commit((state) => {
      this.mustPerson(state, id);
      const d: Deletion[] = [{ kind: 'person', idHash: idHash(id), at: this.stamp(), staffId, reason }];
      return { ops: [{ k: 'del-p', id, d }], result: undefined };
    });
    await this.store.compact();
  }

  /**
   * Merges a duplicate into the person kept: the higher level of each skill, all achievements,
   * phone and gender where the kept record lacks them, and the duplicate's sessions. The
   * duplicate is then deleted (logged as `trung-lap`).
   */
  async mergePeople(keepId: string, dropId: string, staffId: string): Promise<Person> {
    const staff = parseInput(DeletionInputSchema, { staffId, reason: 'trung-lap' });
    if (keepId === dropId) throw new AppError('INVALID_INPUT', 'Không thể gộp một người với chính mình.', { fields: { dropId: 'Hãy chọn người khác.' } });
    return this.store.commit((state) => {
      const keep = this.mustPerson(state, keepId, 'keepId');
      const drop = this.mustPerson(state, dropId, 'dropId');
      const at = this.stamp();
      const merged: Person = {
        ...keep,
        skills: Object.fromEntries(SKILL_KEYS.map((k) => [k, higherLevel(keep.skills[k], drop.skills[k])])) as Person['skills'],
        achievements: ACHIEVEMENTS.filter((a) => keep.achievements.includes(a) || drop.achievements.includes(a)),
        updatedAt: at,
      };
      if (!merged.phone && drop.phone) merged.phone = drop.phone;
      if (!merged.gender && drop.gender) merged.gender = drop.gender;
      const ops: RecordOp[] = [{ k: 'p', v: merged }];
      for (const sessionId of state.sessionsOf(dropId)) ops.push({ k: 's', v: { ...state.sessions.get(sessionId)!, personId: keepId, updatedAt: at } });
      ops.push({ k: 'del-p', id: dropId, d: [{ kind: 'person', idHash: idHash(dropId), at, staffId: staff.staffId, reason: 'trung-lap' }] });
      return { ops, result: clone(merged) };
    });
  }

  /** Opens an assistance session for a person. */
  async openSession(input: SessionInput): Promise<Session> {
    const data = parseInput(SessionInputSchema, input);
    return this.store.commit((state) => {
      this.mustPerson(state, data.personId, 'personId');
      const at = this.stamp();
      const session: Session = { id: randomUUID(), personId: data.personId, staffId: data.staffId, siteName: data.siteName, demos: [], cardsPrinted: [], startedAt: at, state: 'open', updatedAt: at };
      if (data.campaign) session.campaign = data.campaign;
      return { ops: [{ k: 's', v: session }], result: clone(session) };
    });
  }

  /** Adds the player's results to an open (or unfinished, which reopens it) session. */
  async attachDemoResults(sessionId: string, results: readonly unknown[]): Promise<Session> {
    const demos = parseInput(z.array(DemoResultSchema).min(1, 'Không có kết quả nào.').max(50, 'Quá nhiều kết quả một lần.'), results, 'demos');
    return this.store.commit((state) => {
      const current = this.mustSession(state, sessionId);
      if (current.state === 'done') throw new AppError('CONFLICT', 'Phiên hỗ trợ này đã kết thúc; hãy mở phiên mới.', { fields: { sessionId: 'Phiên đã kết thúc.' } });
      if (current.demos.length + demos.length > 200) throw new AppError('INVALID_INPUT', 'Phiên này đã có quá nhiều bài.', { fields: { demos: 'Tối đa 200 bài mỗi phiên.' } });
      const next: Session = { ...current, demos: [...current.demos, ...demos], state: 'open', updatedAt: this.stamp() };
      return { ops: [{ k: 's', v: next }], result: clone(next) };
    });
  }

  /** Notes that a demo's step card was printed in this session (once per demo). */
  async recordCardPrinted(sessionId: string, demoId: string): Promise<Session> {
    const id = parseInput(z.string().min(1, 'Thiếu mã bài.').max(120, 'Mã bài dài quá 120 ký tự.'), demoId, 'demoId');
    return this.store.commit((state) => {
      const current = this.mustSession(state, sessionId);
      if (current.cardsPrinted.includes(id)) return { ops: [], result: clone(current) };
      if (current.cardsPrinted.length >= 200) throw new AppError('INVALID_INPUT', 'Phiên này đã in quá nhiều phiếu.', { fields: { demoId: 'Tối đa 200 phiếu mỗi phiên.' } });
      const next: Session = { ...current, cardsPrinted: [...current.cardsPrinted, id], updatedAt: this.stamp() };
      return { ops: [{ k: 's', v: next }], result: clone(next) };
    });
  }

  /** Confirms skill levels and achievements and closes the session, in one change. */
  async finishSession(sessionId: string, input: FinishInput): Promise<{ session: Session; person: Person }> {
    const data = parseInput(FinishInputSchema, input);
    return this.store.commit((state) => {
      const current = this.mustSession(state, sessionId);
      const person = this.mustPerson(state, current.personId, 'personId');
      const at = this.stamp();
      const nextPerson: Person = { ...person, skills: skillsWith(data.skills, person.skills), achievements: data.achievements, updatedAt: at };
      const nextSession: Session = { ...current, state: 'done', endedAt: at, updatedAt: at };
      return { ops: [{ k: 'p', v: nextPerson }, { k: 's', v: nextSession }], result: { session: clone(nextSession), person: clone(nextPerson) } };
    });
  }

  /** Keeps an open session as unfinished (the kiosk went idle); a finished one is left as it is. */
  async markUnfinished(sessionId: string): Promise<Session> {
    return this.store.commit((state) => {
      const current = this.mustSession(state, sessionId);
      if (current.state !== 'open') return { ops: [], result: clone(current) };
      const next: Session = { ...current, state: 'unfinished', updatedAt: this.stamp() };
      return { ops: [{ k: 's', v: next }], result: clone(next) };
    });
  }

  /** The dashboard's figures, recomputed only after a change. */
  stats(): RecordsStats {
    const state = this.store.state;
    if (this.statsCache?.version !== state.version) this.statsCache = { version: state.version, stats: computeStats(state) };
    return clone(this.statsCache.stats);
  }

  /**
   * Applies a batch planned against the current records (imports): all its changes land in one
   * journal line, so a crash keeps all or none. Returns what the plan returns.
   */
  applyBatch<R>(plan: (state: Readonly<RecordsState>) => { ops: RecordOp[]; result: R }): Promise<R> {
    return this.store.commit(plan);
  }

  /** Writes a snapshot now and keeps it as a backup generation. */
  async createBackup(): Promise<BackupInfo> {
    const backup = await this.store.compact();
    if (!backup) throw new AppError('STORAGE', 'Chưa có dữ liệu hồ sơ để sao lưu.');
    return backup;
  }

  /** Backups of the records, newest first. */
  listBackups(): Promise<BackupInfo[]> {
    return this.store.backups.list();
  }

  /**
   * Restores a backup (the current records are backed up first). Whatever was erased since the
   * backup was made is erased again, so a restore never brings back a deleted person.
   */
  async restoreBackup(name: string): Promise<{ restored: string; previous: BackupInfo | null }> {
    const previous = await this.store.restoreBackup(name, (restored, current) => {
      const ops: RecordOp[] = [];
      for (const id of restored.households.keys()) if (current.wasDeleted(id)) ops.push({ k: 'del-h', id, d: [] });
      for (const id of restored.people.keys()) if (current.wasDeleted(id)) ops.push({ k: 'del-p', id, d: [] });
      ops.push({ k: 'log', d: current.deletions });
      return ops;
    });
    this.statsCache = null;
    return { restored: name, previous };
  }

  private year(): number {
    return Number(vnDate(this.clock()).slice(0, 4));
  }

  private consent(input: { version: string; method: Consent['method']; staffId: string; at?: string | undefined }): Consent {
    const known = this.options.consentVersions ?? [];
    if (known.length > 0 && input.version !== OUTSIDE_CONSENT_VERSION && !known.includes(input.version)) {
      const message = `Không có nội dung đồng ý phiên bản "${input.version}".`;
      throw new AppError('INVALID_INPUT', message, { fields: { 'consent.version': message } });
    }
    const now = this.clock();
    const at = input.at === undefined ? now : Date.parse(input.at);
    if (at > now + 5 * 60_000) {
      const message = 'Thời điểm đồng ý không thể ở tương lai.';
      throw new AppError('INVALID_INPUT', message, { fields: { 'consent.at': message } });
    }
    return { version: input.version, at: new Date(at).toISOString(), method: input.method, staffId: input.staffId };
  }

  private checkPlace(provinceCode: string, communeCode: string): void {
    if (this.options.geo.resolve(provinceCode, communeCode)) return;
    if (this.options.geo.listCommunes(provinceCode) === null) {
      const message = `Không có tỉnh/thành phố mã ${provinceCode}.`;
      throw new AppError('INVALID_INPUT', message, { fields: { provinceCode: message } });
    }
    const message = 'Xã/phường/đặc khu không thuộc tỉnh/thành phố đã chọn.';
    throw new AppError('INVALID_INPUT', message, { fields: { communeCode: message } });
  }

  private refuseDuplicate(state: RecordsState, household: Household, candidate: { fullName: string; birthYear: number }, exceptId?: string): void {
    const found = state.likelyDuplicates({ ...candidate, householdId: household.id }, exceptId)[0];
    if (!found) return;
    const other = state.people.get(found)!;
    throw new AppError(
      'CONFLICT',
      `Có thể đã có người này: ${other.fullName}, sinh năm ${other.birthYear}, ${household.hamlet}. Hãy mở hồ sơ đó (hoặc gộp), hay xác nhận đây là người khác.`,
      { fields: { fullName: 'Trùng họ tên, năm sinh và thôn với một người đã có.', duplicateOf: found } },
    );
  }

  private mustHousehold(state: RecordsState, id: string, field = 'householdId'): Household {
    const h = state.households.get(id);
    if (!h) throw new AppError('NOT_FOUND', 'Không tìm thấy hộ gia đình này.', { fields: { [field]: 'Không có hộ này.' } });
    return h;
  }

  private mustPerson(state: RecordsState, id: string, field = 'personId'): Person {
    const p = state.people.get(id);
    if (!p) throw new AppError('NOT_FOUND', 'Không tìm thấy người này trong hồ sơ.', { fields: { [field]: 'Không có người này.' } });
    return p;
  }

  private mustSession(state: RecordsState, id: string): Session {
    const s = state.sessions.get(id);
    if (!s) throw new AppError('NOT_FOUND', 'Không tìm thấy phiên hỗ trợ này.', { fields: { sessionId: 'Không có phiên này.' } });
    return s;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** True when two versions of a record differ only in `updatedAt`. */
export function sameRecord<T extends { updatedAt: string }>(a: T, b: T): boolean {
  return canonicalJson({ ...a, updatedAt: '' }) === canonicalJson({ ...b, updatedAt: '' });
}

/** JSON with object keys sorted at every level and undefined members left out, for comparing records. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
