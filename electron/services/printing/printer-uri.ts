import net from 'node:net';
import { promises as fs, constants as fsConstants } from 'node:fs';

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

/** Whether the printer can be reached right now, with a Vietnamese message when not. */
export async function checkPrinterReachable(target: PrinterTarget, timeoutMs = 3000): Promise<{ ok: boolean; message: string }> {
  switch (target.kind) {
    case 'tcp':
      return new Promise((resolve) => {
        const socket = net.connect({ host: target.host, port: target.port });
        const finish = (ok: boolean, message: string) => {
          socket.destroy();
          resolve({ ok, message });
        };
        socket.setTimeout(timeoutMs, () => finish(false, `Máy in ${target.host}:${target.port} không trả lời sau ${timeoutMs / 1000} giây. Kiểm tra máy in đã bật và cắm dây mạng chưa.`));
        socket.once('connect', () => finish(true, `Kết nối được tới máy in ${target.host}:${target.port}.`));
        socket.once('error', (error: NodeJS.ErrnoException) =>
          finish(false, error.code === 'ECONNREFUSED'
            ? `Máy in ${target.host}:${target.port} từ chối kết nối. Kiểm tra máy in đã bật và đúng địa chỉ chưa.`
            : `Không kết nối được tới máy in ${target.host}:${target.port} (${error.code ?? 'lỗi mạng'}).`),
        );
      });
    case 'device':
      try {
        await fs.access(target.path, fsConstants.W_OK);
        return { ok: true, message: `Ghi được vào ${target.path}.` };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return {
          ok: false,
          message: code === 'ENOENT'
            ? `Không thấy máy in tại ${target.path}. Kiểm tra dây USB và nguồn máy in.`
            : `Không có quyền ghi vào ${target.path} (${code ?? 'lỗi'}).`,
        };
      }
    case 'spooler':
      return { ok: true, message: `Máy in "${target.name}" qua hệ điều hành: chỉ kiểm tra được trong bản Electron.` };
  }
}
