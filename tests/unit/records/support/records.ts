import path from 'node:path';
import { afterEach } from 'vitest';
import { AppError } from '../../../../electron/api/result';
import { GeoDirectory } from '../../../../electron/services/geo';
import { createMemoryLogger } from '../../../../electron/services/logger';
import type { PersonInput } from '../../../../electron/services/records/model';
import { RecordsService, type RecordsServiceOptions } from '../../../../electron/services/records/records-service';
import { tempDir } from '../../support/temp';

/** The real administrative map shipped with the app. */
export const geo = new GeoDirectory(path.resolve(import.meta.dirname, '..', '..', '..', '..', 'resources'));

/** Hà Nội / Phường Ba Đình, a real pair from the map. */
export const HA_NOI = { provinceCode: '01', communeCode: '00004' } as const;

const open: RecordsService[] = [];

afterEach(async () => {
  for (const service of open.splice(0)) await service.close();
});

/** A records service over a real temp folder (closed after the test), with a clock the test can move. */
export async function openRecords(options: Partial<RecordsServiceOptions> & { dir?: string } = {}) {
  const dir = options.dir ?? tempDir('kiosk-records-');
  const log = createMemoryLogger();
  const clock = { now: Date.parse('2026-03-02T03:00:00.000Z') };
  const service = new RecordsService({ dataDir: dir, geo, log, clock: () => clock.now, consentVersions: ['v1'], ...options });
  await service.open();
  open.push(service);
  return { service, dir, log, clock };
}

/** Closes a service early (to reopen its folder); the after-test hook skips it. */
export async function closeRecords(service: RecordsService): Promise<void> {
  const at = open.indexOf(service);
  if (at >= 0) open.splice(at, 1);
  await service.close();
}

/** Consent given on screen to staff member "can-bo-1". */
export const CONSENT = { version: 'v1', method: 'man-hinh', staffId: 'can-bo-1' } as const;

/** Input for a person with consent. */
export function personInput(householdId: string, fullName: string, birthYear: number, extra: Partial<PersonInput> = {}): PersonInput {
  return { householdId, fullName, birthYear, consent: CONSENT, ...extra };
}

/** Every skill at `thanh-thao`. */
export const ALL_PROFICIENT = { 'dich-vu-cong': 'thanh-thao', 'mua-sam': 'thanh-thao', 'thanh-toan': 'thanh-thao', 'an-toan': 'thanh-thao', 'nen-tang-so': 'thanh-thao' } as const;

/** The AppError a promise rejects with (fails the test when it resolves). */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
