import { promises as fs } from 'node:fs';
import { AppError } from '../../api/result';
import { deviceProblem, parsePrinterUri } from './printer-uri';
import type { RepliesSummary } from './printer-replies';
import { readStatus, sendBytes, statusProblem, type PrinterStatus } from './tcp-printer';

/** What a finished print reports. */
export interface PrintOutcome {
  bytesSent: number;
  /** Status read after the job, where the printer answers (e.g. paper near its end). */
  after: PrinterStatus | null;
  /** Vietnamese notes for staff, e.g. "giấy sắp hết". */
  warnings: string[];
  /** Network printers: whether the printer read the job to its end and closed the line. */
  confirmed?: boolean;
  /** Network printers: what the printer sent back while the job streamed in. */
  replies?: RepliesSummary;
}

/** Reads a printer's status where its transport can; others answer "not available". */
export async function printerStatus(uri: string): Promise<PrinterStatus> {
  const target = parsePrinterUri(uri);
  if (!target) throw new AppError('INVALID_INPUT', `Địa chỉ máy in không hợp lệ: ${uri}`);
  if (target.kind !== 'tcp') return { answered: false, online: null, coverOpen: null, paperOut: null, paperNearEnd: null };
  return readStatus(target.host, target.port);
}

/**
 * Prints bytes on the printer at `uri`: checks its status first (paper out, cover open and
 * offline stop the job before any byte leaves), sends, then reads the status again.
 */
export async function printBytes(uri: string, bytes: Uint8Array): Promise<PrintOutcome> {
  const target = parsePrinterUri(uri);
  if (!target) throw new AppError('INVALID_INPUT', `Địa chỉ máy in không hợp lệ: ${uri}`);
  switch (target.kind) {
    case 'tcp': {
      const before = await readStatus(target.host, target.port);
      const problem = statusProblem(before);
      if (problem) throw Object.assign(problem, { bytesSent: 0 });
      const { bytesSent, confirmed, replies, status } = await sendBytes(target.host, target.port, bytes);
      const asked = before.answered ? await readStatus(target.host, target.port).catch(() => null) : null;
      const after = asked?.answered ? asked : (status ?? asked);
      // An open line after the job is fine from a printer that still answers; from one that
      // never answers, nothing says it read the card, so its fate is unknown (never re-sent by itself).
      if (!confirmed && !after?.answered) {
        throw Object.assign(new AppError('PRINTER_ERROR', 'Máy in không xác nhận đã nhận phiếu.'), { bytesSent });
      }
      const warnings: string[] = [];
      if (after?.paperNearEnd) warnings.push('Giấy trong máy in sắp hết, xin chuẩn bị cuộn mới.');
      if (after?.paperOut) warnings.push('Máy in vừa hết giấy: phiếu có thể chưa in đủ.');
      return { bytesSent, after, warnings, confirmed, replies };
    }
    case 'device': {
      try {
        const handle = await fs.open(target.path, 'w');
        try {
          await handle.write(bytes);
        } finally {
          await handle.close();
        }
        return { bytesSent: bytes.length, after: null, warnings: [] };
      } catch (error) {
        const message = deviceProblem(target.path, (error as NodeJS.ErrnoException).code);
        throw Object.assign(new AppError('PRINTER_OFFLINE', message, { cause: error }), { bytesSent: 0 });
      }
    }
    case 'spooler':
      throw Object.assign(new AppError('PRINTER_ERROR', `In qua máy in "${target.name}" của hệ điều hành chỉ làm được trong bản Electron.`), { bytesSent: 0 });
  }
}
