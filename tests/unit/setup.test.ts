import { describe, expect, it } from 'vitest';
import { createApi, invoke } from '../../electron/api';
import { makeServices } from './support/temp';

const ctx = { transport: 'direct' as const };
const goodSetup = {
  site: {
    name: 'Bộ phận một cửa xã Phù Đổng',
    kind: 'mot-cua',
    provinceCode: '01',
    communeCode: '',
    hamlets: ['Thôn Đổng Viên', 'Thôn Phù Dực'],
    hotlines: [{ label: 'Báo lừa đảo', number: '156', confirmed: true }],
  },
  admin: { name: 'Nguyễn Văn Quản', pin: '482915' },
  printer: null,
  idleSeconds: 90,
  language: 'vi',
};

async function withCommune() {
  const services = await makeServices();
  const api = createApi(services);
  const communes = await invoke(api, 'geo:communes', { provinceCode: '01' }, ctx);
  if (!communes.ok) throw new Error('no communes');
  const phuDong = (communes.value as { code: string; name: string }[]).find((c) => c.name === 'Xã Phù Đổng')!;
  return { services, api, input: { ...goodSetup, site: { ...goodSetup.site, communeCode: phuDong.code } } };
}

describe('first-run setup', () => {
  it('is needed on a fresh data folder, and the citizen side shows nothing until it is done', async () => {
    const { api } = await withCommune();
    expect(await invoke(api, 'setup:status', {}, ctx)).toMatchObject({ ok: true, value: { needed: true, site: null } });
  });

  it('lists 34 provinces and a province’s communes in NFC', async () => {
    const { api } = await withCommune();
    const provinces = await invoke(api, 'geo:provinces', {}, ctx);
    expect(provinces.ok && (provinces.value as unknown[]).length).toBe(34);
    const bad = await invoke(api, 'geo:communes', { provinceCode: '99' }, ctx);
    expect(bad.ok ? null : bad.error.code).toBe('NOT_FOUND');
  });

  it('completes with a site, an admin and settings, then refuses to run again', async () => {
    const { api, services, input } = await withCommune();
    const done = await invoke(api, 'setup:complete', input, ctx);
    expect(done).toMatchObject({ ok: true, value: { site: { provinceName: 'Thành phố Hà Nội', communeName: 'Xã Phù Đổng' } } });
    expect(services.staff.listActive()).toMatchObject([{ name: 'Nguyễn Văn Quản', role: 'admin' }]);
    expect(await invoke(api, 'setup:status', {}, ctx)).toMatchObject({ ok: true, value: { needed: false } });
    const again = await invoke(api, 'setup:complete', input, ctx);
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
  });

  it('names every wrong field and writes nothing', async () => {
    const { api, services, input } = await withCommune();
    const result = await invoke(api, 'setup:complete', { ...input, admin: { name: ' ', pin: '123456' }, site: { ...input.site, hamlets: [] } }, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(Object.keys(result.error.fields ?? {})).toEqual(expect.arrayContaining(['site.hamlets']));
    }
    const result2 = await invoke(api, 'setup:complete', { ...input, admin: { name: ' ', pin: '123456' } }, ctx);
    expect(result2.ok ? null : Object.keys(result2.error.fields ?? {}).sort()).toEqual(['admin.name', 'admin.pin']);
    expect(services.staff.listActive()).toEqual([]);
    expect(services.settings.get().site).toBeNull();
  });

  it('refuses a commune from another province', async () => {
    const { api, input } = await withCommune();
    const result = await invoke(api, 'setup:complete', { ...input, site: { ...input.site, provinceCode: '79' } }, ctx);
    expect(result.ok ? null : result.error.fields).toHaveProperty(['site.communeCode']);
  });
});

describe('admin work after setup', () => {
  it('signs in, changes settings at once, manages staff, and signs out', async () => {
    const { api, services, input } = await withCommune();
    await invoke(api, 'setup:complete', input, ctx);
    const [admin] = services.staff.listActive();
    const signIn = await invoke(api, 'staff:sign-in', { staffId: admin!.id, pin: '482915' }, ctx);
    expect(signIn.ok).toBe(true);
    const session = (signIn as { value: { session: string } }).value.session;

    const updated = await invoke(api, 'settings:update', { session, patch: { idleSeconds: 45 } }, ctx);
    expect(updated).toMatchObject({ ok: true, value: { idleSeconds: 45 } });
    expect(services.settings.get().idleSeconds).toBe(45);
    const bad = await invoke(api, 'settings:update', { session, patch: { idleSeconds: 5 } }, ctx);
    expect(bad.ok ? null : bad.error.fields).toHaveProperty(['patch.idleSeconds']);

    const added = await invoke(api, 'staff:add', { session, name: 'Đoàn viên Lan', role: 'member', pin: '305118' }, ctx);
    expect(added.ok).toBe(true);
    const reset = await invoke(api, 'staff:reset-pin', { session, staffId: (added as { value: { id: string } }).value.id }, ctx);
    expect(reset.ok && (reset.value as { oneTimePin: string }).oneTimePin).toMatch(/^\d{6}$/);
    const self = await invoke(api, 'staff:set-disabled', { session, staffId: admin!.id, disabled: true }, ctx);
    expect(self.ok ? null : self.error.code).toBe('CONFLICT');

    await invoke(api, 'staff:sign-out', { session }, ctx);
    const after = await invoke(api, 'settings:update', { session, patch: { idleSeconds: 60 } }, ctx);
    expect(after.ok ? null : after.error.code).toBe('UNAUTHORIZED');
  });

  it('answers a wrong PIN with the attempts left, then LOCKED with the wait', async () => {
    const { api, services, input } = await withCommune();
    await invoke(api, 'setup:complete', input, ctx);
    const [admin] = services.staff.listActive();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await invoke(api, 'staff:sign-in', { staffId: admin!.id, pin: '111112' }, ctx));
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringContaining('Còn 4 lần') } });
    expect(results[4]).toMatchObject({ ok: false, error: { code: 'LOCKED', retryAfterSeconds: 30 } });
  });
});
