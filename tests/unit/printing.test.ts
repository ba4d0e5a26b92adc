import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../electron/api/result';
import { rasterToPng } from '../../electron/services/cards/layout';
import { pngSize, spoolFailure } from '../../electron/services/printing/spooler-errors';
import { printBytes, printerStatus } from '../../electron/services/printing/print';
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
