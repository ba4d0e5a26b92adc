import { appendFileSync, copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { idHash } from '../../../electron/services/records/state';
import { HA_NOI, closeRecords, openRecords, personInput, refusal } from './support/records';

/** A folder with a snapshot generation (and its backup) plus later changes in the journal only. */
async function folderWithHistory() {
  const { service, dir, clock } = await openRecords();
  const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn Trung', headName: 'Hoàng Văn Nam' });
  const early = await service.addPerson(personInput(h.id, 'Hoàng Thị Mai', 1965));
  await service.createBackup();
  clock.now += 60_000;
  const late = await service.addPerson(personInput(h.id, 'Hoàng Văn Tùng', 1990));
  await closeRecords(service);
  return { dir, household: h, early, late };
}

const snapshotOf = (dir: string) => path.join(dir, 'records.json');
const asideFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('records.json.hong-'));

describe('records storage', () => {
  it('keeps every change after a restart, from the snapshot and the journal', async () => {
    const { dir, early, late } = await folderWithHistory();
    expect(readFileSync(path.join(dir, 'records.journal'), 'utf8')).toContain('Hoàng Văn Tùng');
    const { service } = await openRecords({ dir });
    expect(service.getPerson(early.id)?.fullName).toBe('Hoàng Thị Mai');
    expect(service.getPerson(late.id)?.fullName).toBe('Hoàng Văn Tùng');
    expect(service.problem()).toBeNull();
    // Indexes put off at start (names, sessions) come right whether changes come before or after them.
    await service.updatePerson(late.id, { fullName: 'Hoàng Văn Tú' });
    expect(service.search('hoang van tu').map((h) => h.person.id)).toEqual([late.id]);
    expect(service.search('tung')).toEqual([]);
    expect(service.likelyDuplicates({ householdId: early.householdId, fullName: 'hoang thi mai', birthYear: 1965 }).map((p) => p.id)).toEqual([early.id]);
  });

  it('writes compact JSON lines with short keys: a header, one line per household, an end line', async () => {
    const { dir } = await folderWithHistory();
    const lines = readFileSync(snapshotOf(dir), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const [header, ...rest] = lines.map((l) => JSON.parse(l) as unknown);
    expect(Object.keys(header as object).sort()).toEqual(['q', 't', 'v', 'w']);
    expect(header).toMatchObject({ v: 2 });
    expect(rest.pop()).toEqual({ end: 1 });
    expect(rest).toHaveLength(1);
    expect((rest[0] as unknown[])[0]).toBe('h');
    expect(lines.every((l) => !/\s{2}/.test(l))).toBe(true);
  });

  const corruptions: [string, (file: string) => void][] = [
    ['empty', (file) => writeFileSync(file, '')],
    ['cut short', (file) => writeFileSync(file, readFileSync(file).subarray(0, Math.floor(statSync(file).size / 2)))],
    ['zero-filled', (file) => writeFileSync(file, Buffer.alloc(statSync(file).size))],
    ['unparsable', (file) => writeFileSync(file, '{"v":2,"q":3,"h":[["không phải JSON')],
    ['the wrong shape', (file) => writeFileSync(file, '{"v":2,"q":3,"t":{},"h":"?"}')],
  ];
  for (const [kind, corrupt] of corruptions) {
    it(`restores the newest good backup when the snapshot is ${kind}, keeps the bad file and warns until acknowledged`, async () => {
      const { dir, early, late } = await folderWithHistory();
      corrupt(snapshotOf(dir));
      const bad = readFileSync(snapshotOf(dir));
      const { service } = await openRecords({ dir });
      expect(service.getPerson(early.id)?.fullName).toBe('Hoàng Thị Mai');
      expect(service.getPerson(late.id)?.fullName).toBe('Hoàng Văn Tùng');
      const problem = service.problem();
      expect(problem?.message).toMatch(/Đã khôi phục bản sao lưu/);
      const aside = asideFiles(dir);
      expect(aside).toHaveLength(1);
      expect(problem?.message).toContain(aside[0]);
      expect(readFileSync(path.join(dir, aside[0]!)).equals(bad)).toBe(true);
      expect(JSON.parse(readFileSync(snapshotOf(dir), 'utf8').split('\n')[0]!)).toMatchObject({ v: 2 });
      // The warning survives a restart until staff acknowledge it, and the acknowledgement survives too.
      await closeRecords(service);
      const { service: again } = await openRecords({ dir });
      expect(again.problem()?.message).toMatch(/Đã khôi phục/);
      await again.acknowledgeProblem('can-bo-1');
      expect(again.problem()).toBeNull();
      await closeRecords(again);
      const { service: third } = await openRecords({ dir });
      expect(third.problem()).toBeNull();
      expect(third.getPerson(late.id)).not.toBeNull();
    });
  }

  it('never replaces a bad snapshot with an empty database when no backup exists', async () => {
    const { service, dir } = await openRecords();
    const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Lê Văn Hải' });
    await service.createBackup();
    await closeRecords(service);
    for (const f of readdirSync(path.join(dir, 'backups', 'records'))) writeFileSync(path.join(dir, 'backups', 'records', f), 'hỏng');
    writeFileSync(snapshotOf(dir), '{"v":2');
    const { service: after } = await openRecords({ dir });
    expect(after.problem()?.message).toMatch(/không có bản sao lưu dùng được/);
    expect(readFileSync(path.join(dir, asideFiles(dir)[0]!), 'utf8')).toBe('{"v":2');
    expect(after.getHousehold(h.id)).toBeNull();
  });

  it('ignores a journal line cut short by a crash and carries on cleanly', async () => {
    const { dir, late } = await folderWithHistory();
    appendFileSync(path.join(dir, 'records.journal'), '{"s":99,"o":[{"k":"h","v":{"id":"0b7d');
    const { service } = await openRecords({ dir });
    expect(service.problem()).toBeNull();
    expect(service.getPerson(late.id)).not.toBeNull();
    const h = service.getPerson(late.id)!.householdId;
    const added = await service.addPerson(personInput(h, 'Hoàng Thị Lan', 1993));
    await closeRecords(service);
    const { service: again } = await openRecords({ dir });
    expect(again.getPerson(added.id)?.fullName).toBe('Hoàng Thị Lan');
    expect(again.problem()).toBeNull();
  });

  it('warns about a damaged line in the middle of the journal', async () => {
    const { dir, late } = await folderWithHistory();
    const journal = path.join(dir, 'records.journal');
    writeFileSync(journal, `rác\n${readFileSync(journal, 'utf8')}`);
    const { service } = await openRecords({ dir });
    expect(service.problem()?.message).toMatch(/1 dòng hỏng/);
    expect(service.getPerson(late.id)).not.toBeNull();
  });

  it('queues concurrent writes so all land, in order', async () => {
    const { service, dir } = await openRecords({ compactEvery: 7 });
    const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Lê Văn Hải' });
    const added = await Promise.all(Array.from({ length: 60 }, (_, i) => service.addPerson(personInput(h.id, `Người Số ${'ABCDEFGHIJ'[i % 10]} ${'KLMNOPQRST'[Math.floor(i / 10)]}`, 1950 + i))));
    const updates = await Promise.all(added.slice(0, 20).map((p) => service.updatePerson(p.id, { skills: { 'an-toan': 'thanh-thao' } })));
    expect(new Set(added.map((p) => p.id)).size).toBe(60);
    expect(updates.every((p) => p.skills['an-toan'] === 'thanh-thao')).toBe(true);
    await closeRecords(service);
    const { service: again } = await openRecords({ dir });
    expect(again.membersOf(h.id)).toHaveLength(60);
    expect(again.stats().peopleProficientBySkill['an-toan']).toBe(20);
  });

  it('upgrades a v1 file (hand-written) to v2 and keeps the original', async () => {
    const { dir } = await openRecords().then(async (o) => {
      await closeRecords(o.service);
      return o;
    });
    copyFileSync(path.join(import.meta.dirname, 'fixtures', 'records-v1.json'), snapshotOf(dir));
    const { service } = await openRecords({ dir });
    expect(service.problem()).toBeNull();
    const thang = service.getPerson('5a0c9e4b-7d21-4f3a-8b6e-1c2d3e4f5a60')!;
    expect(thang).toMatchObject({ fullName: 'Phạm Văn Thắng', gender: 'nam', phone: '0912345678', achievements: [] });
    expect(thang.consent.at).toBe('2025-09-01T18:16:00.000Z');
    const lan = service.getPerson('6b1d0f5c-8e32-4a4b-9c7f-2d3e4f5a6b71')!;
    expect('gender' in lan || 'phone' in lan).toBe(false);
    expect(service.getSession('7c2e1a6d-9f43-4b5c-8d80-3e4f5a6b7c82')).toMatchObject({ state: 'done', campaign: 'thang-9', updatedAt: '2025-09-09T02:00:00.000Z' });
    expect(service.getSession('8d3f2b7e-a054-4c6d-9e91-4f5a6b7c8d93')).toMatchObject({ state: 'unfinished', updatedAt: '2025-09-02T01:21:00.000Z' });
    expect(service.stats()).toMatchObject({ households: 1, householdsMeetingGoal: 1, people: 2 });
    expect(JSON.parse(readFileSync(snapshotOf(dir), 'utf8').split('\n')[0]!)).toMatchObject({ v: 2, q: 7 });
    expect(readdirSync(dir).some((f) => f.startsWith('records.json.v1-'))).toBe(true);
    // Changes continue after the upgraded snapshot.
    const added = await service.addPerson(personInput(thang.householdId, 'Phạm Thị Hồng', 1985));
    await closeRecords(service);
    const { service: again } = await openRecords({ dir });
    expect(again.getPerson(added.id)).not.toBeNull();
    expect(again.getPerson(thang.id)?.phone).toBe('0912345678');
  });

  it('erases a person from the data file, the journal and later backups, logging no personal data', async () => {
    const { service, dir, log } = await openRecords();
    const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn Hạ', headName: 'Vũ Văn Khải' });
    const gone = await service.addPerson(personInput(h.id, 'Vũ Thị Xuyến', 1971, { phone: '0977111222' }));
    const stays = await service.addPerson(personInput(h.id, 'Vũ Văn Khải', 1969));
    await service.openSession({ personId: gone.id, staffId: 'can-bo-1', siteName: 'Nhà văn hóa thôn Hạ' });
    const before = await service.createBackup();
    await service.deletePerson(gone.id, { staffId: 'can-bo-2', reason: 'yeu-cau' });
    await service.createBackup();
    const files = [snapshotOf(dir), path.join(dir, 'records.journal'), ...readdirSync(dir).filter((f) => f.startsWith('records.journal.')).map((f) => path.join(dir, f))];
    for (const file of files.filter(existsSync)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain('Xuyến');
      expect(text, file).not.toContain('0977111222');
      expect(text, file).not.toContain(gone.id);
    }
    const backupText = (name: string) => gunzipSync(readFileSync(path.join(dir, 'backups', 'records', name))).toString('utf8');
    expect(backupText(before.name)).toContain('Xuyến');
    const later = (await service.listBackups()).filter((b) => b.seq > before.seq);
    expect(later.length).toBeGreaterThan(0);
    for (const b of later) expect(backupText(b.name)).not.toContain('Xuyến');
    expect(service.getPerson(gone.id)).toBeNull();
    expect(service.sessionsOf(gone.id)).toEqual([]);
    expect(service.getPerson(stays.id)).not.toBeNull();
    expect(service.records.deletions).toEqual([{ kind: 'person', idHash: idHash(gone.id), at: expect.any(String), staffId: 'can-bo-2', reason: 'yeu-cau' }]);
    expect(log.lines.join('\n')).not.toMatch(/Xuyến|0977111222/);
    // Restoring the backup made before the erasure does not bring the person back.
    await service.restoreBackup(before.name);
    expect(service.getPerson(gone.id)).toBeNull();
    expect(service.getPerson(stays.id)).not.toBeNull();
    expect(service.records.deletions).toHaveLength(1);
    expect(readFileSync(snapshotOf(dir), 'utf8')).not.toContain('Xuyến');
  });

  it('restores a backup on request, backing up the current records first', async () => {
    const { service, dir } = await openRecords();
    const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Lê Văn Hải' });
    await service.addPerson(personInput(h.id, 'Lê Thị Hoa', 1970));
    const first = await service.createBackup();
    const later = await service.addPerson(personInput(h.id, 'Lê Văn Nam', 1975));
    const { previous } = await service.restoreBackup(first.name);
    expect(service.getPerson(later.id)).toBeNull();
    expect(service.membersOf(h.id)).toHaveLength(1);
    expect(service.problem()?.message).toMatch(/khôi phục từ bản sao lưu/);
    expect(previous).not.toBeNull();
    const again = await service.addPerson(personInput(h.id, 'Lê Văn Minh', 1980));
    await closeRecords(service);
    const { service: reopened } = await openRecords({ dir });
    expect(reopened.getPerson(again.id)).not.toBeNull();
    expect(reopened.getPerson(later.id)).toBeNull();
    await reopened.restoreBackup(previous!.name);
    expect(reopened.getPerson(later.id)?.fullName).toBe('Lê Văn Nam');
    expect((await refusal(reopened.restoreBackup('records-20260101T000000000Z-q1.json.gz'))).code).toBe('NOT_FOUND');
  });

  it('keeps the last 10 generations and the newest of each of the last 14 days', async () => {
    const { service, clock } = await openRecords();
    const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Lê Văn Hải' });
    const day = 86_400_000;
    const start = clock.now;
    for (let d = 0; d < 20; d++) {
      clock.now = start + d * day;
      await service.updateHousehold(h.id, { headName: `Lê Văn ${'ABCDEFGHIJKLMNOPQRST'[d]}` });
      await service.createBackup();
    }
    let kept = await service.listBackups();
    const days = (list: typeof kept) => [...new Set(list.map((b) => b.createdAt.slice(0, 10)))];
    // One a day for days 6–19 (the last 14), which also covers the last 10 generations.
    expect(days(kept)).toHaveLength(14);
    expect(kept).toHaveLength(14);
    for (let i = 0; i < 5; i++) {
      clock.now += 1000;
      await service.createBackup();
    }
    kept = await service.listBackups();
    expect(days(kept)).toHaveLength(14);
    // 10 newest (6 from today, 4 from the days before) plus the newest of days 6–14.
    expect(kept).toHaveLength(10 + 9);
  });

  it('lets a second process read but not write while the first holds the data', async () => {
    const { service, dir } = await openRecords();
    await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Lê Văn Hải' });
    const { service: second } = await openRecords({ dir });
    expect(second.readOnly()).toMatch(/chương trình khác/);
    expect(second.stats().households).toBe(1);
    expect((await refusal(second.addHousehold({ ...HA_NOI, hamlet: 'Thôn 2', headName: 'Lê Văn Bình' }))).code).toBe('UNAVAILABLE');
    await closeRecords(second);
    await closeRecords(service);
    const { service: third } = await openRecords({ dir });
    expect(third.readOnly()).toBeNull();
    await third.addHousehold({ ...HA_NOI, hamlet: 'Thôn 2', headName: 'Lê Văn Bình' });
  });
});
