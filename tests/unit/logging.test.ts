import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, readRecentLogs } from '../../electron/services/logging';
import { tempDir } from './support/temp';

describe('log file', () => {
  it('writes timestamped, levelled lines in the data folder, with secrets and personal data redacted', async () => {
    const dir = tempDir();
    const log = await createFileLogger(dir, 'kiosk');
    log.info('staff signed in', { staffId: 'abc', session: 'SECRET-SESSION' });
    log.warn('wrong staff PIN', { pin: '482915', nested: { pin: '305118', name: 'Nguyễn Thị Ánh' } });
    log.error('renderer process gone', { reason: 'crashed' });
    log.flush();
    const files = readdirSync(path.join(dir, 'logs'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^kiosk\.\d{4}-\d{2}-\d{2}\.1\.log$/);
    const text = readFileSync(path.join(dir, 'logs', files[0]!), 'utf8');
    for (const secret of ['SECRET-SESSION', '482915', '305118', 'Nguyễn Thị Ánh']) expect(text).not.toContain(secret);
    const lines = await readRecentLogs(dir, 2);
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ['warn', 'wrong staff PIN'],
      ['error', 'renderer process gone'],
    ]);
    expect(lines[0]?.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('refuses to start on a data folder it cannot write, so the caller can fall back', async () => {
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    await expect(createFileLogger(file, 'cli')).rejects.toThrow(/ENOTDIR/);
  });
});
