import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Locator, type Page } from '@playwright/test';
import type { Demo, Household, Person, PersonHit, Session } from '../../electron/api/types';
import { expectAccessible } from './support/a11y';
import { playThrough, typeOnKeyboard } from './support/autoplay';
import { keysForText } from '../support/telex';
import { SEED_ADMIN } from './support/seed';
import { startShell, type RunningShell } from './support/shell';
import { callApi, layoutProblems, openAttract, signIn, tapPin } from './support/staff-helpers';

// Screens saved for looking at, beside the other specs' screenshots.
const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screens', 'records');
const DEMO_ID = 'nhan-biet-cua-hang-gia';

test.use({ viewport: { width: 1366, height: 768 } });

/** Saves the screen at 1366×768 and 1920×1080 (for looking at), and checks nothing scrolls sideways and every target is ≥ 64 px. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => new Promise(requestAnimationFrame));
    expect(await layoutProblems(page, { fixed: false }), `${name} ${size.width}`).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png`, animations: 'disabled' });
  }
}


/** Opens the dashboard and returns the "Thành thạo" cell of one skill's row in the coverage table. */
async function proficientIn(page: Page, skill: string): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Các mục cài đặt' }).getByRole('button', { name: 'Số liệu', exact: true }).click();
  return page.getByTestId('skill-table').getByRole('row', { name: new RegExp(skill) }).getByRole('cell').first();
}

/** A staff session for direct calls, as the admin. */
async function apiSession(shell: RunningShell): Promise<string> {
  const list = await callApi<{ id: string; name: string }[]>(shell, 'staff:list', {});
  const admin = list.value!.find((s) => s.name === SEED_ADMIN.name)!;
  const signedIn = await callApi<{ session: string }>(shell, 'staff:sign-in', { staffId: admin.id, pin: SEED_ADMIN.pin });
  return signedIn.value!.session;
}

/** The person found by `text`, with their sessions, read straight from the core. */
async function personNamed(shell: RunningShell, text: string): Promise<{ person: Person; household: Household | null; sessions: Session[] }> {
  const session = await apiSession(shell);
  const found = await callApi<{ people: PersonHit[] }>(shell, 'records:search', { session, text });
  const id = found.value!.people[0]!.person.id;
  const read = await callApi<{ person: Person; household: Household | null; sessions: Session[] }>(shell, 'records:person', { session, id });
  return read.value!;
}

/** As the citizen: from the skill list to the demo's first step. */
async function openDemo(page: Page, shell: RunningShell): Promise<Demo> {
  await page.getByRole('button', { name: /Mua sắm trực tuyến/ }).click();
  const card = page.locator(`[data-testid="demo-card"][data-demo-id="${DEMO_ID}"]`);
  await expect(page.getByTestId('demo-card').first()).toBeVisible();
  for (let i = 0; i < 5 && !(await card.isVisible()); i++) {
    const before = await page.locator('.pager p').textContent();
    await page.getByRole('button', { name: 'Trang sau' }).click();
    await expect(page.locator('.pager p')).not.toHaveText(before ?? '');
  }
  await card.click();
  await expect(page.getByTestId('demo-player')).toBeVisible();
  return (await callApi<Demo>(shell, 'content:demo', { id: DEMO_ID })).value!;
}

/** Staff, on the records home: "Thêm người mới", then a new household in Thôn Phù Dực headed by `head`, not saved yet. */
async function typeNewHousehold(page: Page, head: string): Promise<void> {
  await page.getByTestId('add-person').click();
  await page.getByTestId('new-household').click();
  await page.getByRole('radio', { name: 'Thôn Phù Dực' }).check();
  await page.getByLabel('Họ tên chủ hộ').fill(head);
}

/** Staff: the records section of the staff home. */
async function openRecords(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Hồ sơ người dân' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ người dân' })).toBeVisible();
}

test('staff record a citizen with consent, hand over for a demo, confirm the levels, and the dashboard and the export show it', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page);
    await openRecords(page);
    await shot(page, 'records-home');

    // Household: the site's commune is the default; the hamlet is one touch.
    await page.getByTestId('add-person').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Người này thuộc hộ nào?' })).toBeVisible();
    await shot(page, 'household-search');
    await page.getByTestId('new-household').click();
    await expect(page.getByText('Xã Phù Đổng, Thành phố Hà Nội')).toBeVisible();
    await page.getByRole('radio', { name: 'Thôn Phù Dực' }).check();
    await page.getByRole('button', { name: 'Lưu hộ và tiếp tục' }).click();
    await expect(page.getByText('Chưa nhập tên chủ hộ.')).toBeVisible();
    await page.getByLabel('Họ tên chủ hộ').fill('Trần Văn Bình');
    await shot(page, 'household-new');
    await page.getByRole('button', { name: 'Lưu hộ và tiếp tục' }).click();

    // The person: the head's name is offered; a refused year shows on its field.
    await expect(page.getByRole('heading', { level: 1, name: 'Thông tin người được hỗ trợ' })).toBeVisible();
    await expect(page.getByLabel('Họ và tên')).toHaveValue('Trần Văn Bình');
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Ánh');
    await page.getByLabel('Năm sinh').fill('1850');
    await page.getByTestId('person-next').click();
    await expect(page.getByText(/Năm sinh phải là số có 4 chữ số, từ 1900 đến/)).toBeVisible();
    await page.getByLabel('Năm sinh').fill('1958');
    await page.getByLabel('Số điện thoại (không bắt buộc)').fill('0912 345 678');
    await page.locator('[data-skill="dich-vu-cong"]').getByRole('radio', { name: 'Đã được hướng dẫn' }).check();
    await page.getByRole('checkbox', { name: 'Đã kích hoạt tài khoản định danh điện tử VNeID mức 2' }).check();
    await shot(page, 'person-form');
    await page.getByTestId('person-next').click();

    // Consent, shown to the citizen.
    await expect(page.getByRole('heading', { name: 'Đồng ý cho lưu thông tin hỗ trợ kỹ năng số' })).toBeVisible();
    await shot(page, 'consent');
    await page.getByRole('button', { name: 'In phiếu đồng ý' }).click();
    await expect(page.getByTestId('consent-slip')).toContainText('Chữ ký của người dân');
    await shot(page, 'consent-slip');
    await page.getByRole('button', { name: 'Đóng' }).click();
    await page.getByRole('radio', { name: 'Ký phiếu giấy' }).check();
    await page.getByTestId('consent-agree').click();

    // The person page.
    await expect(page.getByTestId('person-page')).toBeVisible();
    await expect(page.getByText('Đã lưu hồ sơ của Nguyễn Thị Ánh.')).toBeVisible();
    await shot(page, 'person-page');

    // The dashboard counts the new household; nobody is proficient in staying safe online yet.
    await expect(await proficientIn(page, 'Tự bảo vệ mình trên không gian mạng')).toHaveText(/^0\b/);
    await expect(page.getByTestId('goal-sentence')).toHaveText('0 / 1 hộ đạt mục tiêu (0%)');
    await openRecords(page);

    // Search ignores diacritics.
    await page.getByLabel('Tìm theo họ tên, năm sinh hoặc số điện thoại').fill('nguyen thi anh');
    await expect(page.getByTestId('person-hit')).toHaveCount(1);
    await expect(page.getByTestId('person-hit')).toContainText('Sinh năm 1958 · Thôn Phù Dực');
    await shot(page, 'records-search');
    await page.getByTestId('person-hit').click();

    // Open a session and hand the kiosk over.
    await page.getByTestId('start-session').click();
    await expect(page.getByRole('heading', { name: 'Trao máy cho bác Ánh' })).toBeVisible();
    await shot(page, 'handover');
    await page.getByTestId('handover-go').click();

    // The citizen side, with the small banner.
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'home');
    await expect(page.getByTestId('assist-banner')).toHaveText('Đang hỗ trợ: bác Ánh');
    await shot(page, 'citizen-assisted');
    const demo = await openDemo(page, shell);
    await playThrough(page, demo);
    await expect(page.getByTestId('demo-summary')).toBeVisible();

    // Staff come back: straight to finishing the session.
    await signIn(page);
    await expect(page.getByTestId('finish-session')).toBeVisible();
    const run = page.locator(`[data-testid="run-row"][data-demo-id="${DEMO_ID}"]`);
    await expect(run).toContainText('Làm xong');
    // The demo's skill is raised to "Đã thực hành"; the others keep their level.
    await expect(page.locator('[data-skill="mua-sam"]').getByRole('radio', { name: 'Đã thực hành' })).toBeChecked();
    await expect(page.locator('[data-skill="dich-vu-cong"]').getByRole('radio', { name: 'Đã được hướng dẫn' })).toBeChecked();
    await page.locator('[data-skill="an-toan"]').getByRole('radio', { name: 'Thành thạo' }).check();
    await shot(page, 'finish-session');
    await page.getByTestId('finish-confirm').click();
    await expect(page.getByText('Đã kết thúc phiên và lưu mức kỹ năng của Nguyễn Thị Ánh.')).toBeVisible();
    await expect(page.getByTestId('session-row')).toHaveAttribute('data-state', 'done');
    await shot(page, 'person-after');

    const saved = await personNamed(shell, 'nguyen thi anh');
    expect(saved.person.consent.method).toBe('giay');
    expect(saved.person.phone).toBe('0912345678');
    expect(saved.person.skills).toMatchObject({ 'mua-sam': 'da-thuc-hanh', 'dich-vu-cong': 'da-huong-dan', 'an-toan': 'thanh-thao', 'thanh-toan': 'chua' });
    expect(saved.person.achievements).toEqual(['vneid-muc-2']);
    expect(saved.household?.hamlet).toBe('Thôn Phù Dực');
    expect(saved.sessions).toHaveLength(1);
    expect(saved.sessions[0]!.state).toBe('done');
    expect(saved.sessions[0]!.demos).toEqual([expect.objectContaining({ demoId: DEMO_ID, completed: true })]);

    // The dashboard changed, and the Excel export carries her, ready to send upward.
    await expect(await proficientIn(page, 'Tự bảo vệ mình trên không gian mạng')).toHaveText(/^1\b/);
    await page.getByRole('navigation', { name: 'Các mục cài đặt' }).getByRole('button', { name: 'Xuất / nhập dữ liệu', exact: true }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Excel (.xlsx)' }).click();
    const file = testInfo.outputPath('ho-so.xlsx');
    await (await downloading).saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const people = workbook.getWorksheet('Danh sách người dân')!;
    const row = people.getSheetValues().find((r): r is ExcelJS.CellValue[] => Array.isArray(r) && r.includes('Nguyễn Thị Ánh'));
    expect(row, 'her row in the people sheet').toBeDefined();
    expect(row).toContain(1958);
    expect(row).toContain('Thôn Phù Dực');
  } finally {
    await shell.stop();
  }
});

test('staff type a name on the on-screen Vietnamese keyboard (Telex), with no physical keyboard', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page);
    await openRecords(page);
    await typeNewHousehold(page, 'Lê Tám');
    await page.getByRole('button', { name: 'Lưu hộ và tiếp tục' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Thông tin người được hỗ trợ' })).toBeVisible();
    const name = page.getByLabel('Họ và tên');
    await expect(name).toHaveValue('Lê Tám');

    // The keyboard opens from its button only, docked at the bottom with the field's label and text.
    await page.getByRole('button', { name: 'Bàn phím: Họ và tên' }).click();
    const sheet = page.getByRole('dialog', { name: 'Bàn phím', exact: true });
    await expect(sheet.getByText('Họ và tên', { exact: true })).toBeVisible();
    await expect(sheet).toBeVisible();
    const keyboard = sheet.getByRole('group', { name: 'Bàn phím' });
    await expect(keyboard.locator('output')).toHaveText('Lê Tám');
    await expect(keyboard.getByTestId('keyboard-method')).toHaveAttribute('data-method', 'telex');
    // Docked: its bottom edge is the screen's (once it has risen into place).
    await expect.poll(async () => Math.round(((await sheet.boundingBox())?.y ?? 0) + ((await sheet.boundingBox())?.height ?? 0))).toBe(768);
    // The head's name offered in the field is erased on the keyboard too.
    for (let i = 0; i < 10 && (await keyboard.locator('output').textContent()) !== ''; i++) await keyboard.getByRole('button', { name: /^⌫/ }).click();
    await expect(keyboard.locator('output')).toHaveText('');
    // Telex, key by key: N g u y e e n x ␣ T h i j ␣ A a n h s.
    for (const ch of keysForText('Nguyễn Thị Ánh', 'telex')) {
      if (ch === ' ') {
        await keyboard.getByRole('button', { name: /dấu cách/ }).click();
        continue;
      }
      if (ch !== ch.toLowerCase()) await keyboard.getByRole('button', { name: /Chữ hoa/ }).click();
      await keyboard.getByRole('button', { name: ch, exact: true }).click();
    }
    await expect(keyboard.locator('output')).toHaveText('Nguyễn Thị Ánh');
    await expect(name, 'the field changes only on "Xong"').toHaveValue('Lê Tám');
    await shot(page, 'keyboard-person-form');
    await expectAccessible(page, 'keyboard open over the person form');
    await keyboard.getByRole('button', { name: 'Xong', exact: true }).click();
    await expect(sheet).toBeHidden();
    await expect(name).toHaveValue('Nguyễn Thị Ánh');

    // The year opens the digit pad.
    await page.getByRole('button', { name: 'Bàn phím: Năm sinh' }).click();
    await expect(sheet.getByText('Năm sinh', { exact: true })).toBeVisible();
    await expect(sheet.getByTestId('keyboard-method')).toHaveCount(0);
    await shot(page, 'keyboard-digits');
    await typeOnKeyboard(page, '1958');
    await expect(page.getByLabel('Năm sinh')).toHaveValue('1958');

    // Escape closes without changing the field.
    await page.getByRole('button', { name: 'Bàn phím: Năm sinh' }).click();
    await sheet.getByRole('button', { name: '0', exact: true }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByLabel('Năm sinh')).toHaveValue('1958');

    await page.getByTestId('person-next').click();
    await expect(page.getByRole('heading', { name: 'Đồng ý cho lưu thông tin hỗ trợ kỹ năng số' })).toBeVisible();
    await page.getByRole('radio', { name: 'Ký phiếu giấy' }).check();
    await page.getByTestId('consent-agree').click();
    await expect(page.getByText('Đã lưu hồ sơ của Nguyễn Thị Ánh.')).toBeVisible();

    const saved = await personNamed(shell, 'nguyen thi anh');
    expect(saved.person.fullName).toBe('Nguyễn Thị Ánh'.normalize('NFC'));
    expect(saved.person.fullName.normalize('NFC')).toBe(saved.person.fullName);
    expect(saved.person.birthYear).toBe(1958);
  } finally {
    await shell.stop();
  }
});

test('a likely duplicate is offered, and the idle reset keeps an assisted session as unfinished', async ({ page }) => {
  test.setTimeout(180_000);
  const shell = await startShell({ seeded: true });
  try {
    // Already recorded, e.g. at an earlier visit.
    const session = await apiSession(shell);
    const settings = await callApi<{ site: { provinceCode: string; communeCode: string } }>(shell, 'settings:get', {});
    const site = settings.value!.site;
    const household = await callApi<Household>(shell, 'records:add-household', { session, provinceCode: site.provinceCode, communeCode: site.communeCode, hamlet: 'Thôn Lê Xá', headName: 'Lê Văn Tám' });
    const added = await callApi<Person>(shell, 'records:add-person', {
      session,
      householdId: household.value!.id,
      fullName: 'Lê Thị Hoa',
      birthYear: 1949,
      consent: { version: 'v1', method: 'man-hinh' },
    });
    expect(added.ok).toBe(true);

    await page.clock.install();
    await openAttract(page, shell.url);
    await signIn(page);
    await openRecords(page);

    // The same name, year and hamlet: staff are asked before the citizen is.
    await page.getByTestId('add-person').click();
    await page.getByLabel('Tìm hộ theo tên chủ hộ hoặc thôn').fill('le xa');
    await page.getByRole('button', { name: /Chủ hộ: Lê Văn Tám/ }).click();
    await page.getByLabel('Họ và tên').fill('le thi hoa');
    await page.getByLabel('Năm sinh').fill('1949');
    await page.getByTestId('person-next').click();
    await expect(page.getByRole('dialog', { name: 'Có thể đã có người này' })).toBeVisible();
    await expect(page.getByTestId('duplicate-person')).toContainText('Lê Thị Hoa');
    await shot(page, 'duplicate');
    await page.getByRole('button', { name: 'Đây là cùng một người' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lê Thị Hoa' })).toBeVisible();

    await page.getByTestId('start-session').click();
    await page.getByTestId('handover-go').click();
    await expect(page.getByTestId('assist-banner')).toHaveText('Đang hỗ trợ: bác Hoa');
    const demo = await openDemo(page, shell);
    await playThrough(page, demo);

    // Nobody touches the screen: the visit ends, the session is kept as unfinished with its result.
    await page.clock.runFor(120_000);
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
    await expect(page.getByTestId('assist-banner')).toHaveCount(0);
    await expect
      .poll(async () => (await personNamed(shell, 'le thi hoa')).sessions[0]?.state, { timeout: 10_000 })
      .toBe('unfinished');
    const kept = await personNamed(shell, 'le thi hoa');
    expect(kept.sessions[0]!.demos).toEqual([expect.objectContaining({ demoId: DEMO_ID, completed: true })]);

    // Staff find it under "Phiên chưa xong" on the records home, and finish it from the person page.
    await signIn(page, { clock: true });
    await openRecords(page);
    const unfinished = page.getByTestId('unfinished-sessions');
    await expect(unfinished.getByRole('heading', { name: 'Phiên chưa xong' })).toBeVisible();
    const row = unfinished.getByTestId('unfinished-row');
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-state', 'unfinished');
    await expect(row).toContainText('Lê Thị Hoa');
    await expect(row).toContainText('Chưa xong');
    await expect(row).toContainText('1 bài đã làm');
    await expect(row).toContainText(/Bắt đầu \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await shot(page, 'records-unfinished');
    await expectAccessible(page, 'records home with unfinished sessions');
    await row.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lê Thị Hoa' })).toBeVisible();
    await page.getByRole('button', { name: 'Kết thúc phiên này' }).click();
    await expect(page.locator('[data-skill="mua-sam"]').getByRole('radio', { name: 'Đã thực hành' })).toBeChecked();
    await page.getByTestId('finish-confirm').click();
    await expect(page.getByTestId('session-row')).toHaveAttribute('data-state', 'done');
    // Finished: the list empties, and its block goes.
    await page.getByRole('button', { name: 'Về danh sách' }).click();
    await expect(page.getByTestId('add-person')).toBeVisible();
    await expect(page.getByTestId('unfinished-sessions')).toHaveCount(0);
  } finally {
    await shell.stop();
  }
});

test('a record half filled in when staff mode closes by itself opens again where it was left, for the same staff member', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = await startShell({ seeded: true });
  try {
    await page.clock.install();
    await openAttract(page, shell.url);
    await signIn(page);
    await openRecords(page);
    // A new household half typed in, and nobody touches the screen: staff mode asks, then closes by itself.
    await typeNewHousehold(page, 'Trần Văn Bình');
    await page.clock.runFor(120_000);
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
    await signIn(page, { clock: true });
    await expect(page.getByTestId('draft-reopened')).toBeVisible();
    await expect(page.getByLabel('Họ tên chủ hộ')).toHaveValue('Trần Văn Bình');
    await expect(page.getByRole('radio', { name: 'Thôn Phù Dực' })).toBeChecked();
    await page.getByRole('button', { name: 'Lưu hộ và tiếp tục' }).click();
    await expect(page.getByLabel('Họ và tên')).toHaveValue('Trần Văn Bình');
    await page.getByLabel('Họ và tên').fill('Trần Thị Cúc');
    await page.getByLabel('Năm sinh').fill('1961');
    await page.getByLabel(/Số điện thoại/).fill('0912 345 678');
    await page.locator('[data-skill="thanh-toan"]').getByRole('radio', { name: 'Đã được hướng dẫn' }).check();
    await page.getByTestId('person-next').click();
    await expect(page.getByRole('heading', { name: 'Đồng ý cho lưu thông tin hỗ trợ kỹ năng số' })).toBeVisible();

    // The citizen reads the consent text: after 90 quiet seconds staff are asked, and answering keeps the screen.
    await page.clock.runFor(90_000);
    await page.getByRole('button', { name: 'Tôi vẫn đang làm' }).click();
    await expect(page.getByRole('heading', { name: 'Đồng ý cho lưu thông tin hỗ trợ kỹ năng số' })).toBeVisible();
    // Nobody answers the next time: staff mode closes by itself.
    await page.clock.runFor(120_000);
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');

    // The same staff member signs in again and lands on the consent step, with everything typed kept.
    await signIn(page, { clock: true });
    await expect(page.getByTestId('draft-reopened')).toContainText('Đã mở lại phần đang nhập dở');
    await expect(page.getByRole('heading', { name: 'Đồng ý cho lưu thông tin hỗ trợ kỹ năng số' })).toBeVisible();
    await shot(page, 'draft-reopened');
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await expect(page.getByLabel('Họ và tên')).toHaveValue('Trần Thị Cúc');
    await expect(page.getByLabel('Năm sinh')).toHaveValue('1961');
    await expect(page.locator('[data-skill="thanh-toan"]').getByRole('radio', { name: 'Đã được hướng dẫn' })).toBeChecked();
    await page.getByTestId('person-next').click();
    await page.getByTestId('consent-agree').click();
    await expect(page.getByText('Đã lưu hồ sơ của Trần Thị Cúc.')).toBeVisible();
    const saved = await personNamed(shell, 'tran thi cuc');
    expect(saved).toMatchObject({ person: { birthYear: 1961, phone: '0912345678', skills: { 'thanh-toan': 'da-huong-dan' } }, household: { hamlet: 'Thôn Phù Dực', headName: 'Trần Văn Bình' } });

    // An edit left half done comes back the same way, over her page.
    await expect(page.getByTestId('person-page')).toBeVisible();
    await page.getByRole('button', { name: 'Sửa', exact: true }).click();
    await page.getByLabel(/Số điện thoại/).fill('0987 654 321');
    await page.clock.runFor(120_000);
    await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
    await signIn(page, { clock: true });
    await expect(page.getByTestId('person-page')).toContainText('Đã mở lại phần đang nhập dở');
    await expect(page.getByLabel(/Số điện thoại/)).toHaveValue('0987 654 321');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(async () => (await personNamed(shell, 'tran thi cuc')).person.phone).toBe('0987654321');

    // Saved: signing in again opens the usual home, not the form.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: SEED_ADMIN.name }).click();
    await tapPin(page, SEED_ADMIN.pin);
    await expect(page.locator('.pane')).toHaveAttribute('data-section', 'overview');
  } finally {
    await shell.stop();
  }
});
