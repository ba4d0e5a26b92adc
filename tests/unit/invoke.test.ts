import { describe, expect, it } from 'vitest';
import { createApi, invoke, type ApiCore } from '../../electron/api';
import { CHANNEL_NAMES } from '../../electron/api/channels';
import { ACCESS } from '../../electron/api/contract';
import { handleIpcCall } from '../../electron/api/ipc';
import { AppError } from '../../electron/api/result';
import { createMemoryLogger } from '../../electron/services/logger';
import { isTrustedSender } from '../../electron/window';
import { makeServices } from './support/temp';

const ctx = { transport: 'direct' as const };

async function core(): Promise<ApiCore & { lines: string[] }> {
  const log = createMemoryLogger();
  const api = createApi(await makeServices());
  return { ...api, log, lines: log.lines };
}

describe('invoke', () => {
  it('runs a valid call and wraps the value', async () => {
    const result = await invoke(await core(), 'settings:get', {}, ctx);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ language: 'vi', idleSeconds: 90 });
  });

  it.each([
    ['a string', 'hello'],
    ['a number', 42],
    ['an array', [1, 2]],
    ['unknown keys', { sneaky: true }],
    ['a prototype key', JSON.parse('{"__proto__": {"polluted": 1}}') as unknown],
  ])('refuses %s as input with INVALID_INPUT and a Vietnamese message', async (_label, input) => {
    const result = await invoke(await core(), 'app:info', input, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toBe('Dữ liệu gửi lên không hợp lệ.');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats a missing input as an empty object', async () => {
    const result = await invoke(await core(), 'content:list', undefined, ctx);
    expect(result).toEqual({ ok: true, value: { demos: [], voices: [] } });
  });

  it('names the field at fault', async () => {
    const result = await invoke(await core(), 'content:list', { skill: 'bay' }, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.error.fields ?? {})).toEqual(['skill']);
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL, its name cut short', async () => {
    const result = await invoke(await core(), `x:${'y'.repeat(500)}`, {}, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('UNKNOWN_CHANNEL');
      expect(result.error.message.length).toBeLessThan(120);
    }
  });

  it('passes an expected failure through with its code', async () => {
    const c = await core();
    c.table['settings:get'] = async () => {
      throw new AppError('STORAGE', 'Ổ đĩa đã đầy.');
    };
    expect(await invoke(c, 'settings:get', {}, ctx)).toEqual({ ok: false, error: { code: 'STORAGE', message: 'Ổ đĩa đã đầy.' } });
  });

  it('maps a programmer error to INTERNAL without leaking its stack, and logs it', async () => {
    const c = await core();
    c.table['settings:get'] = async () => {
      throw new TypeError('secret internals at /home/user/kiosk');
    };
    const result = await invoke(c, 'settings:get', {}, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL');
    expect(JSON.stringify(result)).not.toContain('secret internals');
    expect(JSON.stringify(result)).not.toContain('/home/user');
    expect(c.lines.join('\n')).toContain('secret internals');
  });

  it('maps a thrown non-Error (a string rejection) to INTERNAL', async () => {
    const c = await core();
    c.table['settings:get'] = () => Promise.reject('Timed out');
    const result = await invoke(c, 'settings:get', {}, ctx);
    expect(result.ok ? null : result.error.code).toBe('INTERNAL');
  });

  it('guards every staff channel: no session, a made-up session, and a member on admin work are refused', async () => {
    const services = await makeServices();
    const api = createApi(services);
    const member = await services.staff.addAccount({ name: 'Đoàn viên', role: 'member', pin: '482915' });
    const { staff } = await services.staff.signIn(member.id, '482915');
    for (const channel of CHANNEL_NAMES.filter((c) => ACCESS[c] !== 'public')) {
      const none = await invoke(api, channel, {}, ctx);
      expect(none.ok, channel).toBe(false);
      const fake = await invoke(api, channel, { session: 'made-up' }, ctx);
      expect(fake.ok ? null : fake.error.code, channel).toMatch(/UNAUTHORIZED|INVALID_INPUT/);
      if (ACCESS[channel] === 'admin') {
        const asMember = await invoke(api, channel, { session: staff.session, patch: {}, staffId: member.id, disabled: false, name: 'X', role: 'member', pin: '305118' }, ctx);
        expect(asMember.ok ? null : asMember.error.code, channel).toMatch(/FORBIDDEN|INVALID_INPUT/);
      }
    }
  });
});

describe('IPC calls', () => {
  it('serves a call from the app origin', async () => {
    const result = await handleIpcCall(await core(), 'settings:get', 'app://kiosk/index.html', {}, isTrustedSender);
    expect(result.ok).toBe(true);
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a look-alike host', 'app://kiosk.evil/index.html'],
    ['no frame', undefined],
    ['garbage', 'not a url'],
  ])('refuses %s as sender with FORBIDDEN before touching the handler', async (_label, url) => {
    const c = await core();
    let called = false;
    const original = c.table['settings:get'];
    c.table['settings:get'] = async (...args) => {
      called = true;
      return original(...args);
    };
    const result = await handleIpcCall(c, 'settings:get', url, {}, isTrustedSender);
    expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
    expect(called).toBe(false);
    expect(c.lines.some((l) => l.includes('untrusted sender'))).toBe(true);
  });
});
