import { AppError } from '../../electron/api/result';
import { checkBundle, decodeBundle, type BundleManifest } from '../../electron/services/records/exchange';
import { vnDate } from '../../electron/services/records/time';
import { requireRole, type Actor } from './actor';
import { audit } from './audit';
import type { Hub } from './hub';
import { applyRecords, clampFuture, type AppliedCounts } from './ingest';

/** What importing a bundle at the hub did. */
export type HubImportSummary = AppliedCounts & { from: BundleManifest; clamped: number };

/**
 * Imports a booth's bundle carried on USB (sealed, or an older plain one) by the same rules as a
 * kiosk's batch, in one transaction. A commune admin may import only their own commune's records.
 */
export async function importBundleAtHub(hub: Hub, actor: Actor, bytes: Buffer, passphrase: string | undefined, ip: string | null): Promise<HubImportSummary> {
  requireRole(actor, 'commune-admin');
  const { db, geo, clock } = hub.deps;
  const now = clock();
  const bundle = checkBundle(await decodeBundle(bytes, passphrase), geo, Number(vnDate(now).slice(0, 4)));
  if (actor.role === 'commune-admin') {
    const elsewhere = bundle.households.filter((h) => h.communeCode !== actor.communeCode);
    if (elsewhere.length) {
      throw new AppError('FORBIDDEN', `Gói có ${elsewhere.length} hộ ở xã khác (ví dụ hộ ${elsewhere[0]!.id}); tài khoản cấp xã chỉ nhập được hồ sơ của xã mình. Hãy nhờ quản trị viên máy chủ nhập gói này.`);
    }
  }
  const clamped = clampFuture(bundle, now);
  const counts = await hub.writing(() => db.transaction((tx) => applyRecords(tx, bundle, { kioskId: null, accountId: actor.accountId }, now)));
  await audit(db, {
    at: now,
    actor,
    action: 'import-bundle',
    scope: actor.communeCode,
    detail: { site: bundle.manifest.siteName, households: counts.households, people: counts.people, sessions: counts.sessions, deletions: counts.deletions },
    ip,
  });
  return { ...counts, from: bundle.manifest, clamped };
}
