import https from 'node:https';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolKiosk, HubClient, type HubLink } from '../../../electron/services/sync/hub-client';
import { hubCertificate, type HubCertificate } from '../../../hub/server/tls';
import { startHubServer, type HubServer } from '../../../hub/server/http';
import { openHub, type Hub } from '../../../hub/server/hub';
import { createMemoryLogger } from '../../../electron/services/logger';
import { freshDb, geo, makeRecords, MIGRATIONS, PLACES } from './hub-fixture';
import type { Actor } from '../../../hub/server/actor';
import { randomUUID } from 'node:crypto';

let cert: HubCertificate;
let hub: Hub;
let server: HubServer;
let admin: Actor;
let cleanup: () => Promise<void>;
let base: string;

/** A page's call: JSON, the custom header, and the cookie jar given. */
async function api(channel: string, input: unknown, jar: { cookie?: string } = {}, headers: Record<string, string> = { 'x-hub-request': '1' }) {
  const res = await fetchInsecure(`${base}api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, ...(jar.cookie ? { cookie: jar.cookie } : {}) }, body: JSON.stringify(input) });
  const setCookie = res.headers['set-cookie']?.[0];
  if (setCookie) jar.cookie = setCookie.split(';')[0];
  return { status: res.status, body: JSON.parse(res.body) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }, setCookie };
}

function fetchInsecure(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: Record<string, string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: init.method, headers: init.headers, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: { 'set-cookie': res.headers['set-cookie'] } }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

beforeAll(async () => {
  cert = await hubCertificate({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'hub-cert-')) });
  const fresh = await freshDb('pg');
  cleanup = fresh.cleanup;
  hub = await openHub({ db: fresh.db, geo, log: createMemoryLogger(), migrationsDir: MIGRATIONS, pin: cert.pin, refreshEveryMs: 0, passwordCost: { N: 2 ** 10, r: 8, p: 1 } });
  server = await startHubServer({ hub, webDir: mkdtempSync(path.join(os.tmpdir(), 'hub-web-')), tls: { cert: cert.cert, key: cert.key }, host: '127.0.0.1', port: 0 });
  base = server.url;
  const code = await hub.accounts.newSetupCode();
  const signed = await hub.accounts.completeSetup({ setupCode: code, username: 'quantri', displayName: 'Quản trị tỉnh', password: 'mat-khau-rat-dai-2026' }, null);
  admin = signed.actor;
});

afterAll(async () => {
  await server.close();
  await hub.close();
  await cleanup();
});

describe('enrolment and sync over HTTPS', () => {
  let link: HubLink;
  const commune = PLACES.communes[0]!;

  it('enrols with a one-time code, then pushes and pulls over a connection pinned to the hub’s key', async () => {
    const site = await hub.sites.createSite(admin, { kind: 'diem', provinceCode: PLACES.provinceCode, communeCode: commune, name: 'Điểm lưu động chợ phiên' });
    const issued = await hub.sites.issueCode(admin, site.id, base);
    expect(issued.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(issued.qrText).toBe(`TKNS1|${base}|${issued.code}`);
    const typed = issued.code.toLowerCase().replace(/-/g, ' ');
    const enrolled = await enrolKiosk({ url: base, code: typed, kioskName: 'Máy 1', appVersion: '0.1.0' });
    link = enrolled.link;
    expect(link.pin).toBe(cert.pin);
    expect(enrolled.reply.site).toMatchObject({ name: 'Điểm lưu động chợ phiên', communeCode: commune });
    // The hub keeps neither the code nor the secret.
    const kept = JSON.stringify((await hub.deps.db.query('select * from enrolment_codes')).rows) + JSON.stringify((await hub.deps.db.query('select * from kiosks')).rows);
    expect(kept).not.toContain(issued.code.replace(/-/g, ''));
    expect(kept).not.toContain(link.secret);

    const client = new HubClient(link);
    const records = makeRecords({ communeCode: commune, households: 2, perHousehold: 1 });
    const ack = await client.push({ batchId: randomUUID(), sentAt: new Date().toISOString(), waiting: 0, appVersion: '0.1.0', ...records, deletions: [] });
    expect(ack.people.added).toBe(2);
    const pulled = await client.pull(0);
    expect(pulled.households).toHaveLength(2);
    client.close();

    await expect(enrolKiosk({ url: base, code: issued.code, kioskName: 'Máy 2', appVersion: '0.1.0' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('đã được dùng để ghi danh trạm “Máy 1”') });
    await expect(enrolKiosk({ url: base, code: 'ABCD-EFGH-JKMN-PQRS', kioskName: 'Máy 3', appVersion: '0.1.0' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Mã ghi danh không đúng'), fields: { code: expect.any(String) } });
    await expect(enrolKiosk({ url: base, code: 'ABCD', kioskName: 'Máy 3', appVersion: '0.1.0' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses a kiosk that talks through a machine in the middle, and a pinned kiosk will not talk to another certificate', async () => {
    const site = (await hub.sites.listSites(admin))[0]!;
    const issued = await hub.sites.issueCode(admin, site.id, base);
    const other = await hubCertificate({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'mitm-')) });
    // A proxy with its own certificate that relays every request to the hub.
    const mitm = https.createServer({ cert: other.cert, key: other.key }, (req, res) => {
      const out = https.request(`${base.replace(/\/$/, '')}${req.url}`, { method: req.method, headers: req.headers, rejectUnauthorized: false }, (r) => {
        res.writeHead(r.statusCode ?? 500, r.headers);
        r.pipe(res);
      });
      req.pipe(out);
    });
    await new Promise<void>((resolve) => mitm.listen(0, '127.0.0.1', resolve));
    const mitmUrl = `https://127.0.0.1:${(mitm.address() as { port: number }).port}`;
    await expect(enrolKiosk({ url: mitmUrl, code: issued.code, kioskName: 'Máy giả', appVersion: '0.1.0' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('chứng chỉ không khớp') });
    // The code is still good for the real hub.
    const real = await enrolKiosk({ url: base, code: issued.code, kioskName: 'Máy thật', appVersion: '0.1.0' });
    const misdirected = new HubClient({ ...real.link, url: mitmUrl });
    await expect(misdirected.pull(0)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('chứng chỉ khác') });
    misdirected.close();
    mitm.close();
  });

  it('refuses a revoked kiosk and says so', async () => {
    const client = new HubClient(link);
    await hub.sites.revokeKiosk(admin, link.kioskId);
    await expect(client.pull(0)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('đã bị thu hồi') });
    const wrongSecret = new HubClient({ ...link, secret: 'x'.repeat(43) });
    await expect(wrongSecret.status()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    client.close();
    wrongSecret.close();
  });
});

describe('the pages’ API', () => {
  it('limits refused sign-ins per address, in a burst too, not an office whose staff all sign in at once', async () => {
    // A server of its own: its limits start empty and leave the other tests' address alone.
    const own = await startHubServer({ hub, webDir: mkdtempSync(path.join(os.tmpdir(), 'hub-web-')), tls: { cert: cert.cert, key: cert.key }, host: '127.0.0.1', port: 0 });
    const call = async (input: unknown) => {
      const res = await fetchInsecure(`${own.url}api/auth:sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-request': '1' }, body: JSON.stringify(input) });
      return { status: res.status, body: JSON.parse(res.body) as { ok: boolean; error?: { code: string; message: string } } };
    };
    try {
      const right = { username: 'quantri', password: 'mat-khau-rat-dai-2026' };
      for (let i = 0; i < 12; i++) expect((await call(right)).status).toBe(200);
      // Guesses fired all at once are held back as surely as one after another.
      const refused = await Promise.all(Array.from({ length: 11 }, (_, i) => call({ username: `khong-co-ai-${i}`, password: 'doan-bua-mot-mat-khau' })));
      expect(refused.map((r) => r.status).sort()).toEqual([...Array(10).fill(401), 429]);
      const held = await call(right);
      expect(held.status).toBe(429);
      expect(held.body.error?.message).toMatch(/^Quá nhiều lần thử từ máy này\. Hãy thử lại sau \d+ giây\.$/);
    } finally {
      await own.close();
    }
  });

  it('signs in with an HttpOnly, SameSite=Strict, Secure cookie; refuses calls without the page’s header; limits sign-in attempts', async () => {
    const jar: { cookie?: string } = {};
    const signIn = await api('auth:sign-in', { username: 'QuanTri', password: 'mat-khau-rat-dai-2026' }, jar);
    expect(signIn.body).toMatchObject({ ok: true, value: { me: { role: 'hub-admin', home: { level: 'country' } } } });
    expect(signIn.setCookie).toMatch(/HttpOnly/);
    expect(signIn.setCookie).toMatch(/SameSite=Strict/);
    expect(signIn.setCookie).toMatch(/Secure/);
    expect((await api('auth:me', {}, jar)).body.ok).toBe(true);
    expect((await api('auth:me', {}, jar, {})).body.error?.code).toBe('FORBIDDEN');
    expect((await api('auth:me', {}, {})).body.error?.code).toBe('UNAUTHORIZED');
    expect((await api('dashboard:view', { scope: { level: 'province', provinceCode: 'xx' } }, jar)).body.error?.code).toBe('INVALID_INPUT');

    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await api('auth:sign-in', { username: 'quantri', password: 'sai-mat-khau-roi' })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 429]);
    expect(statuses.at(-1)).toBe(429);
  });
});
