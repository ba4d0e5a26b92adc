import { existsSync, mkdirSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/result';
import { importPack, unsafeEntryPath } from '../../electron/services/content/importer';
import { loadContent } from '../../electron/services/content/loader';
import { tempDir } from './support/temp';
import { sampleDemo } from '../support/demo-fixture';

const manifest = (version = '1.0.0') => JSON.stringify({ id: 'dia-phuong', version, title: { vi: 'Gói địa phương' } });
const demo = (skill = 'nen-tang-so') => JSON.stringify(sampleDemo('sdk-dien-tu', { skill, title: 'Sổ sức khỏe điện tử' }));

/** Builds a zip in memory; `rename` swaps an entry name for one yazl itself refuses to write. */
async function zip(entries: Record<string, string>, rename?: [string, string]): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, body] of Object.entries(entries)) z.addBuffer(Buffer.from(body), name);
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  let buf = Buffer.concat(chunks);
  if (rename) {
    const [from, to] = rename;
    expect(from.length).toBe(to.length);
    buf = Buffer.from(buf.toString('latin1').split(from).join(to), 'latin1');
  }
  return buf;
}

async function reason(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (error: unknown) => error);
  expect(e).toBeInstanceOf(AppError);
  return (e as AppError).message;
}

const installed = (data: string) => readdirSync(path.join(data, 'content'));

describe('content pack import', () => {
  it('installs a good .zip (pack at the top or inside one folder) and loads it', async () => {
    const data = tempDir();
    const file = path.join(tempDir(), 'goi.zip');
    writeFileSync(file, await zip({ 'goi/pack.json': manifest(), 'goi/demos/a.json': demo() }));
    const status = await importPack(file, data);
    expect(status).toMatchObject({ id: 'dia-phuong', ok: true, demoCount: 1 });
    expect(installed(data)).toEqual(['dia-phuong']);
    const catalog = await loadContent({ builtIn: tempDir(), data: path.join(data, 'content') });
    expect(catalog.demos.map((d) => d.id)).toEqual(['sdk-dien-tu']);
  });

  it('installs from a folder and replaces an older version whole', async () => {
    const data = tempDir();
    const folder = tempDir();
    mkdirSync(path.join(folder, 'demos'));
    writeFileSync(path.join(folder, 'pack.json'), manifest('1.0.0'));
    writeFileSync(path.join(folder, 'demos', 'a.json'), demo());
    await importPack(folder, data);
    writeFileSync(path.join(folder, 'pack.json'), manifest('1.1.0'));
    expect((await importPack(folder, data)).version).toBe('1.1.0');
    expect(installed(data)).toEqual(['dia-phuong']);
  });

  it('refuses a pack that fails the schema, installing nothing', async () => {
    const data = tempDir();
    const file = path.join(tempDir(), 'hong.zip');
    writeFileSync(file, await zip({ 'pack.json': manifest(), 'demos/a.json': demo('khong-co') }));
    expect(await reason(importPack(file, data))).toMatch(/1 lỗi, chưa cài gì.*demos\/a.json \(skill\)/);
    expect(installed(data)).toEqual([]);
  });

  it('refuses a .zip whose paths escape the pack folder', async () => {
    const data = tempDir();
    const file = path.join(tempDir(), 'thoat.zip');
    writeFileSync(file, await zip({ 'pack.json': manifest(), 'demos/a.json': demo(), 'xx/evil.txt': 'x' }, ['xx/evil.txt', '../evil.txt']));
    expect(await reason(importPack(file, data))).toContain('trỏ ra ngoài thư mục gói');
    expect(installed(data)).toEqual([]);
    expect(existsSync(path.join(data, 'evil.txt'))).toBe(false);
    expect(unsafeEntryPath('/etc/passwd')).toContain('tuyệt đối');
    expect(unsafeEntryPath('a\\..\\b')).toContain('\\');
  });

  it('refuses a .zip that is not a pack, one that is not a zip, and one over 50 MB', async () => {
    const data = tempDir();
    const dir = tempDir();
    writeFileSync(path.join(dir, 'anh.zip'), await zip({ 'anh/hinh.txt': 'x' }));
    expect(await reason(importPack(path.join(dir, 'anh.zip'), data))).toContain('không thấy tệp pack.json');
    writeFileSync(path.join(dir, 'gia.zip'), 'đây không phải zip');
    expect(await reason(importPack(path.join(dir, 'gia.zip'), data))).toContain('không phải tệp .zip');
    writeFileSync(path.join(dir, 'to.zip'), '');
    truncateSync(path.join(dir, 'to.zip'), 51 * 1024 * 1024);
    expect(await reason(importPack(path.join(dir, 'to.zip'), data))).toContain('quá giới hạn 50 MB');
    expect(await reason(importPack(path.join(dir, 'khong-co.zip'), data))).toContain('Không thấy');
    expect(installed(data)).toEqual([]);
  });
});
