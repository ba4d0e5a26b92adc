import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserShell, MAX_BODY_BYTES, type BrowserShell } from '../../electron/browser-shell';
import { createApi } from '../../electron/api';
import { makeServices, tempDir } from './support/temp';

let shell: BrowserShell;

beforeEach(async () => {
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  shell = await startBrowserShell({ core: createApi(await makeServices()), rendererDir });
});

afterEach(async () => {
  await shell.close();
});

/** A raw request, so tests can send what a browser never would. */
function request(
  method: string,
  urlPath: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: shell.port, method, path: urlPath, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', 'x-kiosk-token': shell.token, ...extra });

describe('browser shell', () => {
  it('listens on loopback only and prints a URL with a fresh token each start', async () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(shell.token.length).toBeGreaterThanOrEqual(32);
    const other = await startBrowserShell({ core: createApi(await makeServices()), rendererDir: tempDir() });
    expect(other.token).not.toBe(shell.token);
    await other.close();
  });

  it('serves the page with the token and a strict CSP', async () => {
    const res = await request('GET', '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain(`<meta name="kiosk-token" content="${shell.token}" />`);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers a call with the token', async () => {
    const res = await request('POST', '/api/settings:get', { headers: json(), body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { language: 'vi' } });
  });

  it.each([
    ['no token', { 'content-type': 'application/json' }],
    ['a wrong token', { 'content-type': 'application/json', 'x-kiosk-token': 'guess' }],
    ['a token of the right length but wrong', { 'content-type': 'application/json', 'x-kiosk-token': 'x'.repeat(32) }],
  ])('refuses a call with %s (401)', async (_label, headers) => {
    const res = await request('POST', '/api/settings:get', { headers, body: '{}' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('refuses malformed JSON with a Result error', async () => {
    const res = await request('POST', '/api/settings:get', { headers: json(), body: '{"a":' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('JSON') } });
  });

  it('refuses wrong types with the field named', async () => {
    const res = await request('POST', '/api/content:list', { headers: json(), body: '{"skill": 7}' });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { skill: expect.any(String) } } });
  });

  it('answers an unknown channel with 404', async () => {
    const res = await request('POST', '/api/records:drop-all', { headers: json(), body: '{}' });
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses an oversized body (413) and keeps serving', async () => {
    const big = `{"skill":"${'a'.repeat(MAX_BODY_BYTES + 10)}"}`;
    const res = await request('POST', '/api/content:list', { headers: json(), body: big });
    expect(res.status).toBe(413);
    const after = await request('POST', '/api/settings:get', { headers: json(), body: '{}' });
    expect(after.status).toBe(200);
  });

  it('refuses an oversized body sent without a length (chunked)', async () => {
    const res = await new Promise<number>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: shell.port, method: 'POST', path: '/api/content:list', headers: json({ 'transfer-encoding': 'chunked' }) }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
      for (let i = 0; i < 40; i++) req.write('x'.repeat(16 * 1024));
      req.end();
    });
    expect([413, -1]).toContain(res);
    const after = await request('POST', '/api/settings:get', { headers: json(), body: '{}' });
    expect(after.status).toBe(200);
  });

  it('refuses a non-JSON content type (415) and GET on the API (405)', async () => {
    expect((await request('POST', '/api/settings:get', { headers: { 'x-kiosk-token': shell.token, 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await request('GET', '/api/settings:get')).status).toBe(405);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await request('POST', '/api/settings:get', { headers: json({ host: 'evil.example:80' }), body: '{}' });
    expect(res.status).toBe(421);
  });

  it('never serves files outside the renderer folder', async () => {
    expect((await request('GET', '/../../etc/passwd')).status).not.toBe(200);
    expect((await request('GET', '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(400);
    expect((await request('GET', '/assets/app.js')).headers['content-type']).toContain('javascript');
    expect((await request('GET', '/missing.js')).status).toBe(404);
  });
});
