import net from 'node:net';
import { AppError } from '../../api/result';
import { NO_STATUS, ReplyReader, type PrinterStatus, type RepliesSummary } from './printer-replies';

export type { PrinterStatus } from './printer-replies';

/**
 * How a job ended without error: every byte written; `confirmed` when the printer also closed
 * its side (it read to the end); what it sent back meanwhile, and the last status it sent by
 * itself (Automatic Status Back), if any.
 */
export interface SendResult {
  bytesSent: number;
  confirmed: boolean;
  replies: RepliesSummary;
  status: PrinterStatus | null;
}

const CONNECT_TIMEOUT_MS = 4000;
const STATUS_TIMEOUT_MS = 700;
/**
 * How long to wait, after the last byte, for the printer to close its side. A printer closes
 * once it has read to the end; one that never reads never does, and the kernel's buffers would
 * otherwise make its job look sent.
 */
const CONFIRM_MS = 2500;

/** Opens a connection to a network printer; refused or silent printers become PRINTER_OFFLINE with a Vietnamese message. */
export function connectPrinter(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new AppError('PRINTER_OFFLINE', `Máy in ${host}:${port} không trả lời. Xin kiểm tra máy in đã bật, đã cắm dây mạng chưa.`), { bytesSent: 0 }));
    }, CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        Object.assign(
          new AppError(
            'PRINTER_OFFLINE',
            error.code === 'ECONNREFUSED'
              ? `Máy in ${host}:${port} từ chối kết nối. Xin kiểm tra máy in đã bật và đúng địa chỉ.`
              : `Không kết nối được máy in ${host}:${port} (${error.code ?? 'lỗi mạng'}).`,
            { cause: error },
          ),
          { bytesSent: 0 },
        ),
      );
    });
  });
}

/** Reads the answer to `DLE EOT n`, skipping anything else the printer sends; null when it does not answer in time. */
function ask(socket: net.Socket, replies: ReplyReader, n: number): Promise<number | null> {
  socket.write(Uint8Array.of(0x10, 0x04, n));
  return replies.nextAnswer(STATUS_TIMEOUT_MS);
}

/**
 * Asks the printer for its real-time status (DLE EOT 1, 2, 4). Status Back blocks it sends by
 * itself are told apart from the answers; a printer that answers nothing but sent such a block
 * is read from that block, and one that says nothing at all is reported as such.
 */
export async function readStatus(host: string, port: number): Promise<PrinterStatus> {
  const socket = await connectPrinter(host, port);
  const replies = new ReplyReader();
  socket.on('data', (chunk: Buffer) => replies.feed(chunk));
  socket.on('error', () => undefined);
  try {
    const printer = await ask(socket, replies, 1);
    if (printer === null) return replies.asbStatus() ?? { ...NO_STATUS };
    const offline = await ask(socket, replies, 2);
    const paper = await ask(socket, replies, 4);
    return {
      answered: true,
      online: (printer & 0x08) === 0,
      coverOpen: offline === null ? null : (offline & 0x04) !== 0,
      paperOut: (paper !== null && (paper & 0x60) !== 0) || (offline !== null && (offline & 0x20) !== 0),
      paperNearEnd: paper === null ? null : (paper & 0x0c) !== 0,
    };
  } finally {
    socket.destroy();
  }
}

/** Turns a status into the error that stops a job before any byte leaves, or null when it may print. */
export function statusProblem(status: PrinterStatus): AppError | null {
  if (!status.answered) return null;
  if (status.paperOut) return new AppError('PAPER_OUT', 'Máy in hết giấy. Xin thay cuộn giấy mới.');
  if (status.coverOpen) return new AppError('COVER_OPEN', 'Nắp máy in đang mở. Xin đóng nắp lại.');
  if (status.online === false) return new AppError('PRINTER_OFFLINE', 'Máy in đang báo lỗi hoặc tạm dừng. Xin kiểm tra đèn báo trên máy in.');
  return null;
}

/**
 * Sends a job's bytes. Resolves once every byte is written, `confirmed` when the printer then
 * closed cleanly; rejects with `bytesSent` on the error so the queue knows whether the job's
 * fate is unknown. Whatever the printer sends meanwhile is read as it comes: a line with
 * unread bytes never reports its end, so a printer that talks would never look confirmed.
 */
export async function sendBytes(host: string, port: number, bytes: Uint8Array, timeoutMs = 5000): Promise<SendResult> {
  const socket = await connectPrinter(host, port);
  const replies = new ReplyReader();
  socket.on('data', (chunk: Buffer) => replies.feed(chunk));
  let sent = 0;
  let ended = false;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string, cause?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(linger);
      socket.destroy();
      reject(Object.assign(new AppError('PRINTER_ERROR', message, { cause }), { bytesSent: sent }));
    };
    const succeed = (confirmed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(linger);
      socket.destroy();
      resolve({ bytesSent: sent, confirmed, replies: replies.summary(), status: replies.asbStatus() });
    };
    let linger: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => fail('Máy in nhận dữ liệu quá chậm hoặc ngừng nhận.'), timeoutMs);
    socket.on('error', (error: NodeJS.ErrnoException) => fail(`Mất kết nối với máy in giữa chừng (${error.code ?? 'lỗi'}).`, error));
    // A printer that drops the line with our data unread resets it (an error before 'close');
    // one that closes in order before the last byte has left did not read the whole card.
    socket.on('close', (hadError) => (hadError || !ended ? fail('Mất kết nối với máy in giữa chừng.') : succeed(true)));
    const CHUNK = 16 * 1024;
    const writeNext = (): void => {
      while (sent < bytes.length) {
        const piece = bytes.subarray(sent, Math.min(bytes.length, sent + CHUNK));
        sent += piece.length;
        if (!socket.write(piece)) {
          socket.once('drain', writeNext);
          return;
        }
      }
      // Everything is handed to the kernel: half-close and wait for the printer to close its
      // side. A quiet line after that is reported unconfirmed, for the caller to check otherwise.
      ended = true;
      socket.end(() => {
        clearTimeout(timer);
        linger = setTimeout(() => succeed(false), CONFIRM_MS);
      });
    };
    writeNext();
  });
}
