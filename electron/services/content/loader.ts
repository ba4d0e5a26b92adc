import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { isErrno } from '../storage/durable-file';
import { DemoSchema, NARRATION_LANGUAGES, NarrationFileSchema, PackManifestSchema, type Demo, type NarrationLanguage } from './schema';
import { checkDemo } from './check';
import { buildVoiceIndex, checkClips, demoClipRefs, unknownTargets, type ClipRef, type VoiceIndex, type VoiceOffer } from './narration';

/** Largest content file accepted. */
export const MAX_CONTENT_FILE_BYTES = 5 * 1024 * 1024;

/** One problem in a pack: which file, where in it, and what is wrong (Vietnamese). */
export interface ContentProblem {
  file: string;
  path: string;
  message: string;
}

/** How one pack fared. */
export interface PackStatus {
  id: string;
  folder: string;
  /** Where the pack lives on disk (its assets are read from here). */
  dir: string;
  source: 'built-in' | 'data';
  /** A pack of demos, or a narration pack that only adds recorded voices to other packs' demos. */
  kind: 'demos' | 'narration';
  title: string;
  version: string;
  demoCount: number;
  /** Recorded clips the pack carries, and the languages they are in. */
  clipCount: number;
  languages: NarrationLanguage[];
  ok: boolean;
  problems: ContentProblem[];
}

/** Everything loaded from all pack folders: the demos of good packs and the status of every pack. */
export interface ContentCatalog {
  demos: Demo[];
  packs: PackStatus[];
  /** The recorded voices of every good pack, by demo, step and language. */
  voices: VoiceIndex;
}

/**
 * Loads every pack under the built-in folder and the data folder's `content/`; a bad pack is
 * rejected whole, the rest load. Where packs offer a clip for the same step and language, the
 * later folder wins, and the kiosk's own recordings (`ownVoices`) win over all.
 */
export async function loadContent(roots: { builtIn: string; data: string }, ownVoices: string | null = null): Promise<ContentCatalog> {
  const packs: PackStatus[] = [];
  const demos: Demo[] = [];
  const offers: VoiceOffer[][] = [];
  const seenDemoIds = new Map<string, string>();
  for (const [source, root] of [['built-in', roots.builtIn], ['data', roots.data]] as const) {
    for (const folder of await listFolders(root)) {
      const loaded = await loadPack(path.join(root, folder), source);
      const clashes: ContentProblem[] = [];
      if (packs.some((p) => p.ok && p.id === loaded.status.id)) {
        clashes.push({ file: 'pack.json', path: 'id', message: `mã gói "${loaded.status.id}" đã có gói khác dùng` });
      }
      for (const demo of loaded.demos) {
        const owner = seenDemoIds.get(demo.id);
        if (owner) clashes.push({ file: `demos/${demo.id}.json`, path: 'id', message: `mã bài "${demo.id}" trùng với bài trong gói "${owner}"` });
      }
      const status = clashes.length ? { ...loaded.status, ok: false, problems: [...loaded.status.problems, ...clashes] } : loaded.status;
      packs.push(status);
      offers.push(status.ok ? loaded.offers : []);
      if (status.ok) {
        for (const demo of loaded.demos) {
          seenDemoIds.set(demo.id, status.id);
          demos.push(demo);
        }
      }
    }
  }
  // A narration pack can name demos of any pack, so it is checked once every pack has loaded.
  packs.forEach((status, i) => {
    packs[i] = withTargetsChecked({ status, offers: offers[i]! }, demos);
    if (!packs[i].ok) offers[i] = [];
  });
  const all = offers.flat();
  return { demos, packs, voices: buildVoiceIndex([...all.filter((o) => o.clip.pack !== ownVoices), ...all.filter((o) => o.clip.pack === ownVoices)]) };
}

async function listFolders(root: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(root, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return [];
    throw error;
  }
}

/**
 * Checks one pack folder whole; its demos and voices count only when it has no problems. A
 * narration pack's demo and step ids are checked against the other packs by the caller.
 */
export async function loadPack(dir: string, source: PackStatus['source']): Promise<{ status: PackStatus; demos: Demo[]; offers: VoiceOffer[] }> {
  const problems: ContentProblem[] = [];
  const folder = path.basename(dir);
  const manifest = await readChecked(path.join(dir, 'pack.json'), 'pack.json', PackManifestSchema, problems);
  const kind = manifest?.kind ?? 'demos';
  const packId = manifest?.id ?? folder;
  const demos: Demo[] = [];
  const demoFiles = await listJsonFiles(path.join(dir, 'demos'));
  const assets = await listAssets(dir);
  const clipRefs: ClipRef[] = [];
  if (kind === 'narration') {
    if (demoFiles.length > 0) problems.push({ file: 'demos/', path: '', message: 'gói lời đọc (kind "narration") không được chứa bài; hãy để bài ở một gói khác' });
    clipRefs.push(...(await readNarrationFiles(dir, problems)));
  }
  const ids = new Set<string>();
  // Read every file at once (the disk is the slow part), then check them in order.
  const reads = demoFiles.map((name) => readLimited(path.join(dir, 'demos', name)));
  for (const [i, name] of demoFiles.entries()) {
    const rel = `demos/${name}`;
    const demo = await readChecked(path.join(dir, 'demos', name), rel, DemoSchema, problems, reads[i]);
    if (!demo) continue;
    const deeper = checkDemo(demo, (asset) => assets.has(asset));
    for (const p of deeper) problems.push({ file: rel, path: p.path, message: p.message });
    if (deeper.length > 0) continue;
    if (ids.has(demo.id)) {
      problems.push({ file: rel, path: 'id', message: `mã bài "${demo.id}" bị trùng trong gói` });
      continue;
    }
    ids.add(demo.id);
    clipRefs.push(...demoClipRefs(demo, rel));
    const { $schema: _schema, ...rest } = demo;
    demos.push({ ...rest, pack: packId });
  }
  if (kind === 'demos' && demoFiles.length === 0 && manifest) problems.push({ file: 'demos/', path: '', message: 'gói chưa có bài nào (thư mục demos/ trống)' });
  const clips = await checkClips({ id: packId, dir }, clipRefs, assets);
  problems.push(...clips.problems);
  const languages = new Set(clips.offers.map((o) => o.lang));
  const status: PackStatus = {
    id: packId,
    folder,
    dir,
    source,
    kind,
    title: manifest?.title.vi ?? folder,
    version: manifest?.version ?? '?',
    demoCount: demos.length,
    clipCount: clips.offers.length,
    languages: NARRATION_LANGUAGES.filter((l) => languages.has(l)),
    ok: problems.length === 0,
    problems,
  };
  return { status, demos: status.ok ? demos : [], offers: status.ok ? clips.offers : [] };
}

/** A pack's status once a narration pack's demo and step ids are checked against the demos a kiosk has. */
export function withTargetsChecked(loaded: { status: PackStatus; offers: readonly VoiceOffer[] }, demos: readonly Pick<Demo, 'id' | 'steps'>[]): PackStatus {
  const { status } = loaded;
  if (!status.ok || status.kind !== 'narration') return status;
  const strays = unknownTargets(loaded.offers, demos);
  return strays.length ? { ...status, ok: false, problems: [...status.problems, ...strays] } : status;
}

/** The clip references of a narration pack's `narration/*.json` files (one file per demo). */
async function readNarrationFiles(dir: string, problems: ContentProblem[]): Promise<ClipRef[]> {
  const names = await listJsonFiles(path.join(dir, 'narration'));
  if (names.length === 0) problems.push({ file: 'narration/', path: '', message: 'gói lời đọc chưa có tệp nào (thư mục narration/ trống)' });
  const refs: ClipRef[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const rel = `narration/${name}`;
    const file = await readChecked(path.join(dir, 'narration', name), rel, NarrationFileSchema, problems);
    if (!file) continue;
    const twin = seen.get(file.demo);
    if (twin) {
      problems.push({ file: rel, path: 'demo', message: `bài "${file.demo}" đã có lời đọc ở tệp ${twin}` });
      continue;
    }
    seen.set(file.demo, rel);
    for (const [step, audio] of Object.entries(file.steps)) {
      for (const [lang, asset] of Object.entries(audio)) refs.push({ demo: file.demo, step, lang: lang as NarrationLanguage, asset, file: rel, path: `steps.${step}.${lang}` });
    }
  }
  return refs;
}

/** Every file under the pack's assets/ folder, as pack-relative paths with forward slashes. */
async function listAssets(packDir: string): Promise<Set<string>> {
  const found = new Set<string>();
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(path.join(packDir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) found.add(child);
    }
  };
  await walk('assets');
  return found;
}

async function listJsonFiles(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return [];
    throw error;
  }
}

/** A file's bytes, or why they could not be read (missing, unreadable, over 5 MB). */
type FileRead = { bytes: Buffer } | { problem: string };

async function readLimited(file: string): Promise<FileRead> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_CONTENT_FILE_BYTES) return { problem: `tệp nặng ${(stat.size / 1048576).toFixed(1)} MB, quá giới hạn 5 MB` };
    return { bytes: await fs.readFile(file) };
  } catch (error) {
    return { problem: isErrno(error, 'ENOENT') ? 'thiếu tệp' : `không đọc được tệp (${(error as NodeJS.ErrnoException).code ?? 'lỗi'})` };
  }
}

async function readChecked<S extends z.ZodType>(
  file: string,
  rel: string,
  schema: S,
  problems: ContentProblem[],
  prefetched?: Promise<FileRead>,
): Promise<z.infer<S> | null> {
  const read = await (prefetched ?? readLimited(file));
  if ('problem' in read) {
    problems.push({ file: rel, path: '', message: read.problem });
    return null;
  }
  const bytes = read.bytes;
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    problems.push({ file: rel, path: '', message: `không phải JSON hợp lệ: ${(error as Error).message}` });
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ file: rel, path: issue.path.map(String).join('.'), message: issue.message });
    }
    return null;
  }
  return parsed.data as z.infer<S>;
}
