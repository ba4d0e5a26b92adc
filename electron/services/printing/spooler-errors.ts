import { AppError } from '../../api/result';

/**
 * Turns the operating system spooler's answer (Electron's `failureReason` string, or a timeout)
 * into a Vietnamese error carrying `bytesSent`: 0 when the spooler surely printed nothing,
 * the whole image when it may have (so the queue never prints it twice by itself).
 */
export function spoolFailure(reason: string | 'timeout', printerName: string, size: number): AppError & { bytesSent: number } {
  const text = reason.toLowerCase();
  const error = (code: 'PRINTER_OFFLINE' | 'PRINTER_ERROR', message: string, bytesSent: number) => Object.assign(new AppError(code, message), { bytesSent });
  if (reason === 'timeout') {
    return error('PRINTER_ERROR', `Máy in "${printerName}" không trả lời trong 5 giây.`, size);
  }
  if (text.includes('devicename') || text.includes('not found') || text.includes('no printer')) {
    return error('PRINTER_OFFLINE', `Hệ điều hành không có máy in tên "${printerName}". Xin kiểm tra máy in đã cắm và đã cài trình điều khiển.`, 0);
  }
  if (text.includes('cancel')) return error('PRINTER_ERROR', 'Lệnh in đã bị huỷ trước khi in. Xin bấm in lại.', 0);
  if (text.includes('settings')) return error('PRINTER_ERROR', `Máy in "${printerName}" không nhận khổ giấy này. Xin kiểm tra khổ giấy (58 hay 80 mm) trong cài đặt.`, 0);
  return error('PRINTER_ERROR', `Máy in "${printerName}" báo lỗi (${reason.slice(0, 80)}).`, size);
}

/** Width and height in pixels from a PNG's header, or null when it is not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
