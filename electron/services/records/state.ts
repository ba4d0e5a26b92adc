import { createHash } from 'node:crypto';
import { SKILL_KEYS } from '../skills';
import { fold, foldCached, foldName } from './fold';
import { SKILL_LEVELS, isProficient, type Deletion, type Household, type Person, type Session, type SessionState, type SkillLevel } from './model';
import { NameIndex } from './name-index';
import { vnWeekStart } from './time';

/**
 * One change to the records, as written to the journal. Upserts carry the whole record, so
 * replaying a change twice gives the same result; deletions carry their log lines.
 */
export type RecordOp =
  | { k: 'h'; v: Household }
  | { k: 'p'; v: Person }
  | { k: 's'; v: Session }
  /** Erase a person and their sessions. */
  | { k: 'del-p'; id: string; d: Deletion[] }
  /** Erase a household, its members and their sessions. */
  | { k: 'del-h'; id: string; d: Deletion[] }
  /** Log a deletion made elsewhere (from a bundle) that had nothing here to remove. */
  | { k: 'log'; d: Deletion[] };

/** The hash that stands for a record's id in the deletion log: the id itself is never kept there. */
export function idHash(id: string): string {
  return createHash('sha256').update(`tram-ky-nang-so:${id}`).digest('hex');
}

/** Changes in one batch beyond which the name order is rebuilt once instead of kept per change. */
const BULK = 256;

/** Running totals of one hamlet (households, those meeting the goal, people). */
export interface HamletTotals {
  hamlet: string;
  provinceCode: string;
  communeCode: string;
  households: number;
  meetingGoal: number;
  people: number;
}

/** Sessions and distinct people (with their session counts) of one week. */
export interface SessionTotals {
  sessions: number;
  people: Map<string, number>;
}

/** A campaign's totals: also the households its people live in (people per household) and how many meet the goal. */
export interface CampaignTotals {
  sessions: number;
  people: Map<string, { sessions: number; household: string }>;
  households: Map<string, number>;
  householdsMeetingGoal: number;
}

/**
 * The running totals behind the dashboard, kept up to date by every change so the figures cost
 * a handful of map reads instead of a pass over 100,000 people.
 */
export class Totals {
  householdsReached = 0;
  householdsMeetingGoal = 0;
  peopleProficient = 0;
  /** Count per skill (SKILL_KEYS order) and level (SKILL_LEVELS order): skill × 4 + level. */
  readonly levels = new Int32Array(SKILL_KEYS.length * SKILL_LEVELS.length);
  readonly hamlets = new Map<string, HamletTotals>();
  readonly campaigns = new Map<string | null, CampaignTotals>();
  readonly weeks = new Map<string, SessionTotals>();
  readonly sessionStates: Record<SessionState, number> = { open: 0, unfinished: 0, done: 0 };
}

const LEVEL_INDEX: Record<SkillLevel, number> = { chua: 0, 'da-huong-dan': 1, 'da-thuc-hanh': 2, 'thanh-thao': 3 };

/**
 * All records in memory with the indexes the service needs: members per household, sessions
 * per person, likely duplicates, names in collation order for search, and the dashboard's
 * running totals. Changed only through {@link apply}, so replaying the journal and live changes
 * take the same path.
 */
export class RecordsState {
  readonly households = new Map<string, Household>();
  readonly people = new Map<string, Person>();
  private readonly sessionMap = new Map<string, Session>();
  /** Session work put off while loading (decoding, replayed changes), run in order by {@link ensureSessions}. */
  private sessionBacklog: (() => void)[] | null = null;
  readonly deletions: Deletion[] = [];
  readonly totals = new Totals();
  /** Sessions the snapshot held but that could not be read (found when sessions finish loading). */
  unreadableSessions = 0;
  /** Bumped on every change: caches compare it. */
  version = 0;
  private readonly deletedHashes = new Set<string>();
  private readonly members = new Map<string, Set<string>>();
  private readonly proficientMembers = new Map<string, number>();
  private readonly hamletOf = new Map<string, string>();
  private readonly sessionsByPerson = new Map<string, string[]>();
  /** People by folded name and birth year; the hamlet is checked when looking (namesakes elsewhere are few). */
  private readonly duplicates = new Map<string, string[]>();
  private loading = false;
  private readonly staleHouseholds = new Set<string>();
  private sessionTotalsReady = true;
  private readonly peopleByName = new NameIndex();
  private readonly householdsByName = new NameIndex();
  /** False after a load until {@link ensureNames} builds the name indexes (search and likely duplicates). */
  private namesReady = true;
  private readonly weekOfHour = new Map<string, string>();
  private readonly counted = new Map<string, { hamletKey: string; people: number; meets: boolean }>();

  /** Applies changes in order. */
  apply(ops: readonly RecordOp[]): void {
    const bulk = ops.length > BULK;
    if (bulk) this.defer();
    for (const op of ops) this.applyOne(op);
    if (bulk) this.settle();
    this.version += 1;
  }

  /**
   * Starts loading many records: name order, household totals and session totals are worked
   * out once by {@link settle} instead of after every record.
   */
  defer(): void {
    this.loading = true;
    // Loading from empty: count sessions later, in one pass, when the figures are first wanted.
    if (this.sessionMap.size === 0) this.sessionTotalsReady = false;
    this.peopleByName.defer();
    this.householdsByName.defer();
    // Loading from empty: build the name indexes in one pass later, not record by record.
    if (this.people.size === 0 && this.households.size === 0) this.namesReady = false;
  }

  /**
   * Finishes {@link defer}: recounts the households touched. Name order is sorted on first
   * search or by {@link warm}; session totals wait for {@link sessionTotals}.
   */
  settle(): void {
    if (!this.loading) return;
    this.loading = false;
    for (const id of this.staleHouseholds) this.recount(id);
    this.staleHouseholds.clear();
    this.version += 1;
  }

  /** Does the work loading put off (sessions, name order, session totals), so the first search and figures are quick. */
  warm(): void {
    for (const step of this.warmSteps()) step();
  }

  /** {@link warm} in steps of a few hundred milliseconds at most, to run one per event-loop turn. */
  warmSteps(): (() => void)[] {
    return [
      () => this.ensureSessions(),
      () => this.ensureNames(),
      () => this.peopleByName.prepare(),
      () => this.householdsByName.prepare(),
      () => this.sessionTotals(),
    ];
  }

  /** Builds the name indexes (search, likely duplicates) if loading put them off. */
  ensureNames(): void {
    if (this.namesReady) return;
    this.namesReady = true;
    this.peopleByName.defer();
    this.householdsByName.defer();
    for (const h of this.households.values()) this.householdsByName.set(h.id, h.headName, `${foldName(h.headName)} ${foldCached(h.hamlet)}`);
    for (const p of this.people.values()) {
      const folded = foldName(p.fullName);
      this.indexDuplicate(p, folded);
      this.peopleByName.set(p.id, p.fullName, folded);
    }
  }

  /** Applies one record while loading (between {@link defer} and {@link settle}). */
  load(op: RecordOp): void {
    this.applyOne(op);
  }

  /** Campaign and week totals of sessions, counted on first use after loading and kept up to date after. */
  sessionTotals(): Pick<Totals, 'campaigns' | 'weeks' | 'sessionStates'> {
    this.ensureSessions();
    if (!this.sessionTotalsReady) {
      this.sessionTotalsReady = true;
      for (const s of this.sessionMap.values()) this.countSession(s, 1);
    }
    return this.totals;
  }

  /** All sessions by id (loading any still put off). */
  get sessions(): Map<string, Session> {
    this.ensureSessions();
    return this.sessionMap;
  }

  /**
   * Puts session work off while loading: people and households are what start-up needs, sessions
   * (one or more per person, and growing) are read in just after. Anything that reads or
   * changes sessions runs the backlog first, so nothing sees them half loaded.
   */
  deferSessions(): void {
    this.sessionBacklog ??= [];
  }

  /** Queues work on sessions while they are put off; runs it at once otherwise. */
  sessionWork(work: () => void): void {
    if (this.sessionBacklog) this.sessionBacklog.push(work);
    else work();
  }

  /** Runs the session work put off by {@link deferSessions}, in order. */
  ensureSessions(): void {
    const backlog = this.sessionBacklog;
    if (!backlog) return;
    this.sessionBacklog = null;
    for (const work of backlog) work();
  }

  /** Ids of the members of a household. */
  membersOf(householdId: string): string[] {
    return [...(this.members.get(householdId) ?? [])];
  }

  /** Number of members of a household. */
  memberCount(householdId: string): number {
    return this.members.get(householdId)?.size ?? 0;
  }

  /** True when at least one member of the household is proficient in all five skills. */
  meetsGoal(householdId: string): boolean {
    return (this.proficientMembers.get(householdId) ?? 0) > 0;
  }

  /** Ids of a person's sessions. */
  sessionsOf(personId: string): string[] {
    this.ensureSessions();
    return [...(this.sessionsByPerson.get(personId) ?? [])];
  }

  /** True when the deletion log holds this id (by hash). */
  wasDeleted(id: string): boolean {
    return this.deletedHashes.has(idHash(id));
  }

  /** True when the deletion log holds this hash. */
  hasDeletion(hash: string): boolean {
    return this.deletedHashes.has(hash);
  }

  /** People who look like the same person: same folded name and birth year, same hamlet of the same commune. */
  likelyDuplicates(candidate: { fullName: string; birthYear: number; householdId: string }, exceptId?: string): string[] {
    const household = this.households.get(candidate.householdId);
    return household ? this.likelyDuplicatesAt(household, candidate, exceptId) : [];
  }

  /** {@link likelyDuplicates} for an address that may not be stored yet. */
  likelyDuplicatesAt(place: Pick<Household, 'communeCode' | 'hamlet'>, candidate: { fullName: string; birthYear: number }, exceptId?: string): string[] {
    this.ensureNames();
    const hamlet = foldCached(place.hamlet);
    return (this.duplicates.get(duplicateKey(foldName(candidate.fullName), candidate.birthYear)) ?? []).filter((id) => {
      if (id === exceptId) return false;
      const household = this.households.get(this.people.get(id)!.householdId);
      return household !== undefined && household.communeCode === place.communeCode && foldCached(household.hamlet) === hamlet;
    });
  }

  /** People whose name matches the query's words (case and diacritics ignored; digits match phone or birth year), in collation order. */
  searchPeople(text: string, limit: number): Person[] {
    const words = fold(text)
      .split(' ')
      .filter((w) => w !== '');
    const letters = words.filter((w) => !/^\d+$/.test(w));
    const digits = words.filter((w) => /^\d+$/.test(w));
    const accept =
      digits.length === 0
        ? undefined
        : (id: string) => {
            const p = this.people.get(id)!;
            return digits.every((d) => (d.length === 4 && p.birthYear === Number(d)) || (d.length >= 3 && (p.phone?.includes(d) ?? false)));
          };
    this.ensureNames();
    return this.peopleByName.find(letters, limit, accept).map((id) => this.people.get(id)!);
  }

  /** Households whose head or hamlet matches the query's words, in collation order of the head's name. */
  searchHouseholds(text: string, limit: number): Household[] {
    const words = fold(text)
      .split(' ')
      .filter((w) => w !== '');
    this.ensureNames();
    return this.householdsByName.find(words, limit).map((id) => this.households.get(id)!);
  }

  private applyOne(op: RecordOp): void {
    switch (op.k) {
      case 'h':
        this.putHousehold(op.v);
        return;
      case 'p':
        this.putPerson(op.v);
        return;
      case 's':
        this.putSession(op.v);
        return;
      case 'del-p':
        this.dropPerson(op.id);
        this.log(op.d);
        return;
      case 'del-h':
        for (const member of this.membersOf(op.id)) this.dropPerson(member);
        this.households.delete(op.id);
        this.recount(op.id);
        this.members.delete(op.id);
        this.proficientMembers.delete(op.id);
        this.hamletOf.delete(op.id);
        if (this.namesReady) this.householdsByName.remove(op.id);
        this.log(op.d);
        return;
      case 'log':
        this.log(op.d);
        return;
    }
  }

  private putHousehold(h: Household): void {
    const previous = this.households.get(h.id);
    this.households.set(h.id, h);
    this.hamletOf.set(h.id, `${h.communeCode}|${foldCached(h.hamlet)}`);
    this.recount(h.id);
    if (this.namesReady && (!previous || previous.headName !== h.headName || previous.hamlet !== h.hamlet)) {
      this.householdsByName.set(h.id, h.headName, `${foldName(h.headName)} ${foldCached(h.hamlet)}`);
    }
  }

  private putPerson(p: Person): void {
    const previous = this.people.get(p.id);
    if (previous) {
      this.countPerson(previous, -1);
      if (previous.householdId !== p.householdId) this.members.get(previous.householdId)?.delete(p.id);
    }
    this.people.set(p.id, p);
    let members = this.members.get(p.householdId);
    if (!members) this.members.set(p.householdId, (members = new Set()));
    members.add(p.id);
    this.countPerson(p, 1);
    if (previous && previous.householdId !== p.householdId) {
      this.moveCampaignPerson(p.id, p.householdId);
      this.recount(previous.householdId);
    }
    this.recount(p.householdId);
    if (this.namesReady && (!previous || previous.fullName !== p.fullName || previous.birthYear !== p.birthYear)) {
      const folded = foldName(p.fullName);
      if (previous) this.unindexDuplicate(previous);
      this.indexDuplicate(p, folded);
      if (!previous || previous.fullName !== p.fullName) this.peopleByName.set(p.id, p.fullName, folded);
    }
  }

  private putSession(s: Session): void {
    if (this.sessionBacklog) {
      this.sessionBacklog.push(() => this.putSession(s));
      return;
    }
    const previous = this.sessionMap.get(s.id);
    if (previous) {
      this.countSession(previous, -1);
      if (previous.personId !== s.personId) this.unlistSession(previous);
    }
    this.sessionMap.set(s.id, s);
    if (!previous || previous.personId !== s.personId) {
      const list = this.sessionsByPerson.get(s.personId);
      if (list) list.push(s.id);
      else this.sessionsByPerson.set(s.personId, [s.id]);
    }
    this.countSession(s, 1);
  }

  private dropPerson(id: string): void {
    this.sessionWork(() => {
      for (const sessionId of this.sessionsByPerson.get(id) ?? []) {
        const session = this.sessionMap.get(sessionId);
        if (session) this.countSession(session, -1);
        this.sessionMap.delete(sessionId);
      }
      this.sessionsByPerson.delete(id);
    });
    const person = this.people.get(id);
    if (!person) return;
    this.countPerson(person, -1);
    this.people.delete(id);
    this.members.get(person.householdId)?.delete(id);
    this.recount(person.householdId);
    if (this.namesReady) {
      this.unindexDuplicate(person);
      this.peopleByName.remove(id);
    }
  }

  private unlistSession(s: Session): void {
    const list = this.sessionsByPerson.get(s.personId);
    if (!list) return;
    const at = list.indexOf(s.id);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.sessionsByPerson.delete(s.personId);
  }

  private log(lines: readonly Deletion[]): void {
    for (const line of lines) {
      if (this.deletedHashes.has(line.idHash)) continue;
      this.deletedHashes.add(line.idHash);
      this.deletions.push(line);
    }
  }

  /** A person's own share of the totals: skill levels, proficiency, and their household's count of proficient members. */
  private countPerson(p: Person, sign: 1 | -1): void {
    const levels = this.totals.levels;
    for (let i = 0; i < SKILL_KEYS.length; i++) {
      const at = i * 4 + LEVEL_INDEX[p.skills[SKILL_KEYS[i]!]];
      levels[at] = levels[at]! + sign;
    }
    if (!isProficient(p)) return;
    this.totals.peopleProficient += sign;
    const n = (this.proficientMembers.get(p.householdId) ?? 0) + sign;
    if (n > 0) this.proficientMembers.set(p.householdId, n);
    else this.proficientMembers.delete(p.householdId);
  }

  /**
   * Puts a household's share of the totals (reached, meeting the goal, its hamlet's line) in
   * line with its current state: the share counted before is taken out, the current one added.
   * Called after every change that touches a household.
   */
  private recount(householdId: string): void {
    if (this.loading) {
      this.staleHouseholds.add(householdId);
      return;
    }
    const old = this.counted.get(householdId);
    if (old) {
      const line = this.totals.hamlets.get(old.hamletKey)!;
      line.households -= 1;
      line.meetingGoal -= old.meets ? 1 : 0;
      line.people -= old.people;
      if (line.households === 0) this.totals.hamlets.delete(old.hamletKey);
      this.totals.householdsReached -= old.people > 0 ? 1 : 0;
      this.totals.householdsMeetingGoal -= old.meets ? 1 : 0;
      this.counted.delete(householdId);
    }
    const household = this.households.get(householdId);
    if (!household) {
      if (old?.meets) this.campaignGoalChanged(householdId, false);
      return;
    }
    const share = { hamletKey: this.hamletOf.get(householdId)!, people: this.memberCount(householdId), meets: this.meetsGoal(householdId) };
    let line = this.totals.hamlets.get(share.hamletKey);
    if (!line) {
      line = { hamlet: household.hamlet, provinceCode: household.provinceCode, communeCode: household.communeCode, households: 0, meetingGoal: 0, people: 0 };
      this.totals.hamlets.set(share.hamletKey, line);
    }
    line.households += 1;
    line.meetingGoal += share.meets ? 1 : 0;
    line.people += share.people;
    this.totals.householdsReached += share.people > 0 ? 1 : 0;
    this.totals.householdsMeetingGoal += share.meets ? 1 : 0;
    this.counted.set(householdId, share);
    if (share.meets !== (old?.meets ?? false)) this.campaignGoalChanged(householdId, share.meets);
  }

  private campaignGoalChanged(householdId: string, meets: boolean): void {
    if (!this.sessionTotalsReady) return;
    for (const c of this.totals.campaigns.values()) if (c.households.has(householdId)) c.householdsMeetingGoal += meets ? 1 : -1;
  }

  private countSession(s: Session, sign: 1 | -1): void {
    if (!this.sessionTotalsReady) return;
    this.totals.sessionStates[s.state] += sign;
    const campaign = s.campaign ?? null;
    let c = this.totals.campaigns.get(campaign);
    if (!c) this.totals.campaigns.set(campaign, (c = { sessions: 0, people: new Map(), households: new Map(), householdsMeetingGoal: 0 }));
    this.tallyCampaign(c, s.personId, sign);
    if (c.sessions === 0) this.totals.campaigns.delete(campaign);
    // Sessions cluster in few hours: the week of each "YYYY-MM-DDTHH" is worked out once.
    const hour = s.startedAt.slice(0, 13);
    let week = this.weekOfHour.get(hour);
    if (week === undefined) this.weekOfHour.set(hour, (week = vnWeekStart(Date.parse(s.startedAt))));
    let w = this.totals.weeks.get(week);
    if (!w) this.totals.weeks.set(week, (w = { sessions: 0, people: new Map() }));
    w.sessions += sign;
    const n = (w.people.get(s.personId) ?? 0) + sign;
    if (n <= 0) w.people.delete(s.personId);
    else w.people.set(s.personId, n);
    if (w.sessions === 0) this.totals.weeks.delete(week);
  }

  private tallyCampaign(c: CampaignTotals, personId: string, sign: 1 | -1): void {
    c.sessions += sign;
    let entry = c.people.get(personId);
    if (sign === 1) {
      if (!entry) {
        entry = { sessions: 0, household: this.people.get(personId)?.householdId ?? '' };
        c.people.set(personId, entry);
        this.campaignHousehold(c, entry.household, 1);
      }
      entry.sessions += 1;
    } else if (entry) {
      entry.sessions -= 1;
      if (entry.sessions <= 0) {
        c.people.delete(personId);
        this.campaignHousehold(c, entry.household, -1);
      }
    }
  }

  /**
   * A household joins or leaves a campaign's households. Whether it meets the goal is read from
   * its counted share (see {@link recount}), which also moves the campaign figures when that changes.
   */
  private campaignHousehold(c: CampaignTotals, householdId: string, sign: 1 | -1): void {
    if (householdId === '') return;
    const n = (c.households.get(householdId) ?? 0) + sign;
    const meets = this.counted.get(householdId)?.meets ?? false;
    if (n <= 0) {
      c.households.delete(householdId);
      if (meets) c.householdsMeetingGoal -= 1;
    } else {
      if (n === 1 && sign === 1 && meets) c.householdsMeetingGoal += 1;
      c.households.set(householdId, n);
    }
  }

  /** A person moved household: their campaigns count the new household instead of the old. */
  private moveCampaignPerson(personId: string, to: string): void {
    if (!this.sessionTotalsReady) return;
    for (const c of this.totals.campaigns.values()) {
      const entry = c.people.get(personId);
      if (!entry || entry.household === to) continue;
      this.campaignHousehold(c, entry.household, -1);
      entry.household = to;
      this.campaignHousehold(c, to, 1);
    }
  }

  private indexDuplicate(p: Person, foldedName: string): void {
    const key = duplicateKey(foldedName, p.birthYear);
    const list = this.duplicates.get(key);
    if (list) list.push(p.id);
    else this.duplicates.set(key, [p.id]);
  }

  private unindexDuplicate(p: Person): void {
    const key = duplicateKey(foldName(p.fullName), p.birthYear);
    const list = this.duplicates.get(key);
    if (!list) return;
    const at = list.indexOf(p.id);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.duplicates.delete(key);
  }
}


function duplicateKey(foldedName: string, birthYear: number): string {
  return `${foldedName}|${birthYear}`;
}
