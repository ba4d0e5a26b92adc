import https from 'node:https';
import { randomBytes, X509Certificate } from 'node:crypto';
import { rootCertificates, type TLSSocket } from 'node:tls';
import { AppError, ERROR_CODES, type ErrorCode, type Result } from '../../api/result';
import { certificatePin, codeKey, hubProof, kioskProof, lookupTag, normaliseCode, sameHex } from './enrolment';
import { SYNC_PATHS, type EnrolReply, type HelloReply, type PullReply, type PushAck, type PushRequest, type StatusReply } from './protocol';

/** What a kiosk keeps to talk to its hub: where it is, the certificate it pinned, and its own credential. */
export interface HubLink {
  url: string;
  /** sha256 of the hub certificate's public key, base64. */
  pin: string;
  /** The certificate seen at enrolment (PEM), trusted for this hub only. */
  cert: string;
  kioskId: string;
  secret: string;
}

/** How long one request may take before the kiosk gives up on it (the counter never waits on it). */
export const REQUEST_TIMEOUT_MS = 30_000;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/** The hub's address as staff typed it, with https:// and without a trailing slash, or null when it cannot be one. */
export function normaliseHubUrl(typed: string): string | null {
  const text = typed.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) return null;
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** Turns what went wrong on the way to the hub into a code and a Vietnamese message. */
export function networkError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'PIN_MISMATCH' || /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code)) {
    return new AppError('FORBIDDEN', 'Máy ở địa chỉ này trình một chứng chỉ khác với máy chủ đã ghi danh, nên trạm không gửi dữ liệu. Có thể mạng bị chặn hoặc máy chủ đã đổi; hãy báo cán bộ kỹ thuật.', { cause: error });
  }
  if (code === 'TIMEOUT') return new AppError('UNAVAILABLE', 'Máy chủ không trả lời kịp (mạng chậm hoặc máy chủ bận). Trạm sẽ tự thử lại.', { cause: error });
  if (NETWORK_CODES.has(code)) return new AppError('UNAVAILABLE', 'Chưa kết nối được tới máy chủ (mất mạng hoặc máy chủ tắt). Trạm vẫn làm việc bình thường và sẽ tự gửi lại.', { cause: error });
  return new AppError('UNAVAILABLE', `Không nói chuyện được với máy chủ (${code || (error as Error).message}). Trạm sẽ tự thử lại.`, { cause: error });
}

interface Target {
  url: string;
  agent: https.Agent;
  headers?: Record<string, string>;
}

/** One POST of JSON to the hub, answered with the Result envelope; throws AppError for failures. */
async function post<T>(target: Target, path: string, body: unknown, onSocket?: (socket: TLSSocket) => void): Promise<T> {
  const text = JSON.stringify(body);
  const url = new URL(`${target.url}${path}`);
  const raw = await new Promise<string>((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        agent: target.agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...target.headers },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('socket', (socket) => onSocket?.(socket as TLSSocket));
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', reject);
    req.end(text);
  }).catch((error: unknown) => {
    throw networkError(error);
  });
  let envelope: Result<T>;
  try {
    envelope = JSON.parse(raw) as Result<T>;
  } catch {
    throw new AppError('UNAVAILABLE', 'Địa chỉ này trả lời nhưng không phải máy chủ Trạm Kỹ Năng Số. Hãy kiểm tra lại địa chỉ.');
  }
  if (envelope.ok) return envelope.value;
  const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(envelope.error.code) ? envelope.error.code : 'INTERNAL';
  throw new AppError(code, envelope.error.message, { ...(envelope.error.fields ? { fields: envelope.error.fields } : {}) });
}

/** An agent that trusts only this hub: its pinned public key, checked on every connection. */
function pinnedAgent(link: Pick<HubLink, 'pin' | 'cert'>): https.Agent {
  return new https.Agent({
    keepAlive: true,
    maxSockets: 2,
    // No resumed TLS sessions: a resumed handshake skips the identity check, and every new connection should show the pinned key.
    maxCachedSessions: 0,
    ca: [...rootCertificates, link.cert],
    checkServerIdentity: (_host, cert) => {
      // The pin stands for the hub: its address may be a bare IP the certificate does not name.
      const seen = certificatePin(new X509Certificate(cert.raw));
      return seen === link.pin ? undefined : Object.assign(new Error('certificate pin mismatch'), { code: 'PIN_MISMATCH' });
    },
  });
}

/**
 * Enrols this kiosk with a one-time code: reads the hub's certificate on first contact, proves it
 * holds the code bound to that certificate (the code never crosses the network), and checks the
 * hub's proof back. Returns what to keep; the code is not kept.
 */
export async function enrolKiosk(options: { url: string; code: string; kioskName: string; appVersion: string }): Promise<{ link: HubLink; reply: EnrolReply }> {
  const url = normaliseHubUrl(options.url);
  if (!url) throw new AppError('INVALID_INPUT', 'Địa chỉ máy chủ chưa đúng. Ví dụ: https://192.168.1.10:8443', { fields: { url: 'Địa chỉ chưa đúng.' } });
  const code = normaliseCode(options.code);
  if (!code) throw new AppError('INVALID_INPUT', 'Mã ghi danh gồm 16 chữ và số (ví dụ ABCD-EFGH-JKMN-PQRS). Hãy xem lại.', { fields: { code: 'Mã chưa đủ hoặc có ký tự lạ.' } });
  // First contact: no pin yet. What is seen here is bound into the proof, so a machine in the middle is caught by the hub.
  const agent = new https.Agent({ keepAlive: false, rejectUnauthorized: false, maxCachedSessions: 0 });
  let seen: X509Certificate | null = null;
  const capture = (socket: TLSSocket) =>
    socket.once('secureConnect', () => {
      seen = socket.getPeerX509Certificate() ?? null;
    });
  try {
    const hello = await post<HelloReply>({ url, agent }, SYNC_PATHS.hello, {}, capture);
    if (!seen) throw new AppError('UNAVAILABLE', 'Không đọc được chứng chỉ của máy chủ.');
    const cert: X509Certificate = seen;
    const pin = certificatePin(cert);
    const key = await codeKey(code, hello.salt);
    const nonce = randomBytes(16).toString('hex');
    const reply = await post<EnrolReply>({ url, agent }, SYNC_PATHS.enrol, {
      lookup: lookupTag(key),
      nonce,
      proof: kioskProof(key, nonce, pin),
      kioskName: options.kioskName,
      appVersion: options.appVersion,
    }, (socket) =>
      socket.once('secureConnect', () => {
        const again = socket.getPeerX509Certificate();
        if (!again || certificatePin(again) !== pin) socket.destroy(Object.assign(new Error('certificate changed'), { code: 'PIN_MISMATCH' }));
      }),
    );
    if (!sameHex(hubProof(key, nonce, pin, reply.kioskId, reply.secret), reply.hubProof)) {
      throw new AppError('FORBIDDEN', 'Máy chủ trả lời không chứng minh được nó đã cấp mã này; trạm không ghi danh. Hãy báo cán bộ kỹ thuật.');
    }
    return { link: { url, pin, cert: cert.toString(), kioskId: reply.kioskId, secret: reply.secret }, reply };
  } catch (error) {
    // The hub's "who are you" answers are about the code, not about the staff member signed in here.
    if (error instanceof AppError && error.code === 'UNAUTHORIZED') throw new AppError('INVALID_INPUT', error.message, { fields: { code: error.message } });
    throw error;
  } finally {
    agent.destroy();
  }
}

/** Talks to the hub this kiosk is enrolled with, over a connection pinned to its certificate. */
export class HubClient {
  private readonly target: Target;

  constructor(readonly link: HubLink) {
    this.target = { url: link.url, agent: pinnedAgent(link), headers: { authorization: `Kiosk ${link.kioskId}.${link.secret}` } };
  }

  /** Pushes one batch of changes; the hub's acknowledgement covers everything in it. */
  push(request: PushRequest): Promise<PushAck> {
    return post<PushAck>(this.target, SYNC_PATHS.push, request);
  }

  /** The commune's households and erasures changed since `cursor`. */
  pull(cursor: number): Promise<PullReply> {
    return post<PullReply>(this.target, SYNC_PATHS.pull, { cursor });
  }

  /** The kiosk's standing (FORBIDDEN when revoked). */
  status(): Promise<StatusReply> {
    return post<StatusReply>(this.target, SYNC_PATHS.status, {});
  }

  /** Closes idle connections. */
  close(): void {
    this.target.agent.destroy();
  }
}
