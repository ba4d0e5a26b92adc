import path from 'node:path';
import { test, expect, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { startShell } from './support/shell';
import { SEED_ADMIN } from './support/seed';
import { callApi, layoutProblems, openAttract, signIn } from './support/staff-helpers';
import type { RunningShell } from './support/shell';
import { COMMUNE_ROWS, communeWorkbook } from '../support/commune-workbook';

// Screenshots land outside the repo so a run leaves the work tree as it was; DASH_SHOTS moves them.
const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screens', 'dashboard');

const HEADER = 'ma_ho,tinh,xa,thon,chu_ho,ho_ten,nam_sinh,gioi_tinh,so_dien_thoai,ky_nang_dich_vu_cong,ky_nang_mua_sam,ky_nang_thanh_toan,ky_nang_an_toan,ky_nang_nen_tang_so,dong_y,hinh_thuc_dong_y';
const ALL_PROFICIENT = 'thanh-thao,thanh-thao,thanh-thao,thanh-thao,thanh-thao';

/** Two households: one with a member proficient in all five skills, one not yet. */
const GOOD_CSV = [
  HEADER,
  `H01,Thành phố Hà Nội,Xã Phù Đổng,Thôn Phù Dực,Nguyễn Văn Bình,Nguyễn Văn Bình,1962,nam,0912 345 678,${ALL_PROFICIENT},2026-03-02,giay`,
  `H01,Thành phố Hà Nội,Xã Phù Đổng,Thôn Phù Dực,Nguyễn Văn Bình,Trần Thị Ánh,1965,nu,,da-thuc-hanh,chua,da-huong-dan,thanh-thao,chua,2026-03-02,doc-to`,
  `H02,Thành phố Hà Nội,Xã Phù Đổng,Thôn Đổng Viên,Lê Văn Cường,Lê Văn Cường,1958,nam,,thanh-thao,da-thuc-hanh,thanh-thao,thanh-thao,thanh-thao,2026-03-03,man-hinh`,
].join('\r\n');

/** Row 3 has no consent date: the whole file must be refused. */
const BAD_CSV = [
  HEADER,
  `H03,Thành phố Hà Nội,Xã Phù Đổng,Thôn Đổng Viên,Phạm Văn Dũng,Phạm Văn Dũng,1970,nam,,chua,chua,chua,chua,chua,2026-03-04,giay`,
  `H03,Thành phố Hà Nội,Xã Phù Đổng,Thôn Đổng Viên,Phạm Văn Dũng,Phạm Thị Hoa,1972,nu,,chua,chua,chua,chua,chua,,`,
].join('\r\n');

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Các mục cài đặt' }).getByRole('button', { name, exact: true });

/** Screenshots at both kiosk sizes after checking nothing scrolls sideways and every button is big enough. */
async function shoot(page: Page, name: string, focus?: Locator): Promise<void> {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    if (focus) await focus.scrollIntoViewIfNeeded();
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await layoutProblems(page, { fixed: false }), name).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}.png`, fullPage: false, animations: 'disabled' });
  }
}

/** Two finished assistance sessions (one in a campaign) and two anonymous demo runs, through the channels the desk and player use. */
async function addActivity(shell: RunningShell): Promise<void> {
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await callApi<T>(shell, channel, input);
    expect(result.error, channel).toBeUndefined();
    return result.value!;
  };
  const staffList = await call<{ id: string; name: string }[]>('staff:list', {});
  const admin = staffList.find((m) => m.name === SEED_ADMIN.name)!;
  const { session } = await call<{ session: string }>('staff:sign-in', { staffId: admin.id, pin: SEED_ADMIN.pin });
  await call('settings:update', { session, patch: { campaigns: [{ id: 'ngay-hoi-so', name: 'Ngày hội chuyển đổi số', startDate: '2026-01-01', endDate: '2026-12-31' }] } });
  for (const [name, campaign] of [
    ['Nguyễn Văn Bình', 'ngay-hoi-so'],
    ['Trần Thị Ánh', undefined],
  ] as const) {
    const { people } = await call<{ people: { person: { id: string } }[] }>('records:search', { session, text: name });
    const opened = await call<{ session: { id: string } }>('records:open-session', { session, personId: people[0]!.person.id, ...(campaign ? { campaign } : {}) });
    await call('records:finish-session', { session, sessionId: opened.session.id, skills: {}, achievements: [] });
  }
  const { demos } = await call<{ demos: { id: string }[] }>('content:list', {});
  const demo = await call<{ id: string; steps: { id: string }[] }>('content:demo', { id: demos[0]!.id });
  const steps = demo.steps.map((step) => ({ id: step.id, hints: 0, wrongTouches: 0, seconds: 5 }));
  await call('usage:record', { demoId: demo.id, mode: 'guided', outcome: 'completed', steps });
  await call('usage:record', { demoId: demo.id, mode: 'guided', outcome: 'left', steps: steps.slice(0, 2) });
  await call('staff:sign-out', { session });
}

async function importCsv(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('records-import').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${text}`, 'utf8') });
}

test('the dashboard follows an import, exports a readable .xlsx, and a bad file imports nothing', async ({ page }, testInfo) => {
  mkdirSync(SHOTS, { recursive: true });
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page);

    await nav(page, 'Số liệu').click();
    const dashboard = page.getByTestId('dashboard');
    await expect(dashboard.getByRole('heading', { level: 1, name: 'Số liệu' })).toBeVisible();
    await expect(page.getByTestId('dashboard-empty')).toContainText('Chưa có hồ sơ người dân nào');
    await shoot(page, 'dashboard-empty');

    // Import through the screen.
    await page.getByTestId('dashboard-empty').getByRole('button', { name: 'Xuất / nhập dữ liệu' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Xuất / nhập dữ liệu' })).toBeVisible();
    await importCsv(page, 'danh-sach.csv', GOOD_CSV);
    const outcome = page.getByTestId('import-outcome');
    await expect(outcome).toContainText('Đã nhập xong tệp danh-sach.csv.');
    const summary = page.getByTestId('import-summary');
    await expect(summary.getByRole('row', { name: /Hộ gia đình/ })).toContainText('2');
    await expect(summary.getByRole('row', { name: /Người dân/ }).getByRole('cell').first()).toHaveText('3');

    // The same file again changes nothing.
    await importCsv(page, 'danh-sach.csv', GOOD_CSV);
    await expect(outcome).toContainText('Không có gì thay đổi');

    // The figures changed: 1 of 2 households meets the goal.
    await addActivity(shell);
    await nav(page, 'Số liệu').click();
    await expect(page.getByTestId('goal-sentence')).toHaveText('1 / 2 hộ đạt mục tiêu (50%)');
    await expect(page.getByTestId('households-reached')).toHaveText('2');
    await expect(page.getByTestId('people-recorded')).toHaveText('3');
    const hamletRows = page.getByTestId('hamlet-table').locator('tbody tr');
    await expect(hamletRows).toHaveCount(2);
    // Vietnamese collation: Đ sorts after D and before P.
    await expect(hamletRows.nth(0).getByRole('rowheader')).toHaveText('Thôn Đổng Viên');
    await expect(hamletRows.nth(0).getByRole('cell').nth(1)).toHaveText('0');
    await expect(hamletRows.nth(1).getByRole('rowheader')).toHaveText('Thôn Phù Dực');
    await expect(hamletRows.nth(1)).toContainText('100%');
    await expect(page.getByTestId('skill-table').getByRole('row', { name: /Dịch vụ công trực tuyến/ })).toContainText('2 (66,7%)');
    await expect(page.locator('.uplot canvas')).toHaveCount(2);
    await expect(page.getByTestId('campaign-table')).toContainText('Ngày hội chuyển đổi số');
    await expect(page.getByTestId('usage-table')).toContainText('Bước 2: 1 lượt dừng');
    await shoot(page, 'dashboard-data');
    await page.getByTestId('hamlet-table').scrollIntoViewIfNeeded();
    await shoot(page, 'dashboard-data-lower', page.getByTestId('usage-table'));

    // Export .xlsx through the screen and read it back.
    await nav(page, 'Xuất / nhập dữ liệu').click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Excel (.xlsx)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await expect(page.getByTestId('export-outcome')).toContainText('Đã lưu tại:');
    await expect(page.getByTestId('saved-to')).toContainText(shell.dataDir);
    await shoot(page, 'exchange-exported');
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const summarySheet = workbook.getWorksheet('Tổng hợp theo thôn');
    const peopleSheet = workbook.getWorksheet('Danh sách người dân');
    expect(summarySheet, 'summary sheet').toBeDefined();
    expect(peopleSheet, 'people sheet').toBeDefined();
    const summaryRows = summarySheet!.getSheetValues().filter((r): r is ExcelJS.CellValue[] => Array.isArray(r));
    const byHamlet = (name: string) => summaryRows.find((r) => r[1] === name);
    expect(byHamlet('Thôn Đổng Viên')?.slice(3, 5)).toEqual([1, 0]);
    expect(byHamlet('Thôn Phù Dực')?.slice(3, 5)).toEqual([1, 1]);
    expect(byHamlet('Tổng cộng')?.slice(3, 7)).toEqual([2, 1, 50, 3]);
    const names = peopleSheet!
      .getSheetValues()
      .slice(2)
      .filter((r): r is ExcelJS.CellValue[] => Array.isArray(r))
      .map((r) => r[6]);
    expect(names).toEqual(['Lê Văn Cường', 'Nguyễn Văn Bình', 'Trần Thị Ánh']);
    expect(peopleSheet!.getRow(1).getCell(6).value).toBe('Họ và tên');

    // A row without consent: refused with its row number, nothing imported.
    await importCsv(page, 'thieu-dong-y.csv', BAD_CSV);
    await expect(outcome).toContainText('Tệp thieu-dong-y.csv bị từ chối, chưa nhập dòng nào.');
    const problems = page.getByTestId('import-problems').getByRole('listitem');
    await expect(problems).toHaveCount(1);
    await expect(problems.first()).toContainText('Dòng 3:');
    await expect(problems.first()).toContainText('thiếu ngày đồng ý');
    await shoot(page, 'exchange-refused', outcome);

    // Backups: make one, then open "Khôi phục" and read the warning.
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã sao lưu lúc' })).toBeVisible();
    const rows = page.getByTestId('backup-row');
    await expect(rows.first()).toContainText('Mới nhất');
    await rows.first().getByRole('button', { name: /^Khôi phục bản sao lưu lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/ }).scrollIntoViewIfNeeded();
    await shoot(page, 'exchange-backups', rows.first());
    await rows.first().getByRole('button', { name: /^Khôi phục bản sao lưu lúc/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Khôi phục dữ liệu về lúc/ });
    await expect(dialog).toContainText('Dữ liệu hiện tại được sao lưu trước');
    await expect(dialog).toContainText('Người đã bị xóa theo yêu cầu vẫn bị xóa');
    await shoot(page, 'exchange-restore-confirm');
    await dialog.getByRole('button', { name: 'Khôi phục' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã khôi phục dữ liệu về lúc' })).toBeVisible();

    await nav(page, 'Số liệu').click();
    await expect(page.getByTestId('goal-sentence')).toHaveText('1 / 2 hộ đạt mục tiêu (50%)');
    await expect(page.getByTestId('people-recorded')).toHaveText('3');
  } finally {
    await shell.stop();
  }
});

test('a commune’s Excel list imports as it is, naming the sheet read; a bad row is named by its Excel row number', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page);
    await nav(page, 'Xuất / nhập dữ liệu').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Xuất / nhập dữ liệu' })).toBeVisible();
    await expect(page.getByText('Tệp Excel (.xlsx) hoặc .csv của xã')).toBeVisible();
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const bad = [...COMMUNE_ROWS, { ...COMMUNE_ROWS[2]!, ma_ho: 'PD-03', ho_ten: 'Phạm Văn Dũng', chu_ho: 'Phạm Văn Dũng', dong_y: null }];
    await page.getByTestId('records-import').setInputFiles({ name: 'danh-sach-loi.xlsx', mimeType: xlsx, buffer: await communeWorkbook(bad) });
    const outcome = page.getByTestId('import-outcome');
    await expect(outcome).toContainText('Tệp danh-sach-loi.xlsx bị từ chối, chưa nhập dòng nào.');
    await expect(page.getByTestId('import-problems').getByRole('listitem')).toHaveText([/^Dòng 8: thiếu ngày đồng ý/]);
    await shoot(page, 'exchange-refused-xlsx', outcome);

    await page.getByTestId('records-import').setInputFiles({ name: 'danh-sach-xa-phu-dong.xlsx', mimeType: xlsx, buffer: await communeWorkbook() });
    await expect(outcome).toContainText('Đã nhập xong tệp danh-sach-xa-phu-dong.xlsx.');
    await expect(page.getByTestId('import-sheet')).toHaveText('Đã đọc trang tính “Danh sách hộ”.');
    const summary = page.getByTestId('import-summary');
    await expect(summary.getByRole('row', { name: /Hộ gia đình/ }).getByRole('cell').first()).toHaveText('2');
    await expect(summary.getByRole('row', { name: /Người dân/ }).getByRole('cell').first()).toHaveText('3');
    await shoot(page, 'exchange-imported-xlsx', outcome);

    const found = await callApi<{ people: { person: { phone?: string; birthYear: number } }[] }>(shell, 'records:search', { session: await adminSession(shell), text: 'nguyen van binh' });
    expect(found.value?.people[0]?.person).toMatchObject({ phone: '0912345678', birthYear: 1962 });
    await nav(page, 'Số liệu').click();
    await expect(page.getByTestId('goal-sentence')).toHaveText('1 / 2 hộ đạt mục tiêu (50%)');
  } finally {
    await shell.stop();
  }
});

/** A fresh admin session through the API (the screen keeps its own). */
async function adminSession(shell: RunningShell): Promise<string> {
  const staffList = await callApi<{ id: string; name: string }[]>(shell, 'staff:list', {});
  const admin = staffList.value!.find((m) => m.name === SEED_ADMIN.name)!;
  return (await callApi<{ session: string }>(shell, 'staff:sign-in', { staffId: admin.id, pin: SEED_ADMIN.pin })).value!.session;
}
