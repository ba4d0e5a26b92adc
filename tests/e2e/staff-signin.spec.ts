import { test, expect } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { SEED_ADMIN } from './support/seed';
import { startShell } from './support/shell';
import { capture, holdCorner, openAttract, openStaff, signIn, tapPin } from './support/staff-helpers';

test.beforeEach(async ({ page }) => {
  await page.clock.install();
});

test('a short tap on the corner does nothing; holding it 2 seconds opens staff sign-in from any citizen screen', async ({ page }) => {
  await openAttract(page);
  await holdCorner(page, 300, { clock: true });
  await page.clock.runFor(3000);
  // A tap on the attract screen starts a visit, as any touch does; it never opens staff mode.
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');

  await holdCorner(page, 1500, { clock: true });
  await page.clock.runFor(3000);
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');

  await openStaff(page, { clock: true });
  await expect(page.getByRole('heading', { name: 'Ai đang đăng nhập?' })).toBeVisible();
  await page.getByRole('button', { name: 'Về màn hình người dân' }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');

  // From a skill screen, where "Quay lại" sits in the corner: a tap there still goes back.
  await page.getByRole('heading', { level: 1 }).click();
  await page.getByRole('button', { name: /Mua sắm trực tuyến/ }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'skill');
  await page.getByRole('button', { name: 'Quay lại' }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');
  await page.getByRole('button', { name: /Mua sắm trực tuyến/ }).click();
  await openStaff(page, { clock: true });

  // Screen readers and keyboards have a named way in, hidden from sight.
  await page.getByRole('button', { name: 'Về màn hình người dân' }).click();
  await expect(page.getByRole('button', { name: 'Vào chế độ cán bộ' })).toBeAttached();
});

test('wrong PINs say how many tries are left; the 5th locks with a countdown; the right PIN signs in', async ({ page }) => {
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await openStaff(page, { clock: true });
    await capture(page, 'staff-signin-list', { fixed: true });
    await page.getByRole('button', { name: SEED_ADMIN.name }).click();
    await expect(page.getByRole('heading', { name: SEED_ADMIN.name })).toBeVisible();
    await capture(page, 'staff-signin-keypad', { fixed: true });

    for (let left = 4; left >= 1; left--) {
      await tapPin(page, '111222');
      await expect(page.getByRole('alert')).toHaveText(`Mã PIN chưa đúng. Còn ${left} lần thử trước khi tạm khóa.`);
    }
    await capture(page, 'staff-signin-wrong', { fixed: true });
    await tapPin(page, '111222');
    await expect(page.getByRole('alert')).toContainText('Tài khoản tạm khóa');
    await expect(page.getByTestId('lock-countdown')).toHaveText('Thử lại sau 0:30');
    const pad = page.getByRole('group', { name: 'Bàn phím số' });
    await expect(pad.getByRole('button', { name: '1', exact: true })).toBeDisabled();
    await capture(page, 'staff-signin-locked', { fixed: true });
    // Time stands still from here, so the countdown moves only with the clock, however slow the machine is.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    await page.clock.runFor(1000);
    const shown = async () => Number((await page.getByTestId('lock-countdown').textContent())?.match(/0:(\d\d)/)?.[1]);
    const before = await shown();
    expect(before).toBeGreaterThan(5);
    await page.clock.runFor(5000);
    await expect(page.getByTestId('lock-countdown')).toHaveText(`Thử lại sau 0:${String(before - 5).padStart(2, '0')}`);

    // Back to the list and in again: the core still says it is locked.
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.getByRole('button', { name: SEED_ADMIN.name }).click();
    await tapPin(page, SEED_ADMIN.pin);
    await expect(page.getByRole('alert')).toContainText('Tài khoản đang tạm khóa');
    await expect(page.getByTestId('lock-countdown')).toBeVisible();
  } finally {
    await shell.stop();
  }
});

test('the right PIN opens the staff home; signing out goes back to the list', async ({ page }) => {
  await openAttract(page);
  await signIn(page, { clock: true });
  await expect(page.getByRole('heading', { name: `Xin chào, ${SEED_ADMIN.name}` })).toBeVisible();
  await expect(page.getByText('Thư mục dữ liệu ghi được')).toBeVisible();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'staff-sign-in');
  await page.getByRole('button', { name: 'Về màn hình người dân' }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
});

test('staff mode asks after 90 quiet seconds, then signs out at 2 minutes and goes back to the attract screen', async ({ page }) => {
  await openAttract(page);
  await signIn(page, { clock: true });
  const sessionCalls: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/staff:sign-out')) sessionCalls.push(request.url());
  });

  // After 90 quiet seconds staff are asked; answering starts the two minutes over.
  // (The page clock also moves with real time, so the checks keep a few seconds' margin on a slow machine.)
  await page.clock.runFor(85_000);
  const asked = page.getByRole('dialog', { name: 'Cán bộ vẫn đang làm việc chứ?' });
  await expect(asked).toBeHidden();
  await page.clock.runFor(5_000);
  await expect(asked).toBeVisible();
  await expect(asked).toContainText('chế độ cán bộ sẽ tự đăng xuất sau');
  expect(Number(await page.getByTestId('idle-seconds').textContent())).toBeGreaterThan(20);
  await capture(page, 'staff-idle-question');
  await expectAccessible(page, 'staff idle question');
  await page.clock.runFor(10_000);
  await page.getByRole('button', { name: 'Tôi vẫn đang làm' }).click();
  await expect(asked).toBeHidden();
  await page.clock.runFor(100_000);
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'staff-home');
  await expect(asked).toBeVisible();
  await page.clock.runFor(20_000);
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
  await expect.poll(() => sessionCalls.length).toBe(1);

  // The sign-in screen left open times out the same way.
  await openStaff(page, { clock: true });
  await page.clock.runFor(120_000);
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
});

test('a session the core has ended sends staff back to sign-in with its message', async ({ page }) => {
  await openAttract(page);
  await signIn(page, { clock: true });
  await page.route('**/api/settings:update', (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'UNAUTHORIZED', message: 'Phiên làm việc của cán bộ đã hết. Xin đăng nhập lại.' } } }),
  );
  await page.getByRole('button', { name: 'Màn hình người dân', exact: true }).click();
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'staff-sign-in');
  await expect(page.getByRole('alert')).toHaveText('Phiên làm việc của cán bộ đã hết. Xin đăng nhập lại.');
});

test('a one-time PIN must be changed before anything else', async ({ page }) => {
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page, { clock: true });
    await page.getByRole('button', { name: 'Cán bộ', exact: true }).click();
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm cán bộ' });
    await dialog.getByLabel('Họ và tên').fill('Lê Văn Cường');
    await tapPin(page, '583920');
    await tapPin(page, '583920');
    await dialog.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã thêm Lê Văn Cường.' })).toBeVisible();
    await page.getByRole('button', { name: 'Cấp mã PIN mới cho Lê Văn Cường' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cấp mã PIN mới' }).click();
    const oneTime = ((await page.getByTestId('one-time-pin').textContent()) ?? '').replace(/\D/g, '');
    expect(oneTime).toMatch(/^\d{6}$/);
    await page.getByRole('button', { name: 'Đã ghi lại, đóng' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await page.getByRole('button', { name: 'Lê Văn Cường' }).click();
    await tapPin(page, oneTime);
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'staff-change-pin');
    await expect(page.getByText('Đang dùng mã PIN một lần.', { exact: false })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Quay lại' })).toHaveCount(0);
    await tapPin(page, oneTime);
    await tapPin(page, '121212');
    await expect(page.getByRole('alert')).toContainText('lặp lại một nhóm số');
    await tapPin(page, '750364');
    await tapPin(page, '750364');
    await expect(page.getByRole('status').filter({ hasText: 'Đã đổi mã PIN.' })).toBeVisible();
    await capture(page, 'staff-change-pin-done', { fixed: true });
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'staff-home');
    // A member sees only their own things: no settings menu.
    await expect(page.getByRole('navigation', { name: 'Các mục cài đặt' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Đổi mã PIN' })).toBeVisible();
    await capture(page, 'staff-home-member');
  } finally {
    await shell.stop();
  }
});
