import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { GeoDirectory } from '../../electron/services/geo';
import { createMemoryLogger } from '../../electron/services/logger';
import type { Household } from '../../electron/services/records/model';
import { RecordsService } from '../../electron/services/records/records-service';
import { certificatePin } from '../../electron/services/sync/enrolment';
import { SyncService } from '../../electron/services/sync/sync-service';
import { hubCertificate } from '../../hub/server/tls';
import { hubApi, setUpHub, startHub } from '../e2e/support/hub';
import { startCluster } from '../support/postgres';
import { atMost, quantile, reported, type Figure } from './figures';
import { measureTouches } from './player';
import type { BenchContext } from './run';

const COMMUNE = { provinceCode: '01', communeCode: '00004' } as const;
const CONSENT = { version: 'v1', method: 'man-hinh', staffId: 'can-bo-1' } as const;
const PROFICIENT = { 'dich-vu-cong': 'thanh-thao', 'mua-sam': 'thanh-thao', 'thanh-toan': 'thanh-thao', 'an-toan': 'thanh-thao', 'nen-tang-so': 'thanh-thao' } as const;
const GIVEN = ['An', 'Bình', 'Cúc', 'Dung', 'Hoa', 'Lan', 'Minh', 'Nga', 'Phúc', 'Sơn', 'Tâm', 'Vân'];

async function records(dir: string, geo: GeoDirectory): Promise<RecordsService> {
  const service = new RecordsService({ dataDir: dir, geo, log: createMemoryLogger(), consentVersions: ['v1'] });
  await service.open();
  return service;
}

/**
 * A day at a busy counter, 300 changed records: 25 new households, 100 new people each helped
 * in one session (opened and finished), and 75 people from earlier days whose level went up;
 * returns how long writing them took here.
 */
async function counterDay(service: RecordsService, day: number, earlier: string[]): Promise<number> {
  const t0 = performance.now();
  const households: Household[] = [];
  for (let i = 0; i < 25; i++) households.push(await service.addHousehold({ ...COMMUNE, hamlet: `Tổ dân phố ${(i % 9) + 1}`, headName: `Nguyễn Văn ${GIVEN[i % 12]}` }));
  const people = [];
  for (let i = 0; i < 100; i++) {
    const person = await service.addPerson({ householdId: households[i % 25]!.id, fullName: `Trần Thị ${GIVEN[(i + day) % 12]} ${GIVEN[i % 7]}`, birthYear: 1940 + ((i * 7 + day) % 60), consent: CONSENT }, { allowDuplicate: true });
    people.push(person);
    const session = await service.openSession({ personId: person.id, staffId: 'can-bo-1', siteName: 'Bộ phận một cửa', campaign: 'thang-cao-diem' });
    await service.finishSession(session.id, { skills: i % 4 === 0 ? PROFICIENT : { 'an-toan': 'da-thuc-hanh' }, achievements: [] });
  }
  for (const id of earlier.splice(0, 75)) await service.updatePerson(id, { skills: { 'mua-sam': 'da-thuc-hanh', 'thanh-toan': 'da-thuc-hanh' } });
  earlier.push(...people.map((p) => p.id));
  return performance.now() - t0;
}

/** A kiosk's day synced end to end to a hub (HTTPS on loopback, a real PostgreSQL server), and the counter with its hub unreachable. */
export async function syncFigures(ctx: BenchContext): Promise<Figure[]> {
  const geo = new GeoDirectory(path.join(ctx.root, 'resources'));
  const cluster = await startCluster();
  const hub = await startHub({ databaseUrl: await cluster.createDatabase('sync_bench'), dataDir: ctx.tempDir('bench-sync-hub-') });
  const figures: Figure[] = [];
  try {
    const jar = await setUpHub(hub);
    const site = await hubApi<{ site: { id: string } }>(hub, 'sites:create', { kind: 'xa', ...COMMUNE, name: 'Bộ phận một cửa phường' }, jar);
    const issued = await hubApi<{ code: string }>(hub, 'sites:issue-code', { siteId: site.value!.site.id }, jar);
    const dir = ctx.tempDir('bench-sync-kiosk-');
    const service = await records(dir, geo);
    const sync = new SyncService({ dataDir: dir, records: service, geo, log: createMemoryLogger(), appVersion: 'bench', auto: false });
    await sync.open();
    await sync.enrol({ url: hub.url, code: issued.value!.code, kioskName: 'Máy quầy' });
    // Earlier days, already at the hub.
    const earlier: string[] = [];
    for (let day = 0; day < 3; day++) await counterDay(service, day, earlier);
    await sync.syncNow();
    const syncs: number[] = [];
    const writes: number[] = [];
    for (let day = 3; day < 23; day++) {
      writes.push(await counterDay(service, day, earlier));
      const waiting = sync.status().waiting.total;
      const t0 = performance.now();
      const after = await sync.syncNow();
      syncs.push(performance.now() - t0);
      if (after.state !== 'idle' || after.waiting.total !== 0 || waiting !== 300) throw new Error(`day ${day}: ${waiting} waiting, then ${after.state} with ${after.waiting.total}`);
    }
    const p95 = quantile(syncs, 0.95);
    figures.push(
      atMost("One kiosk's day (300 changes) synced end to end, p95 (HTTPS on loopback, PostgreSQL)", p95, 'ms', 1000, `median ${quantile(syncs, 0.5).toFixed(0)} ms over ${syncs.length} days; push in one batch, then pull`),
      reported("A day's sync ÷ writing the same 300 changes at the kiosk (same run)", quantile(syncs, 0.5) / quantile(writes, 0.5), '×', `writing them: median ${quantile(writes, 0.5).toFixed(0)} ms`),
    );
    await sync.close();
    await service.close();
  } finally {
    await hub.stop();
    cluster.stop();
  }
  figures.push(...(await unreachableFigures(ctx, geo)));
  return figures;
}

/**
 * Adding a person at a counter whose hub cannot be reached (its sync retrying in the background)
 * against one that never enrolled, interleaved in the same run.
 */
async function unreachableFigures(ctx: BenchContext, geo: GeoDirectory): Promise<Figure[]> {
  const closed = await new Promise<number>((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
  const cert = await hubCertificate({ dataDir: ctx.tempDir('bench-sync-cert-') });
  const offlineDir = ctx.tempDir('bench-sync-offline-');
  const enrolUnreachable = (dir: string) =>
    writeFileSync(
      path.join(dir, 'sync.json'),
      JSON.stringify({
      link: { url: `https://127.0.0.1:${closed}`, pin: certificatePin(new X509Certificate(cert.cert)), cert: cert.cert, kioskId: '00000000-0000-4000-8000-000000000001', secret: 'x'.repeat(43) },
      hubName: 'Máy chủ tỉnh',
      site: { id: '00000000-0000-4000-8000-000000000002', kind: 'xa', name: 'Bộ phận một cửa', ...COMMUNE },
      enrolledAt: new Date().toISOString(),
      cursor: 0,
      lastSyncAt: null,
      revoked: false,
      pulledHouseholds: 0,
      }),
    );
  enrolUnreachable(offlineDir);
  const alone = await records(ctx.tempDir('bench-sync-alone-'), geo);
  const offline = await records(offlineDir, geo);
  const sync = new SyncService({ dataDir: offlineDir, records: offline, geo, log: createMemoryLogger(), appVersion: 'bench' });
  await sync.open();
  try {
    const homes = await Promise.all([alone, offline].map((s) => s.addHousehold({ ...COMMUNE, hamlet: 'Tổ dân phố 1', headName: 'Lê Văn Hùng' })));
    const samples: [number[], number[]] = [[], []];
    for (let i = 0; i < 400; i++) {
      // Alternate which goes first, so neither always gets the warmer cache.
      const order = i % 2 === 0 ? [0, 1] : [1, 0];
      for (const k of order) {
        const service = k === 0 ? alone : offline;
        const t0 = performance.now();
        await service.addPerson({ householdId: homes[k]!.id, fullName: `Lê Thị ${GIVEN[i % 12]} ${GIVEN[(i * 5) % 12]}`, birthYear: 1950 + (i % 50), consent: CONSENT }, { allowDuplicate: true });
        samples[k]!.push(performance.now() - t0);
      }
      // Let the offline kiosk's timers run between adds, as they would at a counter.
      if (i % 50 === 0) await sync.syncNow();
    }
    const status = sync.status();
    if (status.state !== 'offline') throw new Error(`the unreachable kiosk should be offline, is ${status.state}`);
    const ratio = quantile(samples[1], 0.95) / quantile(samples[0], 0.95);
    const medianRatio = quantile(samples[1], 0.5) / quantile(samples[0], 0.5);
    // The player on a kiosk whose hub cannot be reached (its sync retrying in the browser shell's process).
    const touches = await measureTouches(ctx, { prepare: async (dir) => enrolUnreachable(dir) });
    const stepRatio = quantile(touches.samples, 0.5) / quantile(touches.probes, 0.5);
    return [
      reported('Add a person with the hub unreachable, p95', quantile(samples[1], 0.95), 'ms', `${samples[1].length} adds; ${status.waiting.total} changes waiting, sync retrying`),
      atMost('Add a person, hub unreachable ÷ never enrolled, medians (same run, interleaved)', medianRatio, '×', 1.25, `never enrolled: median ${quantile(samples[0], 0.5).toFixed(2)} ms`),
      reported('Add a person, hub unreachable ÷ never enrolled, p95 (same run)', ratio, '×', `never enrolled: p95 ${quantile(samples[0], 0.95).toFixed(1)} ms; at about 1 ms the tail is the disk's flush jitter`),
      reported('Touch → next step with the hub unreachable, p95 (4× CPU slowdown)', quantile(touches.samples, 0.95), 'ms', `median ${quantile(touches.samples, 0.5).toFixed(1)} ms`),
      atMost('Touch → next step ÷ reference touch → paint with the hub unreachable, medians', stepRatio, '×', 3, 'the same target as an offline kiosk (Demos group)'),
    ];
  } finally {
    await sync.close();
    await offline.close();
    await alone.close();
  }
}
