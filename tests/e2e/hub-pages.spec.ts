import { test, expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GeoDirectory } from '../../electron/services/geo';
import type { HubClient } from '../../electron/services/sync/hub-client';
import { makeCommuneRecords } from '../support/hub-records';
import { expectAccessible } from './support/a11y';
import { enrolTestKiosk, hubApi, pushRecords, startHub, type HubJar, type RunningHub } from './support/hub';
import { SEED_ADMIN } from './support/seed';
import { startShell } from './support/shell';
import { callApi } from './support/staff-helpers';

// The hub's own web pages in real Chromium, against a hub on its embedded database (PGlite) on loopback,
// with records pushed by kiosks through the real sync protocol. One hub for the file, in order.
test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);
test.use({ ignoreHTTPSErrors: true, viewport: { width: 1366, height: 768 } });

const ADMIN = { username: 'quantri', displayName: 'Nguyễn Quản Trị', password: 'mat-khau-that-dai-2026' };
const geo = new GeoDirectory(path.resolve(import.meta.dirname, '..', '..', 'resources'));
const HA_NOI = '01';
const communes = geo.listCommunes(HA_NOI)!;
const PHU_DONG = communes.find((c) => c.name === 'Xã Phù Đổng')!;
const OTHER = communes.find((c) => c.code !== PHU_DONG.code)!;
const RECORDS_A = makeCommuneRecords({ provinceCode: HA_NOI, communeCode: PHU_DONG.code, households: 12, perHousehold: 2, proficientEvery: 3, seed: 1 });
const RECORDS_B = makeCommuneRecords({ provinceCode: HA_NOI, communeCode: OTHER.code, households: 6, perHousehold: 1, proficientEvery: 2, seed: 2 });

let hub: RunningHub;
const adminJar: HubJar = {};
let counterKiosk: HubClient;
const passwords: Record<string, string> = {};

/** Households with at least one person proficient in all five skills, counted from the records themselves. */
function meeting(records: ReturnType<typeof makeCommuneRecords>): number {
  const ids = new Set(records.people.filter((p) => Object.values(p.skills).every((l) => l === 'thanh-thao')).map((p) => p.householdId));
  return ids.size;
}

/** Checks what a laptop or phone user would trip on, saves test-results/screens/hub-<name>.png, then runs axe. */
async function screen(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => new Promise(requestAnimationFrame));
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1) {
      // Name the outermost elements that stick out, which is where the fix goes.
      const out = [...document.body.querySelectorAll<HTMLElement>('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 1));
      found.push(`page scrolls sideways: ${root.scrollWidth} > ${window.innerWidth} (${out.map((el) => `${el.tagName.toLowerCase()}.${el.className}`).slice(0, 3).join(', ')})`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('button, .input, .btn, nav a')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.height < 39.5) found.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" is ${Math.round(box.height)} px high`);
    }
    const text = document.body.innerText;
    if (text !== text.normalize('NFC')) found.push('text is not NFC');
    return found;
  });
  expect(problems, name).toEqual([]);
  mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/hub-${name}.png`, fullPage: true, animations: 'disabled' });
  await expectAccessible(page, `hub ${name}`);
}

/** Waits until the hub has folded every pushed change into its aggregates for `scope`. */
async function settled(scope: Record<string, string>): Promise<void> {
  await expect
    .poll(async () => (await hubApi<{ pending: number }>(hub, 'dashboard:view', { scope }, adminJar)).value?.pending, { timeout: 30_000 })
    .toBe(0);
}

async function signInAs(page: Page, username: string, password: string): Promise<void> {
  await page.goto(hub.url);
  await expect(page.getByRole('heading', { name: 'Đăng nhập', level: 1 })).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

const pages = (page: Page) => page.getByRole('navigation', { name: 'Các trang' });

test.beforeAll(async () => {
  hub = await startHub();
});

test.afterAll(async () => {
  counterKiosk?.close();
  await hub?.stop();
});

test('first setup: a wrong setup code is refused in Vietnamese, the right one makes the first hub admin', async ({ page }) => {
  await page.goto(hub.url);
  await expect(page.getByRole('heading', { name: 'Cài đặt máy chủ', level: 1 })).toBeVisible();
  await screen(page, 'setup');
  await page.getByLabel('Mã cài đặt').fill('SAI-MA-CAI-DAT');
  await page.getByLabel('Họ và tên').fill(ADMIN.displayName);
  await page.getByLabel('Tên đăng nhập').fill(ADMIN.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Nhập lại mật khẩu').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Tạo tài khoản và vào trang' }).click();
  await expect(page.getByRole('alert')).toContainText(/mã cài đặt/i);
  await page.getByLabel('Mã cài đặt').fill(hub.setupCode);
  await page.getByRole('button', { name: 'Tạo tài khoản và vào trang' }).click();
  await expect(page.getByRole('banner')).toContainText(ADMIN.displayName);
  await expect(pages(page).getByRole('link')).toHaveText(['Số liệu', 'Điểm và trạm', 'Nhập gói hồ sơ', 'Tài khoản', 'Nhật ký']);

  // The tests' own line to the hub, signed in as the same admin; two communes' kiosks push their records.
  expect((await hubApi(hub, 'auth:sign-in', { username: ADMIN.username, password: ADMIN.password }, adminJar)).ok).toBe(true);
  counterKiosk = await enrolTestKiosk(hub, adminJar, { kind: 'xa', provinceCode: HA_NOI, communeCode: PHU_DONG.code, name: 'Bộ phận một cửa xã Phù Đổng' }, 'Máy quầy một cửa');
  await pushRecords(counterKiosk, RECORDS_A);
  const other = await enrolTestKiosk(hub, adminJar, { kind: 'xa', provinceCode: HA_NOI, communeCode: OTHER.code, name: `Bộ phận một cửa ${OTHER.name}` }, 'Máy quầy xã bạn');
  await pushRecords(other, RECORDS_B);
  other.close();
  await settled({ level: 'province', provinceCode: HA_NOI });
});

test('the dashboard drills down country → province → commune → hamlet with one true figure at each level', async ({ page }) => {
  await signInAs(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('headline')).toBeVisible();
  const all = RECORDS_A.households.length + RECORDS_B.households.length;
  await expect(page.getByTestId('headline')).toContainText(`${meeting(RECORDS_A) + meeting(RECORDS_B)} / ${all} hộ`);
  await screen(page, 'dashboard-country');

  await page.getByTestId('areas').getByRole('link', { name: 'Thành phố Hà Nội' }).click();
  await expect(page.getByRole('heading', { name: 'Thành phố Hà Nội', level: 1 })).toBeVisible();
  await expect(page.getByTestId('areas')).toHaveAttribute('data-level', 'commune');
  await expect(page.getByTestId('people')).toHaveText(String(RECORDS_A.people.length + RECORDS_B.people.length));
  await expect(page.getByText('Báo cáo chỉ có số liệu, không có tên người dân.')).toBeVisible();
  await screen(page, 'dashboard-province');

  await page.getByTestId('areas').getByRole('link', { name: PHU_DONG.name }).click();
  await expect(page.getByRole('heading', { name: PHU_DONG.name, level: 1 })).toBeVisible();
  await expect(page.getByTestId('headline')).toContainText(`${meeting(RECORDS_A)} / ${RECORDS_A.households.length} hộ`);
  await expect(page.getByTestId('kiosks')).toContainText('Máy quầy một cửa');
  await screen(page, 'dashboard-commune');

  // The address bar keeps the place: a reload stays here, and the trail leads back up.
  await page.reload();
  await expect(page.getByRole('heading', { name: PHU_DONG.name, level: 1 })).toBeVisible();
  await page.getByTestId('areas').getByRole('link', { name: 'Thôn 1' }).click();
  await expect(page.getByRole('heading', { name: 'Thôn 1', level: 1 })).toBeVisible();
  const inThon1 = RECORDS_A.households.filter((h) => h.hamlet === 'Thôn 1');
  await expect(page.getByTestId('headline')).toContainText(`/ ${inThon1.length} hộ`);
  await page.getByRole('navigation', { name: 'Địa bàn' }).getByRole('link', { name: 'Thành phố Hà Nội' }).click();
  await expect(page.getByRole('heading', { name: 'Thành phố Hà Nội', level: 1 })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Thôn 1', level: 1 })).toBeVisible();

  // The province report downloads as a real workbook.
  await page.goto(`${hub.url}?tinh=${HA_NOI}`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải báo cáo Excel (.xlsx)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
});

test('accounts: the hub admin makes a commune admin and a province viewer, each given a one-time password', async ({ page }) => {
  await signInAs(page, ADMIN.username, ADMIN.password);
  await pages(page).getByRole('link', { name: 'Tài khoản' }).click();
  await expect(page.getByRole('heading', { name: 'Tài khoản', level: 1 })).toBeVisible();

  const form = page.getByRole('form', { name: 'Tạo tài khoản' });
  // Missing place: refused with the field named, nothing made.
  await form.getByLabel('Họ và tên').fill('Trần Thị Xã');
  await form.getByLabel('Tên đăng nhập').fill('canbo.phudong');
  await form.getByLabel('Vai trò').selectOption({ label: 'Quản trị cấp xã' });
  await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByTestId('account-problem')).toBeVisible();
  await form.getByLabel('Tỉnh/thành phố').selectOption({ label: 'Thành phố Hà Nội' });
  await form.getByLabel('Xã/phường/đặc khu').selectOption({ label: PHU_DONG.name });
  await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
  const secret = page.getByTestId('one-time-password');
  await expect(secret).toContainText('canbo.phudong');
  passwords['canbo.phudong'] = (await secret.locator('.pw').textContent())!.trim();
  await expect(page.getByTestId('accounts')).toContainText(`${PHU_DONG.name}, Thành phố Hà Nội`);
  await screen(page, 'accounts');
  await page.getByRole('button', { name: 'Đã đưa, ẩn mật khẩu' }).click();

  await form.getByLabel('Họ và tên').fill('Lê Văn Sở');
  await form.getByLabel('Tên đăng nhập').fill('so.hanoi');
  await form.getByLabel('Vai trò').selectOption({ label: 'Xem số liệu cấp tỉnh' });
  await expect(form.getByLabel('Xã/phường/đặc khu')).toHaveCount(0);
  await form.getByLabel('Tỉnh/thành phố').selectOption({ label: 'Thành phố Hà Nội' });
  await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(secret).toContainText('so.hanoi');
  passwords['so.hanoi'] = (await secret.locator('.pw').textContent())!.trim();
  await expect(page.getByTestId('accounts').getByRole('row')).toHaveCount(4);
});

test('a commune admin changes the one-time password, sees her commune with names, and erases a person on request', async ({ page }) => {
  await signInAs(page, 'canbo.phudong', 'khong-phai-mat-khau');
  await expect(page.getByRole('alert')).toContainText(/không đúng/);
  await screen(page, 'sign-in-wrong');
  await page.getByLabel('Mật khẩu', { exact: true }).fill(passwords['canbo.phudong']!);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();

  // A one-time password opens nothing but the change.
  await expect(page.getByRole('heading', { name: 'Đổi mật khẩu dùng một lần', level: 1 })).toBeVisible();
  await expect(pages(page)).toHaveCount(0);
  await screen(page, 'change-password-forced');
  await page.getByLabel('Mật khẩu dùng một lần').fill(passwords['canbo.phudong']!);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('lua-chin-vang-dong-2026');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('lua-chin-vang-dong-2027');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('alert')).toContainText('không giống nhau');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('lua-chin-vang-dong-2026');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(pages(page).getByRole('link')).toHaveText(['Số liệu', 'Người dân', 'Điểm và trạm', 'Nhập gói hồ sơ']);
  passwords['canbo.phudong'] = 'lua-chin-vang-dong-2026';

  // Home is her commune, and the report there carries names.
  await expect(page.getByRole('heading', { name: PHU_DONG.name, level: 1 })).toBeVisible();
  await expect(page.getByText('Báo cáo có danh sách người dân của xã; mỗi lần tải được ghi vào nhật ký.')).toBeVisible();

  await pages(page).getByRole('link', { name: 'Người dân' }).click();
  await expect(page.getByTestId('people-count')).toContainText(`trong ${RECORDS_A.people.length} người`);
  await screen(page, 'people');
  await page.getByLabel('Tìm theo tên').fill('le thi cuc');
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  const named = RECORDS_A.people.filter((p) => p.fullName === 'Lê Thị Cúc').length;
  await expect(page.getByTestId('people-count')).toContainText(`trong ${named} người`);
  await page.getByTestId('people').getByRole('button', { name: 'Xóa hồ sơ' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Xóa hẳn hồ sơ của Lê Thị Cúc?' });
  await expect(dialog).toBeVisible();
  await screen(page, 'people-erase');
  await dialog.getByRole('button', { name: 'Xóa hẳn' }).click();
  await expect(page.getByTestId('people-done')).toBeVisible();
  await expect(page.getByTestId('people-count')).toContainText(`trong ${named - 1} người`);

  // The erasure is in the figures, and reaches the commune's kiosk on its next pull.
  await settled({ level: 'commune', provinceCode: HA_NOI, communeCode: PHU_DONG.code });
  await pages(page).getByRole('link', { name: 'Số liệu' }).click();
  await page.getByRole('button', { name: 'Cập nhật' }).click();
  await expect(page.getByTestId('people')).toHaveText(String(RECORDS_A.people.length - 1));
  const pulled = await counterKiosk.pull(0);
  expect(pulled.deletions.length).toBe(1);

  // A page of another commune is not hers to see.
  await page.goto(`${hub.url}?tinh=${HA_NOI}&xa=${OTHER.code}`);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('headline')).toHaveCount(0);
});

test('sites: a commune admin makes a booth, issues an enrolment code with its QR, withdraws it, and revokes a kiosk', async ({ page }) => {
  await signInAs(page, 'canbo.phudong', passwords['canbo.phudong']!);
  await pages(page).getByRole('link', { name: 'Điểm và trạm' }).click();
  await expect(page.getByRole('heading', { name: 'Điểm và trạm', level: 1 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Tạo điểm mới' });
  await form.getByLabel('Điểm lưu động, nhà văn hóa thôn').check();
  await form.getByRole('button', { name: 'Tạo điểm' }).click();
  await expect(page.getByTestId('site-problem')).toBeVisible();
  await form.getByLabel('Tên điểm').fill('Nhà văn hóa thôn Đổng Viên');
  await form.getByRole('button', { name: 'Tạo điểm' }).click();
  const booth = page.getByTestId('site').filter({ hasText: 'Nhà văn hóa thôn Đổng Viên' });
  await expect(booth).toContainText('Điểm lưu động');

  await booth.getByRole('button', { name: 'Cấp mã ghi danh' }).click();
  const issued = page.getByTestId('issued-code');
  await expect(issued.getByRole('img', { name: /Mã QR ghi danh trạm/ })).toBeVisible();
  await expect(page.getByTestId('code-text')).toHaveText(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
  await screen(page, 'sites-code');
  await page.getByRole('button', { name: 'Đã ghi danh xong, ẩn mã' }).click();
  await booth.getByRole('button', { name: 'Rút mã' }).click();
  await expect(booth.getByRole('button', { name: 'Rút mã' })).toHaveCount(0);

  const counter = page.getByTestId('site').filter({ hasText: 'Bộ phận một cửa xã Phù Đổng' });
  await counter.getByRole('row', { name: /Máy quầy một cửa/ }).getByRole('button', { name: 'Thu hồi' }).click();
  const dialog = page.getByRole('dialog', { name: 'Thu hồi trạm "Máy quầy một cửa"?' });
  await screen(page, 'sites-revoke');
  await dialog.getByRole('button', { name: 'Thu hồi' }).click();
  await expect(counter).toContainText('Đã thu hồi');
  await expect(counterKiosk.status()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await screen(page, 'sites');
});

test('a sealed bundle from a booth with no network: the wrong passphrase is refused, the right one imports it', async ({ page }) => {
  const shell = await startShell({ seeded: true });
  try {
    const staff = await callApi<{ id: string; name: string }[]>(shell, 'staff:list', {});
    const session = (await callApi<{ session: string }>(shell, 'staff:sign-in', { staffId: staff.value!.find((s) => s.name === SEED_ADMIN.name)!.id, pin: SEED_ADMIN.pin })).value!.session;
    const household = await callApi<{ id: string }>(shell, 'records:add-household', { session, provinceCode: HA_NOI, communeCode: PHU_DONG.code, hamlet: 'Thôn Lê Xá', headName: 'Hoàng Văn Lâm' });
    await callApi(shell, 'records:add-person', { session, householdId: household.value!.id, fullName: 'Hoàng Thị Mận', birthYear: 1949, consent: { version: 'v1', method: 'doc-to' } });
    const exported = await callApi<{ fileName: string; dataBase64: string }>(shell, 'records:export', { session, format: 'bundle', passphrase: 'gio-mua-dong-bac-2026' });
    expect(exported.ok, exported.error?.message).toBe(true);
    const file = test.info().outputPath(exported.value!.fileName);
    writeFileSync(file, Buffer.from(exported.value!.dataBase64, 'base64'));

    await signInAs(page, 'canbo.phudong', passwords['canbo.phudong']!);
    await pages(page).getByRole('link', { name: 'Nhập gói hồ sơ' }).click();
    await page.getByLabel('Tệp gói hồ sơ').setInputFiles(file);
    await page.getByRole('button', { name: 'Nhập gói' }).click();
    await expect(page.getByLabel('Cụm mật khẩu của gói')).toBeVisible();
    await page.getByLabel('Cụm mật khẩu của gói').fill('gio-mua-dong-bac-2025');
    await page.getByRole('button', { name: 'Nhập gói' }).click();
    await expect(page.getByTestId('import-problem')).toContainText('Sai cụm mật khẩu');
    await screen(page, 'import-wrong');
    await page.getByLabel('Cụm mật khẩu của gói').fill('gio-mua-dong-bac-2026');
    await page.getByRole('button', { name: 'Nhập gói' }).click();
    const summary = page.getByTestId('import-summary');
    await expect(summary).toContainText('Người dân: 1 mới');
    await screen(page, 'import');

    await pages(page).getByRole('link', { name: 'Người dân' }).click();
    await page.getByLabel('Tìm theo tên').fill('Hoàng Thị Mận');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect(page.getByTestId('people')).toContainText('Thôn Lê Xá');
  } finally {
    await shell.stop();
  }
});

test('a province viewer sees figures only: no names, no people page, no kiosk or account pages', async ({ page }) => {
  await signInAs(page, 'so.hanoi', passwords['so.hanoi']!);
  await page.getByLabel('Mật khẩu dùng một lần').fill(passwords['so.hanoi']!);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('so-lieu-ca-tinh-2026');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('so-lieu-ca-tinh-2026');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(pages(page).getByRole('link')).toHaveText(['Số liệu']);
  await expect(page.getByRole('heading', { name: 'Thành phố Hà Nội', level: 1 })).toBeVisible();
  await page.getByTestId('areas').getByRole('link', { name: PHU_DONG.name }).click();
  await expect(page.getByText('Báo cáo chỉ có số liệu, không có tên người dân.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Xem người dân của thôn' })).toHaveCount(0);
  await page.goto(`${hub.url}nguoi-dan`);
  await expect(page.getByRole('heading', { name: 'Không có trang này', level: 1 })).toBeVisible();
  await screen(page, 'not-allowed');
  const names = await hubApi(hub, 'people:list', { communeCode: PHU_DONG.code }, await jarOf('so.hanoi', 'so-lieu-ca-tinh-2026'));
  expect(names.error?.code).toBe('FORBIDDEN');
});

test('the audit log shows who viewed and exported personal data', async ({ page }) => {
  await signInAs(page, ADMIN.username, ADMIN.password);
  await pages(page).getByRole('link', { name: 'Nhật ký' }).click();
  const audit = page.getByTestId('audit');
  await expect(audit).toContainText('Trần Thị Xã');
  const erasure = audit.getByRole('row').filter({ hasText: 'Xóa hồ sơ người dân' });
  await expect(erasure.getByText('Dữ liệu cá nhân')).toBeVisible();
  await expect(erasure).toContainText(`${PHU_DONG.name}, Thành phố Hà Nội`);
  // The admin's province report held figures only: logged, but not marked as personal data.
  const report = audit.getByRole('row').filter({ hasText: 'Tải báo cáo' }).filter({ hasText: ADMIN.displayName });
  await expect(report).toHaveCount(1);
  await expect(report.getByText('Dữ liệu cá nhân')).toHaveCount(0);
  await screen(page, 'audit');
});

test('a hub admin locks an account (its open page returns to sign-in), unlocks it, and resets its password', async ({ page, browser }) => {
  // The province viewer, signed in on a browser of her own.
  const elsewhere = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1366, height: 768 } });
  const viewer = await elsewhere.newPage();
  try {
    await signInAs(viewer, 'so.hanoi', 'so-lieu-ca-tinh-2026');
    await expect(viewer.getByTestId('headline')).toBeVisible();

    await signInAs(page, ADMIN.username, ADMIN.password);
    await pages(page).getByRole('link', { name: 'Tài khoản' }).click();
    const row = page.getByTestId('accounts').getByRole('row').filter({ hasText: 'so.hanoi' });
    await row.getByRole('button', { name: 'Khóa' }).click();
    await expect(row).toContainText('Đã khóa');

    // Her open page finds its session gone at the next call, and says why.
    await viewer.getByRole('button', { name: 'Cập nhật' }).click();
    await expect(viewer.getByRole('heading', { name: 'Đăng nhập', level: 1 })).toBeVisible();
    await expect(viewer.getByRole('status')).toContainText('Phiên đăng nhập đã hết hạn');
    await viewer.getByLabel('Tên đăng nhập').fill('so.hanoi');
    await viewer.getByLabel('Mật khẩu', { exact: true }).fill('so-lieu-ca-tinh-2026');
    await viewer.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect(viewer.getByRole('alert')).toContainText('đã bị khóa');

    await row.getByRole('button', { name: 'Mở khóa' }).click();
    await expect(row).toContainText('Đang dùng');
    await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const secret = page.getByTestId('one-time-password');
    await expect(secret).toContainText('so.hanoi');
    const fresh = (await secret.locator('.pw').textContent())!.trim();
    await expect(row).toContainText('Chưa đổi mật khẩu');

    // The old password no longer opens the account; the new one opens only the change.
    await signInAs(viewer, 'so.hanoi', 'so-lieu-ca-tinh-2026');
    await expect(viewer.getByRole('alert')).toContainText(/không đúng/);
    await viewer.getByLabel('Mật khẩu', { exact: true }).fill(fresh);
    await viewer.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect(viewer.getByRole('heading', { name: 'Đổi mật khẩu dùng một lần', level: 1 })).toBeVisible();
  } finally {
    await elsewhere.close();
  }
});

test('on a phone the pages fit the screen: dashboard, people and sites at 390 × 844', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, 'canbo.phudong', passwords['canbo.phudong']!);
  await expect(page.getByTestId('headline')).toBeVisible();
  await screen(page, 'phone-dashboard');
  await pages(page).getByRole('link', { name: 'Người dân' }).click();
  await expect(page.getByTestId('people')).toBeVisible();
  await screen(page, 'phone-people');
  await pages(page).getByRole('link', { name: 'Điểm và trạm' }).click();
  await expect(page.getByTestId('site').first()).toBeVisible();
  await screen(page, 'phone-sites');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByText('Đã đăng xuất.')).toBeVisible();
  await screen(page, 'phone-sign-in');
});

async function jarOf(username: string, password: string): Promise<HubJar> {
  const jar: HubJar = {};
  const signed = await hubApi(hub, 'auth:sign-in', { username, password }, jar);
  expect(signed.ok, signed.error?.message).toBe(true);
  return jar;
}

test('in English: the switch on sign-in turns the pages to English, a reload keeps it, and "Tiếng Việt" turns them back', async ({ page }) => {
  await page.goto(hub.url);
  await expect(page.getByRole('heading', { name: 'Đăng nhập', level: 1 })).toBeVisible();
  const switcher = page.getByRole('group', { name: 'Ngôn ngữ' });
  await expect(switcher.getByRole('button', { name: 'Tiếng Việt' })).toHaveAttribute('aria-pressed', 'true');
  await switcher.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('Username').fill('canbo.phudong');
  await page.getByLabel('Password', { exact: true }).fill(passwords['canbo.phudong']!);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  const menu = page.getByRole('navigation', { name: 'Pages' });
  const english = ['Figures', 'People', 'Sites and kiosks', 'Import bundles'];
  await expect(menu.getByRole('link')).toHaveText(english);
  await expect(page.getByRole('banner')).toContainText('Commune admin');
  await expect(page.getByRole('heading', { name: PHU_DONG.name, level: 1 })).toBeVisible();
  const headline = page.getByTestId('headline');
  await expect(headline).toContainText(/\/ \d+ households/);
  await expect(headline).toContainText('have at least one person proficient in all 5 basic digital skills');
  await expect(headline).toContainText('People helped');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['By hamlet or residential group', 'By skill', 'By campaign', 'By week', 'Kiosks']);
  await expect(page.getByRole('region', { name: 'Table by skill' })).toContainText('Staying safe online');
  await expect(page.getByText("The report lists the commune's citizens by name; every download is written to the audit log.")).toBeVisible();
  await expect(page).toHaveTitle(/^Figures · /);

  // The choice is remembered by the browser: a reload opens in English, and the page says so to a screen reader.
  await page.reload();
  await expect(menu.getByRole('link')).toHaveText(english);
  await expect(page.getByTestId('headline')).toContainText('households');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await screen(page, 'en-dashboard');

  await menu.getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('heading', { name: "The commune's people", level: 1 })).toBeVisible();
  await expect(page.getByTestId('people-count')).toContainText(/ of \d+ people$/);
  await expect(page.getByTestId('people').getByRole('button', { name: 'Erase record' }).first()).toBeVisible();
  await screen(page, 'en-people');

  // Back to Vietnamese, without a reload.
  await page.getByRole('banner').getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(pages(page).getByRole('link')).toHaveText(['Số liệu', 'Người dân', 'Điểm và trạm', 'Nhập gói hồ sơ']);
  await expect(page.getByRole('heading', { name: 'Người dân của xã', level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
});
