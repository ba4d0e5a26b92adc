import { AppError } from '../api/result';
import type { Services } from '.';
import { SettingsSchema, type Settings, type Site } from './settings';
import { pinProblem, calibratePinCost } from './staff/pin';
import { StaffNameSchema } from './staff/staff-service';
import { fieldsFromIssues } from './zod';
import type { GeoDirectory } from './geo';

/** True until a site profile and an active admin both exist; the citizen side stays closed till then. */
export function setupNeeded(services: Services): boolean {
  return services.settings.get().site === null || !services.staff.hasActiveAdmin();
}

/** The site fields a form sends: everything but the place names, which come from the map. */
export type SiteInput = Omit<Site, 'provinceName' | 'communeName'>;

/** Fills in province and commune names from their codes; refuses a commune outside its province. */
export function resolveSite(geo: GeoDirectory, input: SiteInput): Site {
  const names = geo.resolve(input.provinceCode, input.communeCode);
  if (!names) {
    throw new AppError('INVALID_INPUT', 'Xã/phường đã chọn không thuộc tỉnh/thành phố đã chọn.', {
      fields: { 'site.communeCode': 'Hãy chọn lại xã/phường/đặc khu.' },
    });
  }
  return { ...input, provinceName: names.province, communeName: names.commune };
}

/** What the wizard sends. */
export interface SetupInput {
  site: SiteInput;
  admin: { name: string; pin: string };
  printer: Settings['printer'];
  idleSeconds: number;
  language: Settings['language'];
}

/**
 * Completes first-run setup. Everything is checked before anything is written, so a refused
 * setup leaves the kiosk exactly as it was; the site profile is saved last, which is what
 * marks setup as done.
 */
export async function completeSetup(services: Services, input: SetupInput): Promise<Site> {
  if (!setupNeeded(services)) throw new AppError('CONFLICT', 'Trạm đã được cài đặt. Hãy vào chế độ cán bộ để thay đổi.');
  const site = resolveSite(services.geo, input.site);
  const fields: Record<string, string> = {};
  const name = StaffNameSchema.safeParse(input.admin.name);
  if (!name.success) fields['admin.name'] = name.error.issues[0]?.message ?? 'Tên chưa hợp lệ.';
  const pinIssue = pinProblem(input.admin.pin);
  if (pinIssue) fields['admin.pin'] = pinIssue;
  const next = SettingsSchema.safeParse({ ...services.settings.get(), site, printer: input.printer, idleSeconds: input.idleSeconds, language: input.language });
  if (!next.success) for (const [key, message] of Object.entries(fieldsFromIssues(next.error.issues))) fields[key] ??= message;
  if (Object.keys(fields).length > 0) {
    throw new AppError('INVALID_INPUT', `Còn ${Object.keys(fields).length} mục chưa đúng, xin xem lại.`, { fields });
  }
  if (!services.staff.hasActiveAdmin()) {
    await services.staff.setPinCost(await calibratePinCost());
    const existing = services.staff.findByName(input.admin.name);
    if (!existing) await services.staff.addAccount({ name: input.admin.name, role: 'admin', pin: input.admin.pin });
  }
  await services.settings.update({ site, printer: input.printer, idleSeconds: input.idleSeconds, language: input.language });
  services.deps.log.info('setup completed', { province: site.provinceCode, commune: site.communeCode, kind: site.kind });
  return site;
}
