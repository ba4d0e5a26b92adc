import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from '../zod';
import { AppError, type ErrorCode } from '../../api/result';
import type { Logger } from '../logger';
import { DocumentStore } from '../storage/document-store';
import { isErrno, writeFileDurable } from '../storage/durable-file';
import type { PrintOutcome } from './print';

/**
 * A job's life: `queued` (waiting, perhaps to retry), `sending`, then `sent`, `failed`
 * (nothing left for the printer), `unknown` (some bytes left: it may have printed in part)
 * or `cancelled`. Only a job that sent nothing is ever sent again by the queue itself.
 */
export const JOB_STATES = ['queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

const JobSchema = z
  .object({
    id: z.string().uuid(),
    /** A demo's step card, a test page, or a consent slip. */
    kind: z.enum(['card', 'test', 'slip']),
    title: z.string().max(300),
    demoId: z.string().max(120).optional(),
    widthMm: z.union([z.literal(58), z.literal(80)]),
    printerUri: z.string().max(500),
    /** `escpos` bytes for network and device printers; a `png` of the raster for the system spooler. */
    format: z.enum(['escpos', 'png']),
    state: z.enum(JOB_STATES),
    attempts: z.number().int().min(0),
    bytesTotal: z.number().int().min(0),
    bytesSent: z.number().int().min(0),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** When someone last asked for it (submitted or "thử lại"): retries stop a while after this. */
    askedAt: z.string(),
    /** Whether the card image is still on disk for a reprint. */
    bytesKept: z.boolean(),
    nextAttemptAt: z.string().optional(),
    error: z.object({ code: z.string().max(40), message: z.string().max(500) }).optional(),
    warnings: z.array(z.string().max(300)).max(10),
    reprintOf: z.string().uuid().optional(),
  })
  .strict();

/** One print job as stored in the data folder. */
export type PrintJob = z.infer<typeof JobSchema>;

const QueueSchema = z.object({ schemaVersion: z.literal(1), jobs: z.array(JobSchema) }).strict();
type QueueDocument = z.infer<typeof QueueSchema>;

/** A job as screens see it, with what may be done with it now. */
export interface PrintJobView extends Omit<PrintJob, 'printerUri'> {
  /** Send the same job again now: only while nothing of it has reached the printer. */
  canRetry: boolean;
  /** Print a new copy: for a job that printed, or whose fate is unknown (a person decides). */
  canReprint: boolean;
  canCancel: boolean;
}

/** Sends bytes to a printer; rejects with `bytesSent` on the error when some bytes left. */
export type PrintTransport = (job: PrintJob, bytes: Uint8Array) => Promise<PrintOutcome>;

/** Seconds to wait before each retry of a job that sent nothing. */
const BACKOFF_SECONDS = [2, 4, 8, 15, 30];
/** A job that still has not printed this long after it was asked for gives up: its citizen has likely left. */
const RETRY_WINDOW_MS = 2 * 60_000;
/** Codes worth retrying: the printer may come back (paper changed, cover closed, switched on). */
const RETRYABLE: readonly string[] = ['PRINTER_OFFLINE', 'PAPER_OUT', 'COVER_OPEN', 'PRINTER_ERROR'] satisfies ErrorCode[];
/** Printed card images may carry a name: keep them only as long as a reprint is likely. */
const KEEP_BYTES_MS = 24 * 3600_000;
const KEEP_JOBS = 200;
/** How long the queue waits after it could not save a job's state before trying again. */
const STALL_RETRY_MS = 10_000;

/**
 * The print queue, persisted in the data folder: one job at a time goes to the printer; a
 * job's state is saved as `sending` before its first byte leaves, so a job interrupted by a
 * crash is found `unknown` at the next start and never printed twice by itself.
 */
export class PrintQueue {
  private readonly store: DocumentStore<QueueDocument>;
  private readonly bytesDir: string;
  private readonly cache = new Map<string, Uint8Array>();
  private busy: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    dataDir: string,
    private readonly log: Logger,
    private readonly transport: PrintTransport,
    private readonly clock: () => number = Date.now,
  ) {
    this.store = new DocumentStore(path.join(dataDir, 'print-jobs.json'), QueueSchema, () => ({ schemaVersion: 1 as const, jobs: [] }), log, () => new Date(clock()), {
      label: 'hàng đợi in',
    });
    this.bytesDir = path.join(dataDir, 'print-jobs');
  }

  /** Loads the queue: a job found `sending` was cut off by a stop, so its fate is unknown. */
  async open(): Promise<void> {
    await this.store.open();
    const now = this.iso();
    if (this.store.data.jobs.some((j) => j.state === 'sending')) {
      await this.store.update((doc) => {
        for (const job of doc.jobs) {
          if (job.state === 'sending') {
            Object.assign(job, {
              state: 'unknown',
              updatedAt: now,
              error: { code: 'PRINTER_ERROR', message: 'Trạm đã tắt khi đang in.' },
            });
          }
        }
      });
    }
    await this.tidy();
    this.schedule();
  }

  /** A problem met loading the queue file, or null. */
  problem(): string | null {
    return this.store.problem();
  }

  /** Stops sending; waits for a job on its way to finish. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
  }

  /** Saves a job and its bytes, then starts sending it. */
  async submit(input: { kind: PrintJob['kind']; title: string; demoId?: string; widthMm: 58 | 80; printerUri: string; format: PrintJob['format']; bytes: Uint8Array; reprintOf?: string }): Promise<PrintJob> {
    const id = randomUUID();
    const now = this.iso();
    await writeFileDurable(this.bytesFile(id), input.bytes);
    this.cache.set(id, input.bytes);
    const job: PrintJob = {
      id,
      kind: input.kind,
      title: input.title.slice(0, 300),
      ...(input.demoId ? { demoId: input.demoId } : {}),
      widthMm: input.widthMm,
      printerUri: input.printerUri,
      format: input.format,
      state: 'queued',
      attempts: 0,
      bytesTotal: input.bytes.length,
      bytesSent: 0,
      createdAt: now,
      updatedAt: now,
      askedAt: now,
      bytesKept: true,
      warnings: [],
      ...(input.reprintOf ? { reprintOf: input.reprintOf } : {}),
    };
    await this.store.update((doc) => {
      doc.jobs.push(job);
    });
    this.kick();
    return job;
  }

  /** One job, or null. */
  get(id: string): PrintJob | null {
    return this.store.data.jobs.find((j) => j.id === id) ?? null;
  }

  /** The newest jobs first. */
  list(limit = 50): PrintJob[] {
    return this.store.data.jobs.slice(-limit).reverse();
  }

  /** Sends a job that has sent nothing yet again now, instead of waiting for its next retry. */
  async retry(id: string): Promise<PrintJob> {
    const job = this.mustGet(id);
    if (!canRetry(job)) throw new AppError('CONFLICT', 'Phiếu này không thể thử lại: có thể nó đã in (một phần). Hãy dùng "In lại" nếu cần.');
    const updated = await this.change(id, { state: 'queued', nextAttemptAt: undefined, askedAt: this.iso() });
    this.kick();
    return updated;
  }

  /** Prints a new copy of a job that printed or whose fate is unknown: a person has looked at the printer. */
  async reprint(id: string): Promise<PrintJob> {
    const job = this.mustGet(id);
    if (!canReprint(job)) throw new AppError('CONFLICT', 'Phiếu này chưa in ra: hãy bấm "Thử lại" thay vì in thêm một bản.');
    const bytes = await this.readBytes(id);
    return this.submit({ kind: job.kind, title: job.title, ...(job.demoId ? { demoId: job.demoId } : {}), widthMm: job.widthMm, printerUri: job.printerUri, format: job.format, bytes, reprintOf: job.id });
  }

  /** Stops a job that is waiting to be sent or retried. */
  async cancel(id: string): Promise<PrintJob> {
    const job = this.mustGet(id);
    if (!canCancel(job)) throw new AppError('CONFLICT', 'Phiếu này không còn chờ in nên không huỷ được.');
    return this.change(id, { state: 'cancelled', nextAttemptAt: undefined });
  }

  /** Resolves once nothing is being sent and nothing is due (for tests and orderly stops). */
  async idle(): Promise<void> {
    while (this.busy) await this.busy;
  }

  private mustGet(id: string): PrintJob {
    const job = this.get(id);
    if (!job) throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu in này (có thể đã được dọn sau một thời gian).');
    return job;
  }

  private iso(offsetMs = 0): string {
    return new Date(this.clock() + offsetMs).toISOString();
  }

  private bytesFile(id: string): string {
    return path.join(this.bytesDir, `${id}.bin`);
  }

  private async readBytes(id: string): Promise<Uint8Array> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    try {
      return new Uint8Array(await fs.readFile(this.bytesFile(id)));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) throw new AppError('NOT_FOUND', 'Phiếu này đã cũ và đã được xoá khỏi máy. Xin in lại từ bài học.');
      throw error;
    }
  }

  private async change(id: string, patch: Partial<PrintJob>): Promise<PrintJob> {
    const now = this.iso();
    return this.store.update((doc) => {
      const found = doc.jobs.find((j) => j.id === id);
      if (!found) throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu in này.');
      Object.assign(found, patch, { updatedAt: now });
      for (const key of Object.keys(patch) as (keyof PrintJob)[]) if (patch[key] === undefined) delete found[key];
      return structuredClone(found);
    });
  }

  /** Starts the sender if it is not running. */
  private kick(): void {
    if (this.closed || this.busy) return;
    const due = this.nextDue();
    if (!due) return this.schedule();
    this.busy = this.send(due).then(
      () => {
        this.busy = null;
        this.kick();
      },
      (error: unknown) => {
        // A job's record could not be saved (disk full…): the kiosk keeps running, the job stays
        // as last saved, and the queue tries again a little later rather than at once.
        this.log.error('print queue could not save a job', { job: due.id, reason: (error as Error).message });
        this.busy = null;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.kick(), STALL_RETRY_MS);
        this.timer.unref();
      },
    );
  }

  private nextDue(): PrintJob | null {
    const now = this.clock();
    return this.store.data.jobs.find((j) => j.state === 'queued' && (!j.nextAttemptAt || Date.parse(j.nextAttemptAt) <= now)) ?? null;
  }

  /** Wakes the sender when the earliest waiting retry is due. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    const waits = this.store.data.jobs.filter((j) => j.state === 'queued').map((j) => (j.nextAttemptAt ? Date.parse(j.nextAttemptAt) : 0) - this.clock());
    if (waits.length === 0) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, Math.min(...waits)));
    this.timer.unref();
  }

  private async send(job: PrintJob): Promise<void> {
    const started = await this.change(job.id, { state: 'sending', attempts: job.attempts + 1, nextAttemptAt: undefined, error: undefined });
    let bytes: Uint8Array;
    try {
      bytes = await this.readBytes(job.id);
    } catch (error) {
      await this.change(job.id, { state: 'failed', error: describe(error) });
      return;
    }
    try {
      const outcome = await this.transport(started, bytes);
      await this.change(job.id, { state: 'sent', bytesSent: outcome.bytesSent, warnings: outcome.warnings.slice(0, 10) });
      this.log.info('print job sent', { job: job.id, kind: job.kind, bytes: outcome.bytesSent, attempts: started.attempts, confirmed: outcome.confirmed, printerSent: outcome.replies });
    } catch (error) {
      const bytesSent = (error as { bytesSent?: unknown }).bytesSent;
      const sentSome = typeof bytesSent !== 'number' || bytesSent > 0;
      const problem = describe(error);
      if (sentSome) {
        // Some bytes (or we cannot tell) reached the printer: a person must look before a copy is printed.
        await this.change(job.id, { state: 'unknown', bytesSent: typeof bytesSent === 'number' ? bytesSent : 0, error: problem });
        this.log.warn('print job fate unknown', { job: job.id, code: problem.code, bytesSent });
        return;
      }
      const age = this.clock() - Date.parse(started.askedAt);
      const wait = BACKOFF_SECONDS[Math.min(started.attempts - 1, BACKOFF_SECONDS.length - 1)]! * 1000;
      if (RETRYABLE.includes(problem.code) && age + wait <= RETRY_WINDOW_MS) {
        await this.change(job.id, { state: 'queued', error: problem, nextAttemptAt: this.iso(wait) });
      } else {
        await this.change(job.id, { state: 'failed', error: problem });
      }
      this.log.warn('print job not sent', { job: job.id, code: problem.code, attempts: started.attempts });
    } finally {
      await this.tidy();
    }
  }

  /** Forgets old jobs and deletes card images no longer likely to be reprinted. */
  private async tidy(): Promise<void> {
    const now = this.clock();
    const settled = (j: PrintJob) => j.state !== 'queued' && j.state !== 'sending';
    const jobs = this.store.data.jobs;
    const excess = Math.max(0, jobs.length - KEEP_JOBS);
    const dropJobs = new Set(jobs.filter(settled).slice(0, excess).map((j) => j.id));
    const dropBytes = jobs.filter((j) => j.bytesKept && settled(j) && (dropJobs.has(j.id) || now - Date.parse(j.updatedAt) > KEEP_BYTES_MS)).map((j) => j.id);
    for (const id of dropBytes) await fs.rm(this.bytesFile(id), { force: true });
    // Keep only the card images of the last few jobs in memory.
    for (const id of [...this.cache.keys()].slice(0, Math.max(0, this.cache.size - 10))) this.cache.delete(id);
    for (const id of dropBytes) this.cache.delete(id);
    if (dropJobs.size === 0 && dropBytes.length === 0) return;
    const unkept = new Set(dropBytes);
    await this.store.update((d) => {
      d.jobs = d.jobs.filter((j) => !dropJobs.has(j.id));
      for (const j of d.jobs) if (unkept.has(j.id)) j.bytesKept = false;
    });
  }
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message.slice(0, 500) };
  return { code: 'PRINTER_ERROR', message: 'Không in được vì một lỗi ngoài dự kiến. Xin báo cán bộ phụ trách.' };
}

function canRetry(job: PrintJob): boolean {
  return (job.state === 'queued' || job.state === 'failed') && job.bytesSent === 0 && job.bytesKept;
}

function canReprint(job: PrintJob): boolean {
  return (job.state === 'sent' || job.state === 'unknown') && job.bytesKept;
}

function canCancel(job: PrintJob): boolean {
  return job.state === 'queued';
}

/** A job for screens, without the printer's address and with what may be done now. */
export function viewJob(job: PrintJob): PrintJobView {
  const { printerUri: _uri, ...rest } = job;
  return { ...rest, canRetry: canRetry(job), canReprint: canReprint(job), canCancel: canCancel(job) };
}
