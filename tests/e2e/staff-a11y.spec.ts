import { test, expect, type Page } from '@playwright/test';
import { expectAccessible } from './support/a11y';
import { SEED_ADMIN } from './support/seed';
import { startShell } from './support/shell';
import { capture, openAttract, openStaff, signIn, tapPin } from './support/staff-helpers';


const next = (page: Page) => page.getByRole('button', { name: 'Tiếp tục' }).click();

test('every wizard screen, with and without problems shown, in both languages', async ({ page }) => {
  // Eleven axe runs over a fresh shell: past the default minute on a loaded machine (CI beside other work).
  test.setTimeout(180_000);
  const shell = await startShell();
  try {
    await page.goto(shell.url);
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'setup');
    await expectAccessible(page, 'wizard welcome');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up the Digital Skills Station');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page, 'wizard welcome, English');
    await page.setViewportSize({ width: 1366, height: 768 });
    await capture(page, 'setup-welcome-en', { fixed: true });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Bắt đầu cài đặt' }).click();

    await next(page);
    await expectAccessible(page, 'wizard site, problems shown');
    await page.getByLabel('Tên điểm hỗ trợ').fill('Điểm hỗ trợ lưu động xã Phù Đổng');
    await page.getByRole('radio', { name: /Điểm hỗ trợ lưu động/ }).check();
    await next(page);

    await page.getByRole('radio', { name: 'Thành phố Hà Nội' }).check();
    await page.getByRole('radio', { name: 'Xã Phù Đổng' }).check();
    await expectAccessible(page, 'wizard place');
    await next(page);

    await next(page);
    await expectAccessible(page, 'wizard hamlets, problem shown');
    await page.getByLabel('Tên thôn/tổ dân phố số 1').fill('Thôn Đổng Viên');
    await next(page);

    await next(page);
    await expectAccessible(page, 'wizard hotlines, unconfirmed');
    for (const box of await page.getByRole('checkbox', { name: 'Đã xác nhận' }).all()) await box.check();
    await next(page);

    await page.getByLabel('Họ và tên quản trị viên').fill('Nguyễn Thị Lan');
    await tapPin(page, '111111');
    await expectAccessible(page, 'wizard admin, easy PIN refused');
    await tapPin(page, '482915');
    await tapPin(page, '482915');
    await expectAccessible(page, 'wizard admin, PIN set');
    await next(page);

    await page.getByRole('radio', { name: /Máy in mạng/ }).check();
    await expectAccessible(page, 'wizard printer, network');
    await page.getByRole('radio', { name: /Chưa có máy in/ }).check();
    await next(page);
    await expectAccessible(page, 'wizard prefs');
    await next(page);
    await expectAccessible(page, 'wizard review');
  } finally {
    await shell.stop();
  }
});

test('sign-in list, keypad, wrong PIN and lock', async ({ page }) => {
  await page.clock.install();
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await openStaff(page, { clock: true });
    await expectAccessible(page, 'sign-in list');
    await page.getByRole('button', { name: SEED_ADMIN.name }).click();
    await expectAccessible(page, 'keypad');
    await tapPin(page, '111222');
    await expect(page.getByRole('alert')).toContainText('Còn 4 lần thử');
    await expectAccessible(page, 'keypad, wrong PIN');
    for (let i = 0; i < 4; i++) await tapPin(page, '111222');
    await expect(page.getByTestId('lock-countdown')).toBeVisible();
    await expectAccessible(page, 'keypad, locked');
  } finally {
    await shell.stop();
  }
});

test('staff home, every settings section and their dialogs', async ({ page }) => {
  // A long tour: every section and dialog, each scanned by axe.
  test.setTimeout(150_000);
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page);
    await expectAccessible(page, 'staff home');
    const nav = page.getByRole('navigation', { name: 'Các mục cài đặt' });
    for (const name of ['Điểm hỗ trợ', 'Màn hình người dân', 'Bài thực hành', 'Chiến dịch', 'Máy in', 'Cán bộ', 'Gói nội dung', 'Thoát trạm']) {
      await nav.getByRole('button', { name, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `settings: ${name}`);
    }

    await nav.getByRole('button', { name: 'Cán bộ', exact: true }).click();
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    await expectAccessible(page, 'add member dialog');
    const dialog = page.getByRole('dialog', { name: 'Thêm cán bộ' });
    await dialog.getByLabel('Họ và tên').fill('Lê Thị Mai');
    await tapPin(page, '905173');
    await tapPin(page, '905173');
    await expectAccessible(page, 'add member dialog, PIN set');
    await dialog.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã thêm Lê Thị Mai.' })).toBeVisible();
    await expectAccessible(page, 'staff list with two members');
    await expect(page.getByRole('button', { name: `Cấp mã PIN mới cho ${SEED_ADMIN.name}` })).toHaveCount(0);
    await page.getByRole('button', { name: 'Cấp mã PIN mới cho Lê Thị Mai' }).click();
    await expectAccessible(page, 'reset PIN dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Cấp mã PIN mới' }).click();
    await expect(page.getByTestId('one-time-pin')).toBeVisible();
    const oneTime = ((await page.getByTestId('one-time-pin').textContent()) ?? '').replace(/\D/g, '');
    await expectAccessible(page, 'one-time PIN dialog');
    await page.getByRole('button', { name: 'Đã ghi lại, đóng' }).click();

    await nav.getByRole('button', { name: 'Chiến dịch', exact: true }).click();
    await page.getByRole('button', { name: 'Thêm chiến dịch' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByRole('dialog').getByText('Chưa nhập tên chiến dịch.')).toBeVisible();
    await expectAccessible(page, 'campaign dialog, problems shown');
    await page.getByRole('dialog').getByRole('button', { name: 'Hủy' }).click();

    await nav.getByRole('button', { name: 'Thoát trạm', exact: true }).click();
    await page.getByRole('button', { name: 'Thoát trạm' }).last().click();
    await expectAccessible(page, 'exit dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Thoát trạm' }).click();
    await expect(page.getByTestId('exit-answer')).toBeVisible();
    await expectAccessible(page, 'exit how-to');

    // The member with a one-time PIN is sent to "Đổi mã PIN" first.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'staff-sign-in');
    await page.getByRole('button', { name: 'Lê Thị Mai' }).click();
    await tapPin(page, oneTime);
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'staff-change-pin');
    await expectAccessible(page, 'forced PIN change');
    await tapPin(page, oneTime);
    await tapPin(page, '246813');
    await tapPin(page, '246813');
    await expect(page.getByRole('status').filter({ hasText: 'Đã đổi mã PIN.' })).toBeVisible();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await expectAccessible(page, 'member home');
  } finally {
    await shell.stop();
  }
});
