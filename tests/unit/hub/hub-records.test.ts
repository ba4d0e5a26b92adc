import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../../electron/services/records/exchange';
import type { Actor } from '../../../hub/server/actor';
import { importBundleAtHub } from '../../../hub/server/bundles';
import type { Hub } from '../../../hub/server/hub';
import { makeReport } from '../../../hub/server/reports';
import { readAudit, scopeName } from '../../../hub/server/audit';
import { HA_NOI, openRecords, personInput } from '../records/support/records';
import { freshHub, PLACES } from './hub-fixture';

const SEAL = { passphrase: 'bon-nam-sau-bay-tam', sealCost: { N: 2 ** 10, r: 8, p: 1 } };
let hub: Hub;
let close: () => Promise<void>;
const communeAdmin: Actor = { accountId: randomUUID(), name: 'Cán bộ xã', role: 'commune-admin', provinceCode: HA_NOI.provinceCode, communeCode: HA_NOI.communeCode };
const otherAdmin: Actor = { accountId: randomUUID(), name: 'Cán bộ xã khác', role: 'commune-admin', provinceCode: PLACES.provinceCode, communeCode: PLACES.communes[2]! };
const viewer: Actor = { accountId: randomUUID(), name: 'Sở', role: 'province-viewer', provinceCode: HA_NOI.provinceCode, communeCode: null };

beforeAll(async () => {
  ({ hub, close } = await freshHub('pg'));
});
afterAll(async () => close());

async function boothBundle() {
  const booth = await openRecords();
  booth.clock.now = hub.deps.clock();
  const h = await booth.service.addHousehold({ ...HA_NOI, hamlet: 'Tổ dân phố 2', headName: 'Đỗ Văn Minh' });
  await booth.service.addPerson(personInput(h.id, 'Đỗ Thị Ngọc Ánh', 1961));
  await booth.service.addPerson(personInput(h.id, 'Đỗ Văn Phúc', 1988));
  return exportBundle(booth.service, { siteName: 'Điểm lưu động', ...SEAL });
}

describe('bundles carried to the hub on USB', () => {
  it('imports a sealed bundle once, refuses a wrong passphrase, an altered file and another commune’s admin, and logs who imported it', async () => {
    const bundle = await boothBundle();
    await expect(importBundleAtHub(hub, communeAdmin, bundle, 'sai-cum-mat-khau', null)).rejects.toMatchObject({ message: expect.stringContaining('Sai cụm mật khẩu') });
    const altered = Buffer.from(bundle);
    altered[altered.length - 20]! ^= 0xff;
    await expect(importBundleAtHub(hub, communeAdmin, altered, SEAL.passphrase, null)).rejects.toMatchObject({ message: expect.stringContaining('bị sửa đổi') });
    await expect(importBundleAtHub(hub, otherAdmin, bundle, SEAL.passphrase, null)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('xã khác') });
    await expect(importBundleAtHub(hub, viewer, bundle, SEAL.passphrase, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const first = await importBundleAtHub(hub, communeAdmin, bundle, SEAL.passphrase, '10.0.0.5');
    expect(first).toMatchObject({ households: { added: 1 }, people: { added: 2 }, from: { siteName: 'Điểm lưu động' } });
    const again = await importBundleAtHub(hub, communeAdmin, bundle, SEAL.passphrase, null);
    expect(again).toMatchObject({ households: { added: 0, unchanged: 1 }, people: { added: 0, unchanged: 2 } });
    const log = await readAudit(hub.deps.db, hub.deps.geo, { limit: 10 });
    expect(log.filter((l) => l.action === 'import-bundle')).toHaveLength(2);
    expect(JSON.stringify(log)).not.toContain('Ánh');
  });

  it('gives the commune’s admin the report with names, and a province viewer the figures only; both exports are audited', async () => {
    const named = await makeReport(hub, communeAdmin, { level: 'commune', ...HA_NOI }, 'xlsx', '10.0.0.5');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(named.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Tổng hợp theo thôn', 'Theo kỹ năng', 'Danh sách người dân']);
    const names = book.getWorksheet('Danh sách người dân')!.getColumn(6).values.slice(2);
    expect(names).toEqual(['Đỗ Thị Ngọc Ánh', 'Đỗ Văn Phúc']);

    const figures = await makeReport(hub, viewer, { level: 'province', provinceCode: HA_NOI.provinceCode }, 'xlsx', null);
    const summary = new ExcelJS.Workbook();
    await summary.xlsx.load(figures.bytes as unknown as ArrayBuffer);
    expect(summary.worksheets.map((w) => w.name)).toEqual(['Tổng hợp theo thôn', 'Theo kỹ năng']);
    const csv = (await makeReport(hub, viewer, { level: 'commune', ...HA_NOI }, 'csv', null)).bytes.toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Tổ dân phố 2');
    expect(csv).not.toContain('Ánh');
    const exports = (await readAudit(hub.deps.db, hub.deps.geo, { limit: 20 })).filter((l) => l.action === 'export');
    expect(exports.map((e) => e.detail?.names)).toEqual([false, false, true]);
    // The log names the place, whichever way its scope was written.
    expect(exports.map((e) => e.scopeName)).toEqual(['Phường Ba Đình, Thành phố Hà Nội', 'Thành phố Hà Nội', 'Phường Ba Đình, Thành phố Hà Nội']);
    expect([scopeName(hub.deps.geo, '01'), scopeName(hub.deps.geo, '00004'), scopeName(hub.deps.geo, 'toan-bo'), scopeName(hub.deps.geo, 'xa-99999'), scopeName(hub.deps.geo, null)]).toEqual([
      'Thành phố Hà Nội',
      'Phường Ba Đình, Thành phố Hà Nội',
      null,
      null,
      null,
    ]);
  });
});
