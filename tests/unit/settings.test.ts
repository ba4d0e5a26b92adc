import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/result';
import { createMemoryLogger } from '../../electron/services/logger';
import { DEFAULT_SETTINGS, SettingsStore } from '../../electron/services/settings';
import { tempDir } from './support/temp';

describe('settings', () => {
  it('starts from defaults on a fresh data folder without writing anything', async () => {
    const dir = tempDir();
    const store = new SettingsStore(dir, createMemoryLogger());
    expect(await store.load()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ language: 'vi', idleSeconds: 90, idleCountdownSeconds: 15, printer: null });
    expect(store.problem()).toBeNull();
    expect(existsSync(path.join(dir, 'settings.json'))).toBe(false);
  });

  it('saves a valid change durably and applies it at once', async () => {
    const dir = tempDir();
    const store = new SettingsStore(dir, createMemoryLogger());
    await store.load();
    await store.update({ idleSeconds: 120, language: 'en' });
    expect(store.get().idleSeconds).toBe(120);
    const again = new SettingsStore(dir, createMemoryLogger());
    expect((await again.load()).idleSeconds).toBe(120);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an invalid change, names the field, and keeps what was there', async () => {
    const dir = tempDir();
    const store = new SettingsStore(dir, createMemoryLogger());
    await store.load();
    await store.update({ idleSeconds: 60 });
    const error = await store.update({ idleSeconds: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_INPUT');
    expect(Object.keys((error as AppError).fields ?? {})).toEqual(['idleSeconds']);
    expect(store.get().idleSeconds).toBe(60);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8')).idleSeconds).toBe(60);
  });

  it.each([
    ['nonsense JSON', '{"idleSeconds": 12'],
    ['an empty file', ''],
    ['zero bytes from a power cut', '\u0000\u0000\u0000\u0000'],
    ['valid JSON with wrong values', '{"idleSeconds": "ninety", "language": "fr"}'],
  ])('at start, refuses %s: moves it aside and restores the last good settings, loudly', async (_label, content) => {
    const dir = tempDir();
    const first = new SettingsStore(dir, createMemoryLogger());
    await first.load();
    await first.update({ idleSeconds: 300 });
    writeFileSync(path.join(dir, 'settings.json'), content);

    const log = createMemoryLogger();
    const store = new SettingsStore(dir, log, () => new Date('2026-11-29T08:00:00Z'));
    const loaded = await store.load();
    expect(loaded.idleSeconds).toBe(300);
    expect(store.problem()?.message).toMatch(/Tệp cài đặt bị hỏng/);
    const aside = readdirSync(dir).filter((f) => f.startsWith('settings.json.hong-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe(content);
    expect(log.lines.some((l) => l.startsWith('warn'))).toBe(true);
  });

  it('accepts a settings file saved with a byte-order mark', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'settings.json'), `\uFEFF${JSON.stringify({ idleSeconds: 45 })}`);
    const store = new SettingsStore(dir, createMemoryLogger());
    expect((await store.load()).idleSeconds).toBe(45);
    expect(store.problem()).toBeNull();
  });
});

describe('printer address', () => {
  it('accepts the shapes a printer can have and refuses anything else, naming the field', async () => {
    const store = new SettingsStore(tempDir(), createMemoryLogger());
    await store.load();
    for (const uri of ['tcp://192.168.1.50', 'tcp://may-in.local:9101', '/dev/usb/lp0', 'printer:XP-80C']) {
      await store.update({ printer: { uri, paperWidthMm: 80 } });
      expect(store.get().printer?.uri).toBe(uri);
    }
    const error = await store.update({ printer: { uri: 'http://printer', paperWidthMm: 58 } }).catch((e: unknown) => e as AppError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', fields: { 'printer.uri': expect.stringContaining('tcp://') } });
  });
});
