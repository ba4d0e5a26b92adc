import { promises as fs, constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Replaces `file` atomically and durably: write a temp file beside it, fsync it, rename it
 * over the target, then fsync the folder so the rename itself survives a power cut.
 */
export async function writeFileDurable(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dir);
}

/** Flushes a folder's entries; Windows cannot open folders for syncing, and renames there are already journaled. */
export async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, fsConstants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What reading a JSON file found. */
export type JsonRead =
  | { kind: 'missing' }
  | { kind: 'ok'; value: unknown }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'unreadable'; reason: string };

/** Reads and parses a JSON file, accepting a UTF-8 byte-order mark; never throws for bad content. */
export async function readJsonFile(file: string): Promise<JsonRead> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { kind: 'missing' };
    return { kind: 'unreadable', reason: describeFsError((error as NodeJS.ErrnoException).code ?? 'UNKNOWN') };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { kind: 'corrupt', reason: 'tệp rỗng' };
  if (text.includes('\u0000')) return { kind: 'corrupt', reason: 'tệp chứa byte 0 (có thể do mất điện khi đang ghi)' };
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'corrupt', reason: `không đọc được JSON (${(error as Error).message})` };
  }
}

/** Moves a bad file aside under a dated name (never deletes it) and returns the new path. */
export async function moveAside(file: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${file}.hong-${stamp}`;
  await fs.rename(file, target);
  return target;
}

/** True when `error` is a Node system error with the given code. */
export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

/** Checks that a folder exists (creating it if needed) and that a file can be written, synced and removed there. */
export async function probeWritable(dir: string): Promise<{ writable: true } | { writable: false; reason: string }> {
  try {
    await fs.mkdir(dir, { recursive: true });
    const probe = path.join(dir, `.probe-${process.pid}-${randomBytes(4).toString('hex')}`);
    await writeFileDurable(probe, 'ok');
    await fs.rm(probe, { force: true });
    return { writable: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    return { writable: false, reason: describeFsError(code) };
  }
}

/** A Vietnamese sentence for a file-system error code. */
export function describeFsError(code: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'Không có quyền ghi vào thư mục dữ liệu.';
    case 'ENOSPC':
      return 'Ổ đĩa đã đầy, không ghi thêm được.';
    case 'EROFS':
      return 'Thư mục dữ liệu nằm trên ổ chỉ đọc.';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'Đường dẫn thư mục dữ liệu đang là một tệp, không phải thư mục.';
    default:
      return `Không ghi được vào thư mục dữ liệu (mã lỗi ${code}).`;
  }
}
