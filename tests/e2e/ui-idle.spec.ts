import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stopTime } from './support/clock';
import { seedDataDir } from './support/seed';
import { freshDataDir, startShell } from './support/shell';

/** A data folder set up as the wizard would (the citizen side opens only after setup), then with these settings. */
async function setUpWith(settings: Record<string, unknown>): Promise<string> {
  const dataDir = freshDataDir();
  await seedDataDir(dataDir);
  const file = path.join(dataDir, 'settings.json');
  writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), ...settings }));
  return dataDir;
}

const STILL_THERE = 'Bác/anh/chị vẫn đang dùng chứ?';

async function openHome(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await stopTime(page);
  await page.getByRole('heading', { level: 1 }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');
}

test.beforeEach(async ({ page }) => {
  await page.clock.install();
});

test('the countdown appears after 90 quiet seconds and "Tôi vẫn đang dùng" dismisses it', async ({ page }) => {
  await openHome(page);
  const dialog = page.getByRole('dialog', { name: STILL_THERE });

  await page.clock.runFor(89_000);
  await expect(dialog).toBeHidden();
  await page.clock.runFor(1_000);
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('idle-seconds')).toHaveText('15');
  await expect(page.getByRole('button', { name: 'Tôi vẫn đang dùng' })).toBeFocused();

  await page.clock.runFor(5_000);
  await expect(page.getByTestId('idle-seconds')).toHaveText('10');

  await page.getByRole('button', { name: 'Tôi vẫn đang dùng' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');

  // Watching starts over from the full 90 seconds.
  await page.clock.runFor(89_000);
  await expect(dialog).toBeHidden();
  await page.clock.runFor(1_000);
  await expect(dialog).toBeVisible();
});

test('touching the screen keeps the countdown away', async ({ page }) => {
  await openHome(page);
  await page.clock.runFor(80_000);
  await page.getByRole('heading', { level: 1 }).click();
  await page.clock.runFor(80_000);
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.keyboard.press('Shift');
  await page.clock.runFor(80_000);
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('letting it run out goes back to the attract screen with everything reset', async ({ page }) => {
  await openHome(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Larger text' }).click();
  await page.getByRole('button', { name: /Online shopping/ }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'skill');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.clock.runFor(90_000);
  await expect(page.getByRole('dialog', { name: 'Are you still there?' })).toBeVisible();
  await page.clock.runFor(15_000);

  await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.locator('html')).toHaveCSS('font-size', '24px');
  await expect(page.getByRole('button', { name: 'Chạm vào màn hình để bắt đầu' })).toBeVisible();

  await page.getByRole('heading', { level: 1 }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bác/anh/chị muốn học kỹ năng nào?');
  await expect(page.getByRole('button', { name: 'Chữ to' })).toHaveAttribute('aria-pressed', 'false');
});

test('the attract screen itself never times out', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.clock.runFor(10 * 60_000);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
});

test('follows the staff settings: idle length, countdown length and default language', async ({ page }) => {
  const shell = await startShell({ dataDir: await setUpWith({ idleSeconds: 30, idleCountdownSeconds: 5, language: 'en' }) });
  try {
    await openHome(page, shell.url);
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.clock.runFor(30_000);
    await expect(page.getByRole('dialog', { name: STILL_THERE })).toBeVisible();
    await expect(page.getByTestId('idle-seconds')).toHaveText('5');
    await page.clock.runFor(5_000);
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'Touch the screen to start' })).toBeVisible();
  } finally {
    await shell.stop();
  }
});
