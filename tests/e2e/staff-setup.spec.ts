import { test, expect, type Page } from '@playwright/test';
import { startShell } from './support/shell';
import { capture as captureAt, tapPin } from './support/staff-helpers';

/** Each wizard screen must fit without scrolling: checked at 1920×1080 too, saved at 1366×768 as setup-<step>.png. */
async function capture(page: Page, name: string, options: { fixed: boolean }): Promise<void> {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await captureAt(page, `${name}-1920x1080`, options);
  await page.setViewportSize({ width: 1366, height: 768 });
  await captureAt(page, name, options);
}

const next = (page: Page) => page.getByRole('button', { name: 'Tiếp tục' }).click();
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

test.use({ viewport: { width: 1366, height: 768 } });

test('a fresh data folder runs the wizard to the attract screen', async ({ page }) => {
  const shell = await startShell();
  try {
    await page.goto(shell.url);
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'setup');
    await expect(heading(page)).toHaveText('Cài đặt Trạm Kỹ Năng Số');
    await expect(page.getByText('Bước 1/9')).toBeVisible();
    await capture(page, 'setup-welcome', { fixed: true });
    await page.getByRole('button', { name: 'Bắt đầu cài đặt' }).click();

    // Site: nothing filled in yet is named, field by field.
    await expect(heading(page)).toHaveText('Điểm hỗ trợ này tên là gì?');
    await next(page);
    await expect(page.getByText('Chưa nhập tên điểm hỗ trợ (ít nhất 2 chữ).')).toBeVisible();
    await expect(page.getByText('Chưa chọn loại điểm hỗ trợ.')).toBeVisible();
    await page.getByLabel('Tên điểm hỗ trợ').fill('Bộ phận một cửa xã Phù Đổng');
    await page.getByRole('radio', { name: /Bộ phận một cửa/ }).check();
    await capture(page, 'setup-site', { fixed: true });
    await next(page);

    // Place: 34 provinces; the commune search ignores accents and case.
    await expect(heading(page)).toHaveText('Trạm đặt ở tỉnh, xã nào?');
    const provinces = page.getByRole('radiogroup', { name: 'Tỉnh/thành phố' }).getByRole('radio');
    await expect(provinces).toHaveCount(34);
    await page.getByRole('radio', { name: 'Thành phố Hà Nội' }).check();
    const communes = page.getByRole('radiogroup', { name: 'Xã/phường/đặc khu' }).getByRole('radio');
    await expect(communes).not.toHaveCount(0);
    await page.getByLabel('Tìm: Xã/phường/đặc khu').fill('phu dong');
    await expect(communes).toHaveCount(1);
    await page.getByRole('radio', { name: 'Xã Phù Đổng' }).check();
    await expect(page.getByText('Đã chọn: Xã Phù Đổng')).toBeVisible();
    // "Hòa" and "Hoà" are the same word to the search.
    await page.getByLabel('Tìm: Xã/phường/đặc khu').fill('Hoà Lạc');
    await expect(page.getByRole('radio', { name: 'Xã Hòa Lạc' })).toBeVisible();
    await page.getByLabel('Tìm: Xã/phường/đặc khu').fill('');
    await capture(page, 'setup-place', { fixed: true });

    // Going back keeps what was entered.
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await expect(page.getByLabel('Tên điểm hỗ trợ')).toHaveValue('Bộ phận một cửa xã Phù Đổng');
    await next(page);
    await expect(page.getByText('Đã chọn: Xã Phù Đổng')).toBeVisible();
    await next(page);

    // Hamlets: Enter on the last row adds the next one.
    await expect(heading(page)).toHaveText('Các thôn, ấp, tổ dân phố trong xã');
    await next(page);
    await expect(page.getByText('Cần ít nhất một thôn, ấp hoặc tổ dân phố.')).toBeVisible();
    await page.getByLabel('Tên thôn/tổ dân phố số 1').fill('Thôn Đổng Viên');
    await page.getByLabel('Tên thôn/tổ dân phố số 1').press('Enter');
    await expect(page.getByLabel('Tên thôn/tổ dân phố số 2')).toBeFocused();
    await page.getByLabel('Tên thôn/tổ dân phố số 2').fill('Thôn Phù Dực');
    await capture(page, 'setup-hamlets', { fixed: true });
    await next(page);

    // Hotlines come prefilled from public sources and must each be confirmed.
    await expect(heading(page)).toHaveText('Đường dây nóng in trên phiếu');
    const rows = page.getByTestId('hotline-row');
    await expect(rows).toHaveCount(3);
    await expect(page.getByLabel('Số điện thoại').first()).toHaveValue('156');
    await next(page);
    await expect(page.getByText('Chưa xác nhận: kiểm tra số này rồi đánh dấu “Đã xác nhận”, hoặc xóa dòng.')).toHaveCount(3);
    await capture(page, 'setup-hotlines', { fixed: true });
    for (const box of await page.getByRole('checkbox', { name: 'Đã xác nhận' }).all()) await box.check();
    await next(page);

    // Admin: an easy PIN is refused with the reason, then a good one is entered twice.
    await expect(heading(page)).toHaveText('Quản trị viên đầu tiên');
    await page.getByLabel('Họ và tên quản trị viên').fill('Nguyễn Thị Lan');
    await tapPin(page, '123456');
    await expect(page.getByRole('alert').filter({ hasText: 'quá dễ đoán: các số liên tiếp nhau' })).toBeVisible();
    await capture(page, 'setup-admin', { fixed: true });
    await tapPin(page, '482915');
    await expect(page.getByText('Nhập lại mã PIN mới cho chắc', { exact: false }).first()).toBeVisible();
    await tapPin(page, '482915');
    await expect(page.getByText('Đã đặt mã PIN')).toBeVisible();
    await next(page);

    // Printer: skipped.
    await expect(heading(page)).toHaveText('Máy in phiếu hướng dẫn');
    await expect(page.getByRole('radio', { name: /Chưa có máy in, bỏ qua/ })).toBeChecked();
    await expect(page.getByRole('radio', { name: /Máy in đã cài trong hệ điều hành/ })).toHaveCount(0);
    await capture(page, 'setup-printer', { fixed: true });
    await next(page);

    await expect(heading(page)).toHaveText('Thời gian chờ và ngôn ngữ');
    await expect(page.getByLabel('Chờ bao lâu không ai chạm thì hỏi', { exact: true })).toHaveValue('90');
    await capture(page, 'setup-prefs', { fixed: true });
    await next(page);

    await expect(heading(page)).toHaveText('Xem lại trước khi hoàn tất');
    await expect(page.getByText('Xã Phù Đổng, Thành phố Hà Nội')).toBeVisible();
    await expect(page.getByText('2 thôn/tổ dân phố: Thôn Đổng Viên, Thôn Phù Dực')).toBeVisible();
    await capture(page, 'setup-review', { fixed: true });
    await page.getByRole('button', { name: 'Hoàn tất' }).click();

    await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    await page.getByRole('heading', { level: 1 }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bác/anh/chị muốn học kỹ năng nào?');

    // The kiosk stays set up across a reload, and the admin can sign in with the PIN chosen.
    await page.reload();
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
  } finally {
    await shell.stop();
  }
});

test('a refused setup shows the message and goes to the screen of each named field', async ({ page }) => {
  const shell = await startShell();
  try {
    await page.goto(shell.url);
    await page.getByRole('button', { name: 'Bắt đầu cài đặt' }).click();
    await page.getByLabel('Tên điểm hỗ trợ').fill('Nhà văn hóa thôn Đông');
    await page.getByRole('radio', { name: /Nhà văn hóa/ }).check();
    await next(page);
    await page.getByRole('radio', { name: 'Thành phố Hà Nội' }).check();
    await page.getByRole('radio', { name: 'Xã Phù Đổng' }).check();
    await next(page);
    await page.getByLabel('Tên thôn/tổ dân phố số 1').fill('Thôn Đông');
    await next(page);
    for (let left = 3; left > 0; left--) {
      await page.getByRole('button', { name: /^Xóa đường dây/ }).first().click();
      await expect(page.getByTestId('hotline-row')).toHaveCount(left - 1);
    }
    await next(page);
    await page.getByLabel('Họ và tên quản trị viên').fill('Trần Văn Bình');
    await tapPin(page, '482915');
    await tapPin(page, '482915');
    await next(page);
    await next(page);
    await next(page);

    await page.route('**/api/setup:complete', (route) =>
      route.fulfill({
        json: {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            message: 'Còn 2 mục chưa đúng, xin xem lại.',
            fields: { 'site.hamlets.0': 'Tên thôn/tổ dân phố dài quá 80 ký tự.', idleSeconds: 'Số quá lớn.' },
          },
        },
      }),
    );
    await page.getByRole('button', { name: 'Hoàn tất' }).click();
    await expect(heading(page)).toHaveText('Các thôn, ấp, tổ dân phố trong xã');
    await expect(page.getByRole('alert').filter({ hasText: 'Còn 2 mục chưa đúng, xin xem lại.' })).toBeVisible();
    await expect(page.getByText('Tên thôn/tổ dân phố dài quá 80 ký tự.')).toBeVisible();
    await expect(page.getByLabel('Tên thôn/tổ dân phố số 1')).toHaveAttribute('aria-invalid', 'true');
    await page.unroute('**/api/setup:complete');

    await next(page);
    await next(page);
    await next(page);
    await next(page);
    await expect(heading(page)).toHaveText('Thời gian chờ và ngôn ngữ');
    await expect(page.getByText('Số quá lớn.')).toBeVisible();
    await next(page);
    await page.getByRole('button', { name: 'Hoàn tất' }).click();
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
  } finally {
    await shell.stop();
  }
});
