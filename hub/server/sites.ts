import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../electron/api/result';
import { tidy } from '../../electron/services/records/fold';
import { VI_COLLATOR } from '../../electron/services/records/name-index';
import {
  codeKey,
  enrolmentQrText,
  hubProof,
  kioskProof,
  lookupTag,
  newEnrolmentCode,
  normaliseCode,
  sameHex,
  secretHash,
} from '../../electron/services/sync/enrolment';
import type { EnrolReply, EnrolRequest, SiteInfo } from '../../electron/services/sync/protocol';
import { z } from '../../electron/services/zod';
import { canManageCommune, requireRole, type Actor } from './actor';
import { audit } from './audit';
import type { HubDeps } from './deps';
import type { KioskIdentity } from './ingest';

/** How long a fresh enrolment code stays usable. */
export const CODE_LIFETIME_MS = 7 * 24 * 3_600_000;

/** A site with its kiosks, as hub pages list it. */
export interface SiteLine extends SiteInfo {
  communeName: string;
  provinceName: string;
  parentId: string | null;
  createdAt: string;
  kiosks: KioskSummary[];
  /** Codes issued and not yet used nor expired. */
  openCodes: { id: string; expiresAt: string }[];
}

/** A kiosk as the sites page shows it. */
export interface KioskSummary {
  id: string;
  name: string;
  enrolledAt: string;
  lastSyncAt: string | null;
  lastSeenAt: string | null;
  waiting: number;
  appVersion: string | null;
  revokedAt: string | null;
  clockSkewMs: number | null;
}

/** A new enrolment code: shown once, never stored as it is. */
export interface IssuedCode {
  id: string;
  code: string;
  qrText: string;
  expiresAt: string;
  site: SiteInfo;
}

/** Input of a new site. */
export const SiteInputSchema = z.strictObject({
  kind: z.enum(['xa', 'diem'], { error: 'Chọn loại điểm: xã hoặc điểm lưu động.' }),
  provinceCode: z.string().regex(/^\d{2}$/, 'Chưa chọn tỉnh/thành phố.'),
  communeCode: z.string().regex(/^\d{5}$/, 'Chưa chọn xã/phường/đặc khu.'),
  name: z
    .string()
    .transform(tidy)
    .pipe(z.string().min(2, 'Tên điểm quá ngắn.').max(120, 'Tên điểm dài quá 120 ký tự.')),
});

interface SiteRow {
  id: string;
  kind: 'xa' | 'diem';
  province_code: string;
  commune_code: string;
  name: string;
  parent_id: string | null;
  created_at: Date;
}

const siteInfo = (row: SiteRow): SiteInfo => ({ id: row.id, kind: row.kind, name: row.name, provinceCode: row.province_code, communeCode: row.commune_code });

/** Sites, enrolment codes and kiosk credentials. */
export class SiteService {
  private readonly kioskCache = new Map<string, { identity: KioskIdentity; hash: string; revoked: boolean; at: number }>();

  constructor(private readonly deps: HubDeps) {}

  /** Creates a site: a commune, or a booth under the commune's site (made on the way if missing). */
  async createSite(actor: Actor, input: z.input<typeof SiteInputSchema>): Promise<SiteInfo> {
    const parsed = SiteInputSchema.safeParse(input);
    if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Thông tin điểm chưa hợp lệ.');
    const data = parsed.data;
    if (!this.deps.geo.resolve(data.provinceCode, data.communeCode)) throw new AppError('INVALID_INPUT', 'Xã/phường/đặc khu không thuộc tỉnh/thành phố đã chọn.');
    if (!canManageCommune(actor, data.communeCode)) throw new AppError('FORBIDDEN', 'Tài khoản này chỉ quản lý được các điểm của xã mình.');
    const now = this.deps.clock();
    return this.deps.db.transaction(async (tx) => {
      let parentId: string | null = null;
      if (data.kind === 'diem') {
        const parent = await tx.query<{ id: string }>("select id from sites where kind = 'xa' and commune_code = $1 order by created_at limit 1", [data.communeCode]);
        parentId = parent.rows[0]?.id ?? null;
        if (!parentId) {
          parentId = randomUUID();
          const place = this.deps.geo.resolve(data.provinceCode, data.communeCode)!;
          await tx.query("insert into sites (id, kind, province_code, commune_code, name, parent_id, created_at, created_by) values ($1, 'xa', $2, $3, $4, null, $5, $6)", [
            parentId,
            data.provinceCode,
            data.communeCode,
            place.commune,
            new Date(now),
            actor.accountId,
          ]);
        }
      }
      const same = await tx.query('select 1 from sites where commune_code = $1 and lower(name) = lower($2)', [data.communeCode, data.name]);
      if (same.rows.length) throw new AppError('CONFLICT', `Xã này đã có điểm tên “${data.name}”.`, { fields: { name: 'Tên điểm đã có.' } });
      const id = randomUUID();
      await tx.query('insert into sites (id, kind, province_code, commune_code, name, parent_id, created_at, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
        id,
        data.kind,
        data.provinceCode,
        data.communeCode,
        data.name,
        parentId,
        new Date(now),
        actor.accountId,
      ]);
      await audit(tx, { at: now, actor, action: 'site-create', scope: data.communeCode, detail: { siteId: id, kind: data.kind } });
      return { id, kind: data.kind, name: data.name, provinceCode: data.provinceCode, communeCode: data.communeCode };
    });
  }

  /** Sites the actor may see (a commune admin: their commune's), with kiosks and open codes. */
  async listSites(actor: Actor): Promise<SiteLine[]> {
    const filter = actor.role === 'hub-admin' ? '' : actor.role === 'commune-admin' ? 'where s.commune_code = $1' : 'where s.province_code = $1';
    const params = actor.role === 'hub-admin' ? [] : [actor.role === 'commune-admin' ? actor.communeCode : actor.provinceCode];
    const sites = await this.deps.db.query<SiteRow>(`select s.* from sites s ${filter}`, params);
    const ids = sites.rows.map((s) => s.id);
    const kiosks = await this.deps.db.query<{
      id: string;
      site_id: string;
      name: string;
      enrolled_at: Date;
      last_sync_at: Date | null;
      last_seen_at: Date | null;
      waiting: number;
      app_version: string | null;
      revoked_at: Date | null;
      clock_skew_ms: number | null;
    }>('select * from kiosks where site_id = any($1::uuid[]) order by enrolled_at', [ids]);
    const codes = await this.deps.db.query<{ id: string; site_id: string; expires_at: Date }>(
      'select id, site_id, expires_at from enrolment_codes where site_id = any($1::uuid[]) and used_at is null and expires_at > $2 order by created_at',
      [ids, new Date(this.deps.clock())],
    );
    return sites.rows
      .map((s): SiteLine => {
        const place = this.deps.geo.resolve(s.province_code, s.commune_code);
        return {
          ...siteInfo(s),
          communeName: place?.commune ?? s.commune_code,
          provinceName: place?.province ?? s.province_code,
          parentId: s.parent_id,
          createdAt: s.created_at.toISOString(),
          kiosks: kiosks.rows
            .filter((k) => k.site_id === s.id)
            .map((k) => ({
              id: k.id,
              name: k.name,
              enrolledAt: k.enrolled_at.toISOString(),
              lastSyncAt: k.last_sync_at?.toISOString() ?? null,
              lastSeenAt: k.last_seen_at?.toISOString() ?? null,
              waiting: k.waiting,
              appVersion: k.app_version,
              revokedAt: k.revoked_at?.toISOString() ?? null,
              clockSkewMs: k.clock_skew_ms === null ? null : Number(k.clock_skew_ms),
            })),
          openCodes: codes.rows.filter((c) => c.site_id === s.id).map((c) => ({ id: c.id, expiresAt: c.expires_at.toISOString() })),
        };
      })
      .sort((a, b) => VI_COLLATOR.compare(a.provinceName, b.provinceName) || VI_COLLATOR.compare(a.communeName, b.communeName) || (a.kind === b.kind ? VI_COLLATOR.compare(a.name, b.name) : a.kind === 'xa' ? -1 : 1));
  }

  /** Issues a one-time enrolment code for a site; only a key derived from it is kept. */
  async issueCode(actor: Actor, siteId: string, hubUrl: string): Promise<IssuedCode> {
    requireRole(actor, 'commune-admin');
    const site = await this.site(siteId);
    if (!canManageCommune(actor, site.communeCode)) throw new AppError('FORBIDDEN', 'Tài khoản này chỉ cấp mã cho các điểm của xã mình.');
    const code = newEnrolmentCode();
    const key = await codeKey(normaliseCode(code)!, this.deps.identity.salt);
    const now = this.deps.clock();
    const id = randomUUID();
    const expiresAt = new Date(now + CODE_LIFETIME_MS);
    await this.deps.db.query('insert into enrolment_codes (id, site_id, lookup, code_key, created_by, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7)', [
      id,
      site.id,
      lookupTag(key),
      key.toString('hex'),
      actor.accountId,
      new Date(now),
      expiresAt,
    ]);
    await audit(this.deps.db, { at: now, actor, action: 'code-create', scope: site.communeCode, detail: { siteId: site.id, codeId: id } });
    return { id, code, qrText: enrolmentQrText(hubUrl, code), expiresAt: expiresAt.toISOString(), site };
  }

  /** Withdraws an enrolment code not used yet. */
  async withdrawCode(actor: Actor, codeId: string): Promise<void> {
    const r = await this.deps.db.query<{ commune_code: string }>('select s.commune_code from enrolment_codes c join sites s on s.id = c.site_id where c.id = $1', [codeId]);
    const row = r.rows[0];
    if (!row) throw new AppError('NOT_FOUND', 'Không có mã ghi danh này.');
    if (!canManageCommune(actor, row.commune_code)) throw new AppError('FORBIDDEN', 'Tài khoản này không quản lý điểm của mã này.');
    await this.deps.db.query('update enrolment_codes set expires_at = least(expires_at, $2) where id = $1 and used_at is null', [codeId, new Date(this.deps.clock())]);
  }

  /**
   * Enrols a kiosk that proved it holds a code, bound to the certificate it saw: a wrong,
   * expired or used code, or a certificate other than the hub's own, is refused.
   */
  async enrol(request: EnrolRequest, ip: string | null): Promise<EnrolReply> {
    const now = this.deps.clock();
    return this.deps.db.transaction(async (tx) => {
      const r = await tx.query<{ id: string; site_id: string; code_key: string; expires_at: Date; used_at: Date | null; used_by: string | null }>(
        'select id, site_id, code_key, expires_at, used_at, used_by from enrolment_codes where lookup = $1 for update',
        [request.lookup],
      );
      const code = r.rows[0];
      if (!code) throw new AppError('UNAUTHORIZED', 'Mã ghi danh không đúng. Hãy xem lại từng ký tự, hoặc xin quản trị viên máy chủ cấp mã mới.');
      const key = Buffer.from(code.code_key, 'hex');
      if (!sameHex(kioskProof(key, request.nonce, this.deps.pin), request.proof)) {
        this.deps.log.warn('enrolment proof refused: the kiosk saw another certificate', { codeId: code.id });
        throw new AppError(
          'FORBIDDEN',
          'Trạm đang nối tới một máy khác chứ không phải máy chủ đã cấp mã (chứng chỉ không khớp). Kiểm tra lại địa chỉ máy chủ và mạng, rồi báo cán bộ kỹ thuật.',
        );
      }
      if (code.used_at) {
        const by = await tx.query<{ name: string }>('select name from kiosks where id = $1', [code.used_by]);
        throw new AppError('CONFLICT', `Mã này đã được dùng để ghi danh trạm “${by.rows[0]?.name ?? '?'}” lúc ${code.used_at.toISOString()}. Mỗi mã chỉ dùng một lần: hãy xin mã mới.`);
      }
      if (code.expires_at.getTime() <= now) throw new AppError('CONFLICT', 'Mã ghi danh đã hết hạn. Hãy xin quản trị viên máy chủ cấp mã mới.');
      const siteRow = await tx.query<SiteRow>('select * from sites where id = $1', [code.site_id]);
      const site = siteInfo(siteRow.rows[0]!);
      const kioskId = randomUUID();
      const secret = randomBytes(32).toString('base64url');
      await tx.query('insert into kiosks (id, site_id, name, secret_hash, enrolled_at, last_seen_at, app_version) values ($1, $2, $3, $4, $5, $5, $6)', [
        kioskId,
        site.id,
        request.kioskName,
        secretHash(secret),
        new Date(now),
        request.appVersion,
      ]);
      await tx.query('update enrolment_codes set used_at = $2, used_by = $3 where id = $1', [code.id, new Date(now), kioskId]);
      await audit(tx, { at: now, actor: null, action: 'kiosk-enrol', scope: site.communeCode, detail: { kioskId, siteId: site.id, codeId: code.id }, ip });
      const { hubId, hubName } = this.deps.identity;
      return { kioskId, secret, site, hubId, hubName, hubProof: hubProof(key, request.nonce, this.deps.pin, kioskId, secret) };
    });
  }

  /** The kiosk behind an `Authorization: Kiosk id.secret` header; UNAUTHORIZED or FORBIDDEN (revoked) otherwise. */
  async authenticate(header: string | undefined): Promise<KioskIdentity> {
    const match = /^Kiosk ([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(header ?? '');
    if (!match) throw new AppError('UNAUTHORIZED', 'Yêu cầu không có thông tin ghi danh của trạm.');
    const [, kioskId, secret] = match as unknown as [string, string, string];
    const now = this.deps.clock();
    let entry = this.kioskCache.get(kioskId);
    if (!entry || now - entry.at > 5000) {
      const r = await this.deps.db.query<{ secret_hash: string; revoked_at: Date | null } & SiteRow & { site_id: string; site_name: string }>(
        `select k.secret_hash, k.revoked_at, s.id as site_id, s.kind, s.name as site_name, s.province_code, s.commune_code
         from kiosks k join sites s on s.id = k.site_id where k.id = $1`,
        [kioskId],
      );
      const row = r.rows[0];
      if (!row) throw new AppError('UNAUTHORIZED', 'Máy chủ không biết trạm này (có thể đã bị xóa). Hãy ghi danh lại.', { fields: { kiosk: 'unknown' } });
      entry = {
        identity: { kioskId, siteId: row.site_id, siteKind: row.kind, siteName: row.site_name, provinceCode: row.province_code, communeCode: row.commune_code },
        hash: row.secret_hash,
        revoked: row.revoked_at !== null,
        at: now,
      };
      this.kioskCache.set(kioskId, entry);
    }
    if (!sameHex(secretHash(secret), entry.hash)) throw new AppError('UNAUTHORIZED', 'Thông tin ghi danh của trạm không đúng. Hãy ghi danh lại.', { fields: { kiosk: 'unknown' } });
    if (entry.revoked) throw new AppError('FORBIDDEN', 'Trạm này đã bị thu hồi quyền đồng bộ. Liên hệ quản trị viên máy chủ để ghi danh lại.', { fields: { kiosk: 'revoked' } });
    return entry.identity;
  }

  /** Revokes a kiosk: its next request is refused, and it says so to its staff. */
  async revokeKiosk(actor: Actor, kioskId: string): Promise<void> {
    const r = await this.deps.db.query<{ commune_code: string; revoked_at: Date | null }>('select s.commune_code, k.revoked_at from kiosks k join sites s on s.id = k.site_id where k.id = $1', [kioskId]);
    const row = r.rows[0];
    if (!row) throw new AppError('NOT_FOUND', 'Không có trạm này.');
    if (!canManageCommune(actor, row.commune_code)) throw new AppError('FORBIDDEN', 'Tài khoản này không quản lý trạm này.');
    if (row.revoked_at) return;
    const now = this.deps.clock();
    await this.deps.db.query('update kiosks set revoked_at = $2, revoked_by = $3 where id = $1', [kioskId, new Date(now), actor.accountId]);
    this.kioskCache.delete(kioskId);
    await audit(this.deps.db, { at: now, actor, action: 'kiosk-revoke', scope: row.commune_code, detail: { kioskId } });
  }

  /** Notes that a kiosk was heard from. */
  async seen(kioskId: string): Promise<void> {
    await this.deps.db.query('update kiosks set last_seen_at = $2 where id = $1', [kioskId, new Date(this.deps.clock())]);
  }

  private async site(id: string): Promise<SiteInfo> {
    const r = await this.deps.db.query<SiteRow>('select * from sites where id = $1', [id]);
    if (!r.rows[0]) throw new AppError('NOT_FOUND', 'Không có điểm này.');
    return siteInfo(r.rows[0]);
  }
}
