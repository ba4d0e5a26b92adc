import { expect, test } from '@playwright/test';

test.describe('browser shell API', () => {
  test('refuses a call without the per-start token, and serves the page that carries it', async ({ page, request }) => {
    const refused = await request.post('api/app:info', { data: {} });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    await page.goto('/');
    const token = await page.locator('meta[name="kiosk-token"]').getAttribute('content');
    expect(token).toBeTruthy();
    const info = await request.post('api/app:info', { data: {}, headers: { 'x-kiosk-token': token! } });
    expect(info.status()).toBe(200);
    expect(await info.json()).toMatchObject({ ok: true, value: { shell: 'browser', name: 'Trạm Kỹ Năng Số', health: { dataWritable: true } } });
  });

  test('answers bad input with clear errors and keeps running', async ({ page, request }) => {
    await page.goto('/');
    const token = (await page.locator('meta[name="kiosk-token"]').getAttribute('content'))!;
    const headers = { 'x-kiosk-token': token, 'content-type': 'application/json' };
    const malformed = await request.post('api/settings:get', { headers, data: Buffer.from('{"oops":') });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error.message).toContain('JSON');
    const wrongType = await request.post('api/content:list', { headers, data: { skill: 12 } });
    expect((await wrongType.json()).error.code).toBe('INVALID_INPUT');
    const unknown = await request.post('api/records:wipe', { headers, data: {} });
    expect(unknown.status()).toBe(404);
    const oversized = await request.post('api/content:list', { headers, data: Buffer.from(`{"skill":"${'x'.repeat(300_000)}"}`) }).catch(() => null);
    if (oversized) expect(oversized.status()).toBe(413);
    const fine = await request.post('api/settings:get', { headers, data: {} });
    expect(await fine.json()).toMatchObject({ ok: true, value: { idleSeconds: 90 } });
  });

  test('the page itself reaches the API through the renderer client', async ({ page }) => {
    await page.goto('/');
    const result = await page.evaluate(async () => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="kiosk-token"]')!.content;
      const res = await fetch('api/settings:get', { method: 'POST', headers: { 'content-type': 'application/json', 'x-kiosk-token': token }, body: '{}' });
      return res.json() as Promise<{ ok: boolean }>;
    });
    expect(result.ok).toBe(true);
  });
});
