import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import yazl from 'yazl';
import { AppError } from '../../api/result';
import type { Logger } from '../logger';
import { citizenView, type SettingsStore } from '../settings';
import { isErrno, writeFileDurable } from '../storage/durable-file';
import { AUDIO_MIME, probeAudio, type AudioFormat } from './audio-probe';
import type { ContentCatalog, PackStatus } from './loader';
import { buildVoiceIndex, chooseClip, MAX_CLIP_BYTES, type VoiceOffer } from './narration';
import { MAX_CLIP_SECONDS, NARRATION_LANGUAGES, NarrationFileSchema, PackManifestSchema, type NarrationFile, type NarrationLanguage } from './schema';

/** Shortest clip worth keeping: anything shorter is a slip of the finger. */
export const MIN_CLIP_SECONDS = 0.3;

const EXTENSIONS: Record<AudioFormat, string> = { ogg: 'ogg', webm: 'webm', mp3: 'mp3', wav: 'wav' };

/** What staff see of one step while recording: its words and the clips it already has. */
export interface StepRecording {
  id: string;
  /** What to read: the step's narration if it has one, else its instruction (Vietnamese as authored)… */
  text: string;
  /** …and in English, where the demo has it (read when recording English). */
  textEn?: string;
  /** The clip each language plays now, and whether it was recorded at this kiosk. */
  clips: Partial<Record<NarrationLanguage, { seconds: number; here: boolean }>>;
}

/** A demo as the recorder lists it. */
export interface DemoRecording {
  id: string;
  title: string;
  skill: string;
  steps: StepRecording[];
}

/** A saved clip. */
export interface SavedClip {
  demoId: string;
  stepId: string;
  lang: NarrationLanguage;
  asset: string;
  seconds: number;
  bytes: number;
}

interface Deps {
  dataDir: string;
  settings: SettingsStore;
  log: Logger;
  clock: () => number;
  catalog: () => ContentCatalog;
  /** Swaps the catalog in force for one with the new clip, without reading every pack again. */
  replaceCatalog: (next: ContentCatalog) => void;
}

/**
 * The narration pack this kiosk records into: `<data>/content/<id>/`, a pack of kind
 * `narration` with `narration/<demo>.json` and `assets/<lang>/<demo>/<step>.<ext>`. Each save is
 * durable, and the new clip speaks at once. Saves run one after another.
 */
export class NarrationRecordings {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: Deps) {}

  /** The id of this kiosk's own narration pack (made on the first recording), or null. */
  packId(): string | null {
    return this.deps.settings.get().recordingPackId;
  }

  /** Every demo the kiosk has, its steps' words, and the clips each step speaks with. */
  overview(): DemoRecording[] {
    const { demos, voices } = this.deps.catalog();
    const { off } = citizenView(this.deps.settings.get());
    const own = this.packId();
    return demos.map((demo) => ({
      id: demo.id,
      title: demo.title.vi,
      skill: demo.skill,
      steps: demo.steps.map((step) => {
        const clips: StepRecording['clips'] = {};
        for (const lang of NARRATION_LANGUAGES) {
          const clip = chooseClip(voices, demo.id, step.id, lang, off);
          if (clip) clips[lang] = { seconds: Math.round(clip.seconds * 10) / 10, here: clip.pack === own };
        }
        const words = step.narration ?? step.instruction;
        return { id: step.id, text: words.vi, ...(words.en ? { textEn: words.en } : {}), clips };
      }),
    }));
  }

  /** The clip a step speaks with in a language now, as a data URL, or null. */
  async clip(demoId: string, stepId: string, lang: NarrationLanguage): Promise<{ src: string; seconds: number } | null> {
    const clip = chooseClip(this.deps.catalog().voices, demoId, stepId, lang, citizenView(this.deps.settings.get()).off);
    if (!clip) return null;
    try {
      const bytes = await fs.readFile(path.join(clip.dir, clip.asset));
      return { src: `data:${AUDIO_MIME[clip.format]};base64,${bytes.toString('base64')}`, seconds: clip.seconds };
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw error;
    }
  }

  /** Checks and saves one step's clip in one language, replacing any clip recorded here before. */
  save(input: { demoId: string; stepId: string; lang: NarrationLanguage; bytes: Uint8Array }): Promise<SavedClip> {
    const run = this.#queue.then(() => this.#save(input));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #save({ demoId, stepId, lang, bytes }: { demoId: string; stepId: string; lang: NarrationLanguage; bytes: Uint8Array }): Promise<SavedClip> {
    const demo = this.deps.catalog().demos.find((d) => d.id === demoId);
    if (!demo) throw new AppError('NOT_FOUND', 'Không có bài thực hành này trên trạm.');
    if (!demo.steps.some((s) => s.id === stepId)) throw new AppError('NOT_FOUND', 'Bài này không có bước đó.');
    if (bytes.length > MAX_CLIP_BYTES) throw new AppError('INVALID_INPUT', 'Đoạn thu âm quá lớn (trên 5 MB). Hãy thu ngắn hơn.');
    const probed = probeAudio(bytes);
    if (!probed.ok) throw new AppError('INVALID_INPUT', `Đoạn thu âm không dùng được: ${probed.problem}.`);
    if (probed.seconds < MIN_CLIP_SECONDS) throw new AppError('INVALID_INPUT', 'Đoạn thu âm gần như không có tiếng. Hãy nói gần micrô hơn rồi thu lại.');
    if (probed.seconds > MAX_CLIP_SECONDS) throw new AppError('INVALID_INPUT', `Đoạn thu âm dài ${Math.round(probed.seconds)} giây, quá ${MAX_CLIP_SECONDS} giây. Hãy đọc gọn lại.`);

    const packId = await this.#ensurePack();
    const dir = path.join(this.deps.dataDir, 'content', packId);
    const asset = `assets/${lang}/${demoId}/${stepId}.${EXTENSIONS[probed.format]}`;
    await writeFileDurable(path.join(dir, asset), bytes);

    const fileRel = `narration/${demoId}.json`;
    const file = await this.#readNarrationFile(path.join(dir, fileRel), demoId);
    const before = file.steps[stepId]?.[lang];
    file.steps[stepId] = { ...file.steps[stepId], [lang]: asset };
    await writeFileDurable(path.join(dir, fileRel), `${JSON.stringify(file, null, 2)}\n`);
    if (before && before !== asset) await fs.rm(path.join(dir, before), { force: true });

    this.#addToCatalog(packId, dir, {
      demo: demoId,
      step: stepId,
      lang,
      file: fileRel,
      path: `steps.${stepId}.${lang}`,
      clip: { pack: packId, dir, asset, format: probed.format, seconds: probed.seconds },
    });
    this.deps.log.info('narration clip recorded', { demo: demoId, step: stepId, lang, seconds: Math.round(probed.seconds * 10) / 10, bytes: bytes.length });
    return { demoId, stepId, lang, asset, seconds: probed.seconds, bytes: bytes.length };
  }

  /** Zips this kiosk's narration pack for another kiosk to import (its version goes up by one each time); waits for saves under way. */
  exportZip(): Promise<{ fileName: string; savedTo: string; mimeType: string; bytes: number; dataBase64: string }> {
    const run = this.#queue.then(() => this.#export());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #export(): Promise<{ fileName: string; savedTo: string; mimeType: string; bytes: number; dataBase64: string }> {
    const packId = this.packId();
    const dir = packId ? path.join(this.deps.dataDir, 'content', packId) : null;
    if (!packId || !dir || !(await exists(path.join(dir, 'pack.json')))) throw new AppError('NOT_FOUND', 'Trạm chưa thu âm lời đọc nào để xuất.');
    const manifest = PackManifestSchema.parse(JSON.parse(await fs.readFile(path.join(dir, 'pack.json'), 'utf8')));
    const [major, minor, patch] = manifest.version.split('.').map(Number) as [number, number, number];
    const next = { ...manifest, version: `${major}.${minor}.${patch + 1}` };
    await writeFileDurable(path.join(dir, 'pack.json'), `${JSON.stringify(next, null, 2)}\n`);

    const zip = new yazl.ZipFile();
    const files = await listFiles(dir);
    for (const rel of files) {
      // Clips are compressed already; squeezing them again only costs time.
      zip.addFile(path.join(dir, rel), `${packId}/${rel}`, { compress: rel.endsWith('.json') });
    }
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const data = Buffer.concat(chunks);
    const exportsDir = path.join(this.deps.dataDir, 'exports');
    const fileName = `${packId}-${next.version}.zip`;
    const savedTo = path.join(exportsDir, fileName);
    await writeFileDurable(savedTo, data);
    this.deps.log.info('narration pack exported', { pack: packId, version: next.version, files: files.length, bytes: data.length });
    return { fileName, savedTo, mimeType: 'application/zip', bytes: data.length, dataBase64: data.toString('base64') };
  }

  /** The kiosk's own pack id, making the pack (and remembering its id) on first use. */
  async #ensurePack(): Promise<string> {
    const settings = this.deps.settings.get();
    let packId = settings.recordingPackId;
    if (!packId) {
      packId = `loi-doc-${settings.site?.communeCode ?? 'tram'}-${randomBytes(3).toString('hex')}`;
      await this.deps.settings.update({ recordingPackId: packId });
    }
    const manifestFile = path.join(this.deps.dataDir, 'content', packId, 'pack.json');
    if (!(await exists(manifestFile))) {
      const where = settings.site?.name ?? 'trạm';
      const manifest = { id: packId, version: '1.0.0', kind: 'narration', title: { vi: `Lời đọc thu tại ${where}` }, publisher: where };
      await writeFileDurable(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    }
    return packId;
  }

  /** The demo's narration file, or a new one; a damaged file is kept aside rather than silently lost. */
  async #readNarrationFile(file: string, demoId: string): Promise<NarrationFile> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return { demo: demoId, steps: {} };
      throw error;
    }
    try {
      const parsed = NarrationFileSchema.safeParse(JSON.parse(text));
      if (parsed.success && parsed.data.demo === demoId) return parsed.data;
    } catch {
      // Falls through to keeping the damaged file aside.
    }
    const aside = `${file}.hong-${new Date(this.deps.clock()).toISOString().replace(/[:.]/g, '-')}`;
    await fs.rename(file, aside);
    this.deps.log.warn('narration file damaged, kept aside', { file: path.basename(file), aside: path.basename(aside) });
    return { demo: demoId, steps: {} };
  }

  #addToCatalog(packId: string, dir: string, offer: VoiceOffer): void {
    const catalog = this.deps.catalog();
    const offers: VoiceOffer[] = [];
    for (const [demo, steps] of catalog.voices) {
      for (const [step, langs] of steps) {
        for (const [lang, clips] of langs) {
          for (const clip of clips) {
            if (clip.pack === packId && demo === offer.demo && step === offer.step && lang === offer.lang) continue;
            offers.push({ demo, step, lang, clip, file: '', path: '' });
          }
        }
      }
    }
    offers.push(offer);
    const own = offers.filter((o) => o.clip.pack === packId);
    const languages = new Set(own.map((o) => o.lang));
    const status: PackStatus = {
      id: packId,
      folder: packId,
      dir,
      source: 'data',
      kind: 'narration',
      title: catalog.packs.find((p) => p.id === packId)?.title ?? `Lời đọc thu tại ${this.deps.settings.get().site?.name ?? 'trạm'}`,
      version: catalog.packs.find((p) => p.id === packId)?.version ?? '1.0.0',
      demoCount: 0,
      clipCount: own.length,
      languages: NARRATION_LANGUAGES.filter((l) => languages.has(l)),
      ok: true,
      problems: [],
    };
    const packs = catalog.packs.some((p) => p.id === packId) ? catalog.packs.map((p) => (p.id === packId ? status : p)) : [...catalog.packs, status];
    this.deps.replaceCatalog({ demos: catalog.demos, packs, voices: buildVoiceIndex(offers) });
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/** Every file under `dir` (pack-relative, forward slashes), leaving out temp files and damaged copies kept aside. */
async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name.includes('.hong-')) continue;
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, child)));
    else if (e.isFile()) out.push(child);
  }
  return out.sort();
}
