import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshAll } from '../../../hub/server/aggregates';
import { dashboardView } from '../../../hub/server/dashboard';
import type { KioskIdentity } from '../../../hub/server/ingest';
import type { Hub } from '../../../hub/server/hub';
import { idHash } from '../../../electron/services/records/state';
import type { PushRequest } from '../../../electron/services/sync/protocol';
import { DB_KINDS, PLACES, freshHub, makeRecords } from './hub-fixture';

const kioskOf = (communeCode: string, kioskId = randomUUID()): KioskIdentity => ({
  kioskId,
  siteId: randomUUID(),
  siteKind: 'diem',
  siteName: 'Điểm thử',
  provinceCode: PLACES.provinceCode,
  communeCode,
});

function batch(records: Partial<Pick<PushRequest, 'households' | 'people' | 'sessions' | 'deletions'>>, at: number, batchId = randomUUID()): PushRequest {
  return { batchId, sentAt: new Date(at).toISOString(), waiting: 0, appVersion: 'test', households: [], people: [], sessions: [], deletions: [], ...records };
}

describe.each(DB_KINDS)('hub sync rules on %s', (kind) => {
  let hub: Hub;
  let clock: { now: number };
  let close: () => Promise<void>;
  const commune = PLACES.communes[0]!;
  const kiosk = kioskOf(commune);

  beforeEach(async () => {
    ({ hub, clock, close } = await freshHub(kind));
  });
  afterEach(async () => close());

  const view = async (communeCode = commune) => {
    await refreshAll(hub.deps.db);
    return dashboardView(hub.deps.db, hub.deps.geo, { level: 'commune', provinceCode: PLACES.provinceCode, communeCode });
  };

  it('stores a batch once, acknowledges a replay without applying it again, and the dashboard counts households meeting the goal', async () => {
    const records = makeRecords({ communeCode: commune, households: 4, perHousehold: 2, proficientEvery: 3 });
    const request = batch(records, clock.now);
    const ack = await hub.push(kiosk, request);
    expect(ack).toMatchObject({ replay: false, households: { added: 4 }, people: { added: 8 }, sessions: { added: 8 } });
    const again = await hub.push(kiosk, request);
    expect(again).toMatchObject({ replay: true, households: { added: 4 } });
    const resend = await hub.push(kiosk, batch(records, clock.now));
    expect(resend).toMatchObject({ replay: false, households: { added: 0, unchanged: 4 }, people: { unchanged: 8 }, sessions: { unchanged: 8 } });
    const v = await view();
    // People 0, 3 and 6 are proficient: households 0, 1 and 3 meet the goal.
    expect(v.totals).toMatchObject({ households: 4, householdsReached: 4, householdsMeetingGoal: 3, people: 8, peopleProficient: 3 });
    expect(v.totals.goalPercent).toBe(75);
    expect(v.areas.map((a) => a.name)).toEqual(['Thôn 1', 'Thôn 2', 'Thôn 3', 'Thôn 4']);
    expect(v.byCampaign).toEqual([
      { campaign: 'thang-11', sessions: 4, people: 4, households: 4, householdsMeetingGoal: 3 },
      { campaign: null, sessions: 4, people: 4, households: 4, householdsMeetingGoal: 3 },
    ]);
    expect(v.perWeek).toEqual([{ weekStart: '2026-11-16', sessions: 8, people: 8 }]);
    expect(v.totals.skillCoverage['an-toan'].levels).toEqual({ chua: 0, 'da-huong-dan': 5, 'da-thuc-hanh': 0, 'thanh-thao': 3 });
  });

  it('keeps the newest update, ignores an older one, and an erasure wins over any later edit', async () => {
    const records = makeRecords({ communeCode: commune, households: 1, perHousehold: 1 });
    await hub.push(kiosk, batch(records, clock.now));
    const person = records.people[0]!;
    const newer = { ...person, fullName: 'Nguyễn Thị Ánh Hồng', updatedAt: '2026-11-19T05:00:00.000Z' };
    const older = { ...person, fullName: 'Tên Cũ', updatedAt: '2026-11-19T01:00:00.000Z' };
    expect((await hub.push(kiosk, batch({ people: [newer] }, clock.now))).people).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect((await hub.push(kioskOf(commune), batch({ people: [older] }, clock.now))).people).toEqual({ added: 0, updated: 0, unchanged: 1 });
    const stored = await hub.deps.db.query<{ full_name: string }>('select full_name from people where id = $1', [person.id]);
    expect(stored.rows[0]!.full_name).toBe('Nguyễn Thị Ánh Hồng');

    const erasure = { kind: 'person' as const, idHash: idHash(person.id), at: '2026-11-19T06:00:00.000Z', staffId: 'staff-1', reason: 'yeu-cau' as const };
    expect((await hub.push(kiosk, batch({ deletions: [erasure] }, clock.now))).deletions).toEqual({ applied: 1, logged: 0 });
    const later = { ...person, fullName: 'Sửa Sau Khi Xóa', updatedAt: '2026-11-19T09:00:00.000Z' };
    const ack = await hub.push(kioskOf(commune), batch({ people: [later], sessions: records.sessions }, clock.now));
    expect(ack.skippedErased).toBe(2);
    expect((await hub.deps.db.query('select 1 from people where id = $1', [person.id])).rows).toHaveLength(0);
    expect((await hub.deps.db.query('select 1 from sessions where person_id = $1', [person.id])).rows).toHaveLength(0);
    expect((await view()).totals).toMatchObject({ households: 1, people: 0, householdsReached: 0 });
    // The erasure log holds the hash, never the id or a name.
    const log = await hub.deps.db.query<Record<string, unknown>>('select * from erasures');
    expect(JSON.stringify(log.rows)).not.toContain(person.id);
    expect(JSON.stringify(log.rows)).not.toContain('Ánh');
  });

  it('refuses a whole batch with a bad row, naming it, and stores nothing of it', async () => {
    const records = makeRecords({ communeCode: commune, households: 3, perHousehold: 1 });
    const bad = { ...records.people[1]!, birthYear: 1850 };
    await expect(hub.push(kiosk, batch({ ...records, people: [records.people[0]!, bad, records.people[2]!] }, clock.now))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(`Người thứ 2 (${bad.id}): birthYear`),
    });
    const orphan = { ...records.people[0]!, id: randomUUID(), householdId: randomUUID() };
    await expect(hub.push(kiosk, batch({ people: [orphan] }, clock.now))).rejects.toMatchObject({ message: expect.stringContaining(`Người ${orphan.id}: hộ ${orphan.householdId} không có`) });
    expect((await hub.deps.db.query('select count(*)::int as n from households')).rows[0]).toEqual({ n: 0 });
    expect((await hub.deps.db.query('select count(*)::int as n from batches')).rows[0]).toEqual({ n: 0 });
  });

  it('refuses a kiosk whose clock is far off, and stores future times at the hub’s time', async () => {
    const records = makeRecords({ communeCode: commune, households: 1, perHousehold: 1 });
    await expect(hub.push(kiosk, batch(records, clock.now + 3 * 3_600_000))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('chạy nhanh 3 giờ') });
    await expect(hub.push(kiosk, batch(records, clock.now - 5 * 86_400_000))).rejects.toMatchObject({ message: expect.stringContaining('chạy chậm 5 ngày') });
    const future = '2027-06-01T00:00:00.000Z';
    const ahead = makeRecords({ communeCode: commune, households: 1, perHousehold: 1, seed: 2, at: future });
    const ack = await hub.push(kiosk, batch(ahead, clock.now));
    expect(ack.clamped).toBe(3);
    const row = await hub.deps.db.query<{ updated_at: Date }>('select updated_at from people where id = $1', [ahead.people[0]!.id]);
    expect(row.rows[0]!.updated_at.toISOString()).toBe(new Date(clock.now).toISOString());
  });

  it('lets a kiosk pull its own commune’s households and the erasures, and nothing of other communes', async () => {
    const mine = makeRecords({ communeCode: commune, households: 3, perHousehold: 1 });
    const other = makeRecords({ communeCode: PLACES.communes[1]!, households: 2, perHousehold: 1, seed: 5 });
    await hub.push(kiosk, batch(mine, clock.now));
    await hub.push(kioskOf(PLACES.communes[1]!), batch(other, clock.now));
    const booth = kioskOf(commune);
    const first = await hub.pull(booth, 0);
    expect(first.households.map((h) => h.id).sort()).toEqual(mine.households.map((h) => h.id).sort());
    expect(first.more).toBe(false);
    expect(JSON.stringify(first)).not.toContain('fullName');
    const second = await hub.pull(booth, first.cursor);
    expect(second.households).toHaveLength(0);
    const gone = mine.households[0]!;
    await hub.push(kiosk, batch({ deletions: [{ kind: 'household', idHash: idHash(gone.id), at: '2026-11-19T08:00:00.000Z', staffId: 's', reason: 'nhap-sai' }] }, clock.now));
    const changed = { ...mine.households[1]!, headName: 'Trần Văn Bảo', updatedAt: '2026-11-19T09:00:00.000Z' };
    await hub.push(kiosk, batch({ households: [changed] }, clock.now));
    const third = await hub.pull(booth, second.cursor);
    expect(third.deletions.map((d) => d.idHash)).toEqual([idHash(gone.id)]);
    expect(third.households).toEqual([changed]);
  });
});
