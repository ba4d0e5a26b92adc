import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Services } from '.';
import { probeWritable } from './storage/durable-file';
import { citizenView } from './settings';
import { checkPrinterReachable, parsePrinterUri } from './printing/printer-uri';
import { NARRATION_LANGUAGE_NAMES, narrationCoverage } from './content/narration';

/** The outcome of one check. */
export interface DoctorCheck {
  name: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  message: string;
}

/** The font files the card renderer and the screen need: every subset of the weights used. */
export const REQUIRED_FONT_FILES = ['latin', 'latin-ext', 'vietnamese'].flatMap((subset) =>
  [400, 600, 700].map((weight) => `be-vietnam-pro-${subset}-${weight}-normal.woff2`),
);

/** Runs every health check over the services' data folder, fonts, content and printer. */
export async function runDoctor(services: Services): Promise<DoctorCheck[]> {
  const { dataDir, paths } = services.deps;
  const checks: DoctorCheck[] = [];

  const probe = await probeWritable(dataDir);
  checks.push(probe.writable
    ? { name: 'Thư mục dữ liệu', status: 'ok', message: `Ghi được vào ${dataDir}` }
    : { name: 'Thư mục dữ liệu', status: 'fail', message: `${probe.reason} (${dataDir})` });

  const settingsProblem = services.settings.problem();
  checks.push(settingsProblem
    ? { name: 'Cài đặt', status: 'warn', message: settingsProblem.message }
    : { name: 'Cài đặt', status: 'ok', message: 'Tệp cài đặt hợp lệ' });

  // The CLI opens the records read-only while the kiosk runs; a stored warning still shows.
  const records = services.records.problem();
  const stats = services.records.stats();
  checks.push(records
    ? { name: 'Hồ sơ người dân', status: 'warn', message: records.message }
    : { name: 'Hồ sơ người dân', status: 'ok', message: `${stats.people} người trong ${stats.households} hộ` });
  checks.push(services.consent.current
    ? { name: 'Nội dung đồng ý', status: 'ok', message: `Phiên bản ${services.consent.current.version}` }
    : { name: 'Nội dung đồng ý', status: 'fail', message: `Thiếu tệp nội dung đồng ý trong ${path.join(paths.resourcesDir, 'consent')}` });

  const present = existsSync(paths.fontsDir) ? new Set(readdirSync(paths.fontsDir)) : new Set<string>();
  const missing = REQUIRED_FONT_FILES.filter((f) => !present.has(f));
  checks.push(missing.length === 0
    ? { name: 'Phông chữ Be Vietnam Pro', status: 'ok', message: `Đủ ${REQUIRED_FONT_FILES.length} tệp phông` }
    : { name: 'Phông chữ Be Vietnam Pro', status: 'fail', message: `Thiếu ${missing.length} tệp phông, ví dụ ${missing[0]} (trong ${paths.fontsDir})` });

  const index = path.join(paths.rendererDir, 'index.html');
  checks.push(existsSync(index)
    ? { name: 'Giao diện', status: 'ok', message: 'Đã có bản dựng giao diện' }
    : { name: 'Giao diện', status: 'fail', message: 'Chưa có bản dựng giao diện: chạy "npm run build"' });

  const catalog = services.catalog();
  const rejected = catalog.packs.filter((p) => !p.ok);
  if (rejected.length > 0) {
    const first = rejected[0]!;
    const problem = first.problems[0];
    checks.push({
      name: 'Nội dung bài thực hành',
      status: 'fail',
      message: `${rejected.length} gói bị từ chối; gói "${first.folder}": ${problem ? `${problem.file}${problem.path ? ` (${problem.path})` : ''}: ${problem.message}` : 'lỗi'}`,
    });
  } else {
    checks.push({ name: 'Nội dung bài thực hành', status: 'ok', message: `${catalog.packs.length} gói, ${catalog.demos.length} bài` });
  }
  checks.push(narrationCheck(services));

  checks.push(syncCheck(services));

  const printer = services.settings.get().printer;
  if (!printer) {
    checks.push({ name: 'Máy in', status: 'skip', message: 'Chưa cài đặt máy in' });
  } else {
    const target = parsePrinterUri(printer.uri);
    if (!target) {
      checks.push({ name: 'Máy in', status: 'fail', message: `Địa chỉ máy in không hợp lệ: ${printer.uri}` });
    } else {
      const reach = await checkPrinterReachable(target);
      checks.push({ name: 'Máy in', status: reach.ok ? 'ok' : 'fail', message: reach.message });
    }
  }
  return checks;
}

/** Which of the demos citizens see speak with a recorded voice, per language; the system's voice is only known to the screen. */
function narrationCheck(services: Services): DoctorCheck {
  const name = 'Lời đọc';
  const coverage = narrationCoverage(services.catalog(), citizenView(services.settings.get()));
  if (coverage.totalDemos === 0) return { name, status: 'skip', message: 'Chưa có bài nào hiện cho người dân' };
  if (coverage.languages.every((l) => l.steps === 0)) {
    return { name, status: 'warn', message: 'Chưa bài nào có lời đọc thu sẵn: người dân chỉ nghe được nếu máy có giọng đọc tiếng Việt. Thu âm tại mục “Thu âm lời đọc”.' };
  }
  const parts = coverage.languages.map((l) => `${NARRATION_LANGUAGE_NAMES[l.lang]}: ${l.demos}/${l.totalDemos} bài, ${l.steps}/${l.totalSteps} bước`);
  return { name, status: 'ok', message: parts.join('; ') };
}

/** How long without a successful sync before the doctor warns. */
const SYNC_STALE_MS = 3 * 86_400_000;

/** Whether the kiosk's records reach its hub: not enrolled (fine: it works alone), revoked, or how long since the last sync. */
function syncCheck(services: Services): DoctorCheck {
  const status = services.sync.status();
  const name = 'Đồng bộ máy chủ';
  if (status.state === 'not-enrolled') return { name, status: 'skip', message: 'Chưa ghi danh với máy chủ nào (trạm làm việc một mình)' };
  if (status.state === 'revoked') return { name, status: 'warn', message: `Máy chủ ${status.hubName ?? ''} đã thu hồi quyền đồng bộ; ${status.waiting.total} thay đổi chờ gửi. Cần ghi danh lại.` };
  const now = services.deps.clock?.() ?? Date.now();
  const last = status.lastSyncAt ? Date.parse(status.lastSyncAt) : null;
  const when = last === null ? 'chưa đồng bộ lần nào' : `đồng bộ lần cuối ${new Date(last).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false })}`;
  const message = `${status.hubName ?? status.hubUrl ?? ''}: ${when}; ${status.waiting.total} thay đổi chờ gửi`;
  return { name, status: last === null || now - last > SYNC_STALE_MS ? 'warn' : 'ok', message };
}
