import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

async function openHome(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('heading', { level: 1 }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');
}

test('switches to English and back; the words and <html lang> follow', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await page.getByRole('heading', { level: 1 }).click();

  const vi = page.getByRole('button', { name: 'Tiếng Việt' });
  const en = page.getByRole('button', { name: 'English' });
  await expect(vi).toHaveAttribute('aria-pressed', 'true');
  await expect(en).toHaveAttribute('aria-pressed', 'false');

  await en.click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(en).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Which skill would you like to learn?');
  await expect(page.getByRole('button', { name: /Online public services/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Larger text' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Finish' })).toBeVisible();
  await expect(page.getByText('Bác/anh/chị')).toHaveCount(0);

  await page.getByRole('button', { name: /Staying safe online/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staying safe online');
  // The built-in lessons have English titles.
  await expect(page.getByTestId('demo-card').first()).toHaveAttribute('data-demo-id', /.+/);
  await expect(page.getByText('Spot scam messages', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back' })).toBeVisible();
  await page.getByRole('button', { name: 'Home' }).click();

  await vi.click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bác/anh/chị muốn học kỹ năng nào?');
  await expect(page.getByRole('button', { name: /Dịch vụ công trực tuyến/ })).toBeVisible();
  await expect(page.getByText('Which skill')).toHaveCount(0);
});

test('each language button is named in its own language', async ({ page }) => {
  await openHome(page);
  await expect(page.getByRole('button', { name: 'Tiếng Việt' })).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('lang', 'en');
});

test('"Kết thúc" ends the visit and goes back to the default language', async ({ page }) => {
  await openHome(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('button', { name: 'Chạm vào màn hình để bắt đầu' })).toBeVisible();
});

test('a kiosk set to English greets in English', async ({ page }) => {
  const shell = await startShell({ dataDir: await setUpWith({ language: 'en' }) });
  try {
    await page.goto(shell.url);
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('button', { name: 'Touch the screen to start' })).toBeVisible();
  } finally {
    await shell.stop();
  }
});
