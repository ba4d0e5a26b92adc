import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Channel } from './channels';
import type { HandlerTable, CallContext } from './handlers';
import { AppError } from './result';
import type { Services } from '../services';
import type { StaffIdentity } from '../services/staff/staff-service';
import { importBytes } from '../services/records/exchange';
import { writeExport } from '../services/records/export-file';
import { vnDate } from '../services/records/stats';
import { viewJob } from '../services/printing/print-queue';

/** The records and backup channels. */
export type RecordsChannel = Extract<Channel, `records:${string}` | `backup:${string}` | `sync:${string}`>;

/** How long the citizen side may add to a session after staff handed the kiosk over. */
const HANDOFF_TTL_MS = 12 * 3600_000;

/**
 * Secrets that let the citizen side (no staff signed in) add demo results and printed cards to
 * the one assistance session staff opened, and nothing else. Kept in memory: after a restart the
 * session stays as it was, and staff finish it from the person's page.
 */
class Handoffs {
  private readonly secrets = new Map<string, { secret: Buffer; at: number }>();

  constructor(private readonly clock: () => number) {}

  issue(sessionId: string): string {
    const secret = randomBytes(24);
    this.secrets.set(sessionId, { secret, at: this.clock() });
    return secret.toString('base64url');
  }

  check(sessionId: string, handoff: string): void {
    const entry = this.secrets.get(sessionId);
    const given = Buffer.from(handoff, 'base64url');
    const fresh = entry !== undefined && this.clock() - entry.at < HANDOFF_TTL_MS;
    if (!fresh || given.length !== entry.secret.length || !timingSafeEqual(given, entry.secret)) {
      throw new AppError('FORBIDDEN', 'Phiên hỗ trợ này đã đóng. Kết quả vẫn được tính vào số liệu chung, không gắn với hồ sơ.');
    }
  }

  end(sessionId: string): void {
    this.secrets.delete(sessionId);
  }
}

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  bundle: 'application/octet-stream',
} as const;

/** Exports hold personal data: a copy kept on the kiosk is deleted after a week (the file sent upward is the one that matters). */
const KEEP_EXPORTS_MS = 7 * 86_400_000;

async function pruneExports(dir: string, now: number): Promise<void> {
  for (const name of await fs.readdir(dir)) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat?.isFile() && now - stat.mtimeMs > KEEP_EXPORTS_MS) await fs.rm(file, { force: true });
  }
}

function staffOf(ctx: CallContext): StaffIdentity {
  if (!ctx.staff) throw new Error('records channel reached its handler without an authorised staff member');
  return ctx.staff;
}

/** Handlers of the records, backup and sync channels. */
export function createRecordsHandlers(services: Services): Pick<HandlerTable, RecordsChannel> {
  const { records, geo, settings, consent } = services;
  const clock = services.deps.clock ?? Date.now;
  const handoffs = new Handoffs(clock);
  const mustPerson = (id: string) => {
    const person = records.getPerson(id);
    if (!person) throw new AppError('NOT_FOUND', 'Không tìm thấy người này (có thể đã bị xóa).');
    return person;
  };
  const siteName = () => settings.get().site?.name ?? 'Trạm Kỹ Năng Số';

  return {
    'records:search': async ({ text, limit }) => ({ people: records.search(text, limit) }),
    'records:households': async ({ text }) => ({ households: records.searchHouseholds(text) }),
    'records:household': async ({ id }) => {
      const household = records.getHousehold(id);
      if (!household) throw new AppError('NOT_FOUND', 'Không tìm thấy hộ gia đình này.');
      return { household, members: records.membersOf(id) };
    },
    'records:person': async ({ id }) => {
      const person = mustPerson(id);
      return { person, household: records.getHousehold(person.householdId), sessions: records.sessionsOf(id) };
    },
    'records:add-household': async ({ session: _s, ...household }) => records.addHousehold(household),
    'records:update-household': async ({ session: _s, id, ...patch }) => records.updateHousehold(id, patch),
    'records:add-person': async ({ session: _s, consent: given, allowDuplicate, ...person }, ctx) => {
      if (!consent.get(given.version)) throw new AppError('INVALID_INPUT', 'Nội dung đồng ý này không có trên trạm.', { fields: { consent: 'Phiên bản nội dung đồng ý không đúng.' } });
      return records.addPerson({ ...person, consent: { ...given, staffId: staffOf(ctx).id } }, { allowDuplicate: allowDuplicate === true });
    },
    'records:update-person': async ({ session: _s, id, allowDuplicate, ...patch }) => records.updatePerson(id, patch, { allowDuplicate: allowDuplicate === true }),
    'records:delete-person': async ({ id, reason }, ctx) => {
      await records.deletePerson(id, { staffId: staffOf(ctx).id, reason });
      return { deleted: true };
    },
    'records:delete-household': async ({ id, reason }, ctx) => {
      await records.deleteHousehold(id, { staffId: staffOf(ctx).id, reason });
      return { deleted: true };
    },
    'records:merge-people': async ({ keepId, dropId }, ctx) => records.mergePeople(keepId, dropId, staffOf(ctx).id),
    'records:consent-text': async () => {
      if (!consent.current) throw new AppError('INTERNAL', 'Thiếu nội dung đồng ý trong bản cài đặt. Hãy chạy "npm run cli -- doctor".');
      return consent.current;
    },
    'records:consent-slip': async ({ method, language, personName }, ctx) => {
      if (!consent.current) throw new AppError('INTERNAL', 'Thiếu nội dung đồng ý trong bản cài đặt. Hãy chạy "npm run cli -- doctor".');
      const job = await services.printing.consentSlip({ text: consent.current, method, language, ...(personName ? { personName } : {}), staffName: staffOf(ctx).name });
      return viewJob(job);
    },
    'records:unfinished': async ({ limit }) => ({ sessions: records.unfinishedSessions(limit) }),
    'records:open-session': async ({ personId, campaign }, ctx) => {
      mustPerson(personId);
      if (campaign && !settings.get().campaigns.some((c) => c.id === campaign)) {
        throw new AppError('INVALID_INPUT', 'Không có chiến dịch này trong cài đặt.', { fields: { campaign: 'Chọn một chiến dịch trong danh sách.' } });
      }
      const session = await records.openSession({ personId, staffId: staffOf(ctx).id, siteName: siteName(), ...(campaign ? { campaign } : {}) });
      return { session, handoff: handoffs.issue(session.id) };
    },
    'records:session-result': async ({ sessionId, handoff, result }) => {
      handoffs.check(sessionId, handoff);
      await records.attachDemoResults(sessionId, [result]);
      return { attached: true };
    },
    'records:session-card': async ({ sessionId, handoff, demoId }) => {
      handoffs.check(sessionId, handoff);
      await records.recordCardPrinted(sessionId, demoId);
      return { recorded: true };
    },
    'records:session-pause': async ({ sessionId, handoff }) => {
      handoffs.check(sessionId, handoff);
      await records.markUnfinished(sessionId);
      return { paused: true };
    },
    'records:finish-session': async ({ sessionId, skills, achievements }) => {
      const finished = await records.finishSession(sessionId, { skills, achievements });
      handoffs.end(sessionId);
      return finished;
    },
    'records:stats': async () => records.stats(),
    'records:export': async ({ format, passphrase }) => {
      const dir = path.join(services.deps.dataDir, 'exports');
      await fs.mkdir(dir, { recursive: true });
      const stamp = `${vnDate(clock())}-${new Date(clock()).toISOString().slice(11, 19).replace(/:/g, '')}`;
      const fileName = `ho-so-${stamp}.${format === 'bundle' ? 'tkns' : format}`;
      const file = path.join(dir, fileName);
      await writeExport(records, geo, format, file, { siteName: siteName(), now: new Date(clock()), passphrase });
      const bytes = await fs.readFile(file);
      await pruneExports(dir, clock());
      return { fileName, savedTo: file, mimeType: MIME[format], bytes: bytes.length, dataBase64: bytes.toString('base64') };
    },
    'records:import': async ({ dataBase64, passphrase }, ctx) => importBytes(records, geo, Buffer.from(dataBase64, 'base64'), { staffId: staffOf(ctx).id, passphrase }),
    'records:problem': async () => ({ problem: records.problem() }),
    'records:acknowledge': async (_input, ctx) => {
      await records.acknowledgeProblem(staffOf(ctx).id);
      return { acknowledged: true };
    },
    'backup:list': async () => ({ backups: await records.listBackups() }),
    'backup:create': async () => records.createBackup(),
    'backup:restore': async ({ name }) => records.restoreBackup(name),
    'sync:status': async () => services.sync.status(),
    'sync:enrol': async ({ url, code, kioskName }) => services.sync.enrol({ url, code, kioskName: kioskName ?? siteName() }),
    'sync:now': async () => services.sync.syncNow(),
    'sync:unlink': async () => services.sync.unlink(),
  };
}
