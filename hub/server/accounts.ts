import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { AppError } from '../../electron/api/result';
import { tidy } from '../../electron/services/records/fold';
import { VI_COLLATOR } from '../../electron/services/records/name-index';
import { afterFailure, afterSuccess, lockRemaining, type LockoutState } from '../../electron/services/staff/lockout';
import { DEFAULT_PIN_COST, hashPin, verifyPin, type PinHash } from '../../electron/services/staff/pin';
import { sameHex } from '../../electron/services/sync/enrolment';
import { z } from '../../electron/services/zod';
import { HUB_ROLES, requireRole, type Actor, type HubRole } from './actor';
import { audit } from './audit';
import type { HubDeps } from './deps';

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** …and in any case this long after sign-in. */
export const SESSION_MAX_MS = 12 * 3_600_000;
/** Shortest password accepted. */
export const MIN_PASSWORD = 10;

/** An account as the accounts page lists it (never its hash). */
export interface AccountLine {
  id: string;
  username: string;
  displayName: string;
  role: HubRole;
  provinceCode: string | null;
  communeCode: string | null;
  disabled: boolean;
  mustChange: boolean;
  createdAt: string;
  lastSignIn: string | null;
}

/** A signed-in session: the token goes into an HttpOnly cookie, the rest to the page. */
export interface SignedIn {
  token: string;
  actor: Actor;
  mustChange: boolean;
}

/** Why a password is not acceptable (Vietnamese), or null. */
export function passwordProblem(password: string, username = ''): string | null {
  if (password.length < MIN_PASSWORD) return `Mật khẩu phải có ít nhất ${MIN_PASSWORD} ký tự.`;
  if (password.length > 200) return 'Mật khẩu dài quá 200 ký tự.';
  if (new Set(password).size < 4) return 'Mật khẩu quá dễ đoán (ít ký tự khác nhau). Hãy chọn mật khẩu khác.';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'Mật khẩu không được chứa tên đăng nhập.';
  return null;
}

/** A random one-time password that passes {@link passwordProblem}: three groups of four letters and digits. */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  for (;;) {
    let out = '';
    for (let i = 0; i < 12; i++) out += alphabet[randomInt(0, alphabet.length)];
    const password = out.match(/.{4}/g)!.join('-');
    if (passwordProblem(password) === null) return password;
  }
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'Tên đăng nhập gồm 3–40 chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch nối.');

/** Input of a new account. */
export const AccountInputSchema = z.strictObject({
  username: Username,
  displayName: z
    .string()
    .transform(tidy)
    .pipe(z.string().min(2, 'Chưa nhập họ tên.').max(80, 'Họ tên dài quá 80 ký tự.')),
  role: z.enum(HUB_ROLES, { error: 'Chưa chọn vai trò.' }),
  provinceCode: z.string().regex(/^\d{2}$/, 'Chưa chọn tỉnh/thành phố.').nullable().optional(),
  communeCode: z.string().regex(/^\d{5}$/, 'Chưa chọn xã/phường/đặc khu.').nullable().optional(),
});

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: HubRole;
  province_code: string | null;
  commune_code: string | null;
  password_hash: PinHash;
  must_change: boolean;
  failures: number;
  locks: number;
  locked_until: Date | null;
  disabled: boolean;
  created_at: Date;
  last_sign_in: Date | null;
}

const actorOf = (row: AccountRow): Actor => ({ accountId: row.id, name: row.display_name, role: row.role, provinceCode: row.province_code, communeCode: row.commune_code });

/** Hub accounts: first setup, sign-in with lockout, sessions, and account management. */
export class AccountService {
  private dummyHash: Promise<PinHash> | null = null;

  constructor(
    private readonly deps: HubDeps,
    private readonly cost: { N: number; r: number; p: number } = DEFAULT_PIN_COST,
  ) {}

  /** True while no account exists: the first visit must create the hub admin with the setup code. */
  async needsSetup(): Promise<boolean> {
    const r = await this.deps.db.query<{ n: number }>('select count(*)::int as n from accounts');
    return (r.rows[0]?.n ?? 0) === 0;
  }

  /** A fresh setup code (printed by the hub at start while there is no account); only its hash is kept. */
  async newSetupCode(): Promise<string> {
    const code = randomBytes(9).toString('base64url');
    await this.deps.db.query("insert into hub_settings (key, value) values ('setup_code', $1) on conflict (key) do update set value = excluded.value", [tokenHash(code)]);
    return code;
  }

  /** Creates the first hub admin, given the setup code the hub printed. */
  async completeSetup(input: { setupCode: string; username: string; displayName: string; password: string }, ip: string | null): Promise<SignedIn> {
    if (!(await this.needsSetup())) throw new AppError('CONFLICT', 'Máy chủ đã được cài đặt. Hãy đăng nhập.');
    const stored = await this.deps.db.query<{ value: string }>("select value from hub_settings where key = 'setup_code'");
    if (!stored.rows[0] || !sameHex(tokenHash(input.setupCode.trim()), stored.rows[0].value)) {
      throw new AppError('UNAUTHORIZED', 'Mã cài đặt không đúng. Mã được in ra màn hình lúc máy chủ khởi động.', { fields: { setupCode: 'Mã cài đặt không đúng.' } });
    }
    const data = this.parseAccount({ username: input.username, displayName: input.displayName, role: 'hub-admin' });
    const problem = passwordProblem(input.password, data.username);
    if (problem) throw new AppError('INVALID_INPUT', problem, { fields: { password: problem } });
    const id = randomUUID();
    const now = this.deps.clock();
    await this.deps.db.query(
      'insert into accounts (id, username, display_name, role, province_code, commune_code, password_hash, must_change, created_at) values ($1, $2, $3, $4, null, null, $5, false, $6)',
      [id, data.username, data.displayName, 'hub-admin', JSON.stringify(await hashPin(input.password, this.cost)), new Date(now)],
    );
    await this.deps.db.query("delete from hub_settings where key = 'setup_code'");
    await audit(this.deps.db, { at: now, actor: { accountId: id, name: data.displayName }, action: 'account-create', detail: { role: 'hub-admin', setup: true }, ip });
    return this.signIn(data.username, input.password, ip);
  }

  /**
   * Signs in by username and password. Five wrong passwords in a row lock the account for 30 s,
   * doubling up to 15 min (kept in the database, so a restart does not reset it); an unknown
   * name costs the same time and gets the same message as a wrong password.
   */
  async signIn(usernameTyped: string, password: string, ip: string | null): Promise<SignedIn> {
    const username = usernameTyped.trim().toLowerCase();
    const r = await this.deps.db.query<AccountRow>('select * from accounts where username = $1', [username]);
    const row = r.rows[0];
    const now = this.deps.clock();
    const wrong = 'Tên đăng nhập hoặc mật khẩu không đúng.';
    if (!row) {
      this.dummyHash ??= hashPin('khong-co-tai-khoan', this.cost);
      await verifyPin(password, await this.dummyHash);
      await audit(this.deps.db, { at: now, actor: null, action: 'sign-in-failed', detail: { reason: 'unknown' }, ip });
      throw new AppError('UNAUTHORIZED', wrong);
    }
    const lock: LockoutState = { failures: row.failures, locks: row.locks, lockedUntil: row.locked_until?.getTime() ?? 0 };
    const left = lockRemaining(lock, now);
    if (left > 0) throw this.locked(left);
    if (row.disabled) throw new AppError('FORBIDDEN', 'Tài khoản này đã bị khóa. Liên hệ quản trị viên máy chủ.');
    if (!(await verifyPin(password, row.password_hash))) {
      const next = afterFailure(lock, now);
      await this.deps.db.query('update accounts set failures = $2, locks = $3, locked_until = $4 where id = $1', [row.id, next.failures, next.locks, next.lockedUntil ? new Date(next.lockedUntil) : null]);
      await audit(this.deps.db, { at: now, actor: actorOf(row), action: 'sign-in-failed', detail: { reason: 'password' }, ip });
      const remaining = lockRemaining(next, now);
      if (remaining > 0) throw this.locked(remaining);
      throw new AppError('UNAUTHORIZED', wrong);
    }
    const ok = afterSuccess();
    await this.deps.db.query('update accounts set failures = $2, locks = $3, locked_until = null, last_sign_in = $4 where id = $1', [row.id, ok.failures, ok.locks, new Date(now)]);
    const token = randomBytes(32).toString('base64url');
    await this.deps.db.query('insert into web_sessions (token_hash, account_id, created_at, last_seen) values ($1, $2, $3, $3)', [tokenHash(token), row.id, new Date(now)]);
    await audit(this.deps.db, { at: now, actor: actorOf(row), action: 'sign-in', ip });
    return { token, actor: actorOf(row), mustChange: row.must_change };
  }

  /** The account behind a session token, or UNAUTHORIZED; each use keeps the session alive. */
  async authenticate(token: string | undefined): Promise<Actor & { mustChange: boolean }> {
    if (!token) throw new AppError('UNAUTHORIZED', 'Hãy đăng nhập.');
    const now = this.deps.clock();
    const r = await this.deps.db.query<AccountRow & { created: Date; last_seen: Date }>(
      'select a.*, s.created_at as created, s.last_seen from web_sessions s join accounts a on a.id = s.account_id where s.token_hash = $1',
      [tokenHash(token)],
    );
    const row = r.rows[0];
    if (!row || row.disabled || now - row.last_seen.getTime() > SESSION_IDLE_MS || now - row.created.getTime() > SESSION_MAX_MS) {
      if (row) await this.deps.db.query('delete from web_sessions where token_hash = $1', [tokenHash(token)]);
      throw new AppError('UNAUTHORIZED', 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.');
    }
    if (now - row.last_seen.getTime() > 30_000) await this.deps.db.query('update web_sessions set last_seen = $2 where token_hash = $1', [tokenHash(token), new Date(now)]);
    return { ...actorOf(row), mustChange: row.must_change };
  }

  /** Ends a session. */
  async signOut(token: string, actor: Actor | null): Promise<void> {
    await this.deps.db.query('delete from web_sessions where token_hash = $1', [tokenHash(token)]);
    if (actor) await audit(this.deps.db, { at: this.deps.clock(), actor, action: 'sign-out' });
  }

  /** Changes the actor's own password (required after a one-time password); other sessions end. */
  async changePassword(actor: Actor, current: string, next: string, token: string): Promise<void> {
    const r = await this.deps.db.query<AccountRow>('select * from accounts where id = $1', [actor.accountId]);
    const row = r.rows[0]!;
    if (!(await verifyPin(current, row.password_hash))) throw new AppError('UNAUTHORIZED', 'Mật khẩu hiện tại không đúng.', { fields: { current: 'Mật khẩu hiện tại không đúng.' } });
    const problem = passwordProblem(next, row.username);
    if (problem) throw new AppError('INVALID_INPUT', problem, { fields: { next: problem } });
    if (next === current) throw new AppError('INVALID_INPUT', 'Mật khẩu mới phải khác mật khẩu cũ.', { fields: { next: 'Hãy chọn mật khẩu khác.' } });
    await this.deps.db.query('update accounts set password_hash = $2, must_change = false where id = $1', [row.id, JSON.stringify(await hashPin(next, this.cost))]);
    await this.deps.db.query('delete from web_sessions where account_id = $1 and token_hash <> $2', [row.id, tokenHash(token)]);
    await audit(this.deps.db, { at: this.deps.clock(), actor, action: 'password-change' });
  }

  /** Creates an account with a one-time password, to be changed at first sign-in. */
  async createAccount(actor: Actor, input: z.input<typeof AccountInputSchema>): Promise<{ account: AccountLine; password: string }> {
    requireRole(actor, 'hub-admin');
    const data = this.parseAccount(input);
    const taken = await this.deps.db.query('select 1 from accounts where username = $1', [data.username]);
    if (taken.rows.length) throw new AppError('CONFLICT', `Tên đăng nhập “${data.username}” đã có người dùng.`, { fields: { username: 'Tên đăng nhập đã có.' } });
    const password = randomPassword();
    const id = randomUUID();
    const now = this.deps.clock();
    await this.deps.db.query(
      'insert into accounts (id, username, display_name, role, province_code, commune_code, password_hash, must_change, created_at) values ($1, $2, $3, $4, $5, $6, $7, true, $8)',
      [id, data.username, data.displayName, data.role, data.provinceCode, data.communeCode, JSON.stringify(await hashPin(password, this.cost)), new Date(now)],
    );
    await audit(this.deps.db, { at: now, actor, action: 'account-create', scope: data.communeCode ?? data.provinceCode, detail: { accountId: id, role: data.role } });
    const account = (await this.listAccounts(actor)).find((a) => a.id === id)!;
    return { account, password };
  }

  /** Every account, by name. */
  async listAccounts(actor: Actor): Promise<AccountLine[]> {
    requireRole(actor, 'hub-admin');
    const r = await this.deps.db.query<AccountRow>('select * from accounts');
    return r.rows
      .map((row) => ({
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        provinceCode: row.province_code,
        communeCode: row.commune_code,
        disabled: row.disabled,
        mustChange: row.must_change,
        createdAt: row.created_at.toISOString(),
        lastSignIn: row.last_sign_in?.toISOString() ?? null,
      }))
      .sort((a, b) => VI_COLLATOR.compare(a.displayName, b.displayName));
  }

  /** Locks or unlocks an account (never one's own); locking ends its sessions. */
  async setDisabled(actor: Actor, accountId: string, disabled: boolean): Promise<void> {
    requireRole(actor, 'hub-admin');
    if (accountId === actor.accountId) throw new AppError('INVALID_INPUT', 'Không thể tự khóa tài khoản của mình.');
    const r = await this.deps.db.query('update accounts set disabled = $2 where id = $1', [accountId, disabled]);
    if (r.rowCount === 0) throw new AppError('NOT_FOUND', 'Không có tài khoản này.');
    if (disabled) await this.deps.db.query('delete from web_sessions where account_id = $1', [accountId]);
    await audit(this.deps.db, { at: this.deps.clock(), actor, action: 'account-change', detail: { accountId, disabled } });
  }

  /** Gives an account a new one-time password and clears its lock. */
  async resetPassword(actor: Actor, accountId: string): Promise<string> {
    requireRole(actor, 'hub-admin');
    const password = randomPassword();
    const r = await this.deps.db.query('update accounts set password_hash = $2, must_change = true, failures = 0, locks = 0, locked_until = null where id = $1', [
      accountId,
      JSON.stringify(await hashPin(password, this.cost)),
    ]);
    if (r.rowCount === 0) throw new AppError('NOT_FOUND', 'Không có tài khoản này.');
    await this.deps.db.query('delete from web_sessions where account_id = $1', [accountId]);
    await audit(this.deps.db, { at: this.deps.clock(), actor, action: 'account-change', detail: { accountId, resetPassword: true } });
    return password;
  }

  private parseAccount(input: unknown): { username: string; displayName: string; role: HubRole; provinceCode: string | null; communeCode: string | null } {
    const parsed = AccountInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('INVALID_INPUT', issue?.message ?? 'Thông tin tài khoản chưa hợp lệ.', { fields: { [String(issue?.path[0] ?? 'username')]: issue?.message ?? '' } });
    }
    const d = parsed.data;
    let provinceCode = d.provinceCode ?? null;
    let communeCode = d.communeCode ?? null;
    if (d.role === 'hub-admin') provinceCode = communeCode = null;
    if (d.role === 'province-viewer') {
      communeCode = null;
      if (!provinceCode || !this.deps.geo.listCommunes(provinceCode)) throw new AppError('INVALID_INPUT', 'Chưa chọn tỉnh/thành phố.', { fields: { provinceCode: 'Chưa chọn tỉnh/thành phố.' } });
    }
    if (d.role === 'commune-admin' && (!provinceCode || !communeCode || !this.deps.geo.resolve(provinceCode, communeCode))) {
      throw new AppError('INVALID_INPUT', 'Chưa chọn xã/phường/đặc khu của tài khoản.', { fields: { communeCode: 'Chưa chọn xã/phường/đặc khu.' } });
    }
    return { username: d.username, displayName: d.displayName, role: d.role, provinceCode, communeCode };
  }

  private locked(ms: number): AppError {
    const seconds = Math.ceil(ms / 1000);
    const text = seconds >= 60 ? `${Math.ceil(seconds / 60)} phút` : `${seconds} giây`;
    return new AppError('LOCKED', `Đăng nhập sai nhiều lần. Hãy thử lại sau ${text}.`, { retryAfterSeconds: seconds });
  }
}
