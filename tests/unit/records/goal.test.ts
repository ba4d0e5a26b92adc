import { describe, expect, it } from 'vitest';
import { SKILL_KEYS } from '../../../electron/services/skills';
import { SKILL_LEVELS, isProficient, type Person } from '../../../electron/services/records/model';
import type { RecordsService } from '../../../electron/services/records/records-service';
import type { RecordsStats } from '../../../electron/services/records/stats';
import { isoFromMs, vnWeekStart } from '../../../electron/services/records/time';
import { ALL_PROFICIENT, HA_NOI, closeRecords, openRecords, personInput, refusal } from './support/records';

/** The figures recounted from scratch, the slow obvious way: what the running totals must equal. */
function recount(
  service: RecordsService,
): Pick<RecordsStats, 'households' | 'householdsReached' | 'householdsMeetingGoal' | 'people' | 'peopleProficient' | 'peopleProficientBySkill' | 'byHamlet' | 'byCampaign' | 'perWeek'> {
  const state = service.records;
  const people = [...state.people.values()];
  const meeting = new Set(people.filter(isProficient).map((p) => p.householdId));
  const reached = new Set(people.map((p) => p.householdId));
  const hamlets = new Map<string, { hamlet: string; households: number; meetingGoal: number; people: number }>();
  for (const h of state.households.values()) {
    const key = `${h.communeCode}|${h.hamlet.toLowerCase()}`;
    const line = hamlets.get(key) ?? { hamlet: h.hamlet, households: 0, meetingGoal: 0, people: 0 };
    line.households += 1;
    line.meetingGoal += meeting.has(h.id) ? 1 : 0;
    line.people += people.filter((p) => p.householdId === h.id).length;
    hamlets.set(key, line);
  }
  const sessions = [...state.sessions.values()];
  const campaigns = [...new Set(sessions.map((x) => x.campaign ?? null))];
  const byCampaign = campaigns.map((campaign) => {
    const mine = sessions.filter((x) => (x.campaign ?? null) === campaign);
    const people = new Set(mine.map((x) => x.personId));
    const households = new Set([...people].map((id) => state.people.get(id)!.householdId));
    return { campaign, sessions: mine.length, people: people.size, households: households.size, householdsMeetingGoal: [...households].filter((h) => meeting.has(h)).length };
  });
  byCampaign.sort((a, b) => (a.campaign === null ? 1 : b.campaign === null ? -1 : a.campaign.localeCompare(b.campaign)));
  const weeks = [...new Set(sessions.map((x) => vnWeekStart(Date.parse(x.startedAt))))].sort();
  const perWeek = weeks.map((weekStart) => {
    const mine = sessions.filter((x) => vnWeekStart(Date.parse(x.startedAt)) === weekStart);
    return { weekStart, people: new Set(mine.map((x) => x.personId)).size, sessions: mine.length };
  });
  return {
    byCampaign,
    perWeek,
    households: state.households.size,
    householdsReached: reached.size,
    householdsMeetingGoal: meeting.size,
    people: people.length,
    peopleProficient: people.filter(isProficient).length,
    peopleProficientBySkill: Object.fromEntries(SKILL_KEYS.map((k) => [k, people.filter((p) => p.skills[k] === 'thanh-thao').length])) as RecordsStats['peopleProficientBySkill'],
    byHamlet: [...hamlets.values()].sort((a, b) => a.hamlet.localeCompare(b.hamlet, 'vi')) as RecordsStats['byHamlet'],
  };
}

const summary = (s: RecordsStats) => ({
  byCampaign: s.byCampaign,
  perWeek: s.perWeek,
  households: s.households,
  householdsReached: s.householdsReached,
  householdsMeetingGoal: s.householdsMeetingGoal,
  people: s.people,
  peopleProficient: s.peopleProficient,
  peopleProficientBySkill: s.peopleProficientBySkill,
  byHamlet: s.byHamlet.map(({ hamlet, households, meetingGoal, people }) => ({ hamlet, households, meetingGoal, people })),
});

describe('the household goal', () => {
  it('counts a household when one member is thanh-thao in all five skills, not four', async () => {
    const { service } = await openRecords();
    const a = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn Đông', headName: 'Nguyễn Văn An' });
    const b = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn Đông', headName: 'Trần Văn Bình' });
    const c = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn Tây', headName: 'Lê Văn Cường' });
    await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn Tây', headName: 'Phạm Văn Dũng' });
    // a: one proficient member → meets. b: two members with four skills each → does not. c: nobody yet.
    await service.addPerson(personInput(a.id, 'Nguyễn Văn An', 1960, { skills: ALL_PROFICIENT }));
    await service.addPerson(personInput(a.id, 'Nguyễn Thị Bé', 1962));
    await service.addPerson(personInput(b.id, 'Trần Văn Bình', 1955, { skills: { ...ALL_PROFICIENT, 'an-toan': 'da-thuc-hanh' } }));
    await service.addPerson(personInput(b.id, 'Trần Thị Cúc', 1990, { skills: { ...ALL_PROFICIENT, 'mua-sam': 'da-huong-dan' } }));
    await service.addPerson(personInput(c.id, 'Lê Văn Cường', 1950));
    const s = service.stats();
    expect(s).toMatchObject({ households: 4, householdsReached: 3, householdsMeetingGoal: 1, goalPercent: 25, people: 5, peopleProficient: 1 });
    expect(s.peopleProficientBySkill).toEqual({ 'dich-vu-cong': 3, 'mua-sam': 2, 'thanh-toan': 3, 'an-toan': 2, 'nen-tang-so': 3 });
    expect(s.skillCoverage['an-toan'].levels).toEqual({ chua: 2, 'da-huong-dan': 0, 'da-thuc-hanh': 1, 'thanh-thao': 2 });
    expect(s.skillCoverage['an-toan'].proficientPercent).toBe(40);
    expect(s.byHamlet).toEqual([
      { hamlet: 'Thôn Đông', provinceCode: '01', communeCode: '00004', households: 2, meetingGoal: 1, people: 4 },
      { hamlet: 'Thôn Tây', provinceCode: '01', communeCode: '00004', households: 2, meetingGoal: 0, people: 1 },
    ]);
  });

  it('moves with every kind of change and always equals a full recount', async () => {
    const { service, dir, clock } = await openRecords();
    const h = await Promise.all(['Thôn 1', 'Thôn 2', 'Thôn 3'].map((hamlet, i) => service.addHousehold({ ...HA_NOI, hamlet, headName: `Hộ Số ${'ABC'[i]}` })));
    const people: Person[] = [];
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 30; i++) {
      const skills = Object.fromEntries(SKILL_KEYS.map((k) => [k, rnd() < 0.6 ? 'thanh-thao' : SKILL_LEVELS[Math.floor(rnd() * 4)]]));
      people.push(await service.addPerson(personInput(h[i % 3]!.id, `Người ${'ABCDEFGHIJKLMNOPQRSTUVWXYZĂÂĐ'[i]}`, 1950 + i, { skills })));
      expect(summary(service.stats())).toEqual(recount(service));
    }
    // Sessions in two campaigns and none, over two weeks; some people more than once.
    for (const [i, p] of people.slice(0, 12).entries()) {
      clock.now += (i % 3) * 4 * 86_400_000;
      const s = await service.openSession({ personId: p.id, staffId: 'can-bo-1', siteName: 'Nhà văn hóa', ...(i % 3 === 2 ? {} : { campaign: i % 2 ? 'thang-3' : 'thang-4' }) });
      if (i % 4 === 0) await service.finishSession(s.id, { skills: ALL_PROFICIENT, achievements: [] });
      if (i % 5 === 0) await service.openSession({ personId: p.id, staffId: 'can-bo-2', siteName: 'Nhà văn hóa', campaign: 'thang-3' });
    }
    expect(summary(service.stats())).toEqual(recount(service));
    clock.now += 1000;
    await service.updatePerson(people[0]!.id, { householdId: h[2]!.id });
    await service.updatePerson(people[1]!.id, { skills: ALL_PROFICIENT });
    await service.updatePerson(people[2]!.id, { skills: { 'an-toan': 'chua' } });
    await service.updateHousehold(h[1]!.id, { hamlet: 'Thôn 3' });
    await service.updatePerson(people[6]!.id, { skills: { 'mua-sam': 'chua' } });
    await service.updatePerson(people[7]!.id, { householdId: h[0]!.id, skills: ALL_PROFICIENT });
    expect(summary(service.stats())).toEqual(recount(service));
    await service.deletePerson(people[3]!.id, { staffId: 'can-bo-1' });
    await service.mergePeople(people[4]!.id, people[5]!.id, 'can-bo-1');
    await service.deleteHousehold(h[0]!.id, { staffId: 'can-bo-1', reason: 'nhap-sai' });
    const after = service.stats();
    expect(summary(after)).toEqual(recount(service));
    expect(after.byCampaign.length).toBeGreaterThan(1);
    expect(after.perWeek.length).toBeGreaterThan(1);
    // The same figures after a restart (snapshot + journal replay).
    await closeRecords(service);
    const { service: again } = await openRecords({ dir });
    expect(again.stats()).toEqual(after);
  });

  it('records a session: demos from the player, cards, levels and achievements in one call', async () => {
    const { service, clock } = await openRecords();
    const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Lê Văn Hải' });
    const p = await service.addPerson(personInput(h.id, 'Lê Thị Hoa', 1970));
    const s = await service.openSession({ personId: p.id, staffId: 'can-bo-1', siteName: 'Bộ phận một cửa', campaign: 'thang-3' });
    expect(s).toMatchObject({ state: 'open', demos: [], cardsPrinted: [], campaign: 'thang-3' });
    clock.now += 60_000;
    await service.attachDemoResults(s.id, [{ demoId: 'vneid-kich-hoat', completed: true, mistakes: 2, hints: 1, seconds: 95.6 }]);
    const unfinished = await service.markUnfinished(s.id);
    expect(unfinished.state).toBe('unfinished');
    const resumed = await service.attachDemoResults(s.id, [{ demoId: 'vietqr-chuyen-tien', completed: false, mistakes: 0, hints: 3, seconds: 40 }]);
    expect(resumed.state).toBe('open');
    expect(resumed.demos.map((d) => [d.demoId, d.seconds])).toEqual([
      ['vneid-kich-hoat', 96],
      ['vietqr-chuyen-tien', 40],
    ]);
    const { session, person } = await service.finishSession(s.id, { skills: ALL_PROFICIENT, achievements: ['vssid', 'vneid-muc-2', 'vssid'] });
    expect(session).toMatchObject({ state: 'done', endedAt: expect.any(String) });
    expect(person.achievements).toEqual(['vneid-muc-2', 'vssid']);
    expect(isProficient(person)).toBe(true);
    await service.recordCardPrinted(s.id, 'vneid-kich-hoat');
    await service.recordCardPrinted(s.id, 'vneid-kich-hoat');
    expect(service.getSession(s.id)!.cardsPrinted).toEqual(['vneid-kich-hoat']);
    expect((await service.markUnfinished(s.id)).state).toBe('done');
    expect((await refusal(service.attachDemoResults(s.id, [{ demoId: 'x', completed: true, mistakes: 0, hints: 0, seconds: 1 }]))).code).toBe('CONFLICT');
    expect((await refusal(service.attachDemoResults(s.id, [{ demoId: 'x', completed: true, mistakes: -1, hints: 0, seconds: 1 }]))).fields?.['demos.0.mistakes']).toMatch(/âm/);
    const stats = service.stats();
    expect(stats.householdsMeetingGoal).toBe(1);
    expect(stats.byCampaign).toEqual([{ campaign: 'thang-3', sessions: 1, people: 1, households: 1, householdsMeetingGoal: 1 }]);
    expect(stats.perWeek).toEqual([{ weekStart: '2026-03-02', people: 1, sessions: 1 }]);
    expect(stats.sessions).toEqual({ total: 1, open: 0, unfinished: 0, done: 1 });
    expect(service.sessionsOf(p.id).map((x) => x.id)).toEqual([s.id]);
  });

  it('merges a duplicate into the person kept', async () => {
    const { service } = await openRecords();
    const h = await service.addHousehold({ ...HA_NOI, hamlet: 'Thôn 1', headName: 'Lê Văn Hải' });
    const keep = await service.addPerson(personInput(h.id, 'Lê Thị Hoa', 1970, { skills: { 'mua-sam': 'thanh-thao' }, achievements: ['vssid'] }));
    const drop = await service.addPerson(personInput(h.id, 'Lê Thị Hoa', 1970, { phone: '0987654321', skills: { 'an-toan': 'da-thuc-hanh' }, achievements: ['chu-ky-so'] }), { allowDuplicate: true });
    const session = await service.openSession({ personId: drop.id, staffId: 'can-bo-1', siteName: 'Nhà văn hóa' });
    const merged = await service.mergePeople(keep.id, drop.id, 'can-bo-1');
    expect(merged.skills).toMatchObject({ 'mua-sam': 'thanh-thao', 'an-toan': 'da-thuc-hanh' });
    expect(merged.achievements).toEqual(['chu-ky-so', 'vssid']);
    expect(merged.phone).toBe('0987654321');
    expect(service.getPerson(drop.id)).toBeNull();
    expect(service.getSession(session.id)!.personId).toBe(keep.id);
    expect(service.records.deletions.map((d) => d.reason)).toEqual(['trung-lap']);
  });

  it('writes times exactly as toISOString does', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const samples = [0, 1, 86_399_999, 951_782_400_000, 4_107_542_399_999, 253_402_300_799_999, -1, 253_402_300_800_000, 1.5];
    for (let i = 0; i < 20_000; i++) samples.push(Math.floor(rnd() * 4.2e12));
    for (const ms of samples) expect(isoFromMs(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('puts weeks on Mondays in Vietnam time', () => {
    expect(vnWeekStart(Date.parse('2026-03-01T17:30:00Z'))).toBe('2026-03-02'); // Monday 00:30 in Hà Nội
    expect(vnWeekStart(Date.parse('2026-03-01T16:30:00Z'))).toBe('2026-02-23'); // still Sunday there
    expect(vnWeekStart(Date.parse('2026-03-08T16:59:59Z'))).toBe('2026-03-02');
  });
});
