import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/result';
import { createMemoryLogger } from '../../electron/services/logger';
import { STAFF_IDLE_MS, StaffService } from '../../electron/services/staff/staff-service';
import { tempDir } from './support/temp';

const CHEAP = { N: 1024, r: 8, p: 1 };

async function service(dir = tempDir(), clock: () => number = Date.now) {
  const log = createMemoryLogger();
  const staff = new StaffService(dir, log, clock);
  await staff.open();
  await staff.setPinCost(CHEAP);
  return { staff, dir, log };
}

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe('staff accounts', () => {
  it('adds staff with NFC names, refuses trivial PINs and duplicate names', async () => {
    const { staff } = await service();
    const admin = await staff.addAccount({ name: '  Nguyễn Thị Ánh '.normalize('NFD'), role: 'admin', pin: '482915' });
    expect(admin.name).toBe('Nguyễn Thị Ánh');
    expect(await staff.addAccount({ name: 'Lê Văn B', role: 'member', pin: '123456' }).catch(codeOf)).toBe('INVALID_INPUT');
    expect(await staff.addAccount({ name: 'nguyen thi anh', role: 'member', pin: '305118' }).catch(codeOf)).toBe('CONFLICT');
    expect(staff.hasActiveAdmin()).toBe(true);
  });

  it('signs in with the right PIN and keeps the PIN out of the file and the log', async () => {
    const { staff, dir, log } = await service();
    const a = await staff.addAccount({ name: 'Trần Văn Cường', role: 'member', pin: '482915' });
    const { staff: who } = await staff.signIn(a.id, '482915');
    expect(staff.authorize(who.session, 'member').name).toBe('Trần Văn Cường');
    await staff.signIn(a.id, '482916').catch(() => undefined);
    expect(readFileSync(path.join(dir, 'staff.json'), 'utf8')).not.toContain('482915');
    expect(log.lines.join('\n')).not.toMatch(/48291[56]/);
  });

  it('keeps members out of admin work', async () => {
    const { staff } = await service();
    const m = await staff.addAccount({ name: 'Đoàn viên Hải', role: 'member', pin: '482915' });
    const { staff: who } = await staff.signIn(m.id, '482915');
    expect(() => staff.authorize(who.session, 'admin')).toThrow(/quản trị/);
  });

  it('signs out after 2 idle minutes, and on request', async () => {
    let now = 1_000_000;
    const { staff } = await service(tempDir(), () => now);
    const a = await staff.addAccount({ name: 'Hải', role: 'admin', pin: '482915' });
    const { staff: who } = await staff.signIn(a.id, '482915');
    now += STAFF_IDLE_MS - 1000;
    expect(staff.authorize(who.session, 'admin').id).toBe(a.id);
    now += STAFF_IDLE_MS + 1;
    expect(() => staff.authorize(who.session, 'admin')).toThrow(/hết/);
    const again = await staff.signIn(a.id, '482915');
    staff.signOut(again.staff.session);
    expect(() => staff.authorize(again.staff.session, 'member')).toThrow(AppError);
    expect(() => staff.authorize(undefined, 'member')).toThrow(AppError);
  });

  it('locks after 5 wrong PINs for 30 s, telling how long, then doubles', async () => {
    let now = 5_000_000;
    const { staff } = await service(tempDir(), () => now);
    const a = await staff.addAccount({ name: 'Hải', role: 'member', pin: '482915' });
    const messages: string[] = [];
    for (let i = 0; i < 4; i++) messages.push(await staff.signIn(a.id, '111112').catch((e: AppError) => e.message) as string);
    expect(messages[0]).toBe('Mã PIN chưa đúng. Còn 4 lần thử trước khi tạm khóa.');
    expect(messages[3]).toContain('Còn 1 lần');
    const fifth = await staff.signIn(a.id, '111112').catch((e: unknown) => e as AppError);
    expect(fifth).toMatchObject({ code: 'LOCKED', retryAfterSeconds: 30 });
    // Even the right PIN is refused while locked.
    expect(await staff.signIn(a.id, '482915').catch(codeOf)).toBe('LOCKED');
    now += 30_001;
    for (let i = 0; i < 5; i++) await staff.signIn(a.id, '111112').catch(() => undefined);
    const second = await staff.signIn(a.id, '482915').catch((e: unknown) => e as AppError);
    expect(second).toMatchObject({ code: 'LOCKED', retryAfterSeconds: 60 });
    now += 60_001;
    expect((await staff.signIn(a.id, '482915')).staff.id).toBe(a.id);
  });

  it('keeps the count across a restart in the middle', async () => {
    const dir = tempDir();
    let now = 9_000_000;
    const first = await service(dir, () => now);
    const a = await first.staff.addAccount({ name: 'Hải', role: 'member', pin: '482915' });
    for (let i = 0; i < 3; i++) await first.staff.signIn(a.id, '111112').catch(() => undefined);
    const second = new StaffService(dir, createMemoryLogger(), () => now);
    await second.open();
    expect(await second.signIn(a.id, '111112').catch((e: AppError) => e.message)).toContain('Còn 1 lần');
    expect(await second.signIn(a.id, '111112').catch(codeOf)).toBe('LOCKED');
    const third = new StaffService(dir, createMemoryLogger(), () => now);
    await third.open();
    expect(await third.signIn(a.id, '482915').catch(codeOf)).toBe('LOCKED');
    now += 31_000;
    expect((await third.signIn(a.id, '482915')).mustChangePin).toBe(false);
  });

  it('keeps every answered wrong PIN after a SIGKILL', async () => {
    const dir = tempDir();
    const { staff } = await service(dir);
    const a = await staff.addAccount({ name: 'Hải', role: 'member', pin: '482915' });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support', 'staff-child.ts'), dir, a.id], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('waiting')) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited early: ${out}`)));
    });
    child.kill('SIGKILL');
    const after = new StaffService(dir, createMemoryLogger());
    await after.open();
    const message = await after.signIn(a.id, '111112').catch((e: AppError) => e.message);
    expect(message).toContain('Còn 1 lần');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 30_000);

  it('serialises simultaneous guesses so none escapes the count', async () => {
    const { staff } = await service();
    const a = await staff.addAccount({ name: 'Hải', role: 'member', pin: '482915' });
    const results = await Promise.all(Array.from({ length: 8 }, () => staff.signIn(a.id, '111112').catch(codeOf)));
    expect(results.filter((r) => r === 'UNAUTHORIZED')).toHaveLength(4);
    expect(results.filter((r) => r === 'LOCKED')).toHaveLength(4);
  });

  it('resets a PIN to a one-time PIN that must be changed, and clears the lock', async () => {
    const { staff } = await service();
    const a = await staff.addAccount({ name: 'Hải', role: 'member', pin: '482915' });
    for (let i = 0; i < 5; i++) await staff.signIn(a.id, '111112').catch(() => undefined);
    const { oneTimePin } = await staff.resetPin(a.id);
    const signed = await staff.signIn(a.id, oneTimePin);
    expect(signed.mustChangePin).toBe(true);
    await staff.changePin(a.id, oneTimePin, '305118');
    expect((await staff.signIn(a.id, '305118')).mustChangePin).toBe(false);
    expect(await staff.changePin(a.id, '305118', '654321').catch(codeOf)).toBe('INVALID_INPUT');
  });

  it('never disables the last active admin', async () => {
    const { staff } = await service();
    const a = await staff.addAccount({ name: 'Quản trị', role: 'admin', pin: '482915' });
    expect(await staff.setDisabled(a.id, true).catch(codeOf)).toBe('CONFLICT');
    const b = await staff.addAccount({ name: 'Quản trị hai', role: 'admin', pin: '305118' });
    await staff.setDisabled(a.id, true);
    expect(staff.listActive().map((s) => s.id)).toEqual([b.id]);
    expect(await staff.signIn(a.id, '482915').catch(codeOf)).toBe('NOT_FOUND');
  });

  it('restores the last good staff file when the file is corrupt at start, keeping the bad one', async () => {
    const dir = tempDir();
    const { staff } = await service(dir);
    await staff.addAccount({ name: 'Hải', role: 'admin', pin: '482915' });
    writeFileSync(path.join(dir, 'staff.json'), '{"schemaVersion":1,"acc');
    const after = new StaffService(dir, createMemoryLogger());
    await after.open();
    expect(after.listActive().map((s) => s.name)).toEqual(['Hải']);
    expect(after.problem()).toContain('bị hỏng');
    expect(readdirSync(dir).some((f) => f.startsWith('staff.json.hong-'))).toBe(true);
  });
});
