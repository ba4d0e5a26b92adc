import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api/handlers';
import { importPack } from '../../electron/services/content/importer';
import { loadContent } from '../../electron/services/content/loader';
import { withVoices } from '../../electron/services/content/narration';
import type { Demo } from '../../electron/services/content/schema';
import { makeMp3, makeOggOpus, makePngBytes, makeWav, makeWebm } from '../support/audio-files';
import { sampleDemo } from '../support/demo-fixture';
import { makeServices, tempDir } from './support/temp';

type Files = Record<string, string | object | Uint8Array>;

/** Writes a pack folder: every value is JSON, text, or bytes at its pack-relative path. */
function writePack(root: string, folder: string, files: Files): string {
  const dir = path.join(root, folder);
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), body instanceof Uint8Array ? body : typeof body === 'string' ? body : JSON.stringify(body));
  }
  return dir;
}

const manifest = (id: string, kind?: 'narration') => ({ id, version: '1.0.0', title: { vi: 'Gói thử' }, ...(kind ? { kind } : {}) });

/** The sample demo with recorded voices on its first two steps. */
function voicedDemo(id: string, audio: Record<string, Record<string, string>>): Record<string, unknown> {
  const demo = sampleDemo(id) as { steps: Record<string, unknown>[] };
  demo.steps = demo.steps.map((step) => (audio[step.id as string] ? { ...step, audio: audio[step.id as string] } : step));
  return demo;
}

const wav = (seconds: number) => makeWav({ seconds, sampleRate: 8000, toneHz: 440 });

describe('recorded narration in content packs', () => {
  it('loads the clips a demo carries, checks their bytes, and sends the chosen language with the demo', async () => {
    const builtIn = tempDir();
    writePack(builtIn, 'co-ban', {
      'pack.json': manifest('co-ban'),
      'demos/a.json': voicedDemo('bai-a', { 'mo-ung-dung': { vi: 'assets/vi/1.wav', hmn: 'assets/hmn/1.ogg' }, 'nhap-ten': { vi: 'assets/vi/2.mp3' } }),
      'assets/vi/1.wav': wav(2.5),
      'assets/hmn/1.ogg': makeOggOpus({ seconds: 3.2 }),
      'assets/vi/2.mp3': makeMp3({ seconds: 4 }),
    });
    const catalog = await loadContent({ builtIn, data: tempDir() });
    const pack = catalog.packs[0]!;
    expect(pack.problems).toEqual([]);
    expect([pack.kind, pack.clipCount, pack.languages]).toEqual(['demos', 3, ['vi', 'hmn']]);

    const demo = catalog.demos[0]!;
    const hmong = await withVoices(demo, catalog.voices, 'hmn', new Set());
    expect(hmong.steps.map((s) => s.voice && [s.voice.lang, s.voice.src.slice(0, 16), Math.round(s.voice.seconds * 10) / 10])).toEqual([
      ['hmn', 'data:audio/ogg;b', 3.2],
      // No H'Mông clip for this step: the Vietnamese one speaks rather than nothing.
      ['vi', 'data:audio/mpeg;', 4],
      undefined,
    ]);
    // An English reader without English clips gets none: the system's English voice reads the English text instead.
    expect((await withVoices(demo, catalog.voices, 'en', new Set())).steps.map((s) => s.voice)).toEqual([undefined, undefined, undefined]);
    const vi = await withVoices(demo, catalog.voices, 'vi', new Set());
    expect(Buffer.from(vi.steps[0]!.voice!.src.split(',')[1]!, 'base64')).toEqual(Buffer.from(wav(2.5)));
  });

  it('refuses a pack whose clip is missing, not audio, over a minute or outside assets/, naming file and path', async () => {
    const builtIn = tempDir();
    writePack(builtIn, 'hong', {
      'pack.json': manifest('hong'),
      'demos/a.json': voicedDemo('bai-a', {
        'mo-ung-dung': { vi: 'assets/thieu.ogg', hmn: 'assets/anh.ogg' },
        'nhap-ten': { vi: 'assets/dai.wav', en: '../ngoai.ogg' },
        xong: { vi: 'assets/loi.txt' },
      }),
      'assets/anh.ogg': makePngBytes(),
      'assets/dai.wav': wav(61),
    });
    writePack(builtIn, 'tot', { 'pack.json': manifest('tot'), 'demos/b.json': voicedDemo('bai-b', { xong: { vi: 'assets/ok.webm' } }), 'assets/ok.webm': makeWebm({ seconds: 1.5, withDuration: false }) });
    const catalog = await loadContent({ builtIn, data: tempDir() });
    const bad = catalog.packs.find((p) => p.id === 'hong')!;
    expect(bad.ok).toBe(false);
    const byPath = Object.fromEntries(bad.problems.map((p) => [`${p.file} ${p.path}`, p.message]));
    expect(Object.keys(byPath).sort()).toEqual([
      'demos/a.json steps.0.audio.hmn',
      'demos/a.json steps.0.audio.vi',
      'demos/a.json steps.1.audio.en',
      'demos/a.json steps.1.audio.vi',
      'demos/a.json steps.2.audio.vi',
    ]);
    expect(byPath['demos/a.json steps.0.audio.vi']).toBe('không thấy tệp lời đọc assets/thieu.ogg trong gói');
    expect(byPath['demos/a.json steps.0.audio.hmn']).toMatch(/^assets\/anh\.ogg: không phải tệp âm thanh/);
    expect(byPath['demos/a.json steps.1.audio.vi']).toBe('assets/dai.wav: đoạn lời đọc dài 61 giây, quá giới hạn 60 giây');
    expect(byPath['demos/a.json steps.1.audio.en']).toMatch(/không được ra ngoài gói/);
    expect(byPath['demos/a.json steps.2.audio.vi']).toMatch(/phải là \.webm, \.ogg, \.opus, \.mp3 hoặc \.wav/);
    // The other pack still loads and speaks (a MediaRecorder-style WebM with no Duration element).
    expect(catalog.demos.map((d) => d.id)).toEqual(['bai-b']);
    expect((await withVoices(catalog.demos[0]!, catalog.voices, 'vi', new Set())).steps[2]!.voice?.seconds).toBeCloseTo(1.5, 1);
  });

  it('adds a narration pack to another pack’s demo, and refuses one that names a demo or step the kiosk lacks', async () => {
    const builtIn = tempDir();
    const data = tempDir();
    writePack(builtIn, 'co-ban', {
      'pack.json': manifest('co-ban'),
      'demos/a.json': voicedDemo('bai-a', { 'mo-ung-dung': { vi: 'assets/goc.wav' } }),
      'assets/goc.wav': wav(1),
    });
    writePack(data, 'loi-doc-xa', {
      'pack.json': manifest('loi-doc-xa', 'narration'),
      'narration/bai-a.json': { demo: 'bai-a', steps: { 'mo-ung-dung': { vi: 'assets/vi/1.ogg' }, xong: { tyz: 'assets/tyz/3.ogg' } } },
      'assets/vi/1.ogg': makeOggOpus({ seconds: 2 }),
      'assets/tyz/3.ogg': makeOggOpus({ seconds: 3 }),
    });
    writePack(data, 'loi-doc-sai', {
      'pack.json': manifest('loi-doc-sai', 'narration'),
      'narration/x.json': { demo: 'khong-co', steps: { b1: { vi: 'assets/1.ogg' } } },
      'narration/y.json': { demo: 'bai-a', steps: { 'buoc-la': { vi: 'assets/1.ogg' } } },
      'assets/1.ogg': makeOggOpus({ seconds: 1 }),
    });
    writePack(data, 'loi-doc-co-bai', { 'pack.json': manifest('loi-doc-co-bai', 'narration'), 'demos/z.json': sampleDemo('bai-z') });

    const catalog = await loadContent({ builtIn, data });
    const status = Object.fromEntries(catalog.packs.map((p) => [p.id, p]));
    expect([status['loi-doc-xa']!.ok, status['loi-doc-xa']!.clipCount, status['loi-doc-xa']!.languages]).toEqual([true, 2, ['vi', 'tyz']]);
    expect(status['loi-doc-sai']!.problems).toEqual([
      { file: 'narration/x.json', path: 'demo', message: 'không có bài nào mã "khong-co" trên trạm này' },
      { file: 'narration/y.json', path: 'steps.buoc-la', message: 'bài "bai-a" không có bước nào mã "buoc-la"' },
    ]);
    expect(status['loi-doc-co-bai']!.problems.map((p) => p.file)).toEqual(['demos/', 'narration/']);

    const demo = catalog.demos[0]!;
    // The narration pack's clip wins over the demo's own; with the pack switched off, the demo's own speaks again.
    expect((await withVoices(demo, catalog.voices, 'vi', new Set())).steps[0]!.voice!.src).toMatch(/^data:audio\/ogg/);
    expect((await withVoices(demo, catalog.voices, 'vi', new Set(['loi-doc-xa']))).steps[0]!.voice!.src).toMatch(/^data:audio\/wav/);
    expect((await withVoices(demo, catalog.voices, 'tyz', new Set())).steps.map((s) => s.voice?.lang)).toEqual(['vi', undefined, 'tyz']);
  });

  it('imports a narration pack only when its demos and steps exist on the kiosk', async () => {
    const dataDir = tempDir();
    const source = writePack(tempDir(), 'goi', {
      'pack.json': manifest('loi-doc-moi', 'narration'),
      'narration/a.json': { demo: 'bai-a', steps: { 'mo-ung-dung': { hmn: 'assets/1.ogg' } } },
      'assets/1.ogg': makeOggOpus({ seconds: 1 }),
    });
    await expect(importPack(source, dataDir, { installed: [] })).rejects.toThrow(/narration\/a\.json \(demo\): không có bài nào mã "bai-a"/);
    expect(existsSync(path.join(dataDir, 'content', 'loi-doc-moi'))).toBe(false);
    const installed = [{ id: 'bai-a', steps: [{ id: 'mo-ung-dung' }] }] as unknown as Demo[];
    const status = await importPack(source, dataDir, { installed });
    expect([status.kind, status.clipCount, status.languages]).toEqual(['narration', 1, ['hmn']]);
  });
});

describe('recording narration at the kiosk', () => {
  async function kiosk() {
    const contentDir = tempDir();
    writePack(contentDir, 'co-ban', { 'pack.json': manifest('co-ban'), 'demos/a.json': sampleDemo('bai-a') });
    const services = await makeServices({ contentDir });
    const handlers = createHandlers(services);
    // The citizen side shows demos only once the kiosk is set up.
    const commune = services.geo.listCommunes('01')!.find((c) => c.name === 'Xã Phù Đổng')!;
    await handlers['setup:complete'](
      {
        site: { name: 'Bộ phận một cửa xã Phù Đổng', kind: 'mot-cua', provinceCode: '01', communeCode: commune.code, hamlets: ['Thôn Đổng Viên'], hotlines: [] },
        admin: { name: 'Nguyễn Văn Quản', pin: '482915' },
        printer: null,
        idleSeconds: 90,
        language: 'vi',
      },
      { transport: 'direct' },
    );
    return { services, handlers, commune: commune.code };
  }

  it('saves a clip durably into the kiosk’s own narration pack; the next citizen hears it at once and after a restart', async () => {
    const { services, handlers, commune } = await kiosk();
    const clip = makeOggOpus({ seconds: 2.4 });
    const saved = await handlers['narration:save']({ session: 's', demoId: 'bai-a', stepId: 'nhap-ten', lang: 'vi', dataBase64: Buffer.from(clip).toString('base64') }, { transport: 'direct' });
    expect([saved.asset, Math.round(saved.seconds * 10) / 10]).toEqual(['assets/vi/bai-a/nhap-ten.ogg', 2.4]);

    const packId = services.settings.get().recordingPackId!;
    expect(packId).toMatch(new RegExp(`^loi-doc-${commune}-[0-9a-f]{6}$`));
    const dir = path.join(services.deps.dataDir, 'content', packId);
    expect(JSON.parse(readFileSync(path.join(dir, 'narration', 'bai-a.json'), 'utf8'))).toEqual({ demo: 'bai-a', steps: { 'nhap-ten': { vi: 'assets/vi/bai-a/nhap-ten.ogg' } } });

    const shown = await handlers['content:demo']({ id: 'bai-a', voice: 'vi' }, { transport: 'direct' });
    expect(shown.steps.map((s) => s.voice?.lang)).toEqual([undefined, 'vi', undefined]);
    expect((await handlers['content:list']({}, { transport: 'direct' })).voices).toEqual(['vi']);

    // A second take replaces the first, and the overview shows where each clip comes from.
    await handlers['narration:save']({ session: 's', demoId: 'bai-a', stepId: 'nhap-ten', lang: 'vi', dataBase64: Buffer.from(wav(1.2)).toString('base64') }, { transport: 'direct' });
    expect(existsSync(path.join(dir, 'assets/vi/bai-a/nhap-ten.ogg'))).toBe(false);
    const overview = await handlers['narration:overview']({ session: 's' }, { transport: 'direct' });
    expect(overview.demos[0]!.steps.map((s) => s.clips.vi)).toEqual([undefined, { seconds: 1.2, here: true }, undefined]);

    const reloaded = await services.reloadContent();
    expect(reloaded.packs.find((p) => p.id === packId)).toMatchObject({ ok: true, kind: 'narration', clipCount: 1 });
    expect((await handlers['content:demo']({ id: 'bai-a' }, { transport: 'direct' })).steps[1]!.voice?.src).toMatch(/^data:audio\/wav/);
  });

  it('refuses a take that is not audio, silent-short, or for a step the demo lacks, saving nothing', async () => {
    const { services, handlers } = await kiosk();
    const save = (stepId: string, bytes: Uint8Array) =>
      handlers['narration:save']({ session: 's', demoId: 'bai-a', stepId, lang: 'vi', dataBase64: Buffer.from(bytes).toString('base64') }, { transport: 'direct' });
    await expect(save('nhap-ten', makePngBytes())).rejects.toThrow(/Đoạn thu âm không dùng được: không phải tệp âm thanh/);
    await expect(save('nhap-ten', makeOggOpus({ seconds: 0.1 }))).rejects.toThrow(/gần như không có tiếng/);
    await expect(save('khong-co', makeOggOpus({ seconds: 2 }))).rejects.toThrow('Bài này không có bước đó.');
    expect(services.settings.get().recordingPackId).toBeNull();
  });

  it('exports the recordings as a .zip that a second kiosk imports, and its demo then speaks', async () => {
    const first = await kiosk();
    await first.handlers['narration:save'](
      { session: 's', demoId: 'bai-a', stepId: 'mo-ung-dung', lang: 'hmn', dataBase64: Buffer.from(makeOggOpus({ seconds: 3 })).toString('base64') },
      { transport: 'direct' },
    );
    const exported = await first.handlers['narration:export']({ session: 's' }, { transport: 'direct' });
    expect(exported.fileName).toMatch(new RegExp(`^loi-doc-${first.commune}-[0-9a-f]{6}-1\\.0\\.1\\.zip$`));
    expect(readFileSync(exported.savedTo).length).toBe(exported.bytes);

    const second = await kiosk();
    const status = await second.handlers['content:import']({ session: 's', kind: 'zip', fileName: exported.fileName, dataBase64: exported.dataBase64 }, { transport: 'direct' });
    expect([status.kind, status.version, status.clipCount, status.languages]).toEqual(['narration', '1.0.1', 1, ['hmn']]);
    const shown = await second.handlers['content:demo']({ id: 'bai-a', voice: 'hmn' }, { transport: 'direct' });
    expect(shown.steps[0]!.voice).toMatchObject({ lang: 'hmn' });
    expect(Math.round(shown.steps[0]!.voice!.seconds)).toBe(3);

    // Bringing an old export back to the kiosk that made it would wipe the takes made since: refused, nothing lost.
    await first.handlers['narration:save'](
      { session: 's', demoId: 'bai-a', stepId: 'xong', lang: 'vi', dataBase64: Buffer.from(makeOggOpus({ seconds: 2 })).toString('base64') },
      { transport: 'direct' },
    );
    await expect(
      first.handlers['content:import']({ session: 's', kind: 'zip', fileName: exported.fileName, dataBase64: exported.dataBase64 }, { transport: 'direct' }),
    ).rejects.toThrow(/gói lời đọc do chính trạm này thu/);
    const kept = await first.handlers['narration:overview']({ session: 's' }, { transport: 'direct' });
    expect(kept.demos[0]!.steps.map((s) => Object.keys(s.clips))).toEqual([['hmn'], [], ['vi']]);
  });
});
