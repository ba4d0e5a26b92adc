import type { Channel } from './channels';
import type { Output, ParsedInput } from './contract';
import type { Services } from '../services';
import { readAppInfo } from '../services/app-info';
import { citizenView, DEFAULT_HOTLINES, shownToCitizens } from '../services/settings';
import { completeSetup, resolveSite, setupNeeded } from '../services/setup';
import type { StaffIdentity } from '../services/staff/staff-service';
import { AppError } from './result';
import { importUploadedPack } from '../services/content/upload';
import { summarize } from '../services/content/schema';
import { withInlineAssets } from '../services/content/assets';
import { narrationCoverage, offeredLanguages, withVoices } from '../services/content/narration';
import { viewJob } from '../services/printing/print-queue';
import { createRecordsHandlers } from './records-handlers';

/** How long after printing a citizen may print the same card again without staff. */
const PUBLIC_REPRINT_MS = 30 * 60_000;

/** Who is calling, as told by the transport, plus the staff member the invoke path authorised. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'direct';
  staff?: StaffIdentity;
}

/** One handler per channel; each receives validated input. */
export type HandlerTable = {
  [C in Channel]: (input: ParsedInput<C>, ctx: CallContext) => Promise<Output<C>>;
};

function signedIn(ctx: CallContext): StaffIdentity {
  if (!ctx.staff) throw new Error('staff channel reached its handler without an authorised staff member');
  return ctx.staff;
}

/** The one table every transport serves. */
export function createHandlers(services: Services): HandlerTable {
  const { settings, staff, geo, printing } = services;
  const mustFindJob = (id: string) => {
    const job = printing.queue.get(id);
    if (!job) throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu in này.');
    return job;
  };
  const packOverview = () => {
    const off = new Set(settings.get().disabledPacks);
    const catalog = services.catalog();
    return { packs: catalog.packs.map((p) => ({ ...p, enabled: !off.has(p.id) })), demos: catalog.demos.map(summarize) };
  };
  return {
    'app:info': async () =>
      readAppInfo({
        version: services.deps.version,
        shell: services.deps.shell,
        dataDir: services.deps.dataDir,
        settings,
        staffProblem: staff.problem(),
        catalog: services.catalog,
      }),
    'settings:get': async () => settings.get(),
    'settings:update': async ({ patch }) => {
      const { site, ...rest } = patch;
      return settings.update(site ? { ...rest, site: resolveSite(geo, site) } : rest);
    },
    'content:list': async (input) => {
      if (setupNeeded(services)) return { demos: [], voices: [] };
      const view = citizenView(settings.get());
      const demos = services
        .catalog()
        .demos.filter((d) => shownToCitizens(d, view) && (input.skill === undefined || d.skill === input.skill))
        .map(summarize);
      return { demos, voices: offeredLanguages(services.catalog().voices, demos.map((d) => d.id), view.off) };
    },
    'content:demo': async ({ id, voice }) => {
      const view = citizenView(settings.get());
      const demo = services.catalog().demos.find((d) => d.id === id);
      if (!demo || setupNeeded(services) || !shownToCitizens(demo, view)) {
        throw new AppError('NOT_FOUND', 'Không tìm thấy bài thực hành này. Có thể cán bộ vừa ẩn bài.');
      }
      const pack = services.catalog().packs.find((p) => p.ok && p.id === demo.pack);
      const shown = pack ? await withInlineAssets(demo, pack.dir) : demo;
      return withVoices(shown, services.catalog().voices, voice ?? 'vi', view.off);
    },
    'usage:record': async (report) => {
      const demo = services.catalog().demos.find((d) => d.id === report.demoId);
      if (!demo) return { recorded: false };
      await services.usage.record(report, demo);
      return { recorded: true };
    },
    'usage:read': async () => {
      const counts = services.usage.read();
      const empty = { starts: 0, completions: 0, selfRuns: 0, selfCompletions: 0, seconds: 0, steps: {} };
      return { demos: services.catalog().demos.map((d) => ({ ...summarize(d), usage: counts[d.id] ?? empty })) };
    },
    'content:packs': async () => packOverview(),
    'content:import': async (input) => {
      const status = await importUploadedPack(input, services.deps.dataDir, { installed: services.catalog().demos, ownVoices: settings.get().recordingPackId });
      await services.reloadContent();
      services.deps.log.info('content pack imported', { pack: status.id, version: status.version, demos: status.demoCount, clips: status.clipCount });
      return status;
    },
    'content:set-pack-enabled': async ({ packId, enabled }) => {
      if (!services.catalog().packs.some((p) => p.id === packId)) throw new AppError('NOT_FOUND', 'Không có gói nội dung này.');
      const others = settings.get().disabledPacks.filter((id) => id !== packId);
      await settings.update({ disabledPacks: enabled ? others : [...others, packId] });
      return packOverview();
    },
    'narration:overview': async () => ({ packId: services.narration.packId(), demos: services.narration.overview() }),
    'narration:coverage': async () => narrationCoverage(services.catalog(), citizenView(settings.get())),
    'narration:clip': async ({ demoId, stepId, lang }) => ({ clip: await services.narration.clip(demoId, stepId, lang) }),
    'narration:save': async ({ demoId, stepId, lang, dataBase64 }) => services.narration.save({ demoId, stepId, lang, bytes: Buffer.from(dataBase64, 'base64') }),
    'narration:export': async () => services.narration.exportZip(),
    'narration:microphone': async ({ open }) => {
      const gate = services.deps.microphone;
      if (!gate) return { open, managed: false };
      gate(open);
      return { open, managed: true };
    },
    'app:quit': async () => {
      const quit = services.deps.quit;
      if (quit) {
        services.deps.log.info('kiosk exit requested by an admin');
        setTimeout(quit, 300);
        return { quitting: true, howTo: 'Trạm đang thoát.' };
      }
      return {
        quitting: false,
        howTo: 'Bản chạy trên trình duyệt không tự thoát được: hãy đóng cửa sổ trình duyệt, rồi nhấn Ctrl+C ở cửa sổ dòng lệnh đang chạy "npm run serve".',
      };
    },
    'setup:status': async () => ({ needed: setupNeeded(services), site: settings.get().site, defaultHotlines: DEFAULT_HOTLINES }),
    'setup:complete': async (input) => ({ site: await completeSetup(services, input) }),
    'geo:provinces': async () => geo.listProvinces(),
    'geo:communes': async ({ provinceCode }) => {
      const communes = geo.listCommunes(provinceCode);
      if (!communes) throw new AppError('NOT_FOUND', 'Không có tỉnh/thành phố với mã này.');
      return communes;
    },
    'staff:list': async () => staff.listActive(),
    'staff:sign-in': async ({ staffId, pin }) => {
      const result = await staff.signIn(staffId, pin);
      const { session, ...who } = result.staff;
      return { session, staff: who, mustChangePin: result.mustChangePin };
    },
    'staff:sign-out': async ({ session }) => {
      staff.signOut(session);
      // Whoever signs out, the microphone closes with the staff screens.
      services.deps.microphone?.(false);
      return { signedOut: true };
    },
    'staff:whoami': async (_input, ctx) => {
      const { session: _session, ...who } = signedIn(ctx);
      return who;
    },
    'staff:change-pin': async ({ currentPin, newPin }, ctx) => {
      await staff.changePin(signedIn(ctx).id, currentPin, newPin);
      return { changed: true };
    },
    'staff:accounts': async () => staff.listAll(),
    'staff:add': async ({ name, role, pin }) => staff.addAccount({ name, role, pin }),
    'staff:set-disabled': async ({ staffId, disabled }, ctx) => {
      if (staffId === signedIn(ctx).id && disabled) throw new AppError('CONFLICT', 'Không thể tự tắt tài khoản của chính mình.');
      await staff.setDisabled(staffId, disabled);
      return staff.listAll();
    },
    'staff:reset-pin': async ({ staffId }, ctx) => {
      if (staffId === signedIn(ctx).id) throw new AppError('CONFLICT', 'Không tự cấp lại PIN cho chính mình được; hãy dùng "Đổi mã PIN".');
      return staff.resetPin(staffId);
    },
    'cards:preview': async ({ demoId, language, salutation, session }) => {
      const helper = session ? staff.authorize(session, 'member').name : undefined;
      return printing.previewDemo({ demoId, language, ...(salutation ? { salutation } : {}), ...(helper ? { helper } : {}) });
    },
    'printer:print': async ({ previewId }) => viewJob(await printing.print(previewId)),
    'printer:job': async ({ id }) => viewJob(mustFindJob(id)),
    'printer:retry': async ({ id }) => viewJob(await printing.queue.retry(id)),
    'printer:reprint': async ({ id, session }) => {
      // At the screen, only a recent card may be printed again; staff may reprint any kept card.
      if (!session && (services.deps.clock ?? Date.now)() - Date.parse(mustFindJob(id).createdAt) > PUBLIC_REPRINT_MS) {
        throw new AppError('FORBIDDEN', 'Phiếu này đã cũ: xin nhờ cán bộ in lại.');
      }
      if (session) staff.authorize(session, 'member');
      return viewJob(await printing.queue.reprint(id));
    },
    'printer:cancel': async ({ id }) => viewJob(await printing.queue.cancel(id)),
    'printer:jobs': async () => ({ jobs: printing.queue.list().map(viewJob) }),
    'printer:status': async ({ uri }) => printing.report(uri),
    'printer:test-page': async ({ uri, widthMm }) => viewJob(await printing.testPage({ ...(uri ? { uri } : {}), ...(widthMm ? { widthMm } : {}) })),
    ...createRecordsHandlers(services),
  };
}
