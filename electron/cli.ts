import { parseArgs } from 'node:util';
import { createServices, type Services } from './services';
import { createConsoleLogger } from './services/logger';
import { resolveAppPaths, resolveDataDir } from './services/paths';
import { runDoctor, type DoctorCheck } from './services/doctor';
import { appRoot, appVersion } from './app-root';

/** One CLI command: parses its own arguments, prints, returns the exit code. */
interface Command {
  summary: string;
  usage: string;
  run(args: string[], ctx: { services: Services; json: boolean }): Promise<number>;
}

const MARK: Record<DoctorCheck['status'], string> = { ok: '✓', warn: '!', fail: '✗', skip: '–' };

const COMMANDS: Record<string, Command> = {
  doctor: {
    summary: 'kiểm tra thư mục dữ liệu, phông chữ, nội dung và máy in',
    usage: 'doctor [--json]',
    async run(_args, { services, json }) {
      const checks = await runDoctor(services);
      const healthy = checks.every((c) => c.status !== 'fail');
      if (json) {
        process.stdout.write(`${JSON.stringify({ healthy, checks }, null, 2)}\n`);
      } else {
        for (const c of checks) process.stdout.write(`${MARK[c.status]} ${c.name}: ${c.message}\n`);
        process.stdout.write(healthy ? '\nMọi thứ sẵn sàng.\n' : '\nCó mục cần sửa (đánh dấu ✗).\n');
      }
      return healthy ? 0 : 1;
    },
  },
};

function help(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(28)} ${c.summary}`);
  return `Trạm Kỹ Năng Số — công cụ dòng lệnh cho cán bộ kỹ thuật

Cách dùng: npm run cli -- <lệnh> [tùy chọn]

Lệnh:
${lines.join('\n')}

Tùy chọn chung:
  --data THƯ_MỤC               thư mục dữ liệu (hoặc biến KIOSK_DATA_DIR); mặc định giống ứng dụng
  --json                       in kết quả dạng JSON
  --help                       in hướng dẫn này
`;
}
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: false,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${help()}`);
    return 2;
  }
  const [commandName, ...rest] = parsed.positionals;
  if (parsed.values.help || !commandName) {
    process.stdout.write(help());
    return commandName || parsed.values.help ? 0 : 2;
  }
  const command = COMMANDS[commandName];
  if (!command) {
    process.stderr.write(`Không có lệnh "${commandName}".\n\n${help()}`);
    return 2;
  }
  const root = appRoot();
  const log = createConsoleLogger('cli', { quiet: true });
  const data = typeof parsed.values.data === 'string' ? parsed.values.data : undefined;
  const services = await createServices({
    dataDir: resolveDataDir(data),
    paths: resolveAppPaths(root),
    shell: 'cli',
    version: appVersion(root),
    log,
  });
  return command.run(rest, { services, json: parsed.values.json === true });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Lỗi: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
