import { describe, expect, it } from 'vitest';
import { createApi, invoke } from '../../electron/api';
import type { Channel } from '../../electron/api/channels';
import type { Input, Output } from '../../electron/api/contract';
import type { Result } from '../../electron/api/result';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rasterToPng } from '../../electron/services/cards/layout';
import { FakePrinter } from '../fakes/fake-printer';
import { makeServices } from './support/temp';

const ctx = { transport: 'direct' as const };

async function setUp() {
  const services = await makeServices();
  const admin = await services.staff.addAccount({ name: 'Quản trị thử nghiệm', role: 'admin', pin: '482915' });
  await services.staff.addAccount({ name: 'Cán bộ Tổ công nghệ', role: 'member', pin: '517362' });
  const member = services.staff.listActive().find((s) => s.role === 'member')!;
  const adminSession = (await services.staff.signIn(admin.id, '482915')).staff.session;
  const memberSession = (await services.staff.signIn(member.id, '517362')).staff.session;
  const core = createApi(services);
  const call = <C extends Channel>(channel: C, input: Input<C>) => invoke(core, channel, input, ctx) as Promise<Result<Output<C>>>;
  const value = async <C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> => {
    const result = await call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields)}`);
    return result.value;
  };
  return { services, core, call, value, adminSession, memberSession, admin, member };
}

async function addAnh(t: Awaited<ReturnType<typeof setUp>>) {
  const commune = t.services.geo.listCommunes('01')!.find((c) => c.name === 'Xã Phù Đổng')!;
  const household = await t.value('records:add-household', { session: t.memberSession, provinceCode: '01', communeCode: commune.code, hamlet: 'Thôn Đổng Viên', headName: 'Nguyễn Văn Ba' });
  const consent = await t.value('records:consent-text', { session: t.memberSession });
  const person = await t.value('records:add-person', {
    session: t.memberSession,
    householdId: household.id,
    fullName: 'Nguyễn Thị Ánh',
    birthYear: 1958,
    consent: { version: consent.version, method: 'man-hinh' },
  });
  return { household, person };
}

describe('records through the API', () => {
  it('adds a household and a person; consent is recorded against the signed-in staff member, not what the page says', async () => {
    const t = await setUp();
    const { person } = await addAnh(t);
    expect(person.consent).toMatchObject({ method: 'man-hinh', staffId: t.member.id });
    const found = await t.value('records:search', { session: t.memberSession, text: 'nguyen thi anh' });
    expect(found.people.map((h) => h.person.fullName)).toEqual(['Nguyễn Thị Ánh']);
  });

  it('names the field at fault, and refuses anyone not signed in', async () => {
    const t = await setUp();
    const { household } = await addAnh(t);
    const bad = await t.call('records:add-person', { session: t.memberSession, householdId: household.id, fullName: 'Trần Văn Cường', birthYear: 1850, consent: { version: 'v1', method: 'giay' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.error.fields ?? {})).toContain('birthYear');
    const anonymous = await t.call('records:search', { session: 'khong-co', text: 'anh' });
    expect(anonymous.ok || anonymous.error.code).toBe('UNAUTHORIZED');
  });

  it('lets the citizen side add to the session staff handed over, and nothing else', async () => {
    const t = await setUp();
    const { person } = await addAnh(t);
    const { session, handoff } = await t.value('records:open-session', { session: t.memberSession, personId: person.id });
    const result = { demoId: 'nhan-biet-cua-hang-gia', completed: true, mistakes: 1, hints: 0, seconds: 95 };
    await t.value('records:session-result', { sessionId: session.id, handoff, result });
    await t.value('records:session-card', { sessionId: session.id, handoff, demoId: 'nhan-biet-cua-hang-gia' });
    const forged = await t.call('records:session-result', { sessionId: session.id, handoff: 'x'.repeat(32), result });
    expect(forged.ok || forged.error.code).toBe('FORBIDDEN');

    await t.value('records:session-pause', { sessionId: session.id, handoff });
    const waiting = await t.value('records:unfinished', { session: t.memberSession });
    expect(waiting.sessions.map((w) => [w.person.fullName, w.session.state])).toEqual([['Nguyễn Thị Ánh', 'unfinished']]);
    let page = await t.value('records:person', { session: t.memberSession, id: person.id });
    expect(page.sessions[0]).toMatchObject({ state: 'unfinished', demos: [result], cardsPrinted: ['nhan-biet-cua-hang-gia'] });

    const done = await t.value('records:finish-session', { session: t.memberSession, sessionId: session.id, skills: { 'mua-sam': 'da-thuc-hanh' }, achievements: ['vneid-muc-2'] });
    expect(done.session.state).toBe('done');
    expect(done.person.skills['mua-sam']).toBe('da-thuc-hanh');
    const late = await t.call('records:session-result', { sessionId: session.id, handoff, result });
    expect(late.ok || late.error.code).toBe('FORBIDDEN');
    expect((await t.value('records:unfinished', { session: t.memberSession })).sessions).toEqual([]);
    page = await t.value('records:person', { session: t.memberSession, id: person.id });
    expect(page.person.achievements).toEqual(['vneid-muc-2']);
  });

  it('exports a CSV that imports back without changing anything; exports are for admins', async () => {
    const t = await setUp();
    await addAnh(t);
    const refused = await t.call('records:export', { session: t.memberSession, format: 'csv' });
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    const csv = await t.value('records:export', { session: t.adminSession, format: 'csv' });
    const text = Buffer.from(csv.dataBase64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('Nguyễn Thị Ánh');
    expect(csv.savedTo).toMatch(/exports/);
    // A copy older than a week is deleted at the next export; this one stays.
    const old = path.join(path.dirname(csv.savedTo), 'ho-so-cu.csv');
    writeFileSync(old, 'x');
    utimesSync(old, new Date(Date.now() - 8 * 86_400_000), new Date(Date.now() - 8 * 86_400_000));
    const unsealed = await t.call('records:export', { session: t.adminSession, format: 'bundle' });
    expect(unsealed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { passphrase: expect.any(String) } } });
    const sealed = await t.value('records:export', { session: t.adminSession, format: 'bundle', passphrase: 'mot-hai-ba-bon-nam' });
    expect(sealed.fileName).toMatch(/\.tkns$/);
    expect(Buffer.from(sealed.dataBase64, 'base64').toString('latin1')).not.toContain('Ánh');
    expect(existsSync(old)).toBe(false);
    expect(existsSync(csv.savedTo)).toBe(true);
    const again = await t.value('records:import', { session: t.adminSession, fileName: csv.fileName, dataBase64: csv.dataBase64 });
    expect(again.people).toMatchObject({ added: 0 });
    const stats = await t.value('records:stats', { session: t.memberSession });
    expect(stats).toMatchObject({ households: 1, people: 1, householdsMeetingGoal: 0 });
  });

  it('erases a person with a reason, leaving no trace in search', async () => {
    const t = await setUp();
    const { person } = await addAnh(t);
    await t.value('records:delete-person', { session: t.memberSession, id: person.id, reason: 'yeu-cau' });
    const found = await t.value('records:search', { session: t.memberSession, text: 'anh' });
    expect(found.people).toHaveLength(0);
    const gone = await t.call('records:person', { session: t.memberSession, id: person.id });
    expect(gone.ok || gone.error.code).toBe('NOT_FOUND');
  });

  it('prints the consent slip on the desk printer with the person, the method and the staff member', async () => {
    const t = await setUp();
    const printer = new FakePrinter();
    await printer.start();
    try {
      await t.services.settings.update({ printer: { uri: printer.uri, paperWidthMm: 58 } });
      const job = await t.value('records:consent-slip', { session: t.memberSession, method: 'giay', language: 'vi', personName: 'Nguyễn Thị Ánh' });
      expect(job).toMatchObject({ kind: 'slip', state: 'queued' });
      await t.services.printing.queue.idle();
      expect(t.services.printing.queue.get(job.id)?.state).toBe('sent');
      expect(printer.jobs).toHaveLength(1);
      expect(printer.jobs[0]!.raster.width).toBe(384);
      if (process.env.SAVE_SLIP) writeFileSync(process.env.SAVE_SLIP, rasterToPng(printer.jobs[0]!.raster));
    } finally {
      await t.services.close();
      await printer.stop();
    }
  });
});
