import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerTable } from '../../electron/api/handlers';
import { invoke } from '../../electron/api/invoke';
import { handleIpcCall } from '../../electron/api/ipc';
import { AppError } from '../../electron/api/result';
import { createMemoryLogger } from '../../electron/services/logger';
import { isTrustedSender } from '../../electron/window';
import { makeServices } from './support/temp';

const ctx = { transport: 'direct' as const };

async function table(): Promise<HandlerTable> {
  return createHandlers(await makeServices());
}

describe('invoke', () => {
  it('runs a valid call and wraps the value', async () => {
    const log = createMemoryLogger();
    const result = await invoke(await table(), 'settings:get', {}, ctx, log);
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
    const result = await invoke(await table(), 'app:info', input, ctx, createMemoryLogger());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.message).toBe('Dữ liệu gửi lên không hợp lệ.');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats a missing input as an empty object', async () => {
    const result = await invoke(await table(), 'content:list', undefined, ctx, createMemoryLogger());
    expect(result).toEqual({ ok: true, value: { demos: [] } });
  });

  it('names the field at fault', async () => {
    const result = await invoke(await table(), 'content:list', { skill: 'bay' }, ctx, createMemoryLogger());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.error.fields ?? {})).toEqual(['skill']);
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL, its name cut short', async () => {
    const result = await invoke(await table(), `x:${'y'.repeat(500)}`, {}, ctx, createMemoryLogger());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('UNKNOWN_CHANNEL');
      expect(result.error.message.length).toBeLessThan(120);
    }
  });

  it('passes an expected failure through with its code', async () => {
    const t = await table();
    t['settings:get'] = async () => {
      throw new AppError('STORAGE', 'Ổ đĩa đã đầy.');
    };
    const result = await invoke(t, 'settings:get', {}, ctx, createMemoryLogger());
    expect(result).toEqual({ ok: false, error: { code: 'STORAGE', message: 'Ổ đĩa đã đầy.' } });
  });

  it('maps a programmer error to INTERNAL without leaking its stack, and logs it', async () => {
    const t = await table();
    t['settings:get'] = async () => {
      throw new TypeError('secret internals at /home/user/kiosk');
    };
    const log = createMemoryLogger();
    const result = await invoke(t, 'settings:get', {}, ctx, log);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INTERNAL');
      expect(JSON.stringify(result)).not.toContain('secret internals');
      expect(JSON.stringify(result)).not.toContain('at ');
    }
    expect(log.lines.join('\n')).toContain('secret internals');
  });

  it('maps a thrown non-Error (a string rejection) to INTERNAL', async () => {
    const t = await table();
    t['settings:get'] = () => Promise.reject(new Error('x')).catch(() => Promise.reject('Timed out'));
    const result = await invoke(t, 'settings:get', {}, ctx, createMemoryLogger());
    expect(result.ok ? null : result.error.code).toBe('INTERNAL');
  });
});

describe('IPC calls', () => {
  it('serves a call from the app origin', async () => {
    const result = await handleIpcCall(await table(), 'settings:get', 'app://kiosk/index.html', {}, isTrustedSender, createMemoryLogger());
    expect(result.ok).toBe(true);
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a look-alike host', 'app://kiosk.evil/index.html'],
    ['no frame', undefined],
    ['garbage', 'not a url'],
  ])('refuses %s as sender with FORBIDDEN before touching the handler', async (_label, url) => {
    const t = await table();
    let called = false;
    t['settings:get'] = async (...args) => {
      called = true;
      return createHandlers(await makeServices())['settings:get'](...args);
    };
    const log = createMemoryLogger();
    const result = await handleIpcCall(t, 'settings:get', url, {}, isTrustedSender, log);
    expect(result.ok ? null : result.error.code).toBe('FORBIDDEN');
    expect(called).toBe(false);
    expect(log.lines.some((l) => l.includes('untrusted sender'))).toBe(true);
  });
});
