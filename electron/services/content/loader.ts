import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { isErrno } from '../storage/durable-file';
import { DemoSchema, PackManifestSchema, type Demo } from './schema';
import { checkDemo } from './check';

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
  title: string;
  version: string;
  demoCount: number;
  ok: boolean;
  problems: ContentProblem[];
}

/** Everything loaded from all pack folders: the demos of good packs and the status of every pack. */
export interface ContentCatalog {
  demos: Demo[];
  packs: PackStatus[];
}

/** Loads every pack under the built-in folder and the data folder's `content/`; a bad pack is rejected whole, the rest load. */
export async function loadContent(roots: { builtIn: string; data: string }): Promise<ContentCatalog> {
  const packs: PackStatus[] = [];
  const demos: Demo[] = [];
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
      if (status.ok) {
        for (const demo of loaded.demos) {
          seenDemoIds.set(demo.id, status.id);
          demos.push(demo);
        }
      }
    }
  }
  return { demos, packs };
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

/** Checks one pack folder whole; its demos count only when it has no problems. */
export async function loadPack(dir: string, source: PackStatus['source']): Promise<{ status: PackStatus; demos: Demo[] }> {
  const problems: ContentProblem[] = [];
  const folder = path.basename(dir);
  const manifest = await readChecked(path.join(dir, 'pack.json'), 'pack.json', PackManifestSchema, problems);
  const demos: Demo[] = [];
  const demoFiles = await listJsonFiles(path.join(dir, 'demos'));
  const assets = await listAssets(dir);
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
    const { $schema: _schema, ...rest } = demo;
    demos.push({ ...rest, pack: manifest?.id ?? folder });
  }
  if (demoFiles.length === 0 && manifest) problems.push({ file: 'demos/', path: '', message: 'gói chưa có bài nào (thư mục demos/ trống)' });
  const status: PackStatus = {
    id: manifest?.id ?? folder,
    folder,
    dir,
    source,
    title: manifest?.title.vi ?? folder,
    version: manifest?.version ?? '?',
    demoCount: demos.length,
    ok: problems.length === 0,
    problems,
  };
  return { status, demos: status.ok ? demos : [] };
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
