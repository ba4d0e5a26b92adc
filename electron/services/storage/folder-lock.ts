import { promises as fs } from 'node:fs';
import { isErrno } from './durable-file';

/** Who holds a lock. */
export interface LockHolder {
  pid: number;
  since: string;
}

/**
 * An advisory lock file so that only one process (the kiosk, or a command-line run beside it)
 * writes a store. The holder refreshes the file's time every few seconds; a lock whose process
 * is gone, or that nobody refreshed for `staleMs`, is taken over.
 */
export class FolderLock {
  private timer: NodeJS.Timeout | null = null;
  private held = false;

  constructor(
    readonly file: string,
    private readonly staleMs = 30_000,
    private readonly refreshMs = 10_000,
  ) {}

  /** Takes the lock, or reports who holds it. */
  async acquire(): Promise<{ ok: true } | { ok: false; holder: LockHolder }> {
    const mine = JSON.stringify({ pid: process.pid, since: new Date().toISOString() });
    try {
      await fs.writeFile(this.file, mine, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
      const holder = await this.holder();
      if (holder && !(await this.isStale(holder))) return { ok: false, holder };
      await fs.writeFile(this.file, mine, { mode: 0o600 });
      // Two processes may both have found the same stale lock: the last writer wins, the other backs off.
      const now = await this.holder();
      if (now?.pid !== process.pid) return { ok: false, holder: now ?? { pid: -1, since: '' } };
    }
    this.held = true;
    this.timer = setInterval(() => {
      const t = new Date();
      fs.utimes(this.file, t, t).catch(() => undefined);
    }, this.refreshMs);
    this.timer.unref();
    return { ok: true };
  }

  /** Gives the lock up (only if this process holds it). */
  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.held) return;
    this.held = false;
    const holder = await this.holder();
    if (holder?.pid === process.pid) await fs.rm(this.file, { force: true });
  }

  private async holder(): Promise<LockHolder | null> {
    try {
      const value = JSON.parse(await fs.readFile(this.file, 'utf8')) as Partial<LockHolder>;
      return typeof value.pid === 'number' ? { pid: value.pid, since: String(value.since ?? '') } : null;
    } catch {
      return null;
    }
  }

  private async isStale(holder: LockHolder): Promise<boolean> {
    const stat = await fs.stat(this.file).catch(() => null);
    if (!stat || Date.now() - stat.mtimeMs > this.staleMs) return true;
    if (holder.pid === process.pid) return false;
    try {
      process.kill(holder.pid, 0);
      return false;
    } catch (error) {
      return isErrno(error, 'ESRCH');
    }
  }
}
