import { test, expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Demo } from '../../electron/api/types';
import { expectAccessible } from './support/a11y';
import { playThrough } from './support/autoplay';
import { freshDataDir, startShell, type RunningShell } from './support/shell';
import { sampleDemo } from '../support/demo-fixture';

async function openAttract(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
}

/** Sets up a kiosk over the API (demos are listed only once setup is done) with one demo pack in its data folder. */
async function shellWithDemos(): Promise<RunningShell> {
  const dataDir = freshDataDir({ disabledPacks: ['co-ban'] });
  const pack = path.join(dataDir, 'content', 'a11y-pack');
  mkdirSync(path.join(pack, 'demos'), { recursive: true });
  writeFileSync(path.join(pack, 'pack.json'), JSON.stringify({ id: 'a11y-pack', version: '1.0.0', title: { vi: 'Gói kiểm tra trợ năng' } }));
  const demos = [
    { id: 'chuyen-tien-qr', title: 'Chuyển tiền bằng mã QR', titleEn: 'Send money with a QR code', device: 'phone' as const, minutes: 6 },
    { id: 'tra-tien-dien', title: 'Trả tiền điện qua ứng dụng ngân hàng', device: 'phone' as const, minutes: 5 },
    { id: 'nop-hoc-phi', title: 'Nộp học phí cho con trên máy tính', device: 'desktop' as const, minutes: 9 },
  ];
  for (const demo of demos) {
    writeFileSync(
      path.join(pack, 'demos', `${demo.id}.json`),
      JSON.stringify(sampleDemo(demo.id, { ...demo, skill: 'thanh-toan', summary: 'Tập từng bước trên màn hình mô phỏng, không có tiền thật.' })),
    );
  }
  const shell = await startShell({ dataDir });
  const call = async (channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown }> => {
    const response = await fetch(new URL(`api/${channel}`, shell.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-token': shell.token },
      body: JSON.stringify(input),
    });
    return (await response.json()) as { ok: boolean; value?: unknown };
  };
  const commune = ((await call('geo:communes', { provinceCode: '01' })).value as { code: string }[] | undefined)?.[0];
  const done = await call('setup:complete', {
    site: { name: 'Điểm thử trợ năng', kind: 'mot-cua', provinceCode: '01', communeCode: commune?.code ?? '', hamlets: ['Thôn Một'], hotlines: [] },
    admin: { name: 'Cán bộ thử', pin: '482915' },
    printer: null,
    idleSeconds: 90,
    language: 'vi',
  });
  if (!done.ok) {
    await shell.stop();
    throw new Error('setup over the API failed');
  }
  return shell;
}

test('attract, home (both languages, larger text), empty skill and the idle dialog have no serious problems', async ({ page }) => {
  await page.clock.install();
  await openAttract(page);
  await expectAccessible(page, 'attract');

  await page.getByRole('heading', { level: 1 }).click();
  await expectAccessible(page, 'home');

  await page.getByRole('button', { name: 'Chữ to' }).click();
  await expectAccessible(page, 'home, larger text');
  await page.getByRole('button', { name: 'Chữ to' }).click();

  await page.getByRole('button', { name: 'English' }).click();
  await expectAccessible(page, 'home in English');
  await page.getByRole('button', { name: /Online shopping/ }).click();
  await expect(page.getByTestId('demo-card').first()).toBeVisible();
  await expectAccessible(page, 'skill list, English');
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();

  await page.getByRole('button', { name: /Mua sắm trực tuyến/ }).click();
  await expect(page.getByTestId('demo-card').first()).toBeVisible();
  await expectAccessible(page, 'skill list');

  await page.clock.runFor(90_000);
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'idle dialog');
});

test('a skill without demos has no serious problems', async ({ page }) => {
  const shell = await startShell({ dataDir: freshDataDir({ disabledPacks: ['co-ban'] }), seeded: true });
  try {
    await openAttract(page, shell.url);
    await page.getByRole('heading', { level: 1 }).click();
    await page.getByRole('button', { name: /Mua sắm trực tuyến/ }).click();
    await expect(page.getByText('Chưa có bài thực hành cho kỹ năng này.')).toBeVisible();
    await expectAccessible(page, 'skill, empty');
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /Online shopping/ }).click();
    await expect(page.getByText('There are no practice lessons for this skill yet.')).toBeVisible();
    await expectAccessible(page, 'skill, empty, English');
  } finally {
    await shell.stop();
  }
});

test('a skill with demos and a skill whose list failed to load have no serious problems', async ({ page }) => {
  const shell = await shellWithDemos();
  try {
    await openAttract(page, shell.url);
    await page.getByRole('heading', { level: 1 }).click();
    await page.getByRole('button', { name: /Thanh toán trực tuyến/ }).click();
    await expect(page.getByTestId('demo-card')).toHaveCount(3);
    await expectAccessible(page, 'skill with demos');

    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /Online payments/ }).click();
    // A pack without English shows the Vietnamese title, marked as Vietnamese.
    await expect(page.getByText('Send money with a QR code', { exact: true })).toBeVisible();
    await expect(page.getByText('Trả tiền điện qua ứng dụng ngân hàng', { exact: true })).toHaveAttribute('lang', 'vi');
    await expectAccessible(page, 'skill with demos, English');

    await page.route('**/api/content:list', (route) =>
      route.fulfill({ json: { ok: false, error: { code: 'STORAGE', message: 'Không đọc được dữ liệu bài học.' } } }),
    );
    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: /Thanh toán trực tuyến/ }).click();
    await expect(page.getByRole('alert')).toContainText('Không đọc được dữ liệu bài học.');
    await expectAccessible(page, 'skill, load failed');
  } finally {
    await shell.stop();
  }
});

test('the step card print screen, on a kiosk without a printer, has no serious problems and fits 1366×768', async ({ page }) => {
  await openAttract(page);
  await page.getByRole('heading', { level: 1 }).click();
  await page.getByRole('button', { name: /Mua sắm trực tuyến/ }).click();
  await page.locator('[data-testid="demo-card"][data-demo-id="nhan-biet-cua-hang-gia"]').click();
  const demo = await page.evaluate(async () => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="kiosk-token"]')!.content;
    const res = await fetch('api/content:demo', { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-token': token }, body: JSON.stringify({ id: 'nhan-biet-cua-hang-gia' }) });
    return ((await res.json()) as { value: unknown }).value;
  });
  await playThrough(page, demo as Demo);
  await page.getByRole('button', { name: 'In phiếu hướng dẫn' }).click();
  const preview = page.getByTestId('card-preview');
  await expect(preview).toHaveAttribute('alt', 'Nhận biết cửa hàng giả và cuộc gọi hoàn tiền giả');
  await expect(page.getByTestId('printer-problem')).toContainText('Trạm chưa được cài máy in.');
  await expect(page.getByTestId('print-card')).toBeDisabled();
  await expectAccessible(page, 'print screen, no printer');

  // Only the card's own panel scrolls; the page itself does not, and the card is one pixel per dot.
  await page.setViewportSize({ width: 1366, height: 768 });
  const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  expect(overflow).toBeLessThanOrEqual(0);
  expect((await preview.boundingBox())?.width).toBe(576);

  await page.getByRole('button', { name: 'Quay lại' }).click();
  await expect(page.getByTestId('demo-summary')).toBeVisible();
});

test('nothing moves when the system asks for reduced motion', async ({ page }) => {
  const moving = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('main *')].filter((el) => {
        const style = getComputedStyle(el);
        return style.animationName !== 'none' || (style.transitionDuration.split(',').some((d) => parseFloat(d) > 0) && style.transitionProperty !== 'none');
      }).length,
    );
  await openAttract(page);
  expect(await moving()).toBeGreaterThan(0);

  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await moving()).toBe(0);
  await page.getByRole('heading', { level: 1 }).click();
  expect(await moving()).toBe(0);
});
