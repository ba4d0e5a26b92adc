import { promises as fs, close, fdatasync, ftruncate, open as openFd, write } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { AppError } from '../../api/result';
import { z } from '../zod';
import type { Logger } from '../logger';
import { BackupFolder, type BackupInfo, type BackupPolicy } from './backups';
import { DocumentStore, UnreadableDocumentError } from './document-store';
import { describeFsError, isErrno, moveAside, syncFolder, writeFileDurable } from './durable-file';
import { FolderLock } from './folder-lock';

/** How a {@link JournalStore} turns its state into a snapshot and back, upgrades old snapshots, and applies changes. */
export interface JournalCodec<S, Op> {
  /** The snapshot format version written now. */
  version: number;
  /** Snapshot text → its parsed form (any version); throws on text that is not a snapshot. */
  parse(text: string): unknown;
  /** Parsed form (current version) → snapshot text. */
  serialize(wire: unknown): string;
  empty(): S;
  /** The format version a parsed snapshot declares, or null. */
  versionOf(wire: unknown): number | null;
  /** Upgrades keyed by the version they start from. */
  migrations: Readonly<Record<number, (wire: unknown) => unknown>>;
  /** Snapshot (current version) → state and the last journal position it holds; throws on a bad shape. */
  decode(wire: unknown): { state: S; seq: number };
  /** State → snapshot, plain JSON. */
  encode(state: S, seq: number, writtenAt: number): unknown;
  /** Checks the changes of one journal line; throws when they are not valid. */
  parseOps(raw: unknown): Op[];
  apply(state: S, ops: readonly Op[]): void;
}

/** Where and how a store keeps its files. */
export interface JournalStoreOptions<S, Op> {
  /** Folder of the snapshot `<name>.json`, journal `<name>.journal`, `<name>-problems.json` and `<name>.lock`. */
  dir: string;
  name: string;
  backupsDir: string;
  /** Names the data in messages to staff ("hồ sơ người dân"). */
  label: string;
  codec: JournalCodec<S, Op>;
  log: Logger;
  now?: () => Date;
  /** Fold the journal into a new snapshot after this many changes… */
  compactEvery?: number;
  /** …or once the journal is this large. */
  compactBytes?: number;
  backupPolicy?: Partial<BackupPolicy>;
}

/** A warning for staff, kept until acknowledged. */
export interface StoreProblem {
  message: string;
  at: string;
}

const ProblemsSchema = z.object({
  schemaVersion: z.literal(1),
  problems: z.array(z.object({ message: z.string(), at: z.string(), acknowledgedAt: z.string().nullable(), acknowledgedBy: z.string().nullable() })),
});
type ProblemsFile = z.infer<typeof ProblemsSchema>;

/** lowdb adapter for snapshots: text in the codec's format, written durably; bad content raises {@link UnreadableDocumentError}. */
export class SnapshotAdapter implements Adapter<unknown> {
  constructor(
    readonly file: string,
    private readonly format: { parse(text: string): unknown; serialize(wire: unknown): string },
  ) {}

  async read(): Promise<unknown> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw new UnreadableDocumentError(describeFsError((error as NodeJS.ErrnoException).code ?? 'UNKNOWN'), 'inaccessible');
    }
    const problem = textProblem(text);
    if (problem) throw new UnreadableDocumentError(problem);
    try {
      return this.format.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      throw new UnreadableDocumentError(`không đọc được (${(error as Error).message})`);
    }
  }

  async write(data: unknown): Promise<void> {
    await writeFileDurable(this.file, this.format.serialize(data));
  }
}

/** What is wrong with a snapshot's text before parsing it: empty, or holding zero bytes (a write cut by a power loss). */
export function textProblem(text: string): string | null {
  if (text.trim() === '') return 'tệp rỗng';
  // Zeros from a lost write sit at the start or the end; elsewhere the parser rejects them anyway.
  if (text.slice(0, 4096).includes('\u0000') || text.slice(-4096).includes('\u0000')) return 'tệp chứa byte 0 (có thể do mất điện khi đang ghi)';
  return null;
}

interface JournalLine<Op> {
  seq: number;
  ops: Op[];
}

interface JournalRead<Op> {
  lines: JournalLine<Op>[];
  /** Byte length of the part up to the last good line (a torn tail after it is cut at start). */
  goodBytes: number;
  totalBytes: number;
  /** Bad lines followed by good ones: real damage, not a write cut short. */
  damaged: number;
}

const pad = (seq: number) => String(seq).padStart(12, '0');

// The journal is kept open as a plain descriptor: a FileHandle left to the garbage collector (a
// service never closed, as in short command-line runs) warns and will one day throw.
const openAppend = (file: string) => promisify(openFd)(file, 'a', 0o600);
const writeAll = promisify(write);
const syncData = promisify(fdatasync);
const truncateFd = promisify(ftruncate);
const closeFd = promisify(close);

/**
 * A state kept in memory and on disk as a lowdb snapshot plus an append-only journal:
 * each change is one JSON line, flushed to disk before it is acknowledged, so a change costs a
 * small append instead of rewriting the whole file. Every `compactEvery` changes (or when the
 * journal grows large, or on the first change of a day) the state is written as a new snapshot
 * in the background and a gzipped generation is kept in the backup folder.
 *
 * At start, a snapshot that is empty, cut short, zero-filled, unparsable or of the wrong shape
 * is moved aside (never deleted), the newest good backup is restored, the journal replayed, and
 * a warning kept until staff acknowledge it. Changes run one at a time; a second process finds
 * the lock taken and opens read-only.
 */
export class JournalStore<S, Op> {
  readonly file: string;
  readonly journalFile: string;
  readonly backups: BackupFolder;
  private readonly db: Low<unknown>;
  private readonly problemsStore: DocumentStore<ProblemsFile>;
  private readonly lock: FolderLock;
  private readonly now: () => Date;
  private readonly codec: JournalCodec<S, Op>;
  private readonly log: Logger;
  private readonly compactEvery: number;
  private readonly compactBytes: number;
  private readonly dayOf: (ms: number) => string;
  private current: S;
  private seqNo = 0;
  private journal: number | null = null;
  private journalBytes = 0;
  private changes = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private compaction: Promise<BackupInfo | null> = Promise.resolve(null);
  private compactionPending = false;
  private compactionFailedAt = 0;
  private lastBackupDay: string | null = null;
  private readOnlyReason: string | null = null;
  /** True when this process must not touch the files (another holds them, or the folder is unusable). */
  private handsOff = false;
  private opened = false;

  constructor(private readonly options: JournalStoreOptions<S, Op>) {
    this.file = path.join(options.dir, `${options.name}.json`);
    this.journalFile = path.join(options.dir, `${options.name}.journal`);
    this.now = options.now ?? (() => new Date());
    this.codec = options.codec;
    this.log = options.log;
    this.compactEvery = options.compactEvery ?? 500;
    this.compactBytes = options.compactBytes ?? 8 * 1024 * 1024;
    this.dayOf = options.backupPolicy?.dayOf ?? ((ms) => new Date(ms).toISOString().slice(0, 10));
    this.db = new Low<unknown>(new SnapshotAdapter(this.file, options.codec), null);
    this.backups = new BackupFolder(
      options.backupsDir,
      options.name,
      { generations: options.backupPolicy?.generations ?? 10, days: options.backupPolicy?.days ?? 14, dayOf: this.dayOf },
      this.now,
    );
    this.problemsStore = new DocumentStore(
      path.join(options.dir, `${options.name}-problems.json`),
      ProblemsSchema,
      () => ({ schemaVersion: 1, problems: [] }),
      options.log,
      this.now,
      { label: `cảnh báo ${options.label}` },
    );
    this.lock = new FolderLock(path.join(options.dir, `${options.name}.lock`));
    this.current = options.codec.empty();
  }

  /** The state; read it, never change it (changes go through {@link commit}). */
  get state(): S {
    return this.current;
  }

  /** Position of the last change applied. */
  get seq(): number {
    return this.seqNo;
  }

  /** Why changes are refused (another process holds the data, or it cannot be read), or null. */
  get readOnly(): string | null {
    return this.readOnlyReason;
  }

  /** Loads the snapshot and replays the journal, recovering from a bad snapshot as described above. */
  async open(): Promise<void> {
    if (this.opened) throw new Error('store already open');
    this.opened = true;
    const unusable = await fs
      .mkdir(this.options.dir, { recursive: true })
      .then(() => null)
      .catch((error: NodeJS.ErrnoException) => describeFsError(error.code ?? 'UNKNOWN'));
    if (unusable) {
      // The folder itself is the problem (a file in its place, no permission): start empty, change nothing on disk.
      this.handsOff = true;
      this.readOnlyReason = `Không mở được dữ liệu ${this.options.label}: ${unusable}`;
      this.log.warn('store folder unusable', { store: this.options.name, reason: unusable });
      return;
    }
    const locked = await this.lock.acquire().catch((error: NodeJS.ErrnoException) => ({ ok: false as const, error }));
    if (!locked.ok && 'error' in locked) {
      this.handsOff = true;
      this.readOnlyReason = `Không ghi được vào thư mục dữ liệu ${this.options.label}: ${describeFsError(locked.error.code ?? 'UNKNOWN')}`;
      this.log.warn('store lock failed', { store: this.options.name, code: locked.error.code });
    } else if (!locked.ok) {
      this.handsOff = true;
      this.readOnlyReason = `Dữ liệu ${this.options.label} đang được một chương trình khác ghi (tiến trình ${locked.holder.pid}); ở đây chỉ xem được, không sửa được.`;
      this.log.warn('store opened read-only: locked by another process', { store: this.options.name, pid: locked.holder.pid });
    }
    await this.problemsStore.open();
    if (!this.readOnlyReason) await this.removeLeftovers();
    await this.loadSnapshot();
    await this.replayJournals();
    this.lastBackupDay = await this.backups.newestDay().catch(() => null);
  }

  /** Waits for queued changes and background work, then lets go of the files. */
  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.compaction.catch(() => undefined);
    await this.queue.catch(() => undefined);
    if (this.journal !== null) await closeFd(this.journal).catch(() => undefined);
    this.journal = null;
    await this.lock.release();
  }

  /**
   * Runs `plan` against the current state (one change at a time, in call order), appends its
   * changes to the journal, flushes them to disk, applies them, and returns the plan's result.
   * A plan that throws changes nothing; one that returns no changes writes nothing.
   */
  commit<R>(plan: (state: S) => { ops: Op[]; result: R }): Promise<R> {
    return this.enqueue(async () => {
      this.assertWritable();
      const { ops, result } = plan(this.current);
      if (ops.length === 0) return result;
      const seq = this.seqNo + 1;
      const line = `${JSON.stringify({ s: seq, o: ops })}\n`;
      await this.append(line);
      this.seqNo = seq;
      this.codec.apply(this.current, ops);
      this.changes += 1;
      this.maybeCompact();
      return result;
    });
  }

  /**
   * Writes the state as a new snapshot, drops the journal it covers and keeps a backup
   * generation. Runs after any compaction already under way; returns the backup made.
   */
  compact(): Promise<BackupInfo | null> {
    this.assertWritable();
    const run = async (): Promise<BackupInfo | null> => {
      const { wire, seq, wrote } = await this.enqueue(async () => {
        const rotated = await this.rotateJournal();
        const snapshotMissing = !(await exists(this.file));
        const dirty = rotated || snapshotMissing || this.changes > 0;
        this.changes = 0;
        return { wire: dirty ? this.codec.encode(this.current, this.seqNo, this.now().getTime()) : null, seq: this.seqNo, wrote: dirty };
      });
      if (wrote) {
        this.db.data = wire;
        try {
          await this.db.write();
        } finally {
          this.db.data = null;
        }
        await this.dropJournalsUpTo(seq);
      }
      const text = await fs.readFile(this.file).catch(() => null);
      if (!text) return null;
      const backup = await this.backups.write(text, seq);
      this.lastBackupDay = this.dayOf(Date.parse(backup.createdAt));
      return backup;
    };
    const next = this.compaction.then(run, run);
    this.compaction = next.catch(() => null);
    return next;
  }

  /** Unacknowledged warnings, oldest first. */
  problems(): StoreProblem[] {
    return this.problemsStore.data.problems.filter((p) => p.acknowledgedAt === null).map(({ message, at }) => ({ message, at }));
  }

  /** Marks every warning seen by a staff member (kept in the problems file with who and when). */
  async acknowledgeProblems(staffId: string): Promise<number> {
    this.assertWritable();
    const at = this.now().toISOString();
    return this.problemsStore.update((d) => {
      let count = 0;
      for (const p of d.problems) {
        if (p.acknowledgedAt !== null) continue;
        p.acknowledgedAt = at;
        p.acknowledgedBy = staffId;
        count += 1;
      }
      return count;
    });
  }

  /**
   * Replaces the state with a backup. The current state is backed up first (so the restore can
   * be undone), `fixup` may add changes to the restored state (e.g. re-erase what was erased
   * since), and journal positions keep counting up.
   */
  async restoreBackup(name: string, fixup?: (restored: S, current: S) => Op[]): Promise<BackupInfo | null> {
    this.assertWritable();
    let wire: unknown;
    try {
      wire = this.parseBackup(await this.backups.read(name));
    } catch (error) {
      throw new AppError(isErrno(error, 'ENOENT') ? 'NOT_FOUND' : 'INVALID_INPUT', `Không đọc được bản sao lưu ${name}: ${(error as Error).message}`, { cause: error });
    }
    const restored = (() => {
      try {
        return this.codec.decode(this.migrate(wire));
      } catch (error) {
        throw new AppError('INVALID_INPUT', `Bản sao lưu ${name} bị hỏng: ${(error as Error).message}`, { cause: error });
      }
    })();
    const before = await this.compact();
    // In line with compactions, so none started before can write its older snapshot over this one.
    const run = () =>
      this.enqueue(async () => {
        const extra = fixup?.(restored.state, this.current) ?? [];
        if (extra.length) this.codec.apply(restored.state, extra);
        await this.rotateJournal();
        this.db.data = this.codec.encode(restored.state, this.seqNo, this.now().getTime());
        try {
          await this.db.write();
        } finally {
          this.db.data = null;
        }
        await this.dropJournalsUpTo(this.seqNo);
        this.current = restored.state;
        this.changes = 0;
        return null;
      });
    const done = this.compaction.then(run, run);
    this.compaction = done.catch(() => null);
    await done;
    this.log.warn('store restored from a backup', { store: this.options.name, backup: name, seq: restored.seq });
    await this.addProblem(`Dữ liệu ${this.options.label} đã được khôi phục từ bản sao lưu ${name}. Bản trước khi khôi phục được lưu thành ${before?.name ?? '(không có)'}.`);
    return before;
  }

  /** Adds a warning for staff (persisted; only by the process that holds the data). */
  async addProblem(message: string): Promise<void> {
    if (this.handsOff) return;
    const at = this.now().toISOString();
    await this.problemsStore
      .update((d) => {
        d.problems.push({ message, at, acknowledgedAt: null, acknowledgedBy: null });
        d.problems = d.problems.slice(-50);
      })
      .catch((error: unknown) => this.log.error('could not save a warning', { store: this.options.name, reason: (error as Error).message }));
  }

  /** Deletes temp files of snapshot writes a crash cut short (they may hold records erased since). */
  private async removeLeftovers(): Promise<void> {
    const prefix = `.${path.basename(this.file)}.`;
    for (const dir of [this.options.dir, this.options.backupsDir]) {
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        if ((name.startsWith(prefix) || name.startsWith(`.${this.options.name}-`)) && name.endsWith('.tmp')) await fs.rm(path.join(dir, name), { force: true });
      }
    }
  }

  private async loadSnapshot(): Promise<void> {
    let wire: unknown;
    try {
      await this.db.read();
      wire = this.db.data;
      this.db.data = null;
    } catch (error) {
      if (!(error instanceof UnreadableDocumentError)) throw error;
      if (error.kind === 'inaccessible') {
        this.readOnlyReason ??= `Không đọc được tệp ${this.options.label}: ${error.reason}`;
        await this.addProblem(this.readOnlyReason);
        return;
      }
      await this.recover(error.reason);
      return;
    }
    if (wire === null) {
      const newest = (await this.backups.list().catch(() => []))[0];
      if (newest) await this.recover('không thấy tệp dữ liệu', false);
      return;
    }
    const version = this.codec.versionOf(wire);
    if (version !== null && version > this.codec.version) {
      this.readOnlyReason ??= `Tệp ${this.options.label} do phiên bản mới hơn của phần mềm ghi (định dạng ${version}); hãy cập nhật phần mềm. Ở đây chỉ xem được tệp trống.`;
      await this.addProblem(this.readOnlyReason);
      return;
    }
    try {
      const upgraded = this.migrate(wire);
      const decoded = this.codec.decode(upgraded);
      this.current = decoded.state;
      this.seqNo = decoded.seq;
      if (version !== this.codec.version && !this.readOnlyReason) {
        const kept = `${this.file}.v${version ?? 0}-${this.now().toISOString().replace(/[:.]/g, '-')}`;
        await fs.copyFile(this.file, kept);
        this.db.data = upgraded;
        await this.db.write();
        this.db.data = null;
        this.log.info('store migrated', { store: this.options.name, from: version, to: this.codec.version, kept: path.basename(kept) });
      }
    } catch (error) {
      await this.recover(`sai cấu trúc (${(error as Error).message})`);
    }
  }

  /** Moves the bad snapshot aside (unless it is missing), restores the newest good backup, and records a warning. */
  private async recover(reason: string, present = true): Promise<void> {
    let movedTo: string | null = null;
    if (present && !this.readOnlyReason) movedTo = await moveAside(this.file, this.now());
    let restoredFrom: BackupInfo | null = null;
    for (const backup of await this.backups.list().catch(() => [])) {
      try {
        const decoded = this.codec.decode(this.migrate(this.parseBackup(await this.backups.read(backup.name))));
        this.current = decoded.state;
        this.seqNo = decoded.seq;
        restoredFrom = backup;
        break;
      } catch (error) {
        this.log.warn('backup unusable', { store: this.options.name, backup: backup.name, reason: (error as Error).message });
      }
    }
    if (restoredFrom && !this.readOnlyReason) {
      this.db.data = this.codec.encode(this.current, this.seqNo, this.now().getTime());
      await this.db.write();
      this.db.data = null;
    }
    const where = movedTo ? ` Tệp hỏng được giữ nguyên ở ${path.basename(movedTo)}.` : '';
    const message = restoredFrom
      ? `Tệp ${this.options.label} có vấn đề (${reason}). Đã khôi phục bản sao lưu lúc ${restoredFrom.createdAt} (${restoredFrom.name}) rồi ghi lại các thay đổi sau đó từ nhật ký.${where} Hãy kiểm tra vài hồ sơ mới nhập gần đây.`
      : `Tệp ${this.options.label} có vấn đề (${reason}) và không có bản sao lưu dùng được: chỉ còn các thay đổi trong nhật ký.${where} Hãy báo cán bộ kỹ thuật để cứu dữ liệu.`;
    this.log.warn('store recovered at start', { store: this.options.name, reason, backup: restoredFrom?.name ?? null, movedTo: movedTo ? path.basename(movedTo) : null });
    if (this.readOnlyReason) return;
    await this.addProblem(message);
  }

  private parseBackup(text: string): unknown {
    const problem = textProblem(text);
    if (problem) throw new Error(problem);
    return this.codec.parse(text);
  }

  private migrate(wire: unknown): unknown {
    let version = this.codec.versionOf(wire);
    let value = wire;
    while (version !== null && version < this.codec.version) {
      const step = this.codec.migrations[version];
      if (!step) throw new Error(`không có cách nâng định dạng ${version}`);
      value = step(value);
      version = this.codec.versionOf(value);
    }
    if (version !== this.codec.version) throw new Error(`định dạng ${String(version)} không đọc được`);
    return value;
  }

  private async replayJournals(): Promise<void> {
    const rotated = await this.rotatedJournals();
    const files = [...rotated.map((r) => r.file), this.journalFile];
    let damaged = 0;
    let gap = false;
    let replayed = 0;
    let current: JournalRead<Op> | null = null;
    for (const file of files) {
      const read = await this.readJournal(file);
      if (!read) continue;
      damaged += read.damaged;
      for (const line of read.lines) {
        if (line.seq <= this.seqNo) continue;
        if (line.seq !== this.seqNo + 1) gap = true;
        this.codec.apply(this.current, line.ops);
        this.seqNo = line.seq;
        replayed += 1;
      }
      if (file === this.journalFile) current = read;
    }
    if (damaged > 0 || gap) {
      const message = `Nhật ký ${this.options.label} có ${damaged > 0 ? `${damaged} dòng hỏng (đã bỏ qua)` : ''}${damaged > 0 && gap ? ' và ' : ''}${gap ? 'thiếu một số thay đổi' : ''}; vài thay đổi gần đây có thể đã mất.`;
      this.log.warn('journal damaged', { store: this.options.name, damaged, gap });
      if (!this.readOnlyReason) await this.addProblem(message);
    }
    if (replayed > 0) this.log.info('journal replayed', { store: this.options.name, changes: replayed });
    if (this.readOnlyReason) return;
    if (current && current.goodBytes < current.totalBytes) {
      // A line cut short by a crash: cut it off so the next change starts on a clean line.
      const handle = await fs.open(this.journalFile, 'r+');
      try {
        await handle.truncate(current.goodBytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    this.journal = await openAppend(this.journalFile);
    this.journalBytes = current?.goodBytes ?? 0;
    this.changes = replayed;
    if (rotated.length > 0) await this.compact();
  }

  private async readJournal(file: string): Promise<JournalRead<Op> | null> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw error;
    }
    const lines: JournalLine<Op>[] = [];
    let goodBytes = 0;
    let bad = 0;
    let damaged = 0;
    let start = 0;
    while (start < bytes.length) {
      const end = bytes.indexOf(0x0a, start);
      if (end === -1) break; // no newline: a torn last line
      const parsed = this.parseLine(bytes.subarray(start, end));
      if (parsed) {
        lines.push(parsed);
        damaged += bad;
        bad = 0;
        goodBytes = end + 1;
      } else if (end > start) {
        bad += 1;
      }
      start = end + 1;
    }
    return { lines, goodBytes, totalBytes: bytes.length, damaged };
  }

  private parseLine(raw: Buffer): JournalLine<Op> | null {
    if (raw.length === 0 || raw.includes(0)) return null;
    try {
      const value = JSON.parse(raw.toString('utf8')) as { s?: unknown; o?: unknown };
      if (typeof value.s !== 'number' || !Number.isInteger(value.s) || value.s < 1) return null;
      return { seq: value.s, ops: this.codec.parseOps(value.o) };
    } catch {
      return null;
    }
  }

  private async rotatedJournals(): Promise<{ file: string; seq: number }[]> {
    const prefix = `${path.basename(this.journalFile)}.`;
    const names = await fs.readdir(this.options.dir).catch(() => [] as string[]);
    return names
      .filter((n) => n.startsWith(prefix) && /^\d{12}$/.test(n.slice(prefix.length)))
      .map((n) => ({ file: path.join(this.options.dir, n), seq: Number(n.slice(prefix.length)) }))
      .sort((a, b) => a.seq - b.seq);
  }

  /** Moves the journal's lines into `<journal>.<seq>` and starts an empty one; true when there was anything to move. */
  private async rotateJournal(): Promise<boolean> {
    if (this.journal === null || this.journalBytes === 0) return false;
    await closeFd(this.journal);
    this.journal = null;
    try {
      await fs.rename(this.journalFile, `${this.journalFile}.${pad(this.seqNo)}`);
      this.journalBytes = 0;
    } finally {
      this.journal = await openAppend(this.journalFile);
    }
    await syncFolder(this.options.dir);
    return true;
  }

  private async dropJournalsUpTo(seq: number): Promise<void> {
    const old = (await this.rotatedJournals()).filter((r) => r.seq <= seq);
    for (const r of old) await fs.rm(r.file, { force: true });
    if (old.length) await syncFolder(this.options.dir);
  }

  private async append(line: string): Promise<void> {
    const fd = this.journal;
    if (fd === null) throw new AppError('STORAGE', `Nhật ký ${this.options.label} chưa mở được.`);
    const before = this.journalBytes;
    const bytes = Buffer.from(line, 'utf8');
    try {
      let done = 0;
      while (done < bytes.length) done += (await writeAll(fd, bytes, done, bytes.length - done)).bytesWritten;
      await syncData(fd);
      this.journalBytes += bytes.length;
    } catch (error) {
      await truncateFd(fd, before).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
      this.log.error('journal append failed', { store: this.options.name, code });
      throw new AppError('STORAGE', `Chưa lưu được: ${describeFsError(code)}`, { cause: error });
    }
  }

  private maybeCompact(): void {
    if (this.compactionPending) return;
    const now = this.now().getTime();
    if (now - this.compactionFailedAt < 60_000) return;
    const due = this.changes >= this.compactEvery || this.journalBytes >= this.compactBytes || this.lastBackupDay !== this.dayOf(now);
    if (!due) return;
    this.compactionPending = true;
    this.compact()
      .catch((error: unknown) => {
        this.compactionFailedAt = this.now().getTime();
        this.log.error('background compaction failed', { store: this.options.name, reason: (error as Error).message });
      })
      .finally(() => {
        this.compactionPending = false;
      });
  }

  private assertWritable(): void {
    if (!this.opened) throw new Error('store not open');
    if (this.readOnlyReason) throw new AppError('UNAVAILABLE', this.readOnlyReason);
  }

  private enqueue<R>(task: () => Promise<R>): Promise<R> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
