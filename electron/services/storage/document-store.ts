import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { moveAside, readJsonFile, writeFileDurable } from './durable-file';

/** Thrown by the adapter when a file exists but cannot be trusted. */
export class UnreadableDocumentError extends Error {
  /** `corrupt`: the file's content is bad; `inaccessible`: the file cannot be read at all. */
  constructor(
    readonly reason: string,
    readonly kind: 'corrupt' | 'inaccessible' = 'corrupt',
  ) {
    super(reason);
    this.name = 'UnreadableDocumentError';
  }
}

/** A lowdb adapter that validates what it reads and writes compact JSON durably (temp, fsync, rename, fsync folder). */
export class DurableJsonAdapter<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly indent?: number,
  ) {}

  async read(): Promise<T | null> {
    const read = await readJsonFile(this.file);
    if (read.kind === 'missing') return null;
    if (read.kind === 'unreadable') throw new UnreadableDocumentError(read.reason, 'inaccessible');
    if (read.kind === 'corrupt') throw new UnreadableDocumentError(read.reason);
    const parsed = this.schema.safeParse(read.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UnreadableDocumentError(`sai cấu trúc ở "${issue?.path.join('.') || '(gốc)'}": ${issue?.message ?? ''}`);
    }
    return parsed.data;
  }

  async write(data: T): Promise<void> {
    await writeFileDurable(this.file, JSON.stringify(data, null, this.indent));
  }
}

/**
 * One JSON document on disk behind lowdb: validated on load, changed one writer at a time,
 * written durably, with a last-good copy beside it. A bad file at start is moved aside (never
 * deleted) and the good copy restored, and the problem is kept for staff to see.
 */
export class DocumentStore<T> {
  private readonly db: Low<T>;
  private readonly good: DurableJsonAdapter<T>;
  private queue: Promise<unknown> = Promise.resolve();
  private problemFound: string | null = null;
  private readonly label: string;

  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly defaults: () => T,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    /** `label` names the file in messages to staff ("cài đặt"); `indent` keeps a file people may edit by hand readable. */
    options: { label?: string; indent?: number } = {},
  ) {
    this.label = options.label ?? path.basename(file);
    this.db = new Low(new DurableJsonAdapter(file, schema, options.indent), defaults());
    this.good = new DurableJsonAdapter(`${file}.good`, schema, options.indent);
  }

  /** Loads the document, recovering from a bad file as described above. */
  async open(): Promise<void> {
    try {
      await this.db.read();
      return;
    } catch (error) {
      if (!(error instanceof UnreadableDocumentError)) throw error;
      if (error.kind === 'inaccessible') {
        // The folder itself is the problem (permissions, a file in its place): leave everything as it is.
        this.db.data = this.defaults();
        this.problemFound = `Không đọc được tệp ${this.label}: ${error.reason}`;
        this.log.warn('document unreadable at start', { file: path.basename(this.file), reason: error.reason });
        return;
      }
      const movedTo = await moveAside(this.file, this.now());
      const restored = await this.good.read().catch(() => null);
      this.db.data = restored ?? this.defaults();
      if (restored) await this.db.write();
      this.problemFound = `Tệp ${this.label} bị hỏng (${error.reason}); ${restored ? 'đã khôi phục bản tốt gần nhất' : 'không có bản dự phòng'}. Tệp hỏng được giữ ở ${path.basename(movedTo)}.`;
      this.log.warn('document rejected at start', { file: path.basename(this.file), reason: error.reason, restored: restored !== null });
    }
  }

  /** The current document; treat it as read-only and change it through {@link update}. */
  get data(): Readonly<T> {
    return this.db.data;
  }

  /** A problem met at start, or null. */
  problem(): string | null {
    return this.problemFound;
  }

  /**
   * Applies `change` to a copy, validates it, writes it durably, then makes it current.
   * Changes run one at a time in call order; if `change` throws, nothing is written.
   */
  update<R>(change: (draft: T) => R): Promise<R> {
    const run = async (): Promise<R> => {
      const draft = structuredClone(this.db.data);
      const result = change(draft);
      const checked = this.schema.parse(draft);
      await this.db.adapter.write(checked);
      this.db.data = checked;
      await this.good.write(checked);
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
