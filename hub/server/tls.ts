import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { certificatePin } from '../../electron/services/sync/enrolment';

/** The certificate the hub serves HTTPS with, and the pin kiosks keep of it. */
export interface HubCertificate {
  cert: string;
  key: string;
  pin: string;
  /** True when the hub made a self-signed certificate just now (first start). */
  created: boolean;
  certFile: string;
}

/** Names and addresses a self-signed certificate is made out to: localhost, this machine's name and its addresses. */
function altNames(extra: readonly string[]): { type: 2 | 7; value?: string; ip?: string }[] {
  const names = new Set(['localhost', os.hostname(), ...extra.filter((n) => !/^[\d.:]+$/.test(n))]);
  const ips = new Set(['127.0.0.1', ...extra.filter((n) => /^[\d.:]+$/.test(n))]);
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4') ips.add(a.address);
  return [...[...names].map((value) => ({ type: 2 as const, value })), ...[...ips].map((ip) => ({ type: 7 as const, ip }))];
}

/**
 * The hub's certificate: the given files, or the pair kept in the data folder, made at first
 * start as a self-signed EC P-256 certificate for ten years. Kiosks pin its public key at
 * enrolment, so a self-signed certificate is as safe as a bought one here.
 */
export async function hubCertificate(options: { dataDir: string; certFile?: string | undefined; keyFile?: string | undefined; hostnames?: readonly string[] }): Promise<HubCertificate> {
  if (options.certFile || options.keyFile) {
    if (!options.certFile || !options.keyFile) throw new Error('Cần cả --cert và --key (chứng chỉ và khóa riêng).');
    const [cert, key] = await Promise.all([fs.readFile(options.certFile, 'utf8'), fs.readFile(options.keyFile, 'utf8')]);
    return { cert, key, pin: certificatePin(cert), created: false, certFile: options.certFile };
  }
  const certFile = path.join(options.dataDir, 'hub-cert.pem');
  const keyFile = path.join(options.dataDir, 'hub-key.pem');
  try {
    const [cert, key] = await Promise.all([fs.readFile(certFile, 'utf8'), fs.readFile(keyFile, 'utf8')]);
    return { cert, key, pin: certificatePin(cert), created: false, certFile };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const selfsigned = await import('selfsigned');
  const now = new Date();
  const pems = await selfsigned.generate([{ name: 'commonName', value: `Trạm Kỹ Năng Số hub ${os.hostname()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 86_400_000),
    notAfterDate: new Date(now.getTime() + 10 * 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: altNames(options.hostnames ?? []) },
    ],
  });
  await fs.mkdir(options.dataDir, { recursive: true });
  await fs.writeFile(keyFile, pems.private, { mode: 0o600 });
  await fs.writeFile(certFile, pems.cert, { mode: 0o644 });
  return { cert: pems.cert, key: pems.private, pin: certificatePin(pems.cert), created: true, certFile };
}
