import { createHash, createHmac, randomInt, scrypt as scryptCallback, timingSafeEqual, X509Certificate } from 'node:crypto';

/** Letters and digits of enrolment codes: Crockford's base32, with no I, L, O or U to misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters in an enrolment code (80 bits). */
export const CODE_LENGTH = 16;
/** scrypt cost for the key derived from a code: slow enough that guessing a code offline is hopeless. */
const CODE_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
/** What a scanned enrolment QR code holds before the address and the code. */
export const QR_PREFIX = 'TKNS1';

/** A fresh one-time enrolment code, as staff type it: four groups of four. */
export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(0, ALPHABET.length)];
  return formatCode(code);
}

/** A code grouped by four for reading aloud and typing. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The code as typed (any case, spaces or dashes, O for 0, I or L for 1) in its canonical form, or null when it cannot be one. */
export function normaliseCode(typed: string): string | null {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH) return null;
  for (const c of code) if (!ALPHABET.includes(c)) return null;
  return code;
}

/** Splits what a QR scanner typed (`TKNS1|https://hub:8443|CODE`) into address and code, or null. */
export function parseEnrolmentQr(text: string): { url: string; code: string } | null {
  const parts = text.trim().split('|');
  if (parts.length !== 3 || parts[0] !== QR_PREFIX) return null;
  const code = normaliseCode(parts[2]!);
  return code ? { url: parts[1]!, code } : null;
}

/** The text of the QR code a hub shows beside a code. */
export function enrolmentQrText(url: string, code: string): string {
  return `${QR_PREFIX}|${url}|${formatCode(normaliseCode(code) ?? code)}`;
}

/** The key both sides derive from the code and the hub's salt; the code itself never crosses the network. */
export function codeKey(code: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(code, Buffer.from(`tram-ky-nang-so:ghi-danh:${salt}`), 32, { ...CODE_COST, maxmem: 128 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('hex');

/** The tag the hub finds a code by. */
export function lookupTag(key: Buffer): string {
  return hmac(key, 'lookup').slice(0, 32);
}

/** The kiosk's proof that it holds the code, bound to the certificate it sees. */
export function kioskProof(key: Buffer, nonce: string, fingerprint: string): string {
  return hmac(key, `kiosk|${nonce}|${fingerprint}`);
}

/** The hub's proof that it holds the code too, bound to the credential it hands out. */
export function hubProof(key: Buffer, nonce: string, fingerprint: string, kioskId: string, secret: string): string {
  return hmac(key, `hub|${nonce}|${fingerprint}|${kioskId}|${secret}`);
}

/** Compares two hex strings in constant time. */
export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The certificate's public-key pin: SHA-256 of its SubjectPublicKeyInfo, base64 (as in HPKP's pin-sha256). */
export function certificatePin(cert: X509Certificate | string | Buffer): string {
  const x509 = cert instanceof X509Certificate ? cert : new X509Certificate(cert);
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** SHA-256 of a secret, hex: what the hub keeps of a kiosk's credential. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
