import { promises as fs, constants as fsConstants } from 'node:fs';
import { connectPrinter } from './tcp-printer';

/** Where a printer is, parsed from its URI. */
export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'device'; path: string }
  | { kind: 'spooler'; name: string };

/** Parses `tcp://host[:port]` (port 9100 by default), `printer:NAME`, or a device-file path; null when unusable. */
export function parsePrinterUri(uri: string): PrinterTarget | null {
  const text = uri.trim();
  if (text.startsWith('tcp://')) {
    try {
      const url = new URL(text);
      if (!url.hostname) return null;
      const port = url.port ? Number(url.port) : 9100;
      if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
      return { kind: 'tcp', host: url.hostname.replace(/^\[|\]$/g, ''), port };
    } catch {
      return null;
    }
  }
  if (text.startsWith('printer:')) {
    const name = text.slice('printer:'.length).trim();
    return name ? { kind: 'spooler', name } : null;
  }
  if (text.startsWith('/') || /^\\\\[.?]\\/.test(text) || /^[A-Z]:\\/i.test(text)) return { kind: 'device', path: text };
  return null;
}

/** A Vietnamese sentence for a device-file printer that cannot be written (ENOENT, EBUSY, EACCES…). */
export function deviceProblem(devicePath: string, code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return `Không thấy máy in tại ${devicePath}. Xin kiểm tra dây USB và nguồn máy in.`;
    case 'EBUSY':
      return `Máy in ${devicePath} đang bận. Xin chờ một chút rồi in lại.`;
    case 'EACCES':
    case 'EPERM':
      return `Không có quyền ghi vào ${devicePath}. Nhờ cán bộ kỹ thuật cấp quyền cho tài khoản chạy trạm.`;
    default:
      return `Không in được qua ${devicePath} (${code ?? 'lỗi'}).`;
  }
}

/** Whether the printer can be reached right now, with a Vietnamese message when not. */
export async function checkPrinterReachable(target: PrinterTarget): Promise<{ ok: boolean; message: string }> {
  switch (target.kind) {
    case 'tcp':
      try {
        (await connectPrinter(target.host, target.port)).destroy();
        return { ok: true, message: `Kết nối được tới máy in ${target.host}:${target.port}.` };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    case 'device':
      try {
        await fs.access(target.path, fsConstants.W_OK);
        return { ok: true, message: `Ghi được vào ${target.path}.` };
      } catch (error) {
        return { ok: false, message: deviceProblem(target.path, (error as NodeJS.ErrnoException).code) };
      }
    case 'spooler':
      return { ok: true, message: `Máy in "${target.name}" qua hệ điều hành: chỉ kiểm tra được trong bản Electron.` };
  }
}
