import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../api/result';
import { importPack, MAX_PACK_UNPACKED_BYTES, MAX_PACK_ZIP_BYTES, unsafeEntryPath, type KioskContent } from './importer';
import type { PackStatus } from './loader';

/** A pack as the staff screen sends it: a .zip, or the files of a chosen folder. */
export type PackUpload =
  | { kind: 'zip'; fileName: string; dataBase64: string }
  | { kind: 'folder'; files: { path: string; dataBase64: string }[] };

/** Writes an uploaded pack to a scratch folder in the data folder, then installs it like `content import`. */
export async function importUploadedPack(upload: PackUpload, dataDir: string, kiosk: KioskContent = {}): Promise<PackStatus> {
  const scratch = path.join(dataDir, `.tai-len-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(scratch, { recursive: true });
  try {
    if (upload.kind === 'zip') {
      if (!upload.fileName.toLowerCase().endsWith('.zip')) throw new AppError('CONTENT_INVALID', 'Chỉ nhận tệp .zip.');
      const bytes = Buffer.from(upload.dataBase64, 'base64');
      if (bytes.length > MAX_PACK_ZIP_BYTES) throw new AppError('CONTENT_INVALID', `Tệp nặng ${(bytes.length / 1048576).toFixed(1)} MB, quá giới hạn 50 MB.`);
      const file = path.join(scratch, 'goi.zip');
      await fs.writeFile(file, bytes);
      return await importPack(file, dataDir, kiosk);
    }
    const folder = path.join(scratch, 'goi');
    let total = 0;
    for (const entry of upload.files) {
      const unsafe = unsafeEntryPath(entry.path);
      if (unsafe) throw new AppError('CONTENT_INVALID', `Thư mục bị từ chối: tệp "${entry.path.slice(0, 120)}" ${unsafe}.`);
      const bytes = Buffer.from(entry.dataBase64, 'base64');
      total += bytes.length;
      if (total > MAX_PACK_UNPACKED_BYTES) throw new AppError('CONTENT_INVALID', 'Thư mục gói nội dung nặng quá 200 MB.');
      const target = path.resolve(folder, entry.path);
      if (!target.startsWith(folder + path.sep)) throw new AppError('CONTENT_INVALID', `Thư mục bị từ chối: tệp "${entry.path.slice(0, 120)}" trỏ ra ngoài thư mục gói.`);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, bytes);
    }
    return await importPack(folder, dataDir, kiosk);
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
