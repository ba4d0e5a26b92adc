import { BrowserWindow } from 'electron';
import type { Spooler } from './services/printing/print-service';
import { pngSize, spoolFailure } from './services/printing/spooler-errors';
import { AppError } from './api/result';

const SPOOL_TIMEOUT_MS = 5000;
/** Thermal printers print 8 dots per millimetre. */
const DOTS_PER_MM = 8;

/**
 * Prints a card's raster through the operating system's spooler, silently, to a named printer:
 * one PNG pixel per printer dot, on a page exactly as wide as the paper and as long as the card.
 */
export function createSpooler(): Spooler {
  return async (printerName, png, widthMm) => {
    const size = pngSize(png);
    if (!size) throw Object.assign(new AppError('INTERNAL', 'Ảnh phiếu không hợp lệ.'), { bytesSent: 0 });
    const heightMm = Math.ceil((size.height / DOTS_PER_MM) * 10) / 10;
    const page = `<!doctype html><meta charset="utf-8"><style>@page{size:${widthMm}mm ${heightMm}mm;margin:0}html,body{margin:0;padding:0}img{display:block;width:${widthMm}mm;height:${heightMm}mm;image-rendering:pixelated}</style><img src="data:image/png;base64,${Buffer.from(png).toString('base64')}">`;
    // Its own session and no scripts: the page is a picture and nothing else.
    const window = new BrowserWindow({ show: false, webPreferences: { partition: 'spooler', javascript: false, sandbox: true, contextIsolation: true } });
    try {
      await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(page)}`);
      const printers = await window.webContents.getPrintersAsync();
      if (!printers.some((p) => p.name === printerName)) throw spoolFailure('Invalid deviceName provided', printerName, 0);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(spoolFailure('timeout', printerName, png.length)), SPOOL_TIMEOUT_MS);
        window.webContents.print(
          {
            silent: true,
            deviceName: printerName,
            printBackground: true,
            color: false,
            margins: { marginType: 'none' },
            pageSize: { width: widthMm * 1000, height: Math.round(heightMm * 1000) },
          },
          (success, failureReason) => {
            clearTimeout(timer);
            if (success) resolve();
            else reject(spoolFailure(failureReason, printerName, png.length));
          },
        );
      });
      return { bytesSent: png.length, after: null, warnings: [] };
    } finally {
      window.destroy();
    }
  };
}
