import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppError, type ErrorCode } from '../../api/result';
import type { GeoDirectory } from '../geo';
import type { Logger } from '../logger';
import { checkRecordSet, mergeRecordSet } from '../records/exchange';
import type { Deletion, Household, Person, Session } from '../records/model';
import type { RecordsService } from '../records/records-service';
import { vnDate } from '../records/time';
import { moveAside, readJsonFile, writeFileDurable } from '../storage/durable-file';
import { z } from '../zod';
import { AckLog, type AckEntry } from './ack-log';
import { enrolKiosk, HubClient, type HubLink } from './hub-client';
import { MAX_BATCH_RECORDS, type PushRequest, type SiteInfo } from './protocol';

/** Records per pushed batch: ~400 kB, a few seconds on a weak mobile link, and a busy day's work in one. */
export const BATCH_SIZE = 1000;
/** Time between syncs while nothing changes. */
export const SYNC_EVERY_MS = 60_000;
/** Wait after a local change before syncing it (changes come in bursts while staff work). */
export const CHANGE_DELAY_MS = 5_000;
/** Waits after failures: 5 s, doubling, at most 5 minutes (plus up to a fifth of jitter). */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 5 * 60_000;

/** Where a kiosk stands with its hub, as staff see it. */
export type SyncState = 'not-enrolled' | 'idle' | 'syncing' | 'offline' | 'error' | 'revoked';

/** Changes not yet acknowledged by the hub. */
export interface Waiting {
  households: number;
  people: number;
  sessions: number;
  deletions: number;
  total: number;
}

/** What staff see of the sync on the settings screen. */
export interface SyncStatus {
  state: SyncState;
  hubUrl: string | null;
  hubName: string | null;
  site: SiteInfo | null;
  enrolledAt: string | null;
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  lastError: { code: ErrorCode; message: string; at: string } | null;
  waiting: Waiting;
  /** Households of the commune received from the hub so far. */
  pulledHouseholds: number;
}

const LinkSchema = z.object({ url: z.string(), pin: z.string(), cert: z.string(), kioskId: z.string(), secret: z.string() });
const StateSchema = z.object({
  link: LinkSchema.nullable(),
  hubName: z.string().nullable(),
  site: z.object({ id: z.string(), kind: z.enum(['xa', 'diem']), name: z.string(), provinceCode: z.string(), communeCode: z.string() }).nullable(),
  enrolledAt: z.string().nullable(),
  cursor: z.number().int().min(0),
  lastSyncAt: z.string().nullable(),
  revoked: z.boolean(),
  pulledHouseholds: z.number().int().min(0).default(0),
});
type Stored = z.infer<typeof StateSchema>;

const EMPTY: Stored = { link: null, hubName: null, site: null, enrolledAt: null, cursor: 0, lastSyncAt: null, revoked: false, pulledHouseholds: 0 };

/** What {@link SyncService} is given by the composition root. */
export interface SyncOptions {
  dataDir: string;
  records: RecordsService;
  geo: GeoDirectory;
  log: Logger;
  appVersion: string;
  clock?: () => number;
  /** Timers start by themselves (false in the CLI and in tests that step by hand). */
  auto?: boolean;
}

/**
 * Keeps the hub up to date with this kiosk, offline first: whatever changed since the hub last
 * acknowledged it is pushed in batches whenever the hub answers, then the commune's households
 * and erasures are pulled. Nothing at the counter waits on it; failures are retried with growing
 * waits, and staff see the last error in Vietnamese.
 */
export class SyncService {
  private stored: Stored = { ...EMPTY };
  private readonly acks: AckLog;
  private readonly file: string;
  private readonly clock: () => number;
  private client: HubClient | null = null;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private watcher: NodeJS.Timeout | null = null;
  private failures = 0;
  private lastError: SyncStatus['lastError'] = null;
  private lastAttemptAt: number | null = null;
  private nextAttemptAt: number | null = null;
  private offline = false;
  private seenVersion = -1;
  private closed = false;
  private waitingCache: { version: number; waiting: Waiting } | null = null;

  constructor(private readonly options: SyncOptions) {
    this.file = path.join(options.dataDir, 'sync.json');
    this.acks = new AckLog(path.join(options.dataDir, 'sync-acks.jsonl'));
    this.clock = options.clock ?? Date.now;
  }

  /** Reads the sync state (a damaged file is moved aside: the kiosk then asks to enrol again) and starts the timers. */
  async open(): Promise<void> {
    const read = await readJsonFile(this.file);
    if (read.kind === 'ok') {
      const parsed = StateSchema.safeParse(read.value);
      if (parsed.success) this.stored = parsed.data;
      else await this.setAside('không đúng định dạng');
    } else if (read.kind === 'corrupt') await this.setAside(read.reason);
    await this.acks.open();
    if (this.stored.link) this.client = new HubClient(this.stored.link);
    if (this.options.auto !== false) this.startTimers();
  }

  /** Stops the timers, waits for a sync in progress, and closes connections. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.watcher) clearInterval(this.watcher);
    await this.running?.catch(() => undefined);
    this.client?.close();
  }

  /** Enrols with a hub by its address and one-time code; then syncs at once. */
  async enrol(input: { url: string; code: string; kioskName: string }): Promise<SyncStatus> {
    if (this.stored.link && !this.stored.revoked) throw new AppError('CONFLICT', `Trạm đã ghi danh với ${this.stored.hubName ?? this.stored.link.url}. Hãy gỡ ghi danh trước khi ghi danh lại.`);
    const { link, reply } = await enrolKiosk({ ...input, appVersion: this.options.appVersion });
    this.client?.close();
    this.client = new HubClient(link);
    // A new hub (or the same one after a revocation) has acknowledged nothing yet.
    await this.acks.clear();
    this.waitingCache = null;
    this.stored = { ...EMPTY, link, hubName: reply.hubName, site: reply.site, enrolledAt: new Date(this.clock()).toISOString() };
    await this.save();
    this.options.log.info('kiosk enrolled with the hub', { kioskId: link.kioskId, siteId: reply.site.id });
    this.failures = 0;
    this.lastError = null;
    return this.syncNow();
  }

  /** Forgets the hub (records stay on the kiosk); the kiosk can then enrol again. */
  async unlink(): Promise<SyncStatus> {
    await this.running?.catch(() => undefined);
    this.client?.close();
    this.client = null;
    this.stored = { ...EMPTY };
    await this.acks.clear();
    this.waitingCache = null;
    await this.save();
    this.lastError = null;
    this.failures = 0;
    return this.status();
  }

  /** Syncs now (or joins the sync in progress) and returns the status after it. */
  async syncNow(): Promise<SyncStatus> {
    if (!this.running) {
      this.running = this.cycle().finally(() => {
        this.running = null;
      });
    }
    await this.running;
    return this.status();
  }

  /** The status staff see. */
  status(): SyncStatus {
    const waiting = this.waiting();
    const state: SyncState = !this.stored.link
      ? 'not-enrolled'
      : this.stored.revoked
        ? 'revoked'
        : this.running
          ? 'syncing'
          : this.offline
            ? 'offline'
            : this.lastError
              ? 'error'
              : 'idle';
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      state,
      hubUrl: this.stored.link?.url ?? null,
      hubName: this.stored.hubName,
      site: this.stored.site,
      enrolledAt: this.stored.enrolledAt,
      lastSyncAt: this.stored.lastSyncAt,
      lastAttemptAt: iso(this.lastAttemptAt),
      nextAttemptAt: this.stored.link && !this.stored.revoked ? iso(this.nextAttemptAt) : null,
      lastError: this.lastError,
      waiting,
      pulledHouseholds: this.stored.pulledHouseholds,
    };
  }

  /** Changes the hub has not acknowledged: records whose current version it has not taken, and erasures it has not seen. */
  pending(): { households: Household[]; people: Person[]; sessions: Session[]; deletions: Deletion[] } {
    const state = this.options.records.records;
    const households = [...state.households.values()].filter((h) => this.acks.households.get(h.id) !== h.updatedAt);
    const people = [...state.people.values()].filter((p) => this.acks.people.get(p.id) !== p.updatedAt);
    const sessions = [...state.sessions.values()].filter((s) => this.acks.sessions.get(s.id) !== s.updatedAt);
    const deletions = state.deletions.filter((d) => !this.acks.deletions.has(d.idHash));
    return { households, people, sessions, deletions };
  }

  /** The waiting counts, worked out again only after the records or the acknowledgements changed. */
  private waiting(): Waiting {
    const version = this.options.records.records.version;
    if (this.waitingCache?.version === version) return this.waitingCache.waiting;
    const p = this.pending();
    const w = { households: p.households.length, people: p.people.length, sessions: p.sessions.length, deletions: p.deletions.length };
    const waiting = { ...w, total: w.households + w.people + w.sessions + w.deletions };
    this.waitingCache = { version, waiting };
    return waiting;
  }

  private async cycle(): Promise<void> {
    if (!this.client || this.stored.revoked) return;
    this.lastAttemptAt = this.clock();
    try {
      await this.pushAll(this.client);
      await this.pullAll(this.client);
      this.stored.lastSyncAt = new Date(this.clock()).toISOString();
      await this.save();
      this.failures = 0;
      this.lastError = null;
      this.offline = false;
      this.schedule(SYNC_EVERY_MS);
    } catch (error) {
      const e = error instanceof AppError ? error : new AppError('INTERNAL', `Lỗi khi đồng bộ: ${(error as Error).message}`);
      this.lastError = { code: e.code, message: e.message, at: new Date(this.clock()).toISOString() };
      this.offline = e.code === 'UNAVAILABLE';
      // Refused as a kiosk (revoked, or unknown to the hub): stop until staff enrol again. A wrong certificate is not that: keep trying, and say so.
      if (e.fields?.kiosk === 'revoked' || e.fields?.kiosk === 'unknown') this.stored.revoked = true;
      if (this.stored.revoked) {
        await this.save();
        this.options.log.warn('the hub refused this kiosk; sync stopped until it enrols again', { code: e.code });
      } else {
        this.failures += 1;
        const wait = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failures - 1));
        this.schedule(wait + Math.floor(Math.random() * wait * 0.2));
        if (!this.offline) this.options.log.warn('sync failed', { code: e.code, failures: this.failures });
      }
    }
  }

  /**
   * Pushes what was pending when the sync began, households before people before sessions,
   * erasures last, one acknowledged batch at a time; what changes meanwhile goes next time.
   */
  private async pushAll(client: HubClient): Promise<void> {
    const pending = this.pending();
    const queue: { kind: 'h' | 'p' | 's' | 'd'; record: Household | Person | Session | Deletion }[] = [
      ...pending.households.map((record) => ({ kind: 'h' as const, record })),
      ...pending.people.map((record) => ({ kind: 'p' as const, record })),
      ...pending.sessions.map((record) => ({ kind: 's' as const, record })),
      ...pending.deletions.map((record) => ({ kind: 'd' as const, record })),
    ];
    const size = Math.min(BATCH_SIZE, MAX_BATCH_RECORDS);
    for (let start = 0; start < queue.length; start += size) {
      const slice = queue.slice(start, start + size);
      const of = <T>(kind: 'h' | 'p' | 's' | 'd') => slice.filter((x) => x.kind === kind).map((x) => x.record as T);
      const households = of<Household>('h');
      const people = of<Person>('p');
      const sessions = of<Session>('s');
      const deletions = of<Deletion>('d');
      const request: PushRequest = {
        batchId: randomUUID(),
        sentAt: new Date(this.clock()).toISOString(),
        waiting: queue.length - start - slice.length,
        appVersion: this.options.appVersion,
        households,
        people,
        sessions,
        deletions,
      };
      const ack = await client.push(request);
      const entry: AckEntry = {};
      if (households.length) entry.h = Object.fromEntries(households.map((h) => [h.id, h.updatedAt]));
      if (people.length) entry.p = Object.fromEntries(people.map((p) => [p.id, p.updatedAt]));
      if (sessions.length) entry.s = Object.fromEntries(sessions.map((x) => [x.id, x.updatedAt]));
      if (deletions.length) entry.d = deletions.map((d) => d.idHash);
      await this.acks.append(entry);
      this.waitingCache = null;
      if (ack.clamped) this.options.log.warn('the hub stored records with times in the future at its own time', { clamped: ack.clamped });
    }
  }

  /** Pulls the commune's households and erasures since the cursor and merges them by the bundle rules. */
  private async pullAll(client: HubClient): Promise<void> {
    const year = Number(vnDate(this.clock()).slice(0, 4));
    for (let page = 0; page < 1000; page++) {
      const reply = await client.pull(this.stored.cursor);
      if (reply.households.length || reply.deletions.length) {
        const checked = checkRecordSet({ households: reply.households, people: [], sessions: [], deletions: reply.deletions }, this.options.geo, year);
        if (checked.errors.length) throw new AppError('INVALID_INPUT', `Máy chủ gửi về dữ liệu không hợp lệ: ${checked.errors[0]}`);
        await mergeRecordSet(this.options.records, checked);
        // What came from the hub is not sent back, unless the kiosk holds a newer version of its own.
        const state = this.options.records.records;
        const entry: AckEntry = {
          h: Object.fromEntries(checked.households.filter((h) => state.households.get(h.id)?.updatedAt === h.updatedAt).map((h) => [h.id, h.updatedAt])),
          d: checked.deletions.map((d) => d.idHash),
        };
        await this.acks.append(entry);
        this.waitingCache = null;
        this.stored.pulledHouseholds += checked.households.length;
      }
      this.stored.cursor = reply.cursor;
      await this.save();
      if (!reply.more) return;
    }
  }

  private startTimers(): void {
    if (!this.stored.link || this.stored.revoked) return;
    this.schedule(CHANGE_DELAY_MS);
    // A change at the counter brings the next sync forward; checking costs one number compare.
    this.watcher = setInterval(() => {
      const version = this.options.records.records.version;
      if (version !== this.seenVersion) {
        const first = this.seenVersion === -1;
        this.seenVersion = version;
        if (!first && this.failures === 0 && !this.running) this.schedule(CHANGE_DELAY_MS);
      }
    }, 2_000);
    this.watcher.unref();
  }

  private schedule(ms: number): void {
    if (this.closed || this.options.auto === false) {
      this.nextAttemptAt = this.clock() + ms;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.nextAttemptAt = this.clock() + ms;
    this.timer = setTimeout(() => void this.syncNow(), ms);
    this.timer.unref();
  }

  private async save(): Promise<void> {
    await writeFileDurable(this.file, JSON.stringify(this.stored));
  }

  private async setAside(reason: string): Promise<void> {
    const moved = await moveAside(this.file, new Date(this.clock()));
    this.options.log.warn('the sync state file was damaged and was moved aside; the kiosk must enrol again', { reason, moved: path.basename(moved) });
    this.lastError = { code: 'STORAGE', message: `Tệp trạng thái đồng bộ bị hỏng (${reason}) nên đã được cất sang một bên. Hãy ghi danh lại với máy chủ; hồ sơ trên trạm vẫn còn nguyên.`, at: new Date(this.clock()).toISOString() };
  }
}

/** The link type, for the composition root. */
export type { HubLink };
