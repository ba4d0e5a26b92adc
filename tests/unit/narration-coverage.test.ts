import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi, invoke } from '../../electron/api';
import { loadContent } from '../../electron/services/content/loader';
import { NARRATION_LANGUAGE_NAMES, narrationCoverage, type NarrationCoverage } from '../../electron/services/content/narration';
import { NARRATION_LANGUAGES } from '../../electron/services/content/schema';
import { makeOggOpus } from '../support/audio-files';
import { sampleDemo } from '../support/demo-fixture';
import { makeServices, tempDir } from './support/temp';

type Files = Record<string, object | Uint8Array>;

/** Writes a pack folder: every value is JSON or bytes at its pack-relative path. */
function writePack(root: string, folder: string, files: Files): void {
  for (const [rel, body] of Object.entries(files)) {
    const file = path.join(root, folder, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body instanceof Uint8Array ? body : JSON.stringify(body));
  }
}

const manifest = (id: string, kind?: 'narration') => ({ id, version: '1.0.0', title: { vi: 'Gói thử' }, ...(kind ? { kind } : {}) });
const STEPS = ['mo-ung-dung', 'nhap-ten', 'xong'];

/** The sample demo (three steps) with recorded voices on the steps named. */
function voicedDemo(id: string, audio: Record<string, Record<string, string>> = {}): object {
  const demo = sampleDemo(id) as { steps: { id: string }[] };
  return { ...demo, steps: demo.steps.map((step) => (audio[step.id] ? { ...step, audio: audio[step.id] } : step)) };
}

/**
 * Two packs of demos and two narration packs: bai-a speaks Vietnamese on every step and
 * H'Mông on one; bai-b Vietnamese on one step; bai-c nothing; bai-an (hidden by staff) and
 * bai-tat (its pack switched off) speak everywhere; the Tày pack adds bai-b's last step, and
 * the switched-off Nùng pack adds bai-a's first.
 */
async function catalogOnDisk() {
  const builtIn = tempDir();
  const data = tempDir();
  const clip = makeOggOpus({ seconds: 2 });
  const all = (lang: string) => Object.fromEntries(STEPS.map((s) => [s, { [lang]: 'assets/1.ogg' }]));
  writePack(builtIn, 'co-ban', {
    'pack.json': manifest('co-ban'),
    'demos/a.json': voicedDemo('bai-a', { 'mo-ung-dung': { vi: 'assets/1.ogg', hmn: 'assets/1.ogg' }, 'nhap-ten': { vi: 'assets/1.ogg' }, xong: { vi: 'assets/1.ogg' } }),
    'demos/b.json': voicedDemo('bai-b', { 'nhap-ten': { vi: 'assets/1.ogg' } }),
    'demos/c.json': voicedDemo('bai-c'),
    'demos/d.json': voicedDemo('bai-an', all('vi')),
    'assets/1.ogg': clip,
  });
  writePack(builtIn, 'them', { 'pack.json': manifest('them'), 'demos/t.json': voicedDemo('bai-tat', all('en')), 'assets/1.ogg': clip });
  writePack(data, 'loi-doc-tay', {
    'pack.json': manifest('loi-doc-tay', 'narration'),
    'narration/b.json': { demo: 'bai-b', steps: { xong: { tyz: 'assets/1.ogg' } } },
    'assets/1.ogg': clip,
  });
  writePack(data, 'loi-doc-nung', {
    'pack.json': manifest('loi-doc-nung', 'narration'),
    'narration/a.json': { demo: 'bai-a', steps: { 'mo-ung-dung': { nut: 'assets/1.ogg' } } },
    'assets/1.ogg': clip,
  });
  const catalog = await loadContent({ builtIn, data });
  expect(catalog.packs.flatMap((p) => p.problems)).toEqual([]);
  return catalog;
}

describe('narration coverage', () => {
  it('counts, per language, the steps and whole demos citizens hear a recorded voice on', async () => {
    const catalog = await catalogOnDisk();
    const coverage = narrationCoverage(catalog, { hidden: new Set(['bai-an']), off: new Set(['them', 'loi-doc-nung']) });
    expect([coverage.totalDemos, coverage.totalSteps]).toEqual([3, 9]);
    // Vietnamese first, then the other languages with a clip; English (only in a pack switched off) and Nùng (a narration pack switched off) do not count.
    expect(coverage.languages).toEqual([
      { lang: 'vi', demos: 1, steps: 4, totalDemos: 3, totalSteps: 9 },
      { lang: 'hmn', demos: 0, steps: 1, totalDemos: 3, totalSteps: 9 },
      { lang: 'tyz', demos: 0, steps: 1, totalDemos: 3, totalSteps: 9 },
    ]);
    expect(coverage.demos).toEqual([
      { id: 'bai-a', pack: 'co-ban', steps: 3, recorded: { vi: 3, hmn: 1 } },
      { id: 'bai-b', pack: 'co-ban', steps: 3, recorded: { vi: 1, tyz: 1 } },
      { id: 'bai-c', pack: 'co-ban', steps: 3, recorded: {} },
    ]);
  });

  it('follows the packs staff switch on and the demos they show again', async () => {
    const catalog = await catalogOnDisk();
    const coverage = narrationCoverage(catalog, { hidden: new Set(), off: new Set() });
    expect([coverage.totalDemos, coverage.totalSteps]).toEqual([5, 15]);
    expect(coverage.languages.map((l) => [l.lang, l.demos, l.steps])).toEqual([
      ['vi', 2, 7],
      ['en', 1, 3],
      ['hmn', 0, 1],
      ['tyz', 0, 1],
      ['nut', 0, 1],
    ]);
  });

  it('always reports Vietnamese, at zero when nothing is recorded, and nothing over no demos', async () => {
    const builtIn = tempDir();
    writePack(builtIn, 'co-ban', { 'pack.json': manifest('co-ban'), 'demos/c.json': voicedDemo('bai-c') });
    const catalog = await loadContent({ builtIn, data: tempDir() });
    expect(narrationCoverage(catalog, { hidden: new Set(), off: new Set() }).languages).toEqual([{ lang: 'vi', demos: 0, steps: 0, totalDemos: 1, totalSteps: 3 }]);
    expect(narrationCoverage(catalog, { hidden: new Set(['bai-c']), off: new Set() })).toEqual({
      totalDemos: 0,
      totalSteps: 0,
      languages: [{ lang: 'vi', demos: 0, steps: 0, totalDemos: 0, totalSteps: 0 }],
      demos: [],
    });
  });

  it('names every narration language in Vietnamese', () => {
    expect(Object.keys(NARRATION_LANGUAGE_NAMES)).toEqual([...NARRATION_LANGUAGES]);
    for (const name of Object.values(NARRATION_LANGUAGE_NAMES)) expect(name).toMatch(/^Tiếng /);
  });

  it('reaches staff through narration:coverage, with the demos staff hid left out, and no one else', async () => {
    const content = tempDir();
    writePack(content, 'co-ban', {
      'pack.json': manifest('co-ban'),
      'demos/a.json': voicedDemo('bai-a', { xong: { vi: 'assets/1.ogg' } }),
      'demos/b.json': voicedDemo('bai-b', { xong: { vi: 'assets/1.ogg' } }),
      'assets/1.ogg': makeOggOpus({ seconds: 2 }),
    });
    const services = await makeServices({ contentDir: content });
    const api = createApi(services);
    const member = await services.staff.addAccount({ name: 'Đoàn viên', role: 'member', pin: '482915' });
    const { session } = (await services.staff.signIn(member.id, '482915')).staff;
    await services.settings.update({ hiddenDemos: ['bai-b'] });
    const result = await invoke(api, 'narration:coverage', { session }, { transport: 'direct' });
    expect(result.ok && (result.value as NarrationCoverage).languages).toEqual([{ lang: 'vi', demos: 0, steps: 1, totalDemos: 1, totalSteps: 3 }]);
    const anonymous = await invoke(api, 'narration:coverage', { session: 'khong-co' }, { transport: 'direct' });
    expect(anonymous.ok ? null : anonymous.error.code).toBe('UNAUTHORIZED');
    const extra = await invoke(api, 'narration:coverage', { session, demo: 'bai-a' }, { transport: 'direct' });
    expect(extra.ok ? null : extra.error.code).toBe('INVALID_INPUT');
  });
});
