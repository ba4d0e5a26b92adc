import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appRoot, appVersion } from '../../electron/app-root';
import { GeoDirectory } from '../../electron/services/geo';
import { createConsoleLogger, type Logger } from '../../electron/services/logger';
import { createFileLogger } from '../../electron/services/logging';
import { certificatePin } from '../../electron/services/sync/enrolment';
import { openDb } from './db';
import { openHub } from './hub';
import { startHubServer } from './http';
import { hubCertificate } from './tls';

const HELP = `Máy chủ Trạm Kỹ Năng Số (hub) — gom hồ sơ của mọi trạm về một con số chung của xã và tỉnh

Cách dùng: npm run hub -- [tuỳ chọn]
           npm run hub -- reset-password TÊN_ĐĂNG_NHẬP

  --port CỔNG           cổng HTTPS (mặc định 8443)
  --host ĐỊA_CHỈ        địa chỉ nghe (mặc định 0.0.0.0: mọi mạng của máy)
  --data THƯ_MỤC        thư mục dữ liệu (hoặc biến HUB_DATA_DIR): PGlite, chứng chỉ, nhật ký
  --database URL        PostgreSQL (hoặc biến DATABASE_URL), ví dụ postgres://hub@127.0.0.1/hub;
                        không có thì dùng PGlite (PostgreSQL nhúng) trong thư mục dữ liệu
  --cert TỆP --key TỆP  chứng chỉ HTTPS có sẵn; không có thì máy chủ tự tạo chứng chỉ riêng
  --behind-proxy        nghe HTTP thường trên 127.0.0.1 sau một reverse proxy có TLS (nginx…);
                        cần --public-cert TỆP: chứng chỉ mà proxy trình cho các trạm
  --public-url URL      địa chỉ các trạm dùng (in vào mã QR ghi danh), ví dụ https://hub.tinh.gov.vn
  --name TÊN            tên máy chủ hiển thị cho trạm và trang web
  --help                in hướng dẫn này
`;

function dataDirOf(flag: string | undefined): string {
  const chosen = flag ?? process.env.HUB_DATA_DIR;
  if (chosen) return path.resolve(chosen);
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'tram-ky-nang-so-hub');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'tram-ky-nang-so-hub');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      database: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
      'behind-proxy': { type: 'boolean' },
      'public-cert': { type: 'string' },
      'public-url': { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = values.port === undefined ? 8443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Cổng không hợp lệ: ${values.port}\n`);
    return 2;
  }
  const root = appRoot();
  const dataDir = dataDirOf(values.data);
  const consoleLog = createConsoleLogger('hub');
  const log: Logger = await createFileLogger(dataDir, 'hub', { echo: consoleLog }).catch((error: unknown) => {
    consoleLog.warn('cannot write the log file; logging to the console only', { error: String(error) });
    return consoleLog;
  });
  const behindProxy = values['behind-proxy'] === true;
  let tls: { cert: string; key: string } | null = null;
  let pin: string;
  if (behindProxy) {
    if (!values['public-cert']) {
      process.stderr.write('Sau reverse proxy cần --public-cert TỆP (chứng chỉ mà proxy trình cho các trạm), để trạm ghim đúng chứng chỉ.\n');
      return 2;
    }
    pin = certificatePin(readFileSync(values['public-cert']));
  } else {
    const certificate = await hubCertificate({ dataDir, certFile: values.cert, keyFile: values.key });
    tls = { cert: certificate.cert, key: certificate.key };
    pin = certificate.pin;
    if (certificate.created) process.stdout.write(`Đã tạo chứng chỉ riêng của máy chủ: ${certificate.certFile}\n`);
  }
  const url = values.database ?? process.env.DATABASE_URL;
  const db = await openDb({ url, dataDir });
  const hub = await openHub({ db, geo: new GeoDirectory(path.join(root, 'resources')), log, migrationsDir: path.join(root, 'hub', 'migrations'), pin });
  if (values.name) {
    await db.query("update hub_settings set value = $1 where key = 'hub_name'", [values.name.normalize('NFC').slice(0, 120)]);
    hub.deps.identity.hubName = values.name.normalize('NFC').slice(0, 120);
  }

  if (positionals[0] === 'reset-password') {
    const username = positionals[1];
    const r = await db.query<{ id: string }>('select id from accounts where username = $1', [username?.toLowerCase() ?? '']);
    if (!r.rows[0]) {
      process.stderr.write(`Không có tài khoản "${username ?? ''}".\n`);
      await hub.close();
      return 1;
    }
    const password = await hub.accounts.resetPassword({ accountId: 'dong-lenh', name: 'Dòng lệnh', role: 'hub-admin', provinceCode: null, communeCode: null }, r.rows[0].id);
    process.stdout.write(`Mật khẩu dùng một lần của ${username}: ${password}\n(phải đổi ở lần đăng nhập tới)\n`);
    await hub.close();
    return 0;
  }
  if (positionals.length) {
    process.stderr.write(`Không có lệnh "${positionals[0]}". Xem: npm run hub -- --help\n`);
    await hub.close();
    return 2;
  }

  const webDir = path.join(root, 'dist', 'hub-web');
  if (!existsSync(path.join(webDir, 'index.html'))) log.warn('the hub pages are not built (dist/hub-web); run npm run build');
  const server = await startHubServer({
    hub,
    webDir,
    tls,
    host: values.host ?? (behindProxy ? '127.0.0.1' : '0.0.0.0'),
    port,
    ...(values['public-url'] ? { publicUrl: values['public-url'].replace(/\/$/, '') } : {}),
    trustProxy: behindProxy,
  });
  hub.start();
  log.info('hub started', { version: appVersion(root), database: db.kind, port: server.port });
  process.stdout.write(`Máy chủ Trạm Kỹ Năng Số đang chạy: ${server.url}\n`);
  process.stdout.write(`Cơ sở dữ liệu: ${db.kind === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `PGlite trong ${path.join(dataDir, 'pglite')}`}\n`);
  process.stdout.write(`Ghim chứng chỉ (các trạm kiểm tra khi ghi danh): sha256/${pin}\n`);
  if (await hub.accounts.needsSetup()) {
    const code = await hub.accounts.newSetupCode();
    process.stdout.write(`\nChưa có tài khoản nào. Mở ${server.url} và nhập mã cài đặt này để tạo quản trị viên đầu tiên:\n\n    ${code}\n\n`);
  }
  process.stdout.write(`HUB_URL=${server.url}\nHUB_PIN=${pin}\nNhấn Ctrl+C để dừng.\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info('stopping', { signal });
      void server
        .close()
        .then(() => hub.close())
        .then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  process.stdout.write('Đã dừng.\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') process.stderr.write('Cổng này đang bị chương trình khác dùng. Hãy chọn cổng khác bằng --port.\n');
    else if (code === 'ECONNREFUSED') process.stderr.write('Không kết nối được tới PostgreSQL (DATABASE_URL). Kiểm tra máy chủ cơ sở dữ liệu đã chạy và địa chỉ đúng.\n');
    else process.stderr.write(`Máy chủ dừng vì lỗi: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
