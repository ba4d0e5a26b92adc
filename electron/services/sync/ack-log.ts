import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileDurable } from '../storage/durable-file';

/** One acknowledged batch: the `updatedAt` the hub acknowledged for each record, and the erasures it took. */
export interface AckEntry {
  h?: Record<string, string>;
  p?: Record<string, string>;
  s?: Record<string, string>;
  d?: string[];
}

/** Lines past which the log is folded into one at the next open. */
const COMPACT_AFTER = 2000;

/**
 * What the hub has acknowledged, kept as an append-only log of small lines (written and fsynced
 * before the kiosk moves on, so a crash never forgets an acknowledgement and at worst resends a
 * batch the hub already took). Folded into one line when it grows long.
 */
export class AckLog {
  readonly households = new Map<string, string>();
  readonly people = new Map<string, string>();
  readonly sessions = new Map<string, string>();
  readonly deletions = new Set<string>();
  private lines = 0;

  constructor(readonly file: string) {}

  /** Reads the log; a line cut short by a crash at its end is dropped. */
  async open(): Promise<void> {
    let text = '';
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      // No log yet; or no data folder at all, which the other checks report.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        this.fold(JSON.parse(line) as AckEntry);
        this.lines += 1;
      } catch {
        // A torn last line: that batch was not acknowledged here, so it is sent again.
      }
    }
    if (this.lines > COMPACT_AFTER) await this.compact();
  }

  /** Appends an acknowledgement durably, then applies it. */
  async append(entry: AckEntry): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const handle = await fs.open(this.file, 'a', 0o600);
    try {
      await handle.write(`${JSON.stringify(entry)}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    this.fold(entry);
    this.lines += 1;
  }

  /** Rewrites the log as one line. */
  async compact(): Promise<void> {
    const entry: AckEntry = {
      h: Object.fromEntries(this.households),
      p: Object.fromEntries(this.people),
      s: Object.fromEntries(this.sessions),
      d: [...this.deletions],
    };
    await writeFileDurable(this.file, `${JSON.stringify(entry)}\n`);
    this.lines = 1;
  }

  /** Forgets everything (the kiosk left its hub). */
  async clear(): Promise<void> {
    this.households.clear();
    this.people.clear();
    this.sessions.clear();
    this.deletions.clear();
    await fs.rm(this.file, { force: true });
    this.lines = 0;
  }

  private fold(entry: AckEntry): void {
    for (const [id, at] of Object.entries(entry.h ?? {})) this.households.set(id, at);
    for (const [id, at] of Object.entries(entry.p ?? {})) this.people.set(id, at);
    for (const [id, at] of Object.entries(entry.s ?? {})) this.sessions.set(id, at);
    for (const hash of entry.d ?? []) this.deletions.add(hash);
  }
}
