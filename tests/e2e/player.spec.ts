import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Demo } from '../../electron/api/types';
import { expectAccessible } from './support/a11y';
import { currentStep, doStep, playThrough, typeOnKeyboard } from './support/autoplay';
import { SEED_ADMIN } from './support/seed';

const DEMO_DIR = path.resolve(import.meta.dirname, '..', '..', 'resources', 'content', 'co-ban', 'demos');
const BUILT_IN = readdirSync(DEMO_DIR).map((f) => JSON.parse(readFileSync(path.join(DEMO_DIR, f), 'utf8')) as Demo & { skill: string });
const SKILL_NAMES: Record<string, RegExp> = {
  'dich-vu-cong': /Dịch vụ công trực tuyến/,
  'mua-sam': /Mua sắm trực tuyến/,
  'thanh-toan': /Thanh toán trực tuyến/,
  'an-toan': /Tự bảo vệ mình/,
  'nen-tang-so': /Sử dụng nền tảng số khác/,
};

async function call<T>(page: Page, channel: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([c, i]) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="kiosk-token"]')!.content;
      const res = await fetch(`api/${c}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-token': token }, body: JSON.stringify(i) });
      return res.json();
    },
    [channel, input] as const,
  ) as Promise<T>;
}

/** From the attract screen to a demo's first step, as a citizen: touch, skill tile, demo card. */
async function openDemo(page: Page, demo: { id: string; skill: string }): Promise<Demo> {
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('heading', { level: 1 }).click();
  await page.getByRole('button', { name: SKILL_NAMES[demo.skill]! }).click();
  const card = page.locator(`[data-testid="demo-card"][data-demo-id="${demo.id}"]`);
  // Wait for the list, then page through it until the demo shows.
  await expect(page.getByTestId('demo-card').first()).toBeVisible();
  for (let i = 0; i < 5 && !(await card.isVisible()); i++) {
    const before = await page.locator('.pager p').textContent();
    await page.getByRole('button', { name: 'Trang sau' }).click();
    await expect(page.locator('.pager p')).not.toHaveText(before ?? '');
  }
  await card.click();
  await expect(page.getByTestId('demo-player')).toBeVisible();
  const full = await call<{ ok: boolean; value: Demo }>(page, 'content:demo', { id: demo.id });
  return full.value;
}

test.describe('every built-in demo can be finished in the real player', () => {
  for (const demo of BUILT_IN) {
    test(`${demo.id} (${demo.steps.length} steps)`, async ({ page }) => {
      const full = await openDemo(page, demo);
      await page.screenshot({ path: `test-results/screens/demo-${demo.id}-first-step.png`, animations: 'disabled' });
      const visited = await playThrough(page, full, async (step) => {
        if (step.target.action !== 'quiz' && step.target.action !== 'info') {
          // Guided runs always light the widget to touch.
          await expect(page.getByTestId('sim-screen').locator('.spot').first()).toBeVisible();
        }
      });
      expect(visited.length).toBeGreaterThanOrEqual(3);
      await expect(page.getByTestId('demo-summary')).toBeVisible();
      await expect(page.getByTestId('demo-summary')).toContainText('Không chạm nhầm lần nào');
    });
  }
});

test('a wrong touch is answered gently, the hint comes after two, and back and repeat work', async ({ page }) => {
  const demo = await openDemo(page, BUILT_IN.find((d) => d.id === 'mat-khau-va-otp')!);
  await expect(page.getByText('MÔ PHỎNG — không phải trang thật')).toBeVisible();
  const first = (await currentStep(page, demo))!;
  await page.getByTestId('sim-screen').click({ position: { x: 20, y: 600 } });
  await expect(page.getByTestId('feedback')).toHaveText('Chưa đúng chỗ, bác/anh/chị thử chạm vào ô sáng nhé.');
  await page.getByTestId('sim-screen').click({ position: { x: 20, y: 620 } });
  if (first.hint) await expect(page.getByRole('note')).toContainText(first.hint.vi);
  await doStep(page, first);
  await expect(page.getByTestId('demo-player')).not.toHaveAttribute('data-step', first.id);
  await page.getByRole('button', { name: 'Bước trước' }).click();
  await expect(page.getByTestId('demo-player')).toHaveAttribute('data-step', first.id);
  await expect(page.getByTestId('feedback')).toHaveText('');
});

test('after a guided run, "Tự làm lại không gợi ý" runs without spotlight and counts as done alone', async ({ page }) => {
  const demo = await openDemo(page, BUILT_IN.find((d) => d.id === 'vssid-dang-nhap-vneid')!);
  await playThrough(page, demo);
  await page.getByRole('button', { name: /Tự làm lại không gợi ý/ }).click();
  await expect(page.getByTestId('demo-player')).toHaveAttribute('data-mode', 'self');
  await expect(page.getByText('Tự làm, không gợi ý')).toBeVisible();
  await playThrough(page, demo, async () => {
    await expect(page.getByTestId('sim-screen').locator('.spot')).toHaveCount(0);
  });
  await expect(page.getByTestId('demo-summary')).toContainText('đã tự làm được, không cần gợi ý');
});

test('typing with the on-screen keyboard, Telex on: a name with diacritics', async ({ page }) => {
  const demo = await openDemo(page, BUILT_IN.find((d) => d.id === 'lien-thong-khai-sinh')!);
  for (let guard = 0; guard < 20; guard++) {
    const step = (await currentStep(page, demo))!;
    if (step.target.action === 'type' && /[^\x20-\x7e]/.test(step.target.value)) {
      await page.getByTestId('sim-screen').locator(`[data-widget="${step.target.widget}"]`).click();
      await page.screenshot({ path: 'test-results/screens/player-keyboard-1920x1080.png' });
      await typeOnKeyboard(page, step.target.value);
      await expect(page.getByTestId('demo-player')).not.toHaveAttribute('data-step', step.id);
      return;
    }
    await doStep(page, step);
    await expect(page.getByTestId('demo-player')).not.toHaveAttribute('data-step', step.id);
  }
  throw new Error('no Vietnamese text step found');
});

test('leaving part-way asks first, goes back to the list, and the usage counts show where', async ({ page }) => {
  const pick = BUILT_IN.find((d) => d.id === 'so-suc-khoe-dien-tu')!;
  const demo = await openDemo(page, pick);
  const staffList = await call<{ value: { id: string }[] }>(page, 'staff:list', {});
  const session = (await call<{ value: { session: string } }>(page, 'staff:sign-in', { staffId: staffList.value[0]!.id, pin: SEED_ADMIN.pin })).value.session;
  const before = (await call<{ value: { demos: { id: string; usage: { starts: number } }[] } }>(page, 'usage:read', { session })).value.demos.find((d) => d.id === pick.id)!.usage.starts;
  const first = (await currentStep(page, demo))!;
  await doStep(page, first);
  const second = (await currentStep(page, demo))!;
  await page.getByRole('button', { name: /Dừng bài/ }).click();
  await expect(page.getByRole('alertdialog')).toContainText('muốn dừng bài này');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Dừng bài' }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'skill');
  await expect
    .poll(async () => (await call<{ value: { demos: { id: string; usage: { starts: number; steps: Record<string, { leftHere: number }> } }[] } }>(page, 'usage:read', { session })).value.demos.find((d) => d.id === pick.id)!.usage)
    .toMatchObject({ starts: before + 1, steps: { [second.id]: { leftHere: expect.any(Number) } } });
});

test('the idle reset in the middle of a demo returns to the attract screen', async ({ page }) => {
  await page.clock.install();
  await openDemo(page, BUILT_IN.find((d) => d.id === 'chuyen-tien-vietqr')!);
  await page.clock.fastForward('01:31');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.clock.fastForward('00:16');
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
});

test('the player screens: screenshots at both sizes, no serious accessibility problems', async ({ page }) => {
  for (const [id, name] of [['kich-hoat-vneid-muc-2', 'player-phone'], ['dang-nhap-dvc-bang-vneid', 'player-desktop'], ['nhan-biet-tin-nhan-lua-dao', 'player-quiz']] as const) {
    const demo = await openDemo(page, BUILT_IN.find((d) => d.id === id)!);
    if (name === 'player-quiz') {
      for (let i = 0; i < 4 && (await currentStep(page, demo))?.target.action !== 'quiz'; i++) await doStep(page, (await currentStep(page, demo))!);
      const step = (await currentStep(page, demo))!;
      if (step.target.action === 'quiz') await page.getByRole('button', { name: step.target.options[0]!.label.vi, exact: true }).click();
    }
    for (const size of [{ width: 1920, height: 1080 }, { width: 1366, height: 768 }]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `test-results/screens/${name}-${size.width}x${size.height}.png`, animations: 'disabled' });
      const overflow = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight + 1);
      expect(overflow, `${name} scrolls at ${size.width}×${size.height}`).toBe(false);
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expectAccessible(page, `${name} player`, { disableRules: ['meta-viewport'] });
  }
  const demo = await openDemo(page, BUILT_IN.find((d) => d.id === 'canh-giac-ma-qr-gia')!);
  await playThrough(page, demo);
  await page.screenshot({ path: 'test-results/screens/player-summary-1920x1080.png', animations: 'disabled' });
});

test('the scam-call drill: following the caller leads through the consequences to what should have happened', async ({ page }) => {
  const demo = await openDemo(page, BUILT_IN.find((d) => d.id === 'cuoc-goi-gia-cong-an')!);
  let branched = false;
  for (let guard = 0; guard < 40; guard++) {
    const step = await currentStep(page, demo);
    if (!step) break;
    const branch = step.target.action === 'tap' ? step.target.branches?.[0] : undefined;
    if (branch && !branched) {
      branched = true;
      await page.getByTestId('sim-screen').locator(`[data-widget="${branch.widget}"]`).click();
      await expect(page.getByTestId('demo-player')).toHaveAttribute('data-step', branch.next);
      if (branch.feedback) await expect(page.getByTestId('feedback')).toContainText(branch.feedback.vi);
      continue;
    }
    await doStep(page, step);
    await expect.poll(async () => (await page.getByTestId('demo-summary').isVisible()) || (await page.getByTestId('demo-player').getAttribute('data-step')) !== step.id).toBe(true);
  }
  expect(branched).toBe(true);
  await expect(page.getByTestId('demo-summary')).toBeVisible();
});

test('a broken pack dropped into the data folder is reported, and the built-in demos still play', async ({ page }) => {
  const { freshDataDir, startShell } = await import('./support/shell');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const dataDir = freshDataDir();
  mkdirSync(path.join(dataDir, 'content', 'goi-hong', 'demos'), { recursive: true });
  writeFileSync(path.join(dataDir, 'content', 'goi-hong', 'pack.json'), JSON.stringify({ id: 'goi-hong', version: '1.0.0', title: { vi: 'Gói hỏng' } }));
  writeFileSync(path.join(dataDir, 'content', 'goi-hong', 'demos', 'bai.json'), JSON.stringify({ id: 'bai-hong', skill: 'an-toan' }));
  const shell = await startShell({ dataDir, seeded: true });
  try {
    await page.goto(shell.url);
    const info = await call<{ value: { health: { problems: string[] }; content: { rejectedPacks: number } } }>(page, 'app:info', {});
    expect(info.value.content.rejectedPacks).toBe(1);
    expect(info.value.health.problems.join(' ')).toContain('goi-hong');
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    await page.getByRole('heading', { level: 1 }).click();
    await page.getByRole('button', { name: /Tự bảo vệ mình/ }).click();
    await page.locator('[data-demo-id="mat-khau-va-otp"]').click();
    const demo = (await call<{ value: Demo }>(page, 'content:demo', { id: 'mat-khau-va-otp' })).value;
    await playThrough(page, demo);
    await expect(page.getByTestId('demo-summary')).toBeVisible();
  } finally {
    await shell.stop();
  }
});
