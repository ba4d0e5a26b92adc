import { parseArgs } from 'node:util';
import { createServices, type Services } from './services';
import { createConsoleLogger, type Logger } from './services/logger';
import { createFileLogger, readRecentLogs } from './services/logging';
import { resolveAppPaths, resolveDataDir } from './services/paths';
import { runDoctor, type DoctorCheck } from './services/doctor';
import { importPack } from './services/content/importer';
import { loadPack, withTargetsChecked, type PackStatus } from './services/content/loader';
import type { Demo } from './services/content/schema';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { layoutCard, rasterToPng, registerCardFonts } from './services/cards/layout';
import { encodeCard } from './services/cards/escpos';
import { printBytes, printerStatus } from './services/printing/print';
import { statusProblem } from './services/printing/tcp-printer';
import path from 'node:path';
import { AppError } from './api/result';
import { appRoot, appVersion } from './app-root';
import { SKILL_KEYS } from './services/skills';
import { SKILL_LABELS } from './services/records/model';
import { importFile } from './services/records/exchange';
import { EXPORT_FORMATS, writeExport } from './services/records/export-file';
import type { SyncStatus } from './services/sync/sync-service';

/** What a command receives. */
interface CommandContext {
  services: Services;
  json: boolean;
  log: Logger;
  out(text: string): void;
}

/** One CLI command: parses its own arguments, prints, returns the exit code. */
interface Command {
  summary: string;
  usage: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
}

const MARK: Record<DoctorCheck['status'], string> = { ok: '✓', warn: '!', fail: '✗', skip: '–' };
const ROLE: Record<string, string> = { admin: 'quản trị', member: 'thành viên' };

const COMMANDS: Record<string, Command> = {
  doctor: {
    summary: 'kiểm tra thư mục dữ liệu, phông chữ, nội dung, lời đọc và máy in',
    usage: 'doctor [--json]',
    async run(_args, { services, json, out }) {
      const checks = await runDoctor(services);
      const healthy = checks.every((c) => c.status !== 'fail');
      if (json) {
        out(JSON.stringify({ healthy, checks }, null, 2));
      } else {
        for (const c of checks) out(`${MARK[c.status]} ${c.name}: ${c.message}`);
        out(healthy ? '\nMọi thứ sẵn sàng.' : '\nCó mục cần sửa (đánh dấu ✗).');
      }
      return healthy ? 0 : 1;
    },
  },
  logs: {
    summary: 'in các dòng nhật ký gần nhất',
    usage: 'logs [--tail N]',
    async run(args, { services, json, out }) {
      const { values } = parseArgs({ args, options: { tail: { type: 'string' } } });
      const count = values.tail === undefined ? 50 : Number(values.tail);
      if (!Number.isInteger(count) || count < 1) throw new AppError('INVALID_INPUT', '--tail cần một số nguyên dương.');
      const lines = await readRecentLogs(services.deps.dataDir, count);
      if (json) out(JSON.stringify(lines, null, 2));
      else if (lines.length === 0) out('Chưa có dòng nhật ký nào.');
      else for (const l of lines) out(`${l.time} ${l.level.toUpperCase().padEnd(5)} [${l.proc}] ${l.message}${Object.keys(l.details).length ? ` ${JSON.stringify(l.details)}` : ''}`);
      return 0;
    },
  },
  'staff list': {
    summary: 'liệt kê cán bộ',
    usage: 'staff list [--json]',
    async run(_args, { services, json, out }) {
      const staff = services.staff.listAll();
      if (json) out(JSON.stringify(staff, null, 2));
      else if (staff.length === 0) out('Chưa có cán bộ nào. Hãy chạy trình cài đặt lần đầu trên màn hình trạm.');
      else for (const s of staff) out(`${s.name} — ${ROLE[s.role]}${s.disabled ? ' (đã tắt)' : ''}${s.locked ? ' (đang tạm khóa)' : ''}${s.mustChangePin ? ' (phải đổi PIN)' : ''}`);
      return 0;
    },
  },
  'staff reset-pin': {
    summary: 'cấp PIN dùng một lần cho cán bộ (phải đổi khi đăng nhập)',
    usage: 'staff reset-pin "HỌ TÊN"',
    async run(args, { services, out, log }) {
      const name = args.join(' ').trim();
      if (!name) throw new AppError('INVALID_INPUT', 'Hãy ghi tên cán bộ, ví dụ: staff reset-pin "Nguyễn Văn An"');
      const found = services.staff.findByName(name);
      if (!found) throw new AppError('NOT_FOUND', `Không có cán bộ tên "${name}". Xem danh sách bằng: staff list`);
      const { oneTimePin } = await services.staff.resetPin(found.id);
      log.info('staff PIN reset from the command line', { staffId: found.id });
      out(`PIN dùng một lần cho ${found.name}: ${oneTimePin}`);
      out('Cán bộ phải đổi PIN này ngay khi đăng nhập.');
      return 0;
    },
  },
  'settings show': {
    summary: 'in cài đặt hiện tại',
    usage: 'settings show [--json]',
    async run(_args, { services, json, out }) {
      const s = services.settings.get();
      if (json) {
        out(JSON.stringify(s, null, 2));
        return 0;
      }
      out(`Điểm hỗ trợ: ${s.site ? `${s.site.name} — ${s.site.communeName}, ${s.site.provinceName}` : '(chưa cài đặt)'}`);
      if (s.site) {
        out(`Thôn/tổ dân phố: ${s.site.hamlets.join(', ')}`);
        for (const h of s.site.hotlines) out(`Đường dây nóng: ${h.label} ${h.number}${h.confirmed ? '' : ' (chưa xác nhận)'}`);
      }
      out(`Ngôn ngữ mặc định: ${s.language === 'vi' ? 'Tiếng Việt' : 'English'}`);
      out(`Chờ không thao tác: ${s.idleSeconds} giây, đếm ngược ${s.idleCountdownSeconds} giây`);
      out(`Máy in: ${s.printer ? `${s.printer.uri} (khổ ${s.printer.paperWidthMm} mm)` : '(chưa cài đặt)'}`);
      out(`Bài đang ẩn: ${s.hiddenDemos.length}`);
      const problem = services.settings.problem();
      if (problem) out(`Cảnh báo: ${problem.message}`);
      return 0;
    },
  },
  'content import': {
    summary: 'cài gói nội dung từ thư mục hoặc tệp .zip',
    usage: 'content import ĐƯỜNG_DẪN',
    async run(args, { services, out, log }) {
      const source = args[0];
      if (!source) throw new AppError('INVALID_INPUT', 'Hãy ghi đường dẫn tới thư mục gói hoặc tệp .zip.');
      const status = await importPack(source, services.deps.dataDir, { installed: services.catalog().demos, ownVoices: services.settings.get().recordingPackId });
      log.info('content pack imported', { pack: status.id, version: status.version, demos: status.demoCount, clips: status.clipCount });
      out(`Đã cài gói "${status.title}" (${status.id} ${status.version}): ${packContents(status)}.`);
      return 0;
    },
  },
  'content check': {
    summary: 'kiểm tra gói nội dung (mặc định: gói có sẵn và gói đã thêm)',
    usage: 'content check [THƯ_MỤC]',
    async run(args, { services, json, out }) {
      const dir = args[0];
      const packs = dir ? await checkFolder(path.resolve(dir), services.catalog().demos) : services.catalog().packs;
      if (json) {
        out(JSON.stringify(packs, null, 2));
      } else if (packs.length === 0) {
        out('Không thấy gói nội dung nào (thư mục gói phải có tệp pack.json).');
      } else {
        for (const p of packs) {
          out(`${p.ok ? '✓' : '✗'} ${p.folder}: ${p.ok ? `${packContents(p)}, không có lỗi` : `${p.problems.length} lỗi`}`);
          for (const problem of p.problems) out(`    ${p.folder}/${problem.file}${problem.path ? ` (${problem.path})` : ''}: ${problem.message}`);
        }
      }
      return packs.length > 0 && packs.every((p) => p.ok) ? 0 : 1;
    },
  },
  'card render': {
    summary: 'vẽ phiếu hướng dẫn của một bài ra tệp PNG (đúng ảnh sẽ in)',
    usage: 'card render --demo MÃ_BÀI [--width 58|80] --out TỆP.png',
    async run(args, { services, out }) {
      const { values } = parseArgs({
        args,
        options: { demo: { type: 'string' }, width: { type: 'string' }, out: { type: 'string' }, language: { type: 'string' }, helper: { type: 'string' }, salutation: { type: 'string' } },
      });
      const demo = services.catalog().demos.find((d) => d.id === values.demo);
      if (!demo) throw new AppError('NOT_FOUND', `Không có bài "${values.demo ?? ''}". Xem các bài bằng: content list`);
      const widthMm = values.width === undefined ? (services.settings.get().printer?.paperWidthMm ?? 80) : Number(values.width);
      if (widthMm !== 58 && widthMm !== 80) throw new AppError('INVALID_INPUT', '--width chỉ nhận 58 hoặc 80 (mm).');
      if (!values.out) throw new AppError('INVALID_INPUT', 'Hãy ghi tệp ra bằng --out, ví dụ --out phieu.png');
      registerCardFonts(services.deps.paths.fontsDir);
      const raster = layoutCard(demo.card, {
        language: values.language === 'en' ? 'en' : 'vi',
        site: services.settings.get().site,
        date: new Date(),
        ...(values.helper ? { helper: values.helper.normalize('NFC') } : {}),
        ...(values.salutation ? { salutation: values.salutation.normalize('NFC') } : {}),
        widthMm,
      });
      writeFileSync(values.out, rasterToPng(raster));
      out(`Đã vẽ phiếu "${demo.card.title.vi}" khổ ${widthMm} mm (${raster.width}×${raster.height} điểm, ${encodeCard(raster).length} byte ESC/POS) vào ${values.out}`);
      return 0;
    },
  },
  'card print': {
    summary: 'in phiếu hướng dẫn của một bài ra máy in',
    usage: 'card print --demo MÃ_BÀI --printer URI [--width 58|80]',
    async run(args, { services, out, log }) {
      const { values } = parseArgs({ args, options: { demo: { type: 'string' }, printer: { type: 'string' }, width: { type: 'string' } } });
      const demo = services.catalog().demos.find((d) => d.id === values.demo);
      if (!demo) throw new AppError('NOT_FOUND', `Không có bài "${values.demo ?? ''}".`);
      const uri = values.printer ?? services.settings.get().printer?.uri;
      if (!uri) throw new AppError('INVALID_INPUT', 'Hãy ghi máy in bằng --printer, ví dụ --printer tcp://192.168.1.50:9100');
      const widthMm = values.width === undefined ? (services.settings.get().printer?.paperWidthMm ?? 80) : Number(values.width);
      if (widthMm !== 58 && widthMm !== 80) throw new AppError('INVALID_INPUT', '--width chỉ nhận 58 hoặc 80 (mm).');
      registerCardFonts(services.deps.paths.fontsDir);
      const raster = layoutCard(demo.card, { language: 'vi', site: services.settings.get().site, date: new Date(), widthMm });
      const outcome = await printBytes(uri, encodeCard(raster));
      log.info('card printed from the command line', { demo: demo.id, bytes: outcome.bytesSent, confirmed: outcome.confirmed, printerSent: outcome.replies });
      const receipt = outcome.confirmed ? ', máy in đã nhận đủ' : '';
      out(`Đã gửi phiếu "${demo.card.title.vi}" tới máy in (${outcome.bytesSent} byte${receipt}).`);
      for (const w of outcome.warnings) out(`! ${w}`);
      return 0;
    },
  },
  'printer status': {
    summary: 'hỏi trạng thái máy in (giấy, nắp, lỗi)',
    usage: 'printer status --printer URI',
    async run(args, { services, json, out }) {
      const { values } = parseArgs({ args, options: { printer: { type: 'string' } } });
      const uri = values.printer ?? services.settings.get().printer?.uri;
      if (!uri) throw new AppError('INVALID_INPUT', 'Hãy ghi máy in bằng --printer, ví dụ --printer tcp://192.168.1.50:9100');
      const status = await printerStatus(uri);
      const problem = statusProblem(status);
      if (json) out(JSON.stringify({ ...status, problem: problem?.message ?? null }, null, 2));
      else if (!status.answered) out('Máy in không trả lời câu hỏi trạng thái (vẫn có thể in được).');
      else {
        out(problem ? `✗ ${problem.message}` : '✓ Máy in sẵn sàng.');
        if (status.paperNearEnd) out('! Giấy sắp hết.');
      }
      return problem ? 1 : 0;
    },
  },
  'content list': {
    summary: 'liệt kê các gói nội dung và lỗi của chúng',
    usage: 'content list [--json]',
    async run(_args, { services, json, out }) {
      const { packs } = services.catalog();
      if (json) out(JSON.stringify(packs, null, 2));
      else if (packs.length === 0) out('Chưa có gói nội dung nào.');
      else
        for (const p of packs) {
          out(`${p.ok ? '✓' : '✗'} ${p.title} (${p.id} ${p.version}, ${p.source === 'built-in' ? 'có sẵn' : 'đã thêm'}): ${packContents(p)}`);
          for (const problem of p.problems) out(`    ${problem.file}${problem.path ? ` (${problem.path})` : ''}: ${problem.message}`);
        }
      return packs.every((p) => p.ok) ? 0 : 1;
    },
  },
  'records stats': {
    summary: 'số liệu mục tiêu: hộ, hộ đạt mục tiêu, người, từng kỹ năng',
    usage: 'records stats [--json]',
    async run(_args, { services, json, out }) {
      const s = services.records.stats();
      const problem = services.records.problem();
      if (json) {
        out(JSON.stringify({ ...s, problem: problem?.message ?? null }, null, 2));
        return 0;
      }
      out(`Số hộ: ${s.households} (có người được ghi nhận: ${s.householdsReached})`);
      out(`Hộ đạt mục tiêu (ít nhất 1 người thành thạo cả 5 kỹ năng): ${s.householdsMeetingGoal} (${s.goalPercent}%)`);
      out(`Số người: ${s.people}, trong đó thành thạo cả 5 kỹ năng: ${s.peopleProficient}`);
      for (const key of SKILL_KEYS) out(`  ${SKILL_LABELS[key]}: ${s.peopleProficientBySkill[key]} người thành thạo (${s.skillCoverage[key].proficientPercent}%)`);
      if (s.byHamlet.length) out('\nTheo thôn/tổ dân phố (hộ / hộ đạt / người):');
      for (const h of s.byHamlet) out(`  ${h.hamlet}: ${h.households} / ${h.meetingGoal} / ${h.people}`);
      out(`\nPhiên hỗ trợ: ${s.sessions.total} (xong ${s.sessions.done}, dở dang ${s.sessions.unfinished}, đang mở ${s.sessions.open})`);
      if (problem) out(`\nCảnh báo: ${problem.message}`);
      return 0;
    },
  },
  'records search': {
    summary: 'tìm người theo tên (không cần dấu), số điện thoại hoặc năm sinh',
    usage: 'records search TỪ_KHÓA [--limit N]',
    async run(args, { services, json, out }) {
      const { values, positionals } = parseArgs({ args, options: { limit: { type: 'string' } }, allowPositionals: true });
      const text = positionals.join(' ').trim();
      if (!text) throw new AppError('INVALID_INPUT', 'Hãy ghi tên cần tìm, ví dụ: records search "nguyen thi anh"');
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new AppError('INVALID_INPUT', '--limit cần một số nguyên dương.');
      const hits = services.records.search(text, limit);
      if (json) out(JSON.stringify(hits, null, 2));
      else if (hits.length === 0) out(`Không thấy ai khớp với "${text}".`);
      else
        for (const { person: p, household: h } of hits) {
          const proficient = SKILL_KEYS.filter((k) => p.skills[k] === 'thanh-thao').length;
          out(`${p.fullName} — sinh ${p.birthYear} — ${h ? `${h.hamlet}, chủ hộ ${h.headName}` : '(không rõ hộ)'} — thành thạo ${proficient}/5 kỹ năng — mã ${p.id}`);
        }
      return 0;
    },
  },
  'records import': {
    summary: 'nhập gói hồ sơ từ trạm khác hoặc danh sách .xlsx/.csv của xã (lỗi một dòng là không nhập cả tệp)',
    usage: 'records import TỆP [--staff MÃ_CÁN_BỘ] [--passphrase CỤM_MẬT_KHẨU] (hoặc biến TKNS_BUNDLE_PASSPHRASE)',
    async run(args, { services, json, out, log }) {
      const { values, positionals } = parseArgs({ args, options: { staff: { type: 'string' }, passphrase: { type: 'string' } }, allowPositionals: true });
      const file = positionals[0];
      if (!file) throw new AppError('INVALID_INPUT', 'Hãy ghi đường dẫn tới tệp .xlsx, .csv hoặc gói hồ sơ (.tkns).');
      const passphrase = values.passphrase ?? process.env.TKNS_BUNDLE_PASSPHRASE;
      const summary = await importFile(services.records, services.geo, path.resolve(file), { staffId: values.staff ?? 'dong-lenh', passphrase });
      log.info('records imported from the command line', { format: summary.format, sheet: summary.sheet, people: summary.people, households: summary.households });
      if (json) {
        out(JSON.stringify(summary, null, 2));
        return 0;
      }
      const c = (x: { added: number; updated: number; unchanged: number }) => `thêm ${x.added}, cập nhật ${x.updated}, giữ nguyên ${x.unchanged}`;
      const what = summary.format === 'bundle' ? 'gói hồ sơ' : summary.format === 'xlsx' ? 'danh sách Excel' : 'danh sách CSV';
      out(`Đã nhập ${what} ${file}${summary.sheet === undefined ? '' : ` (trang tính “${summary.sheet}”)`}.`);
      out(`  Hộ: ${c(summary.households)}`);
      out(`  Người: ${c(summary.people)}`);
      if (summary.format === 'bundle') {
        out(`  Phiên hỗ trợ: ${c(summary.sessions)}`);
        out(`  Xóa theo yêu cầu: ${summary.deletions.applied} bản ghi (thêm ${summary.deletions.logged} dòng nhật ký xóa)`);
        if (summary.possibleDuplicates) out(`  ! ${summary.possibleDuplicates} người mới có thể trùng với người đã có: hãy kiểm tra và gộp trên màn hình cán bộ.`);
      }
      if (summary.skippedErased) out(`  Bỏ qua ${summary.skippedErased} bản ghi của người/hộ đã bị xóa theo yêu cầu.`);
      return 0;
    },
  },
  'records export': {
    summary: 'xuất báo cáo .xlsx, danh sách .csv (UTF-8, mở được bằng Excel) hoặc gói hồ sơ để gộp',
    usage: 'records export --format xlsx|csv|bundle --out TỆP [--passphrase CỤM_MẬT_KHẨU] (gói hồ sơ luôn được khóa; hoặc biến TKNS_BUNDLE_PASSPHRASE)',
    async run(args, { services, out, log }) {
      const { values } = parseArgs({ args, options: { format: { type: 'string' }, out: { type: 'string' }, passphrase: { type: 'string' } } });
      if (!values.out) throw new AppError('INVALID_INPUT', 'Hãy ghi tệp ra bằng --out, ví dụ --out bao-cao.xlsx');
      const file = path.resolve(values.out);
      const siteName = services.settings.get().site?.name ?? 'Trạm Kỹ Năng Số';
      const format = EXPORT_FORMATS.find((f) => f === values.format);
      if (!format) throw new AppError('INVALID_INPUT', '--format chỉ nhận xlsx, csv hoặc bundle.');
      const people = await writeExport(services.records, services.geo, format, file, { siteName, passphrase: values.passphrase ?? process.env.TKNS_BUNDLE_PASSPHRASE });
      log.info('records exported from the command line', { format: values.format, people });
      out(`Đã xuất ${people} người ra ${file}.`);
      return 0;
    },
  },
  'backup create': {
    summary: 'sao lưu hồ sơ người dân ngay bây giờ',
    usage: 'backup create',
    async run(_args, { services, json, out }) {
      const backup = await services.records.createBackup();
      if (json) out(JSON.stringify(backup, null, 2));
      else out(`Đã sao lưu: ${backup.name} (${formatBytes(backup.bytes)}).`);
      return 0;
    },
  },
  'backup list': {
    summary: 'liệt kê các bản sao lưu hồ sơ (mới nhất trước)',
    usage: 'backup list [--json]',
    async run(_args, { services, json, out }) {
      const backups = await services.records.listBackups();
      if (json) out(JSON.stringify(backups, null, 2));
      else if (backups.length === 0) out('Chưa có bản sao lưu nào.');
      else for (const b of backups) out(`${b.name}  ${new Date(b.createdAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}  ${formatBytes(b.bytes)}`);
      return 0;
    },
  },
  'backup restore': {
    summary: 'khôi phục hồ sơ từ một bản sao lưu (bản hiện tại được sao lưu trước)',
    usage: 'backup restore TÊN_BẢN_SAO_LƯU',
    async run(args, { services, out, log }) {
      const name = args[0];
      if (!name) throw new AppError('INVALID_INPUT', 'Hãy ghi tên bản sao lưu; xem danh sách bằng: backup list');
      const { previous } = await services.records.restoreBackup(path.basename(name));
      log.warn('records restored from a backup on the command line', { backup: path.basename(name) });
      out(`Đã khôi phục từ ${path.basename(name)}.`);
      if (previous) out(`Dữ liệu trước khi khôi phục được giữ trong bản sao lưu ${previous.name}.`);
      return 0;
    },
  },
  'sync status': {
    summary: 'trạng thái đồng bộ với máy chủ: lần cuối, số thay đổi đang chờ, lỗi gần nhất',
    usage: 'sync status [--json]',
    async run(_args, { services, json, out }) {
      const status = services.sync.status();
      if (json) out(JSON.stringify(status, null, 2));
      else for (const line of describeSync(status)) out(line);
      return status.state === 'idle' || status.state === 'not-enrolled' ? 0 : 1;
    },
  },
  'sync now': {
    summary: 'đồng bộ ngay với máy chủ (gửi mọi thay đổi đang chờ, nhận hộ của xã)',
    usage: 'sync now [--json]',
    async run(_args, { services, json, out }) {
      if (services.sync.status().state === 'not-enrolled') throw new AppError('INVALID_INPUT', 'Trạm chưa ghi danh với máy chủ nào. Dùng: sync enrol --hub ĐỊA_CHỈ --code MÃ');
      const status = await services.sync.syncNow();
      if (json) out(JSON.stringify(status, null, 2));
      else for (const line of describeSync(status)) out(line);
      return status.state === 'idle' ? 0 : 1;
    },
  },
  'sync enrol': {
    summary: 'ghi danh trạm với máy chủ bằng mã dùng một lần do quản trị viên máy chủ cấp',
    usage: 'sync enrol --hub https://MÁY_CHỦ:8443 --code ABCD-EFGH-JKMN-PQRS [--name TÊN_TRẠM]',
    async run(args, { services, out }) {
      const { values } = parseArgs({ args, options: { hub: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' } } });
      if (!values.hub || !values.code) throw new AppError('INVALID_INPUT', 'Cần cả --hub (địa chỉ máy chủ) và --code (mã ghi danh).');
      const status = await services.sync.enrol({ url: values.hub, code: values.code, kioskName: values.name ?? services.settings.get().site?.name ?? 'Trạm Kỹ Năng Số' });
      for (const line of describeSync(status)) out(line);
      return status.state === 'idle' ? 0 : 1;
    },
  },
  'sync unlink': {
    summary: 'gỡ ghi danh với máy chủ (hồ sơ trên trạm vẫn giữ nguyên)',
    usage: 'sync unlink',
    async run(_args, { services, out }) {
      await services.sync.unlink();
      out('Đã gỡ ghi danh. Hồ sơ trên trạm vẫn còn nguyên; có thể ghi danh lại bằng: sync enrol');
      return 0;
    },
  },
};

/** The sync status in a few lines of Vietnamese. */
function describeSync(status: SyncStatus): string[] {
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false }) : 'chưa lần nào');
  if (status.state === 'not-enrolled') return ['Trạm chưa ghi danh với máy chủ nào (làm việc một mình, như trước).'];
  const w = status.waiting;
  const lines = [
    `Máy chủ: ${status.hubName ?? ''} (${status.hubUrl ?? ''})${status.site ? `, điểm: ${status.site.name}` : ''}`,
    `Đã đồng bộ lúc: ${when(status.lastSyncAt)}`,
    `Đang chờ gửi: ${w.total} (hộ ${w.households}, người ${w.people}, phiên ${w.sessions}, xóa ${w.deletions})`,
  ];
  if (status.state === 'revoked') lines.push('! Trạm đã bị máy chủ thu hồi quyền đồng bộ: cần ghi danh lại.');
  if (status.lastError) lines.push(`Lỗi gần nhất: ${status.lastError.message}`);
  return lines;
}

/** A size in kB or MB. */
function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** What a pack holds, in words: "15 bài" or "120 đoạn lời đọc (vi, hmn)". */
function packContents(p: PackStatus): string {
  const clips = p.clipCount > 0 ? `${p.clipCount} đoạn lời đọc (${p.languages.join(', ')})` : '';
  if (p.kind === 'narration') return clips || '0 đoạn lời đọc';
  return clips ? `${p.demoCount} bài, ${clips}` : `${p.demoCount} bài`;
}

/** Checks one pack folder, or every pack folder inside `dir`; a narration pack against the kiosk's demos. */
async function checkFolder(dir: string, installed: readonly Demo[]): Promise<PackStatus[]> {
  const check = async (folder: string) => withTargetsChecked(await loadPack(folder, 'data'), installed);
  if (existsSync(path.join(dir, 'pack.json'))) return [await check(dir)];
  if (!existsSync(dir)) throw new AppError('NOT_FOUND', `Không thấy thư mục ${dir}`);
  const folders = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.'));
  const statuses: PackStatus[] = [];
  for (const f of folders) statuses.push(await check(path.join(dir, f.name)));
  return statuses;
}

function help(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(30)} ${c.summary}`);
  return `Trạm Kỹ Năng Số — công cụ dòng lệnh cho cán bộ kỹ thuật

Cách dùng: npm run cli -- <lệnh> [tùy chọn]

Lệnh:
${lines.join('\n')}

Tùy chọn chung:
  --data THƯ_MỤC                 thư mục dữ liệu (hoặc biến KIOSK_DATA_DIR); mặc định giống ứng dụng
  --json                         in kết quả dạng JSON
  --help                         in hướng dẫn này
`;
}

/** Splits global options from the command words and the command's own arguments. */
function splitArgs(argv: string[]): { data?: string; json: boolean; help: boolean; words: string[] } {
  const words: string[] = [];
  let data: string | undefined;
  let json = false;
  let helpWanted = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data') data = argv[++i];
    else if (a.startsWith('--data=')) data = a.slice('--data='.length);
    else if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') helpWanted = true;
    else words.push(a);
  }
  return { data, json, help: helpWanted, words };
}

async function main(argv: string[]): Promise<number> {
  const args = splitArgs(argv);
  if (args.help || args.words.length === 0) {
    process.stdout.write(help());
    return args.help ? 0 : 2;
  }
  const key = args.words.length > 1 && COMMANDS[`${args.words[0]} ${args.words[1]}`] ? `${args.words[0]} ${args.words[1]}` : args.words[0]!;
  const command = COMMANDS[key];
  if (!command) {
    process.stderr.write(`Không có lệnh "${args.words.join(' ')}".\n\n${help()}`);
    return 2;
  }
  const rest = args.words.slice(key.split(' ').length);
  const root = appRoot();
  const dataDir = resolveDataDir(args.data);
  const log = await createFileLogger(dataDir, 'cli').catch(() => createConsoleLogger('cli', { quiet: true }));
  const services = await createServices({ dataDir, paths: resolveAppPaths(root), shell: 'cli', version: appVersion(root), log });
  const out = (text: string) => process.stdout.write(`${text}\n`);
  try {
    return await command.run(rest, { services, json: args.json, log, out });
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`${error.message}\n`);
      if (error.fields) for (const [k, v] of Object.entries(error.fields)) process.stderr.write(`  ${k}: ${v}\n`);
      return 1;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${error.message}\n\n${help()}`);
      return 2;
    }
    throw error;
  } finally {
    // Closing waits for writes and any snapshot a command started, before the process exits.
    await services.close();
    if ('flush' in log && typeof log.flush === 'function') (log.flush as () => void)();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Lỗi: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
