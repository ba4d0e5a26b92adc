import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { contentTypeFor, resolveStaticPath } from '../../electron/static-files';
import { AppError, fail, type ErrorCode, type Result } from '../../electron/api/result';
import { fieldsFromIssues } from '../../electron/services/zod';
import {
  EnrolRequestSchema,
  MAX_SYNC_BODY_BYTES,
  PullRequestSchema,
  PushRequestSchema,
  SYNC_PATHS,
  type PushRequest,
  type StatusReply,
} from '../../electron/services/sync/protocol';
import { HUB_CHANNELS, ScopeSchema, allowed, checkScope, createHubHandlers, type HubCallContext, type HubChannel } from './api';
import type { Hub } from './hub';
import { RateLimiter } from './rate-limit';
import { REPORT_FORMATS, makeReport } from './reports';

/** Options of {@link startHubServer}. */
export interface HubServerOptions {
  hub: Hub;
  /** The built hub pages (index.html and assets). */
  webDir: string;
  /** Certificate and key for HTTPS; null serves plain HTTP for a TLS reverse proxy in front (see the README). */
  tls: { cert: string; key: string } | null;
  host?: string;
  port?: number;
  /** The address kiosks and browsers use (put into enrolment QR codes); defaults to what the server listens on. */
  publicUrl?: string;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For. */
  trustProxy?: boolean;
}

/** A running hub server. */
export interface HubServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNKNOWN_CHANNEL: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 429,
  UNAVAILABLE: 503,
};

const COOKIE = 'tkns_hub';
/** Largest body of a page's request (a bundle upload is the big one). */
const MAX_API_BODY = 60 * 1024 * 1024;

class BodyTooLarge extends Error {}

async function readJson(req: http.IncomingMessage, limit: number): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) throw new AppError('INVALID_INPUT', 'Dữ liệu phải ở dạng JSON.');
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', 'Dữ liệu gửi lên không phải JSON hợp lệ.');
  }
}

function cookieToken(req: http.IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=') || null;
  }
  return null;
}

/**
 * Serves the hub: the kiosk-facing sync endpoints (credential in `Authorization: Kiosk …`), the
 * pages' API (session cookie, HttpOnly, SameSite=Strict, plus a custom header so no other site
 * can post), report downloads, and the built pages. Sign-in, setup and enrolment are rate limited
 * per client address; every input is checked against its schema.
 */
export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const { hub } = options;
  const log = hub.deps.log;
  const handlers = createHubHandlers(hub);
  const limits = {
    // Every sign-in counts while it runs (so a burst of guesses in parallel is held back too); one that
    // succeeds is taken back: a commune office whose staff sign in at once from one address is not guessing.
    signIn: new RateLimiter({ max: 10, windowMs: 60_000, clock: hub.deps.clock }),
    hello: new RateLimiter({ max: 120, windowMs: 60_000, clock: hub.deps.clock }),
    // Only refused enrolments count: a commune enrolling its ten kiosks at once is not guessing codes.
    enrolFailures: new RateLimiter({ max: 10, windowMs: 10 * 60_000, clock: hub.deps.clock }),
  };
  let url = '';
  let indexHtml: Buffer | null = null;
  const secure = options.tls !== null || options.trustProxy === true;

  const clientIp = (req: http.IncomingMessage): string => {
    if (options.trustProxy) {
      const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    return req.socket.remoteAddress ?? '?';
  };

  const send = (res: http.ServerResponse, body: Result<unknown>, extra: Record<string, string | string[]> = {}): void => {
    const text = JSON.stringify(body);
    const status = body.ok ? 200 : (STATUS[body.error.code] ?? 500);
    res.writeHead(status, { ...SECURITY_HEADERS, ...extra, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const failure = (error: unknown, where: string): Result<never> => {
    if (error instanceof AppError) return fail(error.code, error.message, error.fields, error.retryAfterSeconds);
    if (error instanceof BodyTooLarge) return fail('INVALID_INPUT', 'Dữ liệu gửi lên quá lớn.');
    log.error('hub request failed', { where, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), stack: error instanceof Error ? error.stack : undefined });
    return fail('INTERNAL', 'Máy chủ gặp lỗi ngoài dự kiến. Xin thử lại sau; nếu vẫn lỗi, hãy báo cán bộ kỹ thuật.');
  };

  const tooMany = (wait: number): AppError =>
    new AppError('LOCKED', `Quá nhiều lần thử từ máy này. Hãy thử lại sau ${Math.ceil(wait / 1000)} giây.`, { retryAfterSeconds: Math.ceil(wait / 1000) });

  /** Counts an attempt and refuses it when the address has made too many. */
  const limited = (limiter: RateLimiter, key: string): void => {
    const wait = limiter.hit(key);
    if (wait > 0) throw tooMany(wait);
  };


  const handleSync = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'POST') return send(res, fail('INVALID_INPUT', 'Chỉ nhận yêu cầu POST.'));
    const ip = clientIp(req);
    try {
      if (pathname === SYNC_PATHS.hello) {
        limited(limits.hello, ip);
        const { hubId, hubName, salt } = hub.deps.identity;
        return send(res, { ok: true, value: { hubId, hubName, salt } });
      }
      if (pathname === SYNC_PATHS.enrol) {
        const wait = limits.enrolFailures.wait(ip);
        if (wait > 0) throw new AppError('LOCKED', `Máy này đã nhập sai mã ghi danh nhiều lần. Hãy thử lại sau ${Math.ceil(wait / 60_000)} phút.`, { retryAfterSeconds: Math.ceil(wait / 1000) });
        const parsed = EnrolRequestSchema.safeParse(await readJson(req, 64 * 1024));
        if (!parsed.success) return send(res, fail('INVALID_INPUT', 'Yêu cầu ghi danh không hợp lệ.', fieldsFromIssues(parsed.error.issues)));
        try {
          return send(res, { ok: true, value: await hub.sites.enrol(parsed.data, ip) });
        } catch (error) {
          if (error instanceof AppError) limits.enrolFailures.hit(ip);
          throw error;
        }
      }
      const kiosk = await hub.sites.authenticate(req.headers.authorization);
      if (pathname === SYNC_PATHS.push) {
        const parsed = PushRequestSchema.safeParse(await readJson(req, MAX_SYNC_BODY_BYTES));
        if (!parsed.success) return send(res, fail('INVALID_INPUT', 'Lô dữ liệu không hợp lệ.', fieldsFromIssues(parsed.error.issues)));
        return send(res, { ok: true, value: await hub.push(kiosk, parsed.data as PushRequest) });
      }
      if (pathname === SYNC_PATHS.pull) {
        const parsed = PullRequestSchema.safeParse(await readJson(req, 4096));
        if (!parsed.success) return send(res, fail('INVALID_INPUT', 'Yêu cầu không hợp lệ.', fieldsFromIssues(parsed.error.issues)));
        return send(res, { ok: true, value: await hub.pull(kiosk, parsed.data.cursor) });
      }
      if (pathname === SYNC_PATHS.status) {
        await hub.sites.seen(kiosk.kioskId);
        const value: StatusReply = {
          kioskId: kiosk.kioskId,
          site: { id: kiosk.siteId, kind: kiosk.siteKind, name: kiosk.siteName, provinceCode: kiosk.provinceCode, communeCode: kiosk.communeCode },
          hubTime: new Date(hub.deps.clock()).toISOString(),
          revoked: false,
        };
        return send(res, { ok: true, value });
      }
      return send(res, fail('UNKNOWN_CHANNEL', 'Không có chức năng này.'));
    } catch (error) {
      if (error instanceof BodyTooLarge) res.setHeader('connection', 'close');
      return send(res, failure(error, pathname));
    }
  };

  const sessionCookie = (token: string | null): string =>
    token === null
      ? `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`
      : `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${12 * 3600}${secure ? '; Secure' : ''}`;

  const context = async (req: http.IncomingMessage): Promise<HubCallContext & { cookie: string | null }> => {
    const token = cookieToken(req);
    let actor: HubCallContext['actor'] = null;
    if (token) actor = await hub.accounts.authenticate(token).catch(() => null);
    const ctx = {
      actor,
      token,
      ip: clientIp(req),
      publicUrl: options.publicUrl ?? url.replace(/\/$/, ''),
      cookie: null as string | null,
      setSession(next: string | null) {
        ctx.cookie = sessionCookie(next);
      },
    };
    return ctx;
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> => {
    if (req.method !== 'POST') return send(res, fail('INVALID_INPUT', 'Chỉ nhận yêu cầu POST.'));
    if (req.headers['x-hub-request'] !== '1') return send(res, fail('FORBIDDEN', 'Yêu cầu không đến từ trang của máy chủ.'));
    if (!Object.hasOwn(HUB_CHANNELS, channel)) return send(res, fail('UNKNOWN_CHANNEL', `Không có chức năng "${channel.slice(0, 60)}".`));
    const name = channel as HubChannel;
    const spec = HUB_CHANNELS[name];
    let ctx: Awaited<ReturnType<typeof context>> | null = null;
    const signingIn = name === 'auth:sign-in' || name === 'setup:complete';
    try {
      ctx = await context(req);
      if (signingIn) limited(limits.signIn, `sign-in:${ctx.ip}`);
      const raw = await readJson(req, name === 'bundles:import' ? MAX_API_BODY : 256 * 1024);
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) return send(res, fail('INVALID_INPUT', 'Dữ liệu gửi lên không hợp lệ.', fieldsFromIssues(parsed.error.issues)));
      if (spec.access !== 'public' && !ctx.actor) return send(res, fail('UNAUTHORIZED', 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.'), { 'set-cookie': sessionCookie(null) });
      if (!allowed(ctx.actor, spec.access)) return send(res, fail('FORBIDDEN', 'Tài khoản này không có quyền làm việc này.'));
      if (ctx.actor?.mustChange && !['auth:me', 'auth:change-password', 'auth:sign-out'].includes(name)) {
        return send(res, fail('FORBIDDEN', 'Hãy đổi mật khẩu dùng một lần trước khi làm việc khác.'));
      }
      const handler = handlers[name] as (input: unknown, c: HubCallContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      if (signingIn) limits.signIn.refund(`sign-in:${ctx.ip}`);
      return send(res, { ok: true, value }, ctx.cookie ? { 'set-cookie': ctx.cookie } : {});
    } catch (error) {
      if (error instanceof BodyTooLarge) res.setHeader('connection', 'close');
      return send(res, failure(error, channel), ctx?.cookie ? { 'set-cookie': ctx.cookie } : {});
    }
  };

  const handleExport = async (req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): Promise<void> => {
    try {
      const ctx = await context(req);
      if (!ctx.actor || ctx.actor.mustChange) throw new AppError('UNAUTHORIZED', 'Hãy đăng nhập.');
      let scopeValue: unknown;
      try {
        scopeValue = JSON.parse(query.get('scope') ?? '');
      } catch {
        throw new AppError('INVALID_INPUT', 'Thiếu địa bàn của báo cáo.');
      }
      const scope = ScopeSchema.parse(scopeValue);
      const format = REPORT_FORMATS.find((f) => f === query.get('format'));
      if (!format) throw new AppError('INVALID_INPUT', 'Định dạng chỉ là xlsx hoặc csv.');
      const actor = ctx.actor;
      checkScope(actor, scope);
      const file = await makeReport(hub, actor, scope, format, ctx.ip);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': file.mimeType,
        'content-length': file.bytes.length,
        'cache-control': 'no-store',
        'content-disposition': `attachment; filename="${file.fileName}"`,
      });
      res.end(file.bytes);
    } catch (error) {
      send(res, failure(error instanceof Error && error.name === 'ZodError' ? new AppError('INVALID_INPUT', 'Địa bàn của báo cáo không hợp lệ.') : error, 'export'));
    }
  };

  const handleStatic = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const asset = pathname.startsWith('/assets/') || /\.[a-z0-9]{2,5}$/.test(pathname);
    const file = resolveStaticPath(options.webDir, asset ? pathname : '/');
    if (!file) {
      res.writeHead(400, SECURITY_HEADERS);
      res.end();
      return;
    }
    let body: Buffer;
    try {
      // Every page path (/, /xa/…, /tram) serves the one page; the app routes inside it.
      body = asset ? await fs.readFile(file) : (indexHtml ??= await fs.readFile(file));
    } catch {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
      res.end(asset ? 'Không tìm thấy.' : 'Chưa có bản dựng trang của máy chủ (dist/hub-web). Hãy chạy "npm run build".');
      return;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': contentTypeFor(file),
      'content-length': body.length,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      ...(options.tls ? { 'strict-transport-security': 'max-age=31536000' } : {}),
      'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const parsed = new URL(req.url ?? '/', 'http://hub');
    const pathname = parsed.pathname;
    const work =
      pathname === '/healthz'
        ? Promise.resolve().then(() => {
            res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/plain' });
            res.end('ok');
          })
        : pathname.startsWith('/sync/')
          ? handleSync(req, res, pathname)
          : pathname.startsWith('/api/')
            ? handleApi(req, res, pathname.slice('/api/'.length))
            : pathname === '/export'
              ? handleExport(req, res, parsed.searchParams)
              : handleStatic(req, res, pathname);
    work.catch((error: unknown) => {
      log.error('hub request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) send(res, fail('INTERNAL', 'Máy chủ gặp lỗi ngoài dự kiến.'));
      else res.destroy();
    });
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, listener) : http.createServer(listener);
  server.requestTimeout = 120_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 10_000;
  const host = options.host ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `${options.tls ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`;
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
