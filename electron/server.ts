import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startBrowserShell } from './browser-shell';
import { createApi } from './api';
import { createServices } from './services';
import { createConsoleLogger } from './services/logger';
import { createFileLogger } from './services/logging';
import { resolveAppPaths, resolveDataDir } from './services/paths';
import { appRoot, appVersion } from './app-root';

const HELP = `Trạm Kỹ Năng Số — bản chạy trên trình duyệt (browser shell)

Cách dùng: npm run serve -- [--port CỔNG] [--data THƯ_MỤC]

  --port CỔNG        cổng nghe trên 127.0.0.1 (mặc định 4321; 0 = cổng trống bất kỳ)
  --data THƯ_MỤC     thư mục dữ liệu (hoặc biến KIOSK_DATA_DIR); mặc định là thư mục
                     dữ liệu của người dùng, giống bản Electron
  --help             in hướng dẫn này
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = values.port === undefined ? 4321 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`Cổng không hợp lệ: ${values.port}\n`);
    return 2;
  }
  const root = appRoot();
  const paths = resolveAppPaths(root);
  if (!existsSync(path.join(paths.rendererDir, 'index.html'))) {
    process.stderr.write('Chưa có bản dựng giao diện (dist/renderer). Hãy chạy "npm run build" hoặc "npm run serve".\n');
    return 1;
  }
  const dataDir = resolveDataDir(values.data);
  const consoleLog = createConsoleLogger('server');
  const log = await createFileLogger(dataDir, 'kiosk', { echo: consoleLog }).catch((error: unknown) => {
    consoleLog.warn('cannot write the log file; logging to the console only', { error: String(error) });
    return consoleLog;
  });
  log.info('browser shell starting', { version: appVersion(root) });
  const services = await createServices({ dataDir, paths, shell: 'browser', version: appVersion(root), log });
  const shell = await startBrowserShell({ core: createApi(services), rendererDir: paths.rendererDir, port });

  process.stdout.write(`Trạm Kỹ Năng Số đang chạy. Mở trình duyệt tại: ${shell.url}\n`);
  process.stdout.write(`Thư mục dữ liệu: ${dataDir}\nNhấn Ctrl+C để dừng.\n`);
  // Machine-readable lines for test harnesses and scripts.
  process.stdout.write(`KIOSK_URL=${shell.url}\nKIOSK_TOKEN=${shell.token}\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info('stopping', { signal });
      void shell
        .close()
        .then(() => services.close())
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
    else if (code === 'UNKNOWN' || (error as Error).name === 'TypeError') process.stderr.write(`${(error as Error).message}\n${HELP}`);
    else process.stderr.write(`Không khởi động được: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
