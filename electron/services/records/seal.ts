import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../api/result';
import { z } from '../zod';

/*
 * A sealed bundle: the bundle's bytes encrypted with AES-256-GCM under a key made by scrypt from a
 * passphrase, so a lost USB stick shows nobody's name.
 *   "TKNS-SEAL" (9 bytes) | version 1 (1 byte) | header length (uint16 BE) | header JSON | ciphertext | GCM tag (16 bytes)
 * The header (scrypt cost, salt, IV, and a short check value of the passphrase) is authenticated as
 * additional data, so changing any byte of the file is caught. The check value tells a wrong
 * passphrase from a file that was altered.
 */
const MAGIC = Buffer.from('TKNS-SEAL', 'ascii');
const VERSION = 1;
/** scrypt cost for bundle keys: about half a second on a weak PC, once per export or import. */
export const SEAL_COST = { N: 2 ** 16, r: 8, p: 1 } as const;
/** Shortest passphrase accepted. */
export const MIN_PASSPHRASE = 10;

const HeaderSchema = z.strictObject({
  kdf: z.literal('scrypt'),
  N: z.number().int().min(2 ** 10).max(2 ** 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(4),
  salt: z.string().max(64),
  iv: z.string().max(32),
  check: z.string().max(64),
});

/** True when the bytes are a sealed bundle. */
export function isSealed(bytes: Buffer): boolean {
  return bytes.length > MAGIC.length && bytes.subarray(0, MAGIC.length).equals(MAGIC);
}

/** Why a passphrase is not acceptable (Vietnamese), or null. */
export function passphraseProblem(passphrase: string): string | null {
  const text = passphrase.normalize('NFC');
  if (text.trim().length < MIN_PASSPHRASE) return `Cụm mật khẩu phải có ít nhất ${MIN_PASSPHRASE} ký tự.`;
  if (text.length > 200) return 'Cụm mật khẩu dài quá 200 ký tự.';
  if (new Set(text).size < 5) return 'Cụm mật khẩu quá dễ đoán. Hãy chọn cụm khác (hoặc bấm “Tạo cụm mật khẩu”).';
  return null;
}

function deriveKeys(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<{ key: Buffer; check: Buffer }> {
  return new Promise((resolve, reject) => {
    scryptCallback(passphrase.normalize('NFC'), salt, 64, { ...cost, maxmem: 256 * 1024 * 1024 }, (error, out) => {
      if (error) return reject(error);
      resolve({ key: out.subarray(0, 32), check: createHmac('sha256', out.subarray(32)).update('tram-ky-nang-so:kiem-tra').digest().subarray(0, 16) });
    });
  });
}

/** Seals bytes under a passphrase (refused when the passphrase is too weak). */
export async function seal(plain: Buffer, passphrase: string, cost: { N: number; r: number; p: number } = SEAL_COST): Promise<Buffer> {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new AppError('INVALID_INPUT', problem, { fields: { passphrase: problem } });
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { key, check } = await deriveKeys(passphrase, salt, cost);
  const header = Buffer.from(JSON.stringify({ kdf: 'scrypt', ...cost, salt: salt.toString('base64'), iv: iv.toString('base64'), check: check.toString('base64') }));
  const length = Buffer.alloc(2);
  length.writeUInt16BE(header.length);
  const prefix = Buffer.concat([MAGIC, Buffer.from([VERSION]), length, header]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(prefix);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([prefix, body, cipher.getAuthTag()]);
}

const TAMPERED = 'Tệp gói hồ sơ đã bị sửa đổi hoặc hỏng (không khớp mã kiểm tra), nên không mở. Hãy xuất lại gói từ trạm gốc.';

/** Opens a sealed bundle: a wrong passphrase and an altered file are refused, each with its own message. */
export async function unseal(bytes: Buffer, passphrase: string | undefined): Promise<Buffer> {
  if (!isSealed(bytes)) throw new AppError('INVALID_INPUT', 'Đây không phải gói hồ sơ đã khóa.');
  if (!passphrase) {
    throw new AppError('INVALID_INPUT', 'Gói hồ sơ này đã được khóa. Hãy nhập cụm mật khẩu mà trạm xuất gói đã đặt.', { fields: { passphrase: 'Cần cụm mật khẩu.' } });
  }
  if (bytes[MAGIC.length] !== VERSION) throw new AppError('INVALID_INPUT', 'Gói hồ sơ được khóa bằng phiên bản khác của phần mềm; hãy cập nhật.');
  if (bytes.length < MAGIC.length + 3) throw new AppError('INVALID_INPUT', TAMPERED);
  const headerLength = bytes.readUInt16BE(MAGIC.length + 1);
  const start = MAGIC.length + 3;
  if (bytes.length < start + headerLength + 16) throw new AppError('INVALID_INPUT', TAMPERED);
  let header: z.infer<typeof HeaderSchema>;
  try {
    header = HeaderSchema.parse(JSON.parse(bytes.subarray(start, start + headerLength).toString('utf8')));
  } catch {
    throw new AppError('INVALID_INPUT', TAMPERED);
  }
  const { key, check } = await deriveKeys(passphrase, Buffer.from(header.salt, 'base64'), header);
  const expected = Buffer.from(header.check, 'base64');
  if (expected.length !== check.length || !timingSafeEqual(expected, check)) {
    throw new AppError('INVALID_INPUT', 'Sai cụm mật khẩu của gói hồ sơ. Hãy hỏi lại người đã xuất gói (chú ý chữ hoa, chữ thường và dấu).', { fields: { passphrase: 'Sai cụm mật khẩu.' } });
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(bytes.subarray(0, start + headerLength));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(start + headerLength, bytes.length - 16)), decipher.final()]);
  } catch {
    throw new AppError('INVALID_INPUT', TAMPERED);
  }
}
