import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { sampleDemo } from '../support/demo-fixture';
import net from 'node:net';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freshDataDir, startShell } from './support/shell';

const root = path.resolve(import.meta.dirname, '..', '..');
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['dist-electron/cli.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
/** Runs the CLI without blocking this process (a fake printer here must keep answering). */
const runCli = (args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['dist-electron/cli.js', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });

test.describe('ops command line', () => {
  test('prints help and refuses an unknown command', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('doctor');
    const unknown = cli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Không có lệnh "frobnicate"');
  });

  test('doctor passes on a fresh data folder and says so', () => {
    const result = cli(['doctor', '--data', freshDataDir()]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('✓ Thư mục dữ liệu');
    expect(result.stdout).toContain('✓ Phông chữ Be Vietnam Pro');
    expect(result.stdout).toContain('Mọi thứ sẵn sàng.');
  });

  test('doctor fails with exit code 1 when the data folder is a file, using KIOSK_DATA_DIR', () => {
    const file = path.join(freshDataDir(), 'a-file');
    writeFileSync(file, 'x');
    const result = cli(['doctor', '--json'], { KIOSK_DATA_DIR: file });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { healthy: boolean; checks: { name: string; status: string }[] };
    expect(report.healthy).toBe(false);
    expect(report.checks[0]).toMatchObject({ name: 'Thư mục dữ liệu', status: 'fail' });
  });

  test('doctor fails when the configured printer refuses connections', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const dir = freshDataDir({ printer: { uri: `tcp://127.0.0.1:${port}`, paperWidthMm: 80 } });
    const result = cli(['doctor', '--data', dir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/✗ Máy in: .*từ chối kết nối/);
  });
});

test.describe('browser shell process', () => {
  test('uses the chosen data folder, and stops cleanly on Ctrl-C', async ({ request }) => {
    const dataDir = freshDataDir();
    const shell = await startShell({ dataDir });
    const info = await request.post(`${shell.url}api/app:info`, { data: {}, headers: { 'x-kiosk-token': shell.token } });
    expect((await info.json()).value.dataDir).toBe(dataDir);
    const exited = new Promise<number | null>((r) => shell.process.once('exit', (code) => r(code)));
    shell.process.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  test('says clearly when its port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const result = spawnSync(process.execPath, ['dist-electron/server.js', '--port', String(port), '--data', freshDataDir()], { cwd: root, encoding: 'utf8', timeout: 15_000 });
    await new Promise<void>((r) => blocker.close(() => r()));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cổng này đang bị chương trình khác dùng');
  });
});

test.describe('ops commands for staff, settings, content and logs', () => {
  test('resets a PIN by name and the one-time PIN signs in through the API, which then demands a change', async ({ request }) => {
    const dataDir = freshDataDir();
    const shell = await startShell({ dataDir });
    try {
      const headers = { 'x-kiosk-token': shell.token };
      const provinces = await (await request.post(`${shell.url}api/geo:communes`, { headers, data: { provinceCode: '01' } })).json();
      const commune = (provinces.value as { code: string; name: string }[])[0]!;
      const setup = await request.post(`${shell.url}api/setup:complete`, {
        headers,
        data: {
          site: { name: 'Điểm thử', kind: 'nha-van-hoa', provinceCode: '01', communeCode: commune.code, hamlets: ['Thôn 1'], hotlines: [] },
          admin: { name: 'Nguyễn Văn Quản', pin: '482915' },
          printer: null,
          idleSeconds: 90,
          language: 'vi',
        },
      });
      expect((await setup.json()).ok).toBe(true);
    } finally {
      await shell.stop();
    }
    const list = cli(['staff', 'list', '--data', dataDir]);
    expect(list.stdout).toContain('Nguyễn Văn Quản — quản trị');
    const reset = cli(['staff', 'reset-pin', 'nguyen van quan', '--data', dataDir]);
    expect(reset.status).toBe(0);
    const pin = /: (\d{6})/.exec(reset.stdout)?.[1];
    expect(pin).toBeTruthy();
    expect(cli(['staff', 'list', '--data', dataDir]).stdout).toContain('(phải đổi PIN)');

    const again = await startShell({ dataDir });
    try {
      const headers = { 'x-kiosk-token': again.token };
      const staff = (await (await request.post(`${again.url}api/staff:list`, { headers, data: {} })).json()).value as { id: string }[];
      const signIn = await (await request.post(`${again.url}api/staff:sign-in`, { headers, data: { staffId: staff[0]!.id, pin } })).json();
      expect(signIn).toMatchObject({ ok: true, value: { mustChangePin: true } });
    } finally {
      await again.stop();
    }
    const shown = cli(['settings', 'show', '--data', dataDir]);
    expect(shown.stdout).toContain('Điểm hỗ trợ: Điểm thử');
    const logs = cli(['logs', '--tail', '20', '--data', dataDir]);
    expect(logs.stdout).toContain('staff PIN reset');
    expect(logs.stdout).not.toContain(pin!);
    expect(logs.stdout).not.toContain('482915');
  });

  test('imports a content pack folder and refuses a broken one with its errors', () => {
    const dataDir = freshDataDir();
    const pack = freshDataDir();
    writeFileSync(path.join(pack, 'pack.json'), JSON.stringify({ id: 'thu-nghiem', version: '1.0.0', title: { vi: 'Gói thử nghiệm' } }));
    mkdirSync(path.join(pack, 'demos'));
    writeFileSync(path.join(pack, 'demos', 'bai.json'), JSON.stringify(sampleDemo('bai-thu')));
    const ok = cli(['content', 'import', pack, '--data', dataDir]);
    expect(ok.stdout).toContain('Đã cài gói "Gói thử nghiệm"');
    const broken = freshDataDir();
    writeFileSync(path.join(broken, 'pack.json'), '{"id": "x"');
    const refused = cli(['content', 'import', broken, '--data', dataDir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('chưa cài gì');
    const listed = cli(['content', 'list', '--data', dataDir]);
    expect(listed.stdout).toContain('✓ Gói thử nghiệm');
  });
});

test.describe('printing from the command line', () => {
  test('printer status and card print reach the fake printer over TCP; paper out is refused with its message', async () => {
    const { FakePrinter } = await import('../fakes/fake-printer');
    const { seedDataDir } = await import('./support/seed');
    const printer = new FakePrinter();
    await printer.start();
    const dataDir = freshDataDir();
    await seedDataDir(dataDir);
    const run = (args: string[]) => runCli([...args, '--data', dataDir]);
    try {
      expect((await run(['printer', 'status', '--printer', printer.uri])).stdout).toContain('✓ Máy in sẵn sàng.');
      const printed = await run(['card', 'print', '--demo', 'mat-khau-va-otp', '--printer', printer.uri, '--width', '58']);
      expect(printed.stdout).toContain('Đã gửi phiếu');
      expect(printer.jobs).toHaveLength(1);
      expect(printer.jobs[0]!.raster.width).toBe(384);
      printer.status = { paperOut: true };
      const refused = await run(['card', 'print', '--demo', 'mat-khau-va-otp', '--printer', printer.uri]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('Máy in hết giấy');
      expect(printer.jobs).toHaveLength(1);
    } finally {
      await printer.stop();
    }
  });

  test('card print to a printer that talks back (Status Back, answers mid-job) is confirmed, for 58 and 80 mm', async () => {
    const { FakePrinter } = await import('../fakes/fake-printer');
    const { rasterToPng } = await import('../../electron/services/cards/layout');
    const { seedDataDir } = await import('./support/seed');
    const printer = new FakePrinter({ talkative: true });
    await printer.start();
    const dataDir = freshDataDir();
    await seedDataDir(dataDir);
    const out = path.join(root, 'test-results', 'cli');
    mkdirSync(out, { recursive: true });
    try {
      for (const width of ['58', '80']) {
        const printed = await runCli(['card', 'print', '--demo', 'kich-hoat-vneid-muc-2', '--printer', printer.uri, '--width', width, '--data', dataDir]);
        expect(printed.stderr).toBe('');
        expect(printed.status).toBe(0);
        expect(printed.stdout).toContain('máy in đã nhận đủ');
        const job = printer.jobs.at(-1)!;
        expect(job.raster.width).toBe(width === '58' ? 384 : 576);
        expect(job.realtimeInData).toEqual([]);
        writeFileSync(path.join(out, `talkative-${width}mm.png`), rasterToPng(job.raster));
      }
      expect(printer.jobs).toHaveLength(2);
      expect(printer.bytesSentBack).toBeGreaterThan(0);
    } finally {
      await printer.stop();
    }
  });
});

test.describe('records from the command line', () => {
  test("records import reads a commune's .xlsx as it is and names the sheet; a bad row refuses the file with its Excel row number", async () => {
    const { COMMUNE_ROWS, communeWorkbook } = await import('../support/commune-workbook');
    const { seedDataDir } = await import('./support/seed');
    const dataDir = freshDataDir();
    await seedDataDir(dataDir);
    const dir = freshDataDir();
    const bad = path.join(dir, 'loi.xlsx');
    writeFileSync(bad, await communeWorkbook([...COMMUNE_ROWS, { ...COMMUNE_ROWS[0]!, ho_ten: 'Nguyễn Văn Tư', nam_sinh: '1850' }]));
    const refused = cli(['records', 'import', bad, '--data', dataDir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Dòng 8: năm sinh phải từ 1900');
    const good = path.join(dir, 'danh-sach.xlsx');
    writeFileSync(good, await communeWorkbook());
    const imported = cli(['records', 'import', good, '--data', dataDir]);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain(`Đã nhập danh sách Excel ${good} (trang tính “Danh sách hộ”).`);
    expect(imported.stdout).toContain('Người: thêm 3, cập nhật 0, giữ nguyên 0');
  });
});
