import { createWriteStream, promises as fs } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import yauzl from 'yauzl';
import { AppError } from '../../api/result';
import { isErrno, syncFolder } from '../storage/durable-file';
import { loadPack, withTargetsChecked, type PackStatus } from './loader';
import type { Demo } from './schema';

/** Largest pack archive accepted. */
export const MAX_PACK_ZIP_BYTES = 50 * 1024 * 1024;
/** Largest unpacked size accepted (guards against zip bombs). */
export const MAX_PACK_UNPACKED_BYTES = 200 * 1024 * 1024;
const MAX_ENTRIES = 5000;

/** What the kiosk already has, for checking a pack against it. */
export interface KioskContent {
  /** The demos installed: a narration pack may name only these and their steps. */
  installed?: readonly Pick<Demo, 'id' | 'steps'>[];
  /** The id of the narration pack this kiosk records into, which an import may not replace. */
  ownVoices?: string | null;
}

/** Why a path inside an archive is unsafe, or null when it stays inside the pack. */
export function unsafeEntryPath(name: string): string | null {
  if (name.includes('\\')) return 'dùng dấu \\ trong đường dẫn';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'là đường dẫn tuyệt đối';
  if (name.split('/').some((part) => part === '..')) return 'trỏ ra ngoài thư mục gói (..)';
  if (name.includes('\0')) return 'chứa ký tự lạ';
  return null;
}

/**
 * Installs a content pack from a folder or a .zip into `<data>/content/<pack id>`. The pack is
 * unpacked and checked in a staging folder first; only a pack with no problems replaces the
 * installed one, by rename, so nothing is ever half-installed. A narration pack must name only
 * demos and steps the kiosk has (`installed`), and may not replace the pack the kiosk records
 * into (`ownVoices`): an old export of it brought back would wipe the takes made since.
 */
export async function importPack(source: string, dataDir: string, kiosk: KioskContent = {}): Promise<PackStatus> {
  const { installed = [], ownVoices = null } = kiosk;
  const contentDir = path.join(dataDir, 'content');
  await fs.mkdir(contentDir, { recursive: true });
  const staging = path.join(contentDir, `.dang-nhap-${randomBytes(4).toString('hex')}`);
  try {
    let stat;
    try {
      stat = await fs.stat(source);
    } catch {
      throw new AppError('NOT_FOUND', `Không thấy tệp hoặc thư mục: ${source}`);
    }
    if (stat.isDirectory()) {
      await fs.cp(source, staging, { recursive: true, errorOnExist: true, filter: (p) => !path.basename(p).startsWith('.') || p === source });
    } else if (source.toLowerCase().endsWith('.zip')) {
      if (stat.size > MAX_PACK_ZIP_BYTES) {
        throw new AppError('CONTENT_INVALID', `Tệp nặng ${(stat.size / 1048576).toFixed(1)} MB, quá giới hạn 50 MB cho một gói nội dung.`);
      }
      await unzipInto(source, staging);
    } else {
      throw new AppError('CONTENT_INVALID', 'Chỉ nhận một thư mục gói nội dung hoặc tệp .zip.');
    }
    const root = await packRoot(staging);
    const status = withTargetsChecked(await loadPack(root, 'data'), installed);
    if (status.ok && status.id === ownVoices) {
      throw new AppError('CONFLICT', `Gói "${status.id}" là gói lời đọc do chính trạm này thu; cài đè lên sẽ mất các đoạn thu sau lần xuất đó, nên trạm không cài.`);
    }
    if (!status.ok) {
      const first = status.problems[0];
      throw new AppError(
        'CONTENT_INVALID',
        `Gói nội dung có ${status.problems.length} lỗi, chưa cài gì. Lỗi đầu tiên: ${first ? `${first.file}${first.path ? ` (${first.path})` : ''}: ${first.message}` : ''}`,
        { fields: Object.fromEntries(status.problems.slice(0, 50).map((p, i) => [`${i + 1}. ${p.file}${p.path ? ` ${p.path}` : ''}`, p.message])) },
      );
    }
    const target = path.join(contentDir, status.id);
    const old = `${target}.cu-${randomBytes(4).toString('hex')}`;
    const hadOld = await fs.rename(target, old).then(
      () => true,
      (error: unknown) => {
        if (isErrno(error, 'ENOENT')) return false;
        throw error;
      },
    );
    await fs.rename(root, target);
    await syncFolder(contentDir);
    if (hadOld) await fs.rm(old, { recursive: true, force: true });
    return { ...status, folder: status.id, dir: target };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** The folder holding pack.json: the archive's top level, or its single top folder. */
async function packRoot(dir: string): Promise<string> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name === 'pack.json')) return dir;
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== '__MACOSX');
  if (folders.length === 1) {
    const inner = path.join(dir, folders[0]!.name);
    const innerEntries = await fs.readdir(inner);
    if (innerEntries.includes('pack.json')) return inner;
  }
  throw new AppError('CONTENT_INVALID', 'Đây không phải gói nội dung: không thấy tệp pack.json.');
}

async function unzipInto(file: string, dir: string): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch {
    throw new AppError('CONTENT_INVALID', 'Tệp .zip bị hỏng hoặc không phải tệp .zip.');
  }
  try {
    let total = 0;
    let count = 0;
    await fs.mkdir(dir, { recursive: true });
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      const unsafe = unsafeEntryPath(name);
      if (unsafe) throw new AppError('CONTENT_INVALID', `Tệp .zip bị từ chối: mục "${name.slice(0, 120)}" ${unsafe}.`);
      if (++count > MAX_ENTRIES) throw new AppError('CONTENT_INVALID', `Tệp .zip có quá ${MAX_ENTRIES} mục.`);
      total += entry.uncompressedSize;
      if (total > MAX_PACK_UNPACKED_BYTES) throw new AppError('CONTENT_INVALID', 'Gói nội dung giải nén ra quá 200 MB.');
      const target = path.resolve(dir, name);
      if (target !== dir && !target.startsWith(dir + path.sep)) {
        throw new AppError('CONTENT_INVALID', `Tệp .zip bị từ chối: mục "${name.slice(0, 120)}" trỏ ra ngoài thư mục gói.`);
      }
      if (name.endsWith('/')) {
        await fs.mkdir(target, { recursive: true });
        continue;
      }
      const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
      if (mode === 0o120000) throw new AppError('CONTENT_INVALID', `Tệp .zip bị từ chối: mục "${name.slice(0, 120)}" là liên kết (symlink).`);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target, { flags: 'wx' }));
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = (error as Error).message;
    // yauzl refuses unsafe names itself; say so in the same words as our own check.
    if (/invalid relative path|absolute path|invalid characters/.test(message)) {
      throw new AppError('CONTENT_INVALID', `Tệp .zip bị từ chối: có mục trỏ ra ngoài thư mục gói (${message}).`, { cause: error });
    }
    throw new AppError('CONTENT_INVALID', `Không giải nén được tệp .zip (${(error as Error).message}).`, { cause: error });
  } finally {
    zip.close();
  }
}
