import net from 'node:net';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../electron/services/logger';
import { SyncService } from '../../../electron/services/sync/sync-service';
import type { Actor } from '../../../hub/server/actor';
import { refreshAll } from '../../../hub/server/aggregates';
import { dashboardView } from '../../../hub/server/dashboard';
import { startHubServer, type HubServer } from '../../../hub/server/http';
import { openHub, type Hub } from '../../../hub/server/hub';
import { erasePerson } from '../../../hub/server/records';
import { hubCertificate, type HubCertificate } from '../../../hub/server/tls';
import { HA_NOI, openRecords, personInput } from '../records/support/records';
import { freshDb, geo, MIGRATIONS } from './hub-fixture';

let cert: HubCertificate;
let hub: Hub;
let server: HubServer | null;
let port = 0;
let admin: Actor;
let cleanup: () => Promise<void>;
const hubClock = { now: Date.parse('2026-03-02T03:00:00.000Z') };

async function serve(): Promise<void> {
  server = await startHubServer({ hub, webDir: os.tmpdir(), tls: { cert: cert.cert, key: cert.key }, host: '127.0.0.1', port });
  port = server.port;
}

beforeAll(async () => {
  cert = await hubCertificate({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'hub-cert-')) });
  const fresh = await freshDb('pg');
  cleanup = fresh.cleanup;
  hub = await openHub({ db: fresh.db, geo, log: createMemoryLogger(), migrationsDir: MIGRATIONS, pin: cert.pin, refreshEveryMs: 0, clock: () => hubClock.now, passwordCost: { N: 2 ** 10, r: 8, p: 1 } });
  await serve();
  const code = await hub.accounts.newSetupCode();
  admin = (await hub.accounts.completeSetup({ setupCode: code, username: 'quantri', displayName: 'Quản trị', password: 'mat-khau-rat-dai-2026' }, null)).actor;
});

afterAll(async () => {
  await server?.close();
  await hub.close();
  await cleanup();
});

/** A kiosk (records in a temp folder, its own clock) enrolled with the hub under a new site. */
async function enrolledKiosk(kind: 'xa' | 'diem', name: string, options: { url?: string } = {}) {
  const kiosk = await openRecords();
  kiosk.clock.now = hubClock.now;
  const sync = new SyncService({ dataDir: kiosk.dir, records: kiosk.service, geo, log: kiosk.log, appVersion: 'test', clock: () => kiosk.clock.now, auto: false });
  await sync.open();
  const site = await hub.sites.createSite(admin, { kind, ...HA_NOI, name });
  const issued = await hub.sites.issueCode(admin, site.id, server!.url);
  const status = await sync.enrol({ url: options.url ?? server!.url, code: issued.code, kioskName: `Máy ${name}` });
  return { ...kiosk, sync, status };
}

const communeView = async () => {
  await refreshAll(hub.deps.db);
  return dashboardView(hub.deps.db, geo, { level: 'commune', ...HA_NOI });
};

describe('a kiosk syncing with its hub', () => {
  it('pushes what changed, pulls the commune’s households for a booth, and an erasure at the hub reaches the kiosk', async () => {
    const counter = await enrolledKiosk('xa', 'Bộ phận một cửa');
    expect(counter.status).toMatchObject({ state: 'idle', site: { name: 'Bộ phận một cửa' }, waiting: { total: 0 } });
    const household = await counter.service.addHousehold({ ...HA_NOI, hamlet: 'Tổ dân phố 5', headName: 'Nguyễn Văn An' });
    const anh = await counter.service.addPerson(personInput(household.id, 'Nguyễn Thị Ánh', 1958));
    expect(counter.sync.status().waiting).toMatchObject({ households: 1, people: 1, total: 2 });
    const after = await counter.sync.syncNow();
    expect(after).toMatchObject({ state: 'idle', waiting: { total: 0 }, lastError: null });
    expect(after.lastSyncAt).not.toBeNull();
    expect((await communeView()).totals).toMatchObject({ households: 1, people: 1 });

    // A booth of the same commune finds the household, adds a member to it, and she reaches the hub.
    const booth = await enrolledKiosk('diem', 'Điểm chợ phiên');
    expect(booth.service.searchHouseholds('nguyen van an')).toHaveLength(1);
    expect(booth.service.search('anh')).toHaveLength(0);
    expect(booth.status.waiting.total).toBe(0);
    await booth.service.addPerson(personInput(household.id, 'Nguyễn Văn Bình', 1990));
    await booth.sync.syncNow();
    expect((await communeView()).totals).toMatchObject({ households: 1, people: 2 });

    // The commune's admin erases Ánh at the hub; the kiosk that holds her drops her at its next sync.
    await hub.writing(() => hub.deps.db.transaction((tx) => erasePerson(tx, { ...admin, role: 'commune-admin', communeCode: HA_NOI.communeCode, provinceCode: HA_NOI.provinceCode }, anh.id, 'yeu-cau', { at: hubClock.now, ip: null })));
    await counter.sync.syncNow();
    expect(counter.service.getPerson(anh.id)).toBeNull();
    expect(counter.sync.status().waiting.total).toBe(0);
    expect((await communeView()).totals).toMatchObject({ people: 1 });
    await counter.sync.close();
    await booth.sync.close();
  });

  it('keeps working with the hub unreachable, says so, and sends everything once it answers again', async () => {
    const kiosk = await enrolledKiosk('diem', 'Nhà văn hóa thôn 3');
    await server!.close();
    server = null;
    const household = await kiosk.service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 3', headName: 'Lê Văn Cường' });
    await kiosk.service.addPerson(personInput(household.id, 'Lê Thị Dung', 1970));
    const offline = await kiosk.sync.syncNow();
    expect(offline).toMatchObject({ state: 'offline', waiting: { total: 2 }, lastError: { code: 'UNAVAILABLE', message: expect.stringContaining('Chưa kết nối được tới máy chủ') } });
    expect(Date.parse(offline.nextAttemptAt!)).toBeGreaterThan(kiosk.clock.now);
    expect(kiosk.service.search('dung')).toHaveLength(1);
    await serve();
    const back = await kiosk.sync.syncNow();
    expect(back).toMatchObject({ state: 'idle', waiting: { total: 0 }, lastError: null });
    await kiosk.sync.close();
  });

  it('resends a batch whose answer was cut off without duplicating anything', async () => {
    // A line that carries the request to the hub, then drops before the answer comes back.
    let drop = true;
    const proxy = net.createServer((client) => {
      const upstream = net.connect(port, '127.0.0.1');
      client.pipe(upstream);
      upstream.on('data', (chunk) => {
        if (drop && chunk.length > 200) {
          setTimeout(() => client.destroy(), 50);
          return;
        }
        client.write(chunk);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    drop = false;
    const kiosk = await enrolledKiosk('diem', 'Điểm qua đường dây chập chờn', { url: `https://127.0.0.1:${(proxy.address() as net.AddressInfo).port}` });
    const household = await kiosk.service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 9', headName: 'Phạm Văn Em' });
    for (const name of ['Phạm Thị Gấm', 'Phạm Văn Hải', 'Phạm Thị Hoa']) await kiosk.service.addPerson(personInput(household.id, name, 1980));
    const before = (await communeView()).totals.people;
    drop = true;
    const cut = await kiosk.sync.syncNow();
    expect(cut.state).toBe('offline');
    expect(cut.waiting.total).toBe(4);
    // The hub did take the batch; the kiosk does not know it yet.
    expect((await communeView()).totals.people).toBe(before + 3);
    drop = false;
    const again = await kiosk.sync.syncNow();
    expect(again).toMatchObject({ state: 'idle', waiting: { total: 0 } });
    expect((await communeView()).totals.people).toBe(before + 3);
    await kiosk.sync.close();
    proxy.close();
  });

  it('stops and says so when revoked, and when its clock is far off it keeps the records and explains what to fix', async () => {
    const kiosk = await enrolledKiosk('diem', 'Điểm sẽ bị thu hồi');
    const household = await kiosk.service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Vũ Văn Khánh' });
    kiosk.clock.now += 2 * 3_600_000;
    const skewed = await kiosk.sync.syncNow();
    expect(skewed).toMatchObject({ state: 'error', waiting: { total: 1 }, lastError: { code: 'CONFLICT', message: expect.stringContaining('chạy nhanh 2 giờ') } });
    kiosk.clock.now = hubClock.now;
    expect((await kiosk.sync.syncNow()).state).toBe('idle');
    expect(kiosk.service.getHousehold(household.id)).not.toBeNull();

    const mine = (await hub.sites.listSites(admin)).flatMap((s) => s.kiosks).find((k) => k.name === 'Máy Điểm sẽ bị thu hồi')!;
    await hub.sites.revokeKiosk(admin, mine.id);
    await kiosk.service.addPerson(personInput(household.id, 'Vũ Thị Lan', 1999));
    const revoked = await kiosk.sync.syncNow();
    expect(revoked).toMatchObject({ state: 'revoked', waiting: { total: 1 }, lastError: { code: 'FORBIDDEN', message: expect.stringContaining('thu hồi') } });
    expect(revoked.nextAttemptAt).toBeNull();
    await kiosk.sync.close();
  });
});
