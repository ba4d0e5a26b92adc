import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { expect, test, type Page } from '@playwright/test';
import type { Demo } from '../../electron/api/types';
import { rasterToPng } from '../../electron/services/cards/layout';
import type { PrintJob } from '../../electron/services/printing/print-queue';
import { FakePrinter, type FakeMode, type FakeStatus } from '../fakes/fake-printer';
import { playThrough } from './support/autoplay';
import { seedDataDir } from './support/seed';
import { freshDataDir, startShell, type RunningShell } from './support/shell';

// A citizen finishes a demo and prints its card on a 58 mm printer (the fake, on a real TCP
// port); then each printer fault in turn, and the way back from it.
const DEMO_ID = 'nhan-biet-cua-hang-gia';
const demo = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', '..', 'resources', 'content', 'co-ban', 'demos', `${DEMO_ID}.json`), 'utf8')) as Demo;
const OUT = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'print');

test.describe.configure({ mode: 'serial' });

let printer: FakePrinter;
let shell: RunningShell;
let page: Page;

test.beforeAll(async ({ browser }) => {
  printer = new FakePrinter();
  await printer.start();
  const dataDir = freshDataDir();
  await seedDataDir(dataDir, { printer: { uri: printer.uri, paperWidthMm: 58 } });
  shell = await startShell({ dataDir });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(shell.url);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('heading', { level: 1 }).click();
  await page.getByRole('button', { name: /Mua sắm trực tuyến/ }).click();
  await page.locator(`[data-testid="demo-card"][data-demo-id="${DEMO_ID}"]`).click();
  await playThrough(page, demo);
  await expect(page.getByTestId('demo-summary')).toBeVisible();
  mkdirSync(OUT, { recursive: true });
});

test.afterAll(async () => {
  await page?.close();
  await shell?.stop();
  await printer?.stop();
});

test.beforeEach(async () => {
  await printer.setMode('normal');
  printer.status = {};
  printer.jobs.length = 0;
});

/** From the demo summary to the card's preview; returns the preview's PNG. */
async function openPreview(): Promise<Buffer> {
  await page.getByRole('button', { name: /In phiếu hướng dẫn/ }).click();
  const preview = page.getByTestId('card-preview');
  await expect(preview).toBeVisible();
  const src = await preview.getAttribute('src');
  expect(src).toMatch(/^data:image\/png;base64,/);
  return Buffer.from(src!.slice(src!.indexOf(',') + 1), 'base64');
}

/** Back from the print screen to the summary. */
async function backToSummary(): Promise<void> {
  await page.getByRole('button', { name: /Quay lại/ }).click();
  await expect(page.getByTestId('demo-summary')).toBeVisible();
}

/** Black dots of a PNG, one per pixel. */
async function dotsOf(png: Buffer): Promise<{ width: number; height: number; pixels: Uint8Array }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0);
  const rgba = g.getImageData(0, 0, image.width, image.height).data;
  const pixels = new Uint8Array(image.width * image.height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = rgba[i * 4]! < 128 ? 1 : 0;
  return { width: image.width, height: image.height, pixels };
}

function jobsOnDisk(): PrintJob[] {
  return (JSON.parse(readFileSync(path.join(shell.dataDir, 'print-jobs.json'), 'utf8')) as { jobs: PrintJob[] }).jobs;
}

test('a finished demo prints its card, and the printer gets exactly the preview, dot for dot', async () => {
  const previewPng = await openPreview();
  await page.screenshot({ path: path.join(OUT, 'preview-1366.png') });
  await page.getByTestId('print-card').click();
  await expect(page.getByTestId('print-status')).toContainText(/Đã in xong/, { timeout: 5000 });
  await page.screenshot({ path: path.join(OUT, 'sent-1366.png') });
  expect(printer.jobs).toHaveLength(1);
  const printed = printer.jobs[0]!;
  writeFileSync(path.join(OUT, 'decoded-58mm.png'), rasterToPng(printed.raster));
  const preview = await dotsOf(previewPng);
  expect(printed.raster.width).toBe(384);
  expect({ width: preview.width, height: preview.height }).toEqual({ width: printed.raster.width, height: printed.raster.height });
  expect(Buffer.from(preview.pixels).equals(Buffer.from(printed.raster.pixels))).toBe(true);
  expect(printed.commands[0]).toBe('init');
  expect(printed.cut).toBe(true);
  await backToSummary();
});

const FAULTS: { name: string; mode?: FakeMode; status?: FakeStatus; message: RegExp; keptAs: PrintJob['state']; recover: 'retry' | 'reprint' }[] = [
  { name: 'refuses connections', mode: 'refuse', message: /từ chối kết nối/, keptAs: 'queued', recover: 'retry' },
  { name: 'accepts but never reads', mode: 'never-read', message: /không xác nhận|ngừng nhận/, keptAs: 'unknown', recover: 'reprint' },
  { name: 'drops the line mid-job', mode: 'drop-mid-job', message: /giữa chừng/, keptAs: 'unknown', recover: 'reprint' },
  { name: 'is out of paper', status: { paperOut: true }, message: /hết giấy/, keptAs: 'queued', recover: 'retry' },
  { name: 'has its cover open', status: { coverOpen: true }, message: /Nắp máy in đang mở/, keptAs: 'queued', recover: 'retry' },
];

for (const fault of FAULTS) {
  test(`a printer that ${fault.name}: message within 5 s, job kept, then printed once after the fault clears`, async () => {
    if (fault.mode) await printer.setMode(fault.mode);
    if (fault.status) printer.status = fault.status;
    await openPreview();
    const before = jobsOnDisk().length;
    await page.getByTestId('print-card').click();
    await expect(page.getByTestId('print-error')).toContainText(fault.message, { timeout: 5000 });
    await page.screenshot({ path: path.join(OUT, `fault-${fault.mode ?? Object.keys(fault.status ?? {})[0]}.png`) });
    const kept = jobsOnDisk().at(-1)!;
    expect(jobsOnDisk()).toHaveLength(before + 1);
    expect(kept.state).toBe(fault.keptAs);

    // The fault clears; the citizen (or the queue on its own, for a job that sent nothing) prints again.
    await printer.setMode('normal');
    printer.status = {};
    printer.jobs.length = 0;
    if (fault.recover === 'reprint') {
      await page.getByTestId('print-reprint').click();
    } else {
      // The queue may already be retrying by itself: "Thử lại ngay" only hurries it.
      await page
        .getByTestId('print-retry')
        .click({ timeout: 1000 })
        .catch(() => undefined);
    }
    await expect(page.getByTestId('print-status')).toContainText(/Đã in xong/, { timeout: 10_000 });
    // Nothing prints twice by itself: wait past the queue's first retry delay and count again.
    await page.waitForTimeout(3000);
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]!.cut).toBe(true);
    await backToSummary();
  });
}
