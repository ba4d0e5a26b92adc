import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startShell } from './support/shell';
import { callApi, capture, openAttract, signIn } from './support/staff-helpers';
import { SEED_ADMIN } from './support/seed';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Các mục cài đặt' }).getByRole('button', { name, exact: true });

test('a booth exports its records sealed under a passphrase, and the commune opens it only with that passphrase', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const booth = await startShell({ seeded: true });
  const commune = await startShell({ seeded: true });
  try {
    const staff = await callApi<{ id: string; name: string }[]>(booth, 'staff:list', {});
    const session = (await callApi<{ session: string }>(booth, 'staff:sign-in', { staffId: staff.value!.find((s) => s.name === SEED_ADMIN.name)!.id, pin: SEED_ADMIN.pin })).value!.session;
    const settings = await callApi<{ site: { provinceCode: string; communeCode: string } }>(booth, 'settings:get', {});
    const household = await callApi<{ id: string }>(booth, 'records:add-household', { session, provinceCode: settings.value!.site.provinceCode, communeCode: settings.value!.site.communeCode, hamlet: 'Thôn Lê Xá', headName: 'Hoàng Văn Lâm' });
    await callApi(booth, 'records:add-person', { session, householdId: household.value!.id, fullName: 'Hoàng Thị Mận', birthYear: 1949, consent: { version: 'v1', method: 'doc-to' } });

    // At the booth: the bundle asks for a passphrase before anything is written.
    await openAttract(page, booth.url);
    await signIn(page);
    await nav(page, 'Xuất / nhập dữ liệu').click();
    await page.getByRole('button', { name: 'Gói hợp nhất (đã khóa)' }).click();
    const seal = page.getByRole('dialog', { name: 'Đặt cụm mật khẩu cho gói hồ sơ' });
    await seal.getByLabel('Cụm mật khẩu').fill('ngan');
    await seal.getByRole('button', { name: 'Khóa và xuất gói' }).click();
    await expect(seal.getByText('Cụm mật khẩu phải có ít nhất 10 ký tự.')).toBeVisible();
    await seal.getByRole('button', { name: 'Tạo cụm mật khẩu' }).click();
    const passphrase = await seal.getByLabel('Cụm mật khẩu').inputValue();
    expect(passphrase).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await capture(page, 'exchange-seal-dialog');
    const downloading = page.waitForEvent('download');
    await seal.getByRole('button', { name: 'Khóa và xuất gói' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.tkns$/);
    await expect(page.getByTestId('sealed-with')).toContainText(passphrase);
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 9).toString('latin1')).toBe('TKNS-SEAL');
    expect(bytes.toString('latin1')).not.toContain('Mận');

    // At the commune: a wrong passphrase is refused and nothing is imported; the right one opens it.
    await openAttract(page, commune.url);
    await signIn(page);
    await nav(page, 'Xuất / nhập dữ liệu').click();
    await page.getByTestId('records-import').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/octet-stream', buffer: bytes });
    const open = page.getByRole('dialog', { name: /Mở gói đã khóa/ });
    await open.getByLabel('Cụm mật khẩu').fill('sai-cum-mat-khau');
    await open.getByRole('button', { name: 'Mở và nhập' }).click();
    await expect(open.getByText(/Sai cụm mật khẩu/)).toBeVisible();
    await capture(page, 'exchange-open-wrong');
    await open.getByLabel('Cụm mật khẩu').fill(passphrase);
    await open.getByRole('button', { name: 'Mở và nhập' }).click();
    await expect(page.getByTestId('import-outcome')).toContainText('Đã nhập');
    await expect(page.getByTestId('import-summary')).toContainText('1');
    const found = await callApi<{ people: unknown[] }>(commune, 'records:search', { session: (await callApi<{ session: string }>(commune, 'staff:sign-in', { staffId: (await callApi<{ id: string; name: string }[]>(commune, 'staff:list', {})).value!.find((s) => s.name === SEED_ADMIN.name)!.id, pin: SEED_ADMIN.pin })).value!.session, text: 'hoang thi man' });
    expect(found.value!.people).toHaveLength(1);
  } finally {
    await booth.stop();
    await commune.stop();
  }
});
