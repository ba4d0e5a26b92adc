import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { isErrno, writeFileDurable } from './durable-file';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** One backup file. */
export interface BackupInfo {
  /** File name inside the backup folder; what `backup restore NAME` takes. */
  name: string;
  createdAt: string;
  /** The journal position the backup holds everything up to. */
  seq: number;
  bytes: number;
}

/** How many backups to keep: the newest `generations`, plus the newest of each of the last `days` days. */
export interface BackupPolicy {
  generations: number;
  days: number;
  /** The calendar day of an instant, as YYYY-MM-DD (the site's time zone). */
  dayOf(epochMs: number): string;
}

const DAY_MS = 86_400_000;

/** Gzipped snapshot generations in one folder, named `<prefix>-<UTC time>-q<seq>.json.gz`, pruned by a {@link BackupPolicy}. */
export class BackupFolder {
  private readonly pattern: RegExp;

  constructor(
    readonly dir: string,
    private readonly prefix: string,
    private readonly policy: BackupPolicy,
    private readonly now: () => Date,
  ) {
    this.pattern = new RegExp(`^${prefix}-(\\d{8})T(\\d{6})(\\d{3})Z-q(\\d+)\\.json\\.gz$`);
  }

  /** Backups, newest first. */
  async list(): Promise<BackupInfo[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
    const found: BackupInfo[] = [];
    for (const name of names) {
      const m = this.pattern.exec(name);
      if (!m) continue;
      const [, ymd, hms, ms, seq] = m as unknown as [string, string, string, string, string];
      const createdAt = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}T${hms.slice(0, 2)}:${hms.slice(2, 4)}:${hms.slice(4)}.${ms}Z`;
      const bytes = await fs
        .stat(path.join(this.dir, name))
        .then((s) => s.size)
        .catch(() => -1);
      if (bytes >= 0) found.push({ name, createdAt, seq: Number(seq), bytes });
    }
    return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.seq - a.seq);
  }

  /** Writes a gzipped copy of a snapshot's text durably (compression runs off the main thread), then prunes. */
  async write(snapshotText: string | Buffer, seq: number): Promise<BackupInfo> {
    const at = this.now();
    const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
    const name = `${this.prefix}-${stamp}-q${seq}.json.gz`;
    const zipped = await gzipAsync(snapshotText, { level: 4 });
    await writeFileDurable(path.join(this.dir, name), zipped);
    await this.prune();
    return { name, createdAt: at.toISOString(), seq, bytes: zipped.length };
  }

  /** Reads one backup back to the snapshot text; throws when it is missing or not gzip. */
  async read(name: string): Promise<string> {
    if (!this.pattern.test(name)) throw new Error(`không phải tên bản sao lưu: ${name}`);
    const zipped = await fs.readFile(path.join(this.dir, name));
    return (await gunzipAsync(zipped)).toString('utf8');
  }

  /** The calendar day (policy time zone) of the newest backup, or null when there is none. */
  async newestDay(): Promise<string | null> {
    const newest = (await this.list())[0];
    return newest ? this.policy.dayOf(Date.parse(newest.createdAt)) : null;
  }

  /** Deletes backups the policy no longer keeps; returns their names. */
  async prune(): Promise<string[]> {
    const all = await this.list();
    const keep = new Set(all.slice(0, this.policy.generations).map((b) => b.name));
    const oldestDay = this.policy.dayOf(this.now().getTime() - (this.policy.days - 1) * DAY_MS);
    const seenDays = new Set<string>();
    for (const b of all) {
      const day = this.policy.dayOf(Date.parse(b.createdAt));
      if (day < oldestDay || seenDays.has(day)) continue;
      seenDays.add(day);
      keep.add(b.name);
    }
    const removed: string[] = [];
    for (const b of all) {
      if (keep.has(b.name)) continue;
      await fs.rm(path.join(this.dir, b.name), { force: true });
      removed.push(b.name);
    }
    return removed;
  }
}
