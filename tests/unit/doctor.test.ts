import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../electron/services/doctor';
import { makeOggOpus } from '../support/audio-files';
import { sampleDemo } from '../support/demo-fixture';
import { makeServices, tempDir } from './support/temp';

const byName = (checks: { name: string; status: string }[], name: string) => checks.find((c) => c.name === name)?.status;

describe('doctor', () => {
  it('passes a fresh data folder with fonts present and no printer set', async () => {
    const services = await makeServices();
    writeFileSync(path.join(services.deps.paths.rendererDir, 'index.html'), '<html></html>');
    const checks = await runDoctor(services);
    expect(checks.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'skip', 'skip', 'skip']);
    expect(checks.find((c) => c.name === 'Lời đọc')?.message).toBe('Chưa có bài nào hiện cho người dân');
    expect(checks.find((c) => c.name === 'Đồng bộ máy chủ')?.message).toContain('làm việc một mình');
    expect(checks.find((c) => c.name === 'Hồ sơ người dân')?.message).toBe('0 người trong 0 hộ');
    expect(checks.find((c) => c.name === 'Nội dung đồng ý')?.message).toBe('Phiên bản v1');
  });

  it('warns when the kiosk is enrolled with a hub but has not synced for days, or was revoked', async () => {
    const dataDir = tempDir();
    const state = {
      link: { url: 'https://127.0.0.1:9', pin: 'p', cert: 'c', kioskId: 'k', secret: 's' },
      hubName: 'Máy chủ tỉnh',
      site: null,
      enrolledAt: '2026-01-01T00:00:00.000Z',
      cursor: 0,
      lastSyncAt: '2026-01-02T03:00:00.000Z',
      revoked: false,
    };
    writeFileSync(path.join(dataDir, 'sync.json'), JSON.stringify(state));
    let check = (await runDoctor(await makeServices({ dataDir }))).find((c) => c.name === 'Đồng bộ máy chủ');
    expect(check).toMatchObject({ status: 'warn', message: expect.stringMatching(/^Máy chủ tỉnh: đồng bộ lần cuối .*2026; 0 thay đổi chờ gửi$/) });
    const revoked = tempDir();
    writeFileSync(path.join(revoked, 'sync.json'), JSON.stringify({ ...state, revoked: true }));
    check = (await runDoctor(await makeServices({ dataDir: revoked }))).find((c) => c.name === 'Đồng bộ máy chủ');
    expect(check).toMatchObject({ status: 'warn', message: expect.stringContaining('thu hồi') });
  });

  it('fails, in Vietnamese, when the data folder is not a folder', async () => {
    const file = path.join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const checks = await runDoctor(await makeServices({ dataDir: file }));
    expect(checks[0]).toMatchObject({ name: 'Thư mục dữ liệu', status: 'fail', message: expect.stringContaining('không phải thư mục') });
  });

  it('fails on a rejected content pack, naming it', async () => {
    const content = tempDir();
    mkdirSync(path.join(content, 'hong', 'demos'), { recursive: true });
    writeFileSync(path.join(content, 'hong', 'pack.json'), '{');
    const checks = await runDoctor(await makeServices({ contentDir: content }));
    const check = checks.find((c) => c.name === 'Nội dung bài thực hành');
    expect(check?.status).toBe('fail');
    expect(check?.message).toContain('hong');
  });

  it('reports recorded narration per language over the demos citizens see, and warns when there is none', async () => {
    const content = tempDir();
    const write = (root: string, rel: string, body: object | Uint8Array) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), body instanceof Uint8Array ? body : JSON.stringify(body));
    };
    write(content, 'co-ban/pack.json', { id: 'co-ban', version: '1.0.0', title: { vi: 'Gói thử' } });
    write(content, 'co-ban/demos/a.json', sampleDemo('bai-a'));
    write(content, 'co-ban/demos/b.json', sampleDemo('bai-b'));
    const services = await makeServices({ contentDir: content });
    const narration = async () => (await runDoctor(services)).find((c) => c.name === 'Lời đọc');
    expect(await narration()).toEqual({
      name: 'Lời đọc',
      status: 'warn',
      message: 'Chưa bài nào có lời đọc thu sẵn: người dân chỉ nghe được nếu máy có giọng đọc tiếng Việt. Thu âm tại mục “Thu âm lời đọc”.',
    });

    // A narration pack in the data folder voices all of bai-a in Vietnamese and one step of bai-b in H'Mông.
    const data = path.join(services.deps.dataDir, 'content');
    write(data, 'loi-doc/pack.json', { id: 'loi-doc', version: '1.0.0', kind: 'narration', title: { vi: 'Lời đọc' } });
    write(data, 'loi-doc/narration/a.json', { demo: 'bai-a', steps: { 'mo-ung-dung': { vi: 'assets/1.ogg' }, 'nhap-ten': { vi: 'assets/1.ogg' }, xong: { vi: 'assets/1.ogg' } } });
    write(data, 'loi-doc/narration/b.json', { demo: 'bai-b', steps: { xong: { hmn: 'assets/1.ogg' } } });
    write(data, 'loi-doc/assets/1.ogg', makeOggOpus({ seconds: 2 }));
    await services.reloadContent();
    expect(await narration()).toMatchObject({ status: 'ok', message: "Tiếng Việt: 1/2 bài, 3/6 bước; Tiếng H'Mông: 0/2 bài, 1/6 bước" });

    // A demo staff hide no longer counts; with the narration pack switched off nothing is recorded.
    await services.settings.update({ hiddenDemos: ['bai-b'] });
    expect(await narration()).toMatchObject({ status: 'ok', message: 'Tiếng Việt: 1/1 bài, 3/3 bước' });
    await services.settings.update({ disabledPacks: ['loi-doc'] });
    expect((await narration())?.status).toBe('warn');
  });

  it('reports a printer that refuses connections, and one that answers', async () => {
    const services = await makeServices();
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await services.settings.update({ printer: { uri: `tcp://127.0.0.1:${closedPort}`, paperWidthMm: 80 } });
    let checks = await runDoctor(services);
    expect(byName(checks, 'Máy in')).toBe('fail');
    expect(checks.find((c) => c.name === 'Máy in')?.message).toContain('từ chối');

    const open = net.createServer((s) => s.end());
    await new Promise<void>((r) => open.listen(0, '127.0.0.1', r));
    await services.settings.update({ printer: { uri: `tcp://127.0.0.1:${(open.address() as net.AddressInfo).port}`, paperWidthMm: 58 } });
    checks = await runDoctor(services);
    expect(byName(checks, 'Máy in')).toBe('ok');
    await new Promise<void>((r) => open.close(() => r()));
  });

  it('reports a missing device file in Vietnamese', async () => {
    const services = await makeServices();
    await services.settings.update({ printer: { uri: '/dev/usb/lp-does-not-exist', paperWidthMm: 80 } });
    const check = (await runDoctor(services)).find((c) => c.name === 'Máy in');
    expect(check).toMatchObject({ status: 'fail', message: expect.stringContaining('Không thấy máy in') });
  });
});
