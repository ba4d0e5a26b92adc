import { test, expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FakePrinter } from '../fakes/fake-printer';
import { expectAccessible } from './support/a11y';
import { stopTime } from './support/clock';
import { freshDataDir, startShell } from './support/shell';
import { capture, openAttract, signIn, tapPin } from './support/staff-helpers';
import { packFiles, zipOf } from './support/staff-packs';

const SECTIONS = ['Điểm hỗ trợ', 'Màn hình người dân', 'Bài thực hành', 'Chiến dịch', 'Máy in', 'Cán bộ', 'Gói nội dung', 'Thoát trạm'] as const;

const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'Các mục cài đặt' }).getByRole('button', { name, exact: true });

test('a new idle timeout applies to the citizen side at once', async ({ page }) => {
  await page.clock.install();
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page, { clock: true });
    await section(page, 'Màn hình người dân').click();
    const idle = page.getByLabel('Chờ bao lâu không ai chạm thì hỏi', { exact: true });
    await expect(idle).toHaveValue('90');
    await page.getByRole('button', { name: '30 giây', exact: true }).click();
    await expect(idle).toHaveValue('30');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã lưu. Màn hình người dân dùng cài đặt mới ngay từ bây giờ.' })).toBeVisible();

    // Out of range is refused by the form before anything is sent, then by the core's field message.
    await idle.fill('20');
    await idle.blur();
    await expect(idle).toHaveValue('30');

    await page.getByRole('button', { name: 'Về màn hình người dân' }).click();
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
    await stopTime(page);
    await page.getByRole('heading', { level: 1 }).click();
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');
    await page.clock.runFor(29_000);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.clock.runFor(1_000);
    await expect(page.getByRole('dialog', { name: 'Bác/anh/chị vẫn đang dùng chứ?' })).toBeVisible();
  } finally {
    await shell.stop();
  }
});

test('an admin adds a member and gives them a one-time PIN', async ({ page }) => {
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page);
    await section(page, 'Cán bộ').click();
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm cán bộ' });
    await dialog.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await expect(dialog.getByText('Chưa nhập họ tên.')).toBeVisible();
    await dialog.getByLabel('Họ và tên').fill('Phạm Thị Hoa');
    await dialog.getByRole('radio', { name: /Thành viên/ }).check();
    await tapPin(page, '000000');
    await expect(dialog.getByRole('alert').filter({ hasText: '6 số giống nhau' })).toBeVisible();
    await tapPin(page, '640271');
    await tapPin(page, '640271');
    await expect(dialog.getByText('Đã đặt mã PIN')).toBeVisible();
    await dialog.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã thêm Phạm Thị Hoa.' })).toBeVisible();
    const row = page.getByTestId('account-row').filter({ hasText: 'Phạm Thị Hoa' });
    await expect(row).toContainText('Thành viên');

    await row.getByRole('button', { name: 'Cấp mã PIN mới cho Phạm Thị Hoa' }).click();
    await page.getByRole('dialog', { name: 'Cấp mã PIN mới cho Phạm Thị Hoa?' }).getByRole('button', { name: 'Cấp mã PIN mới' }).click();
    const shown = page.getByRole('dialog', { name: 'Mã PIN dùng một lần của Phạm Thị Hoa' });
    await expect(shown.getByTestId('one-time-pin')).toHaveText(/^\d{3} \d{3}$/);
    await expect(shown).toContainText('phải đổi sang mã của riêng mình');
    await page.setViewportSize({ width: 1366, height: 768 });
    await capture(page, 'staff-one-time-pin');
    await shown.getByRole('button', { name: 'Đã ghi lại, đóng' }).click();
    await expect(page.getByTestId('one-time-pin')).toHaveCount(0);
    await expect(row).toContainText('Phải đổi mã PIN');

    await row.getByRole('button', { name: 'Tắt tài khoản của Phạm Thị Hoa' }).click();
    await expect(row).toContainText('Đã tắt');
    await row.getByRole('button', { name: 'Bật lại tài khoản của Phạm Thị Hoa' }).click();
    await expect(row).not.toContainText('Đã tắt');
  } finally {
    await shell.stop();
  }
});

test('a good pack .zip is installed and its demo reaches the citizen skill screen; a bad one installs nothing', async ({ page }) => {
  // A pack copied by hand that fails its checks: listed with its problems, and flagged on the overview.
  const dataDir = freshDataDir();
  const broken = path.join(dataDir, 'content', 'goi-loi');
  mkdirSync(path.join(broken, 'demos'), { recursive: true });
  writeFileSync(path.join(broken, 'pack.json'), JSON.stringify({ id: 'goi-loi', version: '1.0', title: { vi: 'Gói chép tay bị lỗi' } }));
  writeFileSync(path.join(broken, 'demos', 'bai-loi.json'), JSON.stringify({ id: 'bai-loi', skill: 'an-toan' }));
  const shell = await startShell({ dataDir, seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page);
    await expect(page.getByRole('alert').filter({ hasText: 'Gói nội dung "goi-loi" bị từ chối' })).toBeVisible();
    await page.setViewportSize({ width: 1366, height: 768 });
    await capture(page, 'staff-home-problems');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByRole('button', { name: 'Gói nội dung', exact: true }).last().click();
    const rejected = page.locator('[data-pack-id="goi-loi"]');
    await expect(rejected).toContainText('Bị từ chối');
    await expect(rejected.getByRole('table')).toContainText('demos/bai-loi.json');
    await expect(rejected.getByRole('switch')).toHaveCount(0);
    await capture(page, 'staff-settings-packs-rejected');
    const rows = page.getByTestId('pack-row');
    const before = await rows.count();

    // A demo of a skill that does not exist: refused, with the file and place named.
    const bad = await zipOf(packFiles({ id: 'goi-hong', title: 'Gói hỏng', demoId: 'bai-hong', demoTitle: 'Bài hỏng', skill: 'khong-co' }));
    await page.getByTestId('import-zip').setInputFiles({ name: 'goi-hong.zip', mimeType: 'application/zip', buffer: bad });
    const outcome = page.getByTestId('import-outcome');
    await expect(outcome).toContainText('chưa cài gì');
    await expect(outcome).toContainText('demos/bai-hong.json');
    await expect(rows).toHaveCount(before);

    // Not a zip at all.
    await page.getByTestId('import-zip').setInputFiles({ name: 'ghi-chu.zip', mimeType: 'application/zip', buffer: Buffer.from('không phải zip') });
    await expect(outcome).toHaveText(/Tệp \.zip bị hỏng hoặc không phải tệp \.zip\./);
    await expect(rows).toHaveCount(before);

    const good = await zipOf(packFiles({ id: 'goi-dien-nuoc', title: 'Gói điện nước', demoId: 'tra-tien-dien-e2e', demoTitle: 'Trả tiền điện tháng này' }));
    await page.getByTestId('import-zip').setInputFiles({ name: 'goi-dien-nuoc.zip', mimeType: 'application/zip', buffer: good });
    await expect(outcome).toHaveText('Đã thêm gói “Gói điện nước” (phiên bản 1.0.0) với 1 bài thực hành.');
    await expect(rows).toHaveCount(before + 1);
    const pack = page.locator('[data-pack-id="goi-dien-nuoc"]');
    await expect(pack).toContainText('Đã thêm');
    await expect(pack.getByRole('switch')).toHaveAttribute('aria-checked', 'true');
    await page.setViewportSize({ width: 1366, height: 768 });
    await capture(page, 'staff-settings-packs-imported');
    await page.setViewportSize({ width: 1920, height: 1080 });

    await page.getByRole('button', { name: 'Về màn hình người dân' }).click();
    await page.getByRole('heading', { level: 1 }).click();
    await page.getByRole('button', { name: /Thanh toán trực tuyến/ }).click();
    const count = Number((await page.getByText(/^\d+ bài thực hành$/).textContent())?.split(' ')[0]);
    await expect(page.getByTestId('demo-card').filter({ hasText: 'Trả tiền điện tháng này' })).toBeVisible();

    // Hiding the demo takes it off the citizen side.
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await signIn(page);
    await section(page, 'Bài thực hành').click();
    const toggle = page.getByRole('switch', { name: 'Hiện bài “Trả tiền điện tháng này” cho người dân' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(page.getByRole('status').filter({ hasText: 'không còn hiện cho người dân' })).toBeVisible();
    await page.getByRole('button', { name: 'Về màn hình người dân' }).click();
    await page.getByRole('heading', { level: 1 }).click();
    await page.getByRole('button', { name: /Thanh toán trực tuyến/ }).click();
    await expect(page.getByText(`${count - 1} bài thực hành`, { exact: true })).toBeVisible();
    await expect(page.getByTestId('demo-card').filter({ hasText: 'Trả tiền điện tháng này' })).toHaveCount(0);
  } finally {
    await shell.stop();
  }
});

test('campaigns, site profile and printer save with a clear confirmation', async ({ page }) => {
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page);

    await section(page, 'Chiến dịch').click();
    await page.getByRole('button', { name: 'Thêm chiến dịch' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm chiến dịch' });
    await dialog.getByLabel('Tên chiến dịch').fill('Chiến dịch tháng 12');
    await dialog.getByLabel('Ngày bắt đầu').fill('2026-12-01');
    await dialog.getByLabel('Ngày kết thúc').fill('2026-11-01');
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(dialog.getByText('Ngày kết thúc phải từ ngày bắt đầu trở đi.')).toBeVisible();
    await dialog.getByLabel('Ngày kết thúc').fill('2026-12-31');
    await dialog.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã lưu chiến dịch “Chiến dịch tháng 12”.' })).toBeVisible();
    await expect(page.getByText('01/12/2026 – 31/12/2026')).toBeVisible();
    const saved = await fetch(new URL('api/settings:get', shell.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-token': shell.token },
      body: '{}',
    }).then((r) => r.json() as Promise<{ value: { campaigns: { id: string }[]; printer: unknown; site: { hamlets: string[] } } }>);
    expect(saved.value.campaigns.map((c) => c.id)).toEqual(['chien-dich-thang-12']);

    await section(page, 'Điểm hỗ trợ').click();
    await expect(page.getByLabel('Tên điểm hỗ trợ')).toHaveValue('Bộ phận một cửa xã Phù Đổng');
    await expect(page.getByText('Đã chọn: Xã Phù Đổng')).toBeVisible();
    await page.getByRole('button', { name: 'Thêm thôn/tổ' }).click();
    await page.getByLabel('Tên thôn/tổ dân phố số 4').fill('thôn đổng viên');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByText('Tên này đã có ở dòng khác.')).toBeVisible();
    await page.getByLabel('Tên thôn/tổ dân phố số 4').fill('Thôn Ngọc Động');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã lưu. Thay đổi có hiệu lực ngay.' })).toBeVisible();

    await section(page, 'Máy in').click();
    await page.getByRole('radio', { name: /Máy in mạng/ }).check();
    await page.getByLabel('Địa chỉ IP của máy in').fill('192.168.1.50 x');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByText('Địa chỉ chưa đúng.', { exact: false })).toBeVisible();
    await page.getByLabel('Địa chỉ IP của máy in').fill('192.168.1.50');
    await page.getByRole('radio', { name: /58 mm/ }).check();
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();

    const after = await fetch(new URL('api/settings:get', shell.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kiosk-token': shell.token },
      body: '{}',
    }).then((r) => r.json() as Promise<{ value: { printer: unknown; site: { hamlets: string[] } } }>);
    expect(after.value.printer).toEqual({ uri: 'tcp://192.168.1.50:9100', paperWidthMm: 58 });
    expect(after.value.site.hamlets).toContain('Thôn Ngọc Động');
  } finally {
    await shell.stop();
  }
});

test('the printer section: live status, a test page on the address in the form, and the recent jobs with "In lại"', async ({ page }) => {
  const printer = new FakePrinter();
  await printer.start();
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page);
    await section(page, 'Máy in').click();
    const report = page.getByTestId('printer-report');
    await expect(report).toContainText('Trạm chưa được cài máy in');
    await expect(page.getByText('Chưa có phiếu nào được in.')).toBeVisible();

    // Not saved yet: the test page goes to the printer the form names.
    await page.getByRole('radio', { name: /Máy in mạng/ }).check();
    await page.getByLabel('Địa chỉ IP của máy in').fill(`127.0.0.1:${printer.port}`);
    printer.status = { paperNearEnd: true };
    await page.getByRole('button', { name: 'In trang thử' }).click();
    const progress = page.getByTestId('print-status');
    await expect(progress).toHaveText('Đã in xong trang thử. Xin xem kỹ các chữ có dấu và thử quét mã QR.');
    expect(printer.jobs).toHaveLength(1);
    const newest = page.getByTestId('job-row').first();
    await expect(newest).toContainText('Trang in thử');
    await expect(newest).toContainText('Đã in');
    await expect(newest).toContainText('Giấy trong máy in sắp hết');
    await expectAccessible(page, 'printer section after a test page');

    // Saved, it is the printer in use: the live status follows it, and "Kiểm tra ngay" reads it again.
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(report).toContainText('Máy in sẵn sàng; giấy sắp hết.');
    printer.status = { paperOut: true };
    await page.getByRole('button', { name: 'Kiểm tra ngay' }).click();
    await expect(report).toContainText('Máy in hết giấy.');
    await expect(report).toHaveAttribute('data-ok', 'false');

    printer.status = {};
    await newest.getByRole('button', { name: /^In lại: Trang in thử/ }).click();
    await expect(progress).toHaveText(/^Đã in xong trang thử/);
    await expect(page.getByTestId('job-row').first()).toContainText('Bản in lại');
    // The list shows the copy once it is queued; the printer has it a moment later.
    await expect.poll(() => printer.jobs.length).toBe(2);
  } finally {
    await shell.stop();
    await printer.stop();
  }
});

test('exiting the kiosk in the browser shell says how to close it', async ({ page }) => {
  await openAttract(page);
  await signIn(page);
  await section(page, 'Thoát trạm').click();
  await page.getByRole('button', { name: 'Thoát trạm' }).last().click();
  const dialog = page.getByRole('dialog', { name: 'Thoát trạm bây giờ?' });
  await dialog.getByRole('button', { name: 'Thoát trạm' }).click();
  await expect(page.getByTestId('exit-answer')).toContainText('Bản chạy trên trình duyệt không tự thoát được');
  await expect(page.getByTestId('exit-answer')).toContainText('Ctrl+C');
});

test('every settings section, at 1366×768 and 1920×1080', async ({ page }) => {
  await openAttract(page);
  await signIn(page);
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await section(page, 'Tổng quan').click();
    await capture(page, `staff-home-admin-${size.width}x${size.height}`);
    for (const name of SECTIONS) {
      await section(page, name).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await page.waitForLoadState('networkidle');
      // A section still saying "Đang tải…" is not what staff see a moment later.
      await expect(page.getByText('Đang tải…')).toHaveCount(0);
      await capture(page, `staff-settings-${name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/\s+/g, '-')}-${size.width}x${size.height}`);
    }
  }
});
