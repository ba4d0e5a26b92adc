import http from 'node:http';
import { promises as fs } from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from './csp';
import { contentTypeFor, injectToken, resolveStaticPath } from './static-files';
import { invoke, type ApiCore } from './api/invoke';
import { isChannel } from './api/channels';
import { BODY_LIMITS } from './api/contract';
import { fail, type Result } from './api/result';

/** Largest API request body accepted. */
export const MAX_BODY_BYTES = 256 * 1024;

/** A running browser shell. */
export interface BrowserShell {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** Options for {@link startBrowserShell}. */
export interface BrowserShellOptions {
  core: ApiCore;
  rendererDir: string;
  port?: number;
  host?: string;
  token?: string;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Serves the built renderer and the handler table over HTTP on loopback. Every API call must
 * carry the per-start token (the page receives it in its HTML); the Host header must name
 * this server, which stops DNS-rebinding pages from reaching the API.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let indexHtml: string | null = null;
  let port = 0;

  const allowedHosts = (): Set<string> => new Set([`${host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);

  const sendJson = (res: http.ServerResponse, status: number, body: Result<unknown>): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };

  const tokenMatches = (header: string | string[] | undefined): boolean => {
    if (typeof header !== 'string') return false;
    const given = Buffer.from(header);
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, fail('INVALID_INPUT', 'Chỉ nhận yêu cầu POST.'));
    }
    if (!isChannel(channel)) {
      req.resume();
      return sendJson(res, 404, fail('UNKNOWN_CHANNEL', `Không có chức năng "${channel.slice(0, 60)}".`));
    }
    if (!tokenMatches(req.headers['x-kiosk-token'])) {
      return sendJson(res, 401, fail('UNAUTHORIZED', 'Thiếu hoặc sai mã phiên của trạm. Hãy tải lại trang.'));
    }
    const type = req.headers['content-type'] ?? '';
    if (!type.toLowerCase().startsWith('application/json')) {
      return sendJson(res, 415, fail('INVALID_INPUT', 'Dữ liệu phải ở dạng JSON.'));
    }
    const limit = BODY_LIMITS[channel] ?? MAX_BODY_BYTES;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      res.setHeader('connection', 'close');
      sendJson(res, 413, fail('INVALID_INPUT', 'Dữ liệu gửi lên quá lớn.'));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        break;
      }
      chunks.push(chunk);
    }
    if (tooLarge) {
      res.setHeader('connection', 'close');
      sendJson(res, 413, fail('INVALID_INPUT', 'Dữ liệu gửi lên quá lớn.'));
      req.destroy();
      return;
    }
    let input: unknown;
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return sendJson(res, 400, fail('INVALID_INPUT', 'Dữ liệu gửi lên không phải JSON hợp lệ.'));
    }
    sendJson(res, 200, await invoke(options.core, channel, input, { transport: 'http' }));
  };

  const handleStatic = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const file = resolveStaticPath(options.rendererDir, pathname);
    if (!file) {
      res.writeHead(400, SECURITY_HEADERS);
      res.end();
      return;
    }
    const isIndex = file.endsWith('index.html') && (pathname === '/' || pathname === '/index.html');
    let body: Buffer;
    try {
      if (isIndex) {
        indexHtml ??= injectToken(await fs.readFile(file, 'utf8'), token);
        body = Buffer.from(indexHtml);
      } else {
        body = await fs.readFile(file);
      }
    } catch {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Không tìm thấy.');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': contentTypeFor(file),
      'content-length': body.length,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = http.createServer((req, res) => {
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts().has(hostHeader)) {
      res.writeHead(421, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end('Sai địa chỉ máy chủ.');
      return;
    }
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const work = pathname === '/healthz'
      ? Promise.resolve(void res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/plain' })).then(() => res.end('ok'))
      : pathname.startsWith('/api/')
        ? handleApi(req, res, pathname.slice('/api/'.length))
        : handleStatic(req, res, pathname);
    work.catch((error: unknown) => {
      options.core.log.error('browser shell request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', 'Đã có lỗi ngoài dự kiến.'));
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}/`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
