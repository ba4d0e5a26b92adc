import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import https from 'node:https';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { enrolKiosk, HubClient } from '../../../electron/services/sync/hub-client';
import type { PushRequest } from '../../../electron/services/sync/protocol';

/** A hub started for one test on its own fresh data folder. */
export interface RunningHub {
  url: string;
  pin: string;
  /** The one-time setup code it printed (empty when accounts existed already). */
  setupCode: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  /** Ctrl-C: the hub finishes what it is doing and stops. */
  stop(): Promise<void>;
  /** kill -9: the hub stops dead, mid-request if need be. */
  kill(): Promise<void>;
}

/** Starts `dist-electron/hub.js` (PGlite in the data folder, or `databaseUrl`) on a free port and waits for the address it prints. */
export async function startHub(options: { dataDir?: string; databaseUrl?: string; port?: number; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {}): Promise<RunningHub> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'hub-e2e-'));
  const args = ['dist-electron/hub.js', '--port', String(options.port ?? 0), '--host', '127.0.0.1', '--data', dataDir];
  if (options.databaseUrl) args.push('--database', options.databaseUrl);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], {
    cwd: path.resolve(import.meta.dirname, '..', '..', '..'),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /HUB_URL=(\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code}:\n${output}`));
    });
  });
  const exited = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return {
    url,
    pin: /HUB_PIN=(\S+)/.exec(output)?.[1] ?? '',
    setupCode: /mã cài đặt[^\n]*\n\n\s+(\S+)/.exec(output)?.[1] ?? '',
    dataDir,
    process: child,
    output: () => output,
    stop: () => exited('SIGINT'),
    kill: () => exited('SIGKILL'),
  };
}

/** A signed-in account's cookie, kept between calls. */
export interface HubJar {
  cookie?: string;
}

/** Calls a channel of the hub's pages API as its page would (self-signed certificate accepted: tests only). */
export function hubApi<T = Record<string, unknown>>(hub: Pick<RunningHub, 'url'>, channel: string, input: unknown, jar: HubJar = {}): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = https.request(
      new URL(`api/${channel}`, hub.url),
      {
        method: 'POST',
        rejectUnauthorized: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-hub-request': '1', ...(jar.cookie ? { cookie: jar.cookie } : {}) },
      },
      (res) => {
        const cookie = res.headers['set-cookie']?.[0];
        if (cookie) jar.cookie = cookie.split(';')[0];
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(JSON.parse(text) as { ok: boolean; value?: T; error?: { code: string; message: string } }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Creates the first hub admin with the printed setup code; returns the signed-in jar. */
export async function setUpHub(hub: RunningHub, admin = { username: 'quantri', displayName: 'Quản trị máy chủ', password: 'mat-khau-that-dai-2026' }): Promise<HubJar> {
  const jar: HubJar = {};
  const result = await hubApi(hub, 'setup:complete', { setupCode: hub.setupCode, ...admin }, jar);
  if (!result.ok) throw new Error(`hub setup failed: ${result.error?.message}`);
  return jar;
}

/** A site made on the hub and one kiosk enrolled at it through the real sync protocol, as a kiosk's settings screen would. */
export async function enrolTestKiosk(hub: RunningHub, jar: HubJar, site: { kind: 'xa' | 'diem'; provinceCode: string; communeCode: string; name: string }, kioskName: string): Promise<HubClient> {
  const created = await hubApi<{ site: { id: string } }>(hub, 'sites:create', site, jar);
  if (!created.ok) throw new Error(`site not created: ${created.error?.message}`);
  const issued = await hubApi<{ code: string }>(hub, 'sites:issue-code', { siteId: created.value!.site.id }, jar);
  if (!issued.ok) throw new Error(`no enrolment code: ${issued.error?.message}`);
  return new HubClient((await enrolKiosk({ url: hub.url, code: issued.value!.code, kioskName, appVersion: 'e2e' })).link);
}

/** Pushes records in one batch, as a kiosk's sync would; fails unless every record was taken. */
export async function pushRecords(client: HubClient, records: Pick<PushRequest, 'households' | 'people' | 'sessions'>): Promise<void> {
  const ack = await client.push({ batchId: randomUUID(), sentAt: new Date().toISOString(), waiting: 0, appVersion: 'e2e', ...records, deletions: [] });
  if (ack.people.added !== records.people.length) throw new Error(`hub took ${ack.people.added} of ${records.people.length} people`);
}
