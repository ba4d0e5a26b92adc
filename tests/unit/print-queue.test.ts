import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/services/logger';
import { printBytes } from '../../electron/services/printing/print';
import { PrintQueue, viewJob, type PrintJob, type PrintTransport } from '../../electron/services/printing/print-queue';
import { FakePrinter } from '../fakes/fake-printer';
import { hardBytes, hardRaster } from '../support/card-fixture';

const [raster, bytes] = [hardRaster, hardBytes];

const tcp: PrintTransport = (job, b) => printBytes(job.printerUri, b);

let dir: string;
let printer: FakePrinter;
let queues: PrintQueue[];
let now: number;
const clock = () => now;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'print-queue-'));
  printer = new FakePrinter();
  await printer.start();
  queues = [];
  now = Date.now();
});
afterEach(async () => {
  for (const q of queues) await q.close();
  await printer.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function openQueue(transport: PrintTransport = tcp, c: () => number = Date.now): Promise<PrintQueue> {
  const queue = new PrintQueue(dir, createMemoryLogger(), transport, c);
  queues.push(queue);
  await queue.open();
  return queue;
}

const submit = (queue: PrintQueue, uri = printer.uri) => queue.submit({ kind: 'card', title: 'Thử', demoId: 'bai-thu', widthMm: 80, printerUri: uri, format: 'escpos', bytes });

/** Waits until the job reaches a state `done` accepts, returning it and the time taken. */
async function until(queue: PrintQueue, id: string, done: (job: PrintJob) => boolean, timeoutMs = 8000): Promise<{ job: PrintJob; ms: number }> {
  const started = Date.now();
  for (;;) {
    const job = queue.get(id)!;
    if (done(job)) return { job, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`job stuck in ${job.state}: ${JSON.stringify(job.error)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const stored = (): PrintJob[] => (JSON.parse(readFileSync(path.join(dir, 'print-jobs.json'), 'utf8')) as { jobs: PrintJob[] }).jobs;

describe('the print queue, over a real TCP socket to the fake printer', { timeout: 20_000 }, () => {
  it('prints a job once, and keeps its record and bytes on disk', async () => {
    const queue = await openQueue();
    const job = await submit(queue);
    expect(job.state).toBe('queued');
    const { job: done } = await until(queue, job.id, (j) => j.state === 'sent');
    expect(done.bytesSent).toBe(bytes.length);
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]!.raster.pixels).toEqual(raster.pixels);
    expect(stored().find((j) => j.id === job.id)?.state).toBe('sent');
    expect(readdirSync(path.join(dir, 'print-jobs'))).toEqual([`${job.id}.bin`]);
    expect(viewJob(done)).toMatchObject({ canRetry: false, canReprint: true, canCancel: false });
    expect(viewJob(done)).not.toHaveProperty('printerUri');
  });

  it('holds a job while the paper is out, says so within 5 s, and prints it once when paper is back', async () => {
    printer.status = { paperOut: true };
    const queue = await openQueue();
    const job = await submit(queue);
    const { job: waiting, ms } = await until(queue, job.id, (j) => j.error !== undefined);
    expect(ms).toBeLessThan(5000);
    expect(waiting).toMatchObject({ state: 'queued', bytesSent: 0, error: { code: 'PAPER_OUT' } });
    expect(waiting.error!.message).toMatch(/hết giấy/);
    expect(waiting.nextAttemptAt).toBeDefined();
    expect(viewJob(waiting)).toMatchObject({ canRetry: true, canReprint: false, canCancel: true });
    printer.status = {};
    await until(queue, job.id, (j) => j.state === 'sent');
    await new Promise((r) => setTimeout(r, 300));
    expect(printer.jobs).toHaveLength(1);
  });

  it('sends a waiting job at once when asked to retry', async () => {
    printer.status = { coverOpen: true };
    const queue = await openQueue();
    const job = await submit(queue);
    const { job: waiting } = await until(queue, job.id, (j) => j.error !== undefined);
    expect(waiting.error).toMatchObject({ code: 'COVER_OPEN' });
    printer.status = {};
    const t0 = Date.now();
    await queue.retry(job.id);
    await until(queue, job.id, (j) => j.state === 'sent');
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(printer.jobs).toHaveLength(1);
  });

  it('says a refused printer is off within 5 s and stops retrying after its window', async () => {
    const uri = printer.uri;
    await printer.stop();
    const queue = await openQueue(tcp, clock);
    const job = await submit(queue, uri);
    const { job: waiting, ms } = await until(queue, job.id, (j) => j.error !== undefined);
    expect(ms).toBeLessThan(5000);
    expect(waiting).toMatchObject({ state: 'queued', error: { code: 'PRINTER_OFFLINE' } });
    now += 3 * 60_000;
    await queue.retry(job.id);
    // "Thử lại" restarts the window: the job is tried again, then waits again.
    const { job: again } = await until(queue, job.id, (j) => j.attempts === 2 && j.state !== 'sending');
    expect(again.state).toBe('queued');
    now += 3 * 60_000;
    await queue.retry(job.id).catch(() => undefined);
    await until(queue, job.id, (j) => j.attempts === 3 && j.state !== 'sending');
  });

  it('gives up waiting for a job whose window has passed', async () => {
    const uri = printer.uri;
    await printer.stop();
    // Each attempt takes the clock two minutes on, as if the printer stayed off that long.
    const slow: PrintTransport = async (job, b) => {
      now += 2 * 60_000;
      return printBytes(job.printerUri, b);
    };
    const queue = await openQueue(slow, clock);
    const job = await submit(queue, uri);
    const { job: failed } = await until(queue, job.id, (j) => j.state === 'failed');
    expect(failed).toMatchObject({ attempts: 1, bytesSent: 0, error: { code: 'PRINTER_OFFLINE' } });
    expect(viewJob(failed)).toMatchObject({ canRetry: true, canReprint: false });
  });

  it('marks a job dropped mid-way unknown, never re-sends it, and reprints it as a new job on request', async () => {
    printer.mode = 'drop-mid-job';
    const queue = await openQueue();
    const job = await submit(queue);
    const { job: unknown, ms } = await until(queue, job.id, (j) => j.state === 'unknown');
    expect(ms).toBeLessThan(5000);
    expect(unknown.bytesSent).toBeGreaterThan(0);
    expect(unknown.error?.message).toMatch(/giữa chừng/);
    await expect(queue.retry(job.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await new Promise((r) => setTimeout(r, 2500));
    expect(queue.get(job.id)!.attempts).toBe(1);
    printer.mode = 'normal';
    const copy = await queue.reprint(job.id);
    expect(copy).toMatchObject({ reprintOf: job.id, state: 'queued' });
    await until(queue, copy.id, (j) => j.state === 'sent');
    await new Promise((r) => setTimeout(r, 300));
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]!.raster.pixels).toEqual(raster.pixels);
  });

  it('marks a job to a printer that never reads unknown within 5 s', async () => {
    printer.mode = 'never-read';
    const queue = await openQueue();
    const job = await submit(queue);
    const { job: unknown, ms } = await until(queue, job.id, (j) => j.state === 'unknown');
    expect(ms).toBeLessThan(5000);
    expect(unknown.error?.message).toMatch(/không xác nhận|chậm|ngừng/);
  });

  it('marks a job to a printer that talks back sent and confirmed, printed once, with what the printer said logged', async () => {
    const talker = new FakePrinter({ talkative: true });
    await talker.start();
    try {
      const log = createMemoryLogger();
      const queue = new PrintQueue(dir, log, tcp);
      queues.push(queue);
      await queue.open();
      const job = await submit(queue, talker.uri);
      const { job: sent } = await until(queue, job.id, (j) => j.state !== 'queued' && j.state !== 'sending');
      expect(sent).toMatchObject({ state: 'sent', bytesSent: bytes.length });
      await queue.idle();
      expect(log.lines.find((l) => l.includes('print job sent'))).toMatch(/"confirmed":true,"printerSent":\{"bytes":4,"statusAnswers":0,"asbBlocks":1,"other":0\}/);
      expect(talker.jobs).toHaveLength(1);
    } finally {
      await talker.stop();
    }
  });

  it('still prints on a printer that answers no status and closes the line', async () => {
    printer.mode = 'no-status';
    const queue = await openQueue();
    const job = await submit(queue);
    await until(queue, job.id, (j) => j.state === 'sent');
    expect(printer.jobs).toHaveLength(1);
  });

  it('finds a job cut off by a stop unknown at the next start, and resumes a waiting job', async () => {
    let release: () => void = () => undefined;
    const stuck: PrintTransport = () =>
      new Promise((_resolve, reject) => {
        release = () => reject(Object.assign(new Error('stopped'), { bytesSent: 10 }));
      });
    const first = await openQueue(stuck);
    const cut = await submit(first);
    await until(first, cut.id, (j) => j.state === 'sending');
    const waiting = await submit(first);
    // The process "dies" here: a second queue opens the same folder.
    const second = new PrintQueue(dir, createMemoryLogger(), tcp);
    await second.open();
    expect(second.get(cut.id)).toMatchObject({ state: 'unknown', error: { code: 'PRINTER_ERROR' } });
    expect(second.get(cut.id)!.error!.message).toMatch(/đã tắt khi đang in/);
    await until(second, waiting.id, (j) => j.state === 'sent');
    await second.close();
    release();
    expect(printer.jobs).toHaveLength(1);
  });

  it('cancels a waiting job and refuses to reprint one that has not printed', async () => {
    printer.status = { paperOut: true };
    const queue = await openQueue();
    const job = await submit(queue);
    await until(queue, job.id, (j) => j.error !== undefined);
    await expect(queue.reprint(job.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    const cancelled = await queue.cancel(job.id);
    expect(cancelled.state).toBe('cancelled');
    printer.status = {};
    await new Promise((r) => setTimeout(r, 2500));
    expect(printer.jobs).toHaveLength(0);
    await expect(queue.cancel(job.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(queue.get('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('deletes card images a day after their job settled, and then offers no reprint', async () => {
    const queue = await openQueue(tcp, clock);
    const job = await submit(queue);
    await until(queue, job.id, (j) => j.state === 'sent');
    now += 25 * 3600_000;
    const later = await submit(queue);
    await until(queue, later.id, (j) => j.state === 'sent');
    await queue.idle();
    expect(queue.get(job.id)!.bytesKept).toBe(false);
    expect(readdirSync(path.join(dir, 'print-jobs'))).toEqual([`${later.id}.bin`]);
    expect(viewJob(queue.get(job.id)!).canReprint).toBe(false);
    await expect(queue.reprint(job.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps running when a job’s state cannot be saved, and logs it', async () => {
    const log = createMemoryLogger();
    // The transport prints, then the queue file turns into a folder, so saving "sent" fails.
    const breaking: PrintTransport = async (job, b) => {
      const outcome = await printBytes(job.printerUri, b);
      rmSync(path.join(dir, 'print-jobs.json'));
      mkdirSync(path.join(dir, 'print-jobs.json'));
      return outcome;
    };
    const queue = new PrintQueue(dir, log, breaking);
    queues.push(queue);
    await queue.open();
    await submit(queue);
    await queue.idle();
    expect(printer.jobs).toHaveLength(1);
    expect(log.lines.join('\n')).toMatch(/print queue could not save a job/);
  });
});
