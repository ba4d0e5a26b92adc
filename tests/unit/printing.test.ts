import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../electron/api/result';
import { encodeCard } from '../../electron/services/cards/escpos';
import { layoutCard, rasterToPng } from '../../electron/services/cards/layout';
import { loadPack } from '../../electron/services/content/loader';
import { pngSize, spoolFailure } from '../../electron/services/printing/spooler-errors';
import { printBytes, printerStatus } from '../../electron/services/printing/print';
import { ReplyReader } from '../../electron/services/printing/printer-replies';
import { readStatus, sendBytes } from '../../electron/services/printing/tcp-printer';
import { FakePrinter } from '../fakes/fake-printer';
import { hardBytes, hardRaster } from '../support/card-fixture';

const [raster, bytes] = [hardRaster, hardBytes];

let printer: FakePrinter;
beforeEach(async () => {
  printer = new FakePrinter();
  await printer.start();
});
afterEach(async () => {
  await printer.stop();
});

const failure = async (p: Promise<unknown>) => {
  const started = Date.now();
  const error = await p.then(() => null, (e: unknown) => e as AppError & { bytesSent?: number });
  return { error, ms: Date.now() - started };
};

describe('printing to a network printer (a real TCP socket to the fake)', () => {
  it('prints the card; the raster the printer decodes equals the laid-out raster pixel for pixel', async () => {
    const outcome = await printBytes(printer.uri, bytes);
    expect(outcome.bytesSent).toBe(bytes.length);
    await expect.poll(() => printer.jobs.length).toBe(1);
    const job = printer.jobs[0]!;
    expect(job.commands[0]).toBe('init');
    expect(job.commands.at(-1)).toBe('cut');
    expect(Math.max(...job.bands)).toBeLessThanOrEqual(255);
    expect(job.raster.width).toBe(raster.width);
    expect(job.raster.height).toBe(raster.height);
    expect(Buffer.from(job.raster.pixels).equals(Buffer.from(raster.pixels))).toBe(true);
  });

  it.each([
    ['paper out', { paperOut: true }, 'PAPER_OUT', 'hết giấy'],
    ['cover open', { coverOpen: true }, 'COVER_OPEN', 'Nắp máy in'],
    ['offline', { offline: true }, 'PRINTER_OFFLINE', 'tạm dừng'],
  ] as const)('stops on %s before any byte leaves, with a Vietnamese message', async (_label, status, code, words) => {
    printer.status = status;
    const { error, ms } = await failure(printBytes(printer.uri, bytes));
    expect(error).toMatchObject({ code, bytesSent: 0 });
    expect(error?.message).toContain(words);
    expect(ms).toBeLessThan(5000);
    expect(printer.jobs).toHaveLength(0);
  });

  it('reports paper near its end after printing', async () => {
    printer.status = { paperNearEnd: true };
    const outcome = await printBytes(printer.uri, bytes);
    expect(outcome.warnings.join(' ')).toContain('sắp hết');
  });

  it('still prints on a printer that does not answer status', async () => {
    printer.mode = 'no-status';
    const outcome = await printBytes(printer.uri, bytes);
    expect(outcome.bytesSent).toBe(bytes.length);
    expect((await printerStatus(printer.uri)).answered).toBe(false);
  });

  it('says the printer is offline when it refuses connections, within 5 s', async () => {
    const uri = printer.uri;
    await printer.stop();
    const { error, ms } = await failure(printBytes(uri, bytes));
    expect(error).toMatchObject({ code: 'PRINTER_OFFLINE', bytesSent: 0 });
    expect(ms).toBeLessThan(5000);
  });

  it('gives up on a printer that accepts but never reads, saying the card may be incomplete', async () => {
    printer.mode = 'never-read';
    const big = new Uint8Array(4 * 1024 * 1024);
    const { error, ms } = await failure(printBytes(printer.uri, big));
    expect(error?.code).toMatch(/PRINTER_ERROR|PRINTER_OFFLINE/);
    expect(ms).toBeLessThan(9000);
  }, 15_000);

  it('reports a line dropped mid-job with the bytes already sent (fate unknown: never re-sent by itself)', async () => {
    printer.mode = 'drop-mid-job';
    const { error } = await failure(printBytes(printer.uri, bytes));
    expect(error?.code).toMatch(/PRINTER_ERROR|PRINTER_OFFLINE/);
    expect(printer.jobs).toHaveLength(0);
  });
});

/** One 8-dot-wide band of raw bytes (bypassing the encoder's care), then a cut: image data that spells `DLE EOT 1` in its middle. */
const talkingImage = (): Uint8Array => {
  const data = [0x00, 0x10, 0x04, 0x01, 0x00, 0xff];
  return Uint8Array.from([0x1b, 0x40, 0x1d, 0x76, 0x30, 0x00, 1, 0, data.length, 0, ...data, 0x1d, 0x56, 0x42, 0x00]);
};

describe('a printer that talks back: Status Back on connect, answers to real-time sequences anywhere', () => {
  let talker: FakePrinter;
  beforeEach(async () => {
    talker = new FakePrinter({ talkative: true });
    await talker.start();
  });
  afterEach(async () => {
    await talker.stop();
  });

  it('reads what the printer sends during a job, so the job ends confirmed', async () => {
    const sent = await sendBytes('127.0.0.1', talker.port, bytes);
    expect(sent).toMatchObject({ bytesSent: bytes.length, confirmed: true, status: { answered: true, paperOut: false } });
    expect(sent.replies.asbBlocks).toBe(1);
    expect(sent.replies.bytes).toBe(4);
  });

  it('stays confirmed when the image data itself spells DLE EOT and the printer answers it mid-job', async () => {
    const sent = await sendBytes('127.0.0.1', talker.port, talkingImage());
    expect(sent.confirmed).toBe(true);
    expect(sent.replies).toMatchObject({ asbBlocks: 1, statusAnswers: 1 });
    await expect.poll(() => talker.jobs.length).toBe(1);
    expect(talker.jobs[0]!.realtimeInData).toEqual(['DLE EOT 1 at 1']);
  });

  it('tells the Status Back block from the answers when asked for status', async () => {
    talker.status = { paperNearEnd: true };
    expect(await readStatus('127.0.0.1', talker.port)).toEqual({ answered: true, online: true, coverOpen: false, paperOut: false, paperNearEnd: true });
    talker.status = { coverOpen: true };
    expect(await readStatus('127.0.0.1', talker.port)).toMatchObject({ online: false, coverOpen: true, paperOut: false });
  });

  it('reads the status from its Status Back block when it answers nothing else', async () => {
    await talker.setMode('no-status');
    talker.status = { paperOut: true };
    const { error } = await failure(printBytes(talker.uri, bytes));
    expect(error).toMatchObject({ code: 'PAPER_OUT', bytesSent: 0 });
  });

  it('prints the 58 and 80 mm card of every built-in demo confirmed, dot for dot, with no real-time sequence inside the image', async () => {
    const { demos } = await loadPack(path.resolve(import.meta.dirname, '..', '..', 'resources', 'content', 'co-ban'), 'built-in');
    expect(demos.length).toBeGreaterThan(10);
    for (const demo of demos) {
      for (const widthMm of [58, 80] as const) {
        const card = layoutCard(demo.card, { language: 'vi', site: null, date: new Date(2026, 10, 29), widthMm });
        talker.jobs.length = 0;
        const outcome = await printBytes(talker.uri, encodeCard(card));
        expect(outcome.confirmed, `${demo.id} ${widthMm} mm`).toBe(true);
        await expect.poll(() => talker.jobs.length).toBe(1);
        const printed = talker.jobs[0]!;
        expect(printed.realtimeInData, `${demo.id} ${widthMm} mm`).toEqual([]);
        expect(Buffer.from(printed.raster.pixels).equals(Buffer.from(card.pixels)), `${demo.id} ${widthMm} mm`).toBe(true);
      }
    }
  }, 60_000);

  it('the quiet printer stays quiet: it sends nothing unasked, and nothing for sequences inside image data', async () => {
    const sent = await sendBytes('127.0.0.1', printer.port, talkingImage());
    expect(sent).toMatchObject({ confirmed: true, status: null, replies: { bytes: 0 } });
    await expect.poll(() => printer.jobs.length).toBe(1);
    expect(printer.jobs[0]!.realtimeInData).toEqual(['DLE EOT 1 at 1']);
    expect(printer.bytesSentBack).toBe(0);
  });
});

describe('reading what a printer sends', () => {
  it('sorts status answers, Status Back blocks split across chunks, and noise', async () => {
    const reader = new ReplyReader();
    reader.feed(Uint8Array.of(0x10, 0x00));
    reader.feed(Uint8Array.of(0x0c, 0x00, 0x16, 0xff));
    expect(reader.summary()).toEqual({ bytes: 6, statusAnswers: 1, asbBlocks: 1, other: 1 });
    expect(reader.asbStatus()).toMatchObject({ paperOut: true, paperNearEnd: false, coverOpen: false, online: true });
    expect(await reader.nextAnswer(10)).toBe(0x16);
    expect(await reader.nextAnswer(10)).toBeNull();
  });
});

describe('the system spooler’s answers', () => {
  it('says a missing printer is off and that nothing printed', () => {
    expect(spoolFailure('Invalid deviceName provided', 'XP-58', 900)).toMatchObject({ code: 'PRINTER_OFFLINE', bytesSent: 0 });
  });
  it('treats a cancelled job as not printed and a failed or silent one as perhaps printed', () => {
    expect(spoolFailure('Print job canceled', 'XP-58', 900)).toMatchObject({ code: 'PRINTER_ERROR', bytesSent: 0 });
    expect(spoolFailure('Print job failed', 'XP-58', 900)).toMatchObject({ code: 'PRINTER_ERROR', bytesSent: 900 });
    const timeout = spoolFailure('timeout', 'XP-58', 900);
    expect(timeout.bytesSent).toBe(900);
    expect(timeout.message).toMatch(/5 giây/);
  });
  it('reads a card image’s size from its PNG header', () => {
    expect(pngSize(new Uint8Array(rasterToPng(raster)))).toEqual({ width: raster.width, height: raster.height });
    expect(pngSize(new Uint8Array(30))).toBeNull();
  });
});
