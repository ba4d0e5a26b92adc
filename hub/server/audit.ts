import type { GeoDirectory } from '../../electron/services/geo';
import type { Sql } from './db';
import type { Actor } from './actor';

/** What the audit log records: who signed in, who saw or exported personal data, and every change of sites, kiosks and accounts. */
export type AuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'view-people'
  | 'export'
  | 'import-bundle'
  | 'erase-person'
  | 'site-create'
  | 'code-create'
  | 'kiosk-enrol'
  | 'kiosk-revoke'
  | 'account-create'
  | 'account-change'
  | 'password-change';

/** One line of the audit log as pages show it. */
export interface AuditLine {
  id: number;
  at: string;
  accountName: string | null;
  action: AuditAction;
  scope: string | null;
  /** The place the scope names ("Xã Phù Đổng, Thành phố Hà Nội"); null for the whole country, none or an unknown code. */
  scopeName: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
}

/**
 * The place an audit line's scope names. Scopes are written as a province code ("01", "tinh-01"),
 * a commune code ("00541", "xa-00541") or "toan-bo" for the whole country.
 */
export function scopeName(geo: GeoDirectory, scope: string | null): string | null {
  if (!scope) return null;
  const code = scope.replace(/^(tinh|xa)-/, '');
  if (/^\d{2}$/.test(code)) return geo.listProvinces().find((p) => p.code === code)?.name ?? null;
  if (/^\d{5}$/.test(code)) {
    const found = geo.communeByCode(code);
    return found ? `${found.commune.name}, ${found.province.name}` : null;
  }
  return null;
}

/** Appends a line to the audit log; details hold counts and codes, never a citizen's name. */
export async function audit(
  db: Sql,
  entry: { at: number; actor: Pick<Actor, 'accountId' | 'name'> | null; action: AuditAction; scope?: string | null; detail?: Record<string, unknown>; ip?: string | null },
): Promise<void> {
  await db.query('insert into audit_log (at, account_id, account_name, action, scope, detail, ip) values ($1, $2, $3, $4, $5, $6, $7)', [
    new Date(entry.at),
    entry.actor?.accountId ?? null,
    entry.actor?.name ?? null,
    entry.action,
    entry.scope ?? null,
    entry.detail ? JSON.stringify(entry.detail) : null,
    entry.ip ?? null,
  ]);
}

/** The newest lines of the audit log, newest first. */
export async function readAudit(db: Sql, geo: GeoDirectory, options: { limit: number; before?: number }): Promise<AuditLine[]> {
  const r = await db.query<{ id: number; at: Date; account_name: string | null; action: AuditAction; scope: string | null; detail: Record<string, unknown> | null; ip: string | null }>(
    `select id, at, account_name, action, scope, detail, ip from audit_log ${options.before ? 'where id < $2' : ''} order by id desc limit $1`,
    options.before ? [options.limit, options.before] : [options.limit],
  );
  return r.rows.map((row) => ({ id: Number(row.id), at: row.at.toISOString(), accountName: row.account_name, action: row.action, scope: row.scope, scopeName: scopeName(geo, row.scope), detail: row.detail, ip: row.ip }));
}
