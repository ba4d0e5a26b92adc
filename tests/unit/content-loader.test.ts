import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent, MAX_CONTENT_FILE_BYTES } from '../../electron/services/content/loader';
import { tempDir } from './support/temp';
import { sampleDemo } from '../support/demo-fixture';

function writePack(root: string, folder: string, manifest: unknown, demos: Record<string, string | object>): void {
  const dir = path.join(root, folder);
  mkdirSync(path.join(dir, 'demos'), { recursive: true });
  writeFileSync(path.join(dir, 'pack.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  for (const [name, demo] of Object.entries(demos)) {
    writeFileSync(path.join(dir, 'demos', name), typeof demo === 'string' ? demo : JSON.stringify(demo));
  }
}

const manifest = (id: string) => ({ id, version: '1.0.0', title: { vi: 'Gói thử' } });
const demo = (id: string, skill = 'an-toan', title = 'Nhận biết tin nhắn lừa đảo') => sampleDemo(id, { skill, title });

describe('content loading', () => {
  it('lists the demos of good packs from both the built-in folder and the data folder', async () => {
    const builtIn = tempDir();
    const data = tempDir();
    writePack(builtIn, 'co-ban', manifest('co-ban'), { 'a.json': demo('tin-nhan-lua-dao') });
    writePack(data, 'dia-phuong', manifest('dia-phuong'), { 'b.json': demo('vneid-muc-2', 'nen-tang-so') });
    const catalog = await loadContent({ builtIn, data });
    expect(catalog.demos.map((d) => d.id).sort()).toEqual(['tin-nhan-lua-dao', 'vneid-muc-2']);
    expect(catalog.packs.map((p) => [p.id, p.source, p.ok])).toEqual([
      ['co-ban', 'built-in', true],
      ['dia-phuong', 'data', true],
    ]);
  });

  it('is an empty list, not an error, when there are no packs', async () => {
    expect(await loadContent({ builtIn: path.join(tempDir(), 'none'), data: tempDir() })).toEqual({ demos: [], packs: [], voices: new Map() });
  });

  it('rejects a bad pack whole, naming file, path and problem, and still loads the others', async () => {
    const root = tempDir();
    writePack(root, 'tot', manifest('tot'), { 'a.json': demo('bai-tot') });
    writePack(root, 'hong', manifest('hong'), { 'a.json': demo('bai-a'), 'b.json': { ...demo('bai-b'), skill: 'bay-luon' } });
    const catalog = await loadContent({ builtIn: root, data: tempDir() });
    expect(catalog.demos.map((d) => d.id)).toEqual(['bai-tot']);
    const bad = catalog.packs.find((p) => p.folder === 'hong');
    expect(bad?.ok).toBe(false);
    expect(bad?.problems).toEqual([{ file: 'demos/b.json', path: 'skill', message: expect.stringMatching(/không hợp lệ/) }]);
  });

  it('names a JSON syntax error and a missing pack.json', async () => {
    const root = tempDir();
    writePack(root, 'cu-phap', manifest('cu-phap'), { 'a.json': '{"id": ' });
    mkdirSync(path.join(root, 'thieu', 'demos'), { recursive: true });
    const catalog = await loadContent({ builtIn: root, data: tempDir() });
    expect(catalog.packs.find((p) => p.folder === 'cu-phap')?.problems[0]).toMatchObject({ file: 'demos/a.json', message: expect.stringContaining('JSON') });
    expect(catalog.packs.find((p) => p.folder === 'thieu')?.problems[0]).toMatchObject({ file: 'pack.json', message: 'thiếu tệp' });
  });

  it('accepts a UTF-8 byte-order mark and normalises NFD Vietnamese to NFC', async () => {
    const root = tempDir();
    const nfdTitle = 'Nhận biết cuộc gọi giả danh công an'.normalize('NFD');
    writePack(root, 'bom', manifest('bom'), { 'a.json': `\uFEFF${JSON.stringify(demo('goi-gia-danh', 'an-toan', nfdTitle))}` });
    const catalog = await loadContent({ builtIn: root, data: tempDir() });
    expect(catalog.demos[0]?.title.vi).toBe('Nhận biết cuộc gọi giả danh công an'.normalize('NFC'));
    expect(catalog.demos[0]?.title.vi).not.toBe(nfdTitle);
  });

  it('rejects duplicate demo ids within a pack and across packs', async () => {
    const root = tempDir();
    const data = tempDir();
    writePack(root, 'mot', manifest('mot'), { 'a.json': demo('trung'), 'b.json': demo('trung') });
    writePack(root, 'hai', manifest('hai'), { 'a.json': demo('rieng') });
    writePack(data, 'ba', manifest('ba'), { 'a.json': demo('rieng') });
    const catalog = await loadContent({ builtIn: root, data });
    expect(catalog.packs.find((p) => p.folder === 'mot')?.ok).toBe(false);
    expect(catalog.packs.find((p) => p.folder === 'ba')?.problems[0]?.message).toContain('trùng');
    expect(catalog.demos.map((d) => d.id)).toEqual(['rieng']);
  });

  it('refuses files over 5 MB and text over sane lengths', async () => {
    const root = tempDir();
    writePack(root, 'to', manifest('to'), { 'a.json': ' '.repeat(MAX_CONTENT_FILE_BYTES + 1) });
    writePack(root, 'dai', manifest('dai'), { 'a.json': demo('dai', 'an-toan', 'x'.repeat(1000)) });
    const catalog = await loadContent({ builtIn: root, data: tempDir() });
    expect(catalog.packs.find((p) => p.folder === 'to')?.problems[0]?.message).toContain('5 MB');
    expect(catalog.packs.find((p) => p.folder === 'dai')?.problems[0]?.path).toBe('title.vi');
  });
});
