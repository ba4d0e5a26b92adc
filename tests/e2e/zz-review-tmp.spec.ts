import { test } from '@playwright/test';
const sizes = [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }, { width: 1080, height: 1920 }, { width: 768, height: 1366 }];
test('slides', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await page.locator('body[data-ready="true"]').waitFor();
  for (let i = 0; i < 8; i++) {
    for (const s of sizes.slice(i < 2 ? 0 : 0, 2)) { await page.setViewportSize(s); await page.evaluate(() => document.fonts.ready); await page.screenshot({ path: `/tmp/review/slide${i}-${s.width}x${s.height}.png`, animations: 'disabled' }); }
    await page.clock.runFor(8000);
  }
});
test('portrait', async ({ page }) => {
  for (const s of sizes.slice(2)) {
    await page.setViewportSize(s);
    await page.goto('/');
    await page.locator('body[data-ready="true"]').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `/tmp/review/p-attract-${s.width}x${s.height}.png`, animations: 'disabled' });
    await page.getByRole('heading', { level: 1 }).click();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `/tmp/review/p-home-${s.width}x${s.height}.png`, animations: 'disabled' });
    await page.getByRole('button', { name: /Chữ to/ }).click();
    await page.screenshot({ path: `/tmp/review/p-home-large-${s.width}x${s.height}.png`, animations: 'disabled' });
    await page.getByRole('button', { name: /Mua sắm/ }).click();
    await page.screenshot({ path: `/tmp/review/p-skill-${s.width}x${s.height}.png`, animations: 'disabled' });
  }
});
