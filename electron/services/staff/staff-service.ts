import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from '../zod';
import { AppError } from '../../api/result';
import type { Logger } from '../logger';
import { DocumentStore } from '../storage/document-store';
import { afterFailure, afterSuccess, ATTEMPTS_BEFORE_LOCK, lockRemaining, UNLOCKED } from './lockout';
import { DEFAULT_PIN_COST, hashPin, pinProblem, randomPin, verifyPin } from './pin';

/** Staff roles: admins change settings and staff; members record citizens. */
export const STAFF_ROLES = ['admin', 'member'] as const;
/** One of {@link STAFF_ROLES}. */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Staff mode signs out after this long without a staff action. */
export const STAFF_IDLE_MS = 2 * 60_000;

/** A staff member's name: trimmed, NFC, 1–80 characters. */
export const StaffNameSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
  .pipe(z.string().min(1, 'Chưa nhập tên.').max(80, 'Tên dài quá 80 ký tự.'));

const PinHashSchema = z.object({
  algo: z.literal('scrypt'),
  N: z.number().int().min(1024),
  r: z.number().int().min(1),
  p: z.number().int().min(1),
  keyLength: z.number().int().min(16),
  salt: z.string().min(8),
  hash: z.string().min(8),
});

const AccountSchema = z.object({
  id: z.string().uuid(),
  name: z.string().min(1).max(80),
  role: z.enum(STAFF_ROLES),
  pin: PinHashSchema,
  mustChangePin: z.boolean(),
  disabled: z.boolean(),
  lockout: z.object({ failures: z.number().int().min(0), locks: z.number().int().min(0), lockedUntil: z.number().min(0) }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const StaffFileSchema = z.object({
  schemaVersion: z.literal(1),
  /** scrypt cost for new PINs, calibrated for this machine at setup. */
  pinCost: z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int() }),
  accounts: z.array(AccountSchema),
});

type Account = z.infer<typeof AccountSchema>;
type StaffFile = z.infer<typeof StaffFileSchema>;

/** What the sign-in screen may show about a staff member. */
export interface StaffSummary {
  id: string;
  name: string;
  role: StaffRole;
}

/** A signed-in staff member, as handlers see them. */
export interface StaffIdentity extends StaffSummary {
  session: string;
}

/** Staff details for the admin screen. */
export interface StaffDetails extends StaffSummary {
  disabled: boolean;
  mustChangePin: boolean;
  locked: boolean;
}

interface Session {
  staffId: string;
  role: StaffRole;
  lastSeen: number;
}

/** Staff accounts, PINs, lockout and sign-in sessions. */
export class StaffService {
  private readonly store: DocumentStore<StaffFile>;
  private readonly sessions = new Map<string, Session>();
  private readonly signInQueues = new Map<string, Promise<unknown>>();

  constructor(
    dataDir: string,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {
    this.store = new DocumentStore(
      path.join(dataDir, 'staff.json'),
      StaffFileSchema,
      () => ({ schemaVersion: 1, pinCost: { ...DEFAULT_PIN_COST }, accounts: [] }),
      log,
      () => new Date(this.clock()),
    );
  }

  /** Loads the staff file. */
  async open(): Promise<void> {
    await this.store.open();
  }

  /** A problem met loading the staff file, or null. */
  problem(): string | null {
    return this.store.problem();
  }

  /** True when at least one active admin exists. */
  hasActiveAdmin(): boolean {
    return this.store.data.accounts.some((a) => a.role === 'admin' && !a.disabled);
  }

  /** Sets the scrypt cost for PINs made from now on. */
  async setPinCost(cost: { N: number; r: number; p: number }): Promise<void> {
    await this.store.update((d) => {
      d.pinCost = cost;
    });
  }

  /** Active staff for the sign-in screen, sorted the Vietnamese way. */
  listActive(): StaffSummary[] {
    return this.store.data.accounts
      .filter((a) => !a.disabled)
      .map(({ id, name, role }) => ({ id, name, role }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /** Every account with its state, for admins and the CLI. */
  listAll(): StaffDetails[] {
    const now = this.clock();
    return this.store.data.accounts
      .map((a) => ({ id: a.id, name: a.name, role: a.role, disabled: a.disabled, mustChangePin: a.mustChangePin, locked: lockRemaining(a.lockout, now) > 0 }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /** Adds a staff member; refuses trivial PINs and duplicate names. */
  async addAccount(input: { name: string; role: StaffRole; pin: string }): Promise<StaffSummary> {
    const name = StaffNameSchema.parse(input.name);
    const problem = pinProblem(input.pin);
    if (problem) throw new AppError('INVALID_INPUT', problem, { fields: { pin: problem } });
    if (this.findByName(name)) {
      throw new AppError('CONFLICT', `Đã có cán bộ tên "${name}".`, { fields: { name: 'Tên này đã có trong danh sách.' } });
    }
    const pin = await hashPin(input.pin, this.store.data.pinCost);
    const stamp = new Date(this.clock()).toISOString();
    const account: Account = {
      id: randomUUID(),
      name,
      role: input.role,
      pin,
      mustChangePin: false,
      disabled: false,
      lockout: { ...UNLOCKED },
      createdAt: stamp,
      updatedAt: stamp,
    };
    await this.store.update((d) => {
      d.accounts.push(account);
    });
    this.log.info('staff account added', { id: account.id, role: account.role });
    return { id: account.id, name: account.name, role: account.role };
  }

  /**
   * Checks a PIN. Wrong PINs are counted durably before answering, so killing the app
   * mid-guess does not reset the count; sign-ins for one account run one at a time.
   */
  signIn(staffId: string, pin: string): Promise<{ staff: StaffIdentity; mustChangePin: boolean }> {
    const previous = this.signInQueues.get(staffId) ?? Promise.resolve();
    const attempt = previous.catch(() => undefined).then(() => this.signInNow(staffId, pin));
    this.signInQueues.set(staffId, attempt.catch(() => undefined));
    return attempt;
  }

  private async signInNow(staffId: string, pin: string): Promise<{ staff: StaffIdentity; mustChangePin: boolean }> {
    const account = this.store.data.accounts.find((a) => a.id === staffId && !a.disabled);
    if (!account) throw new AppError('NOT_FOUND', 'Không tìm thấy cán bộ này, hoặc tài khoản đã bị tắt.');
    const waitMs = lockRemaining(account.lockout, this.clock());
    if (waitMs > 0) throw lockedError(waitMs);
    const right = /^\d{6}$/.test(pin) && (await verifyPin(pin, account.pin));
    const now = this.clock();
    if (!right) {
      const next = afterFailure(account.lockout, now);
      await this.store.update((d) => {
        const a = d.accounts.find((x) => x.id === staffId);
        if (a) a.lockout = next;
      });
      this.log.warn('wrong staff PIN', { staffId, failures: next.failures, locked: next.lockedUntil > now });
      if (next.lockedUntil > now) throw lockedError(next.lockedUntil - now, true);
      const left = ATTEMPTS_BEFORE_LOCK - next.failures;
      throw new AppError('UNAUTHORIZED', `Mã PIN chưa đúng. Còn ${left} lần thử trước khi tạm khóa.`, { fields: { pin: 'Mã PIN chưa đúng.' } });
    }
    if (account.lockout.failures !== 0 || account.lockout.locks !== 0) {
      await this.store.update((d) => {
        const a = d.accounts.find((x) => x.id === staffId);
        if (a) a.lockout = afterSuccess();
      });
    }
    const session = randomBytes(24).toString('base64url');
    this.sessions.set(session, { staffId, role: account.role, lastSeen: now });
    this.log.info('staff signed in', { staffId });
    return { staff: { id: account.id, name: account.name, role: account.role, session }, mustChangePin: account.mustChangePin };
  }

  /** Ends a session (no error if it already ended). */
  signOut(session: string): void {
    this.sessions.delete(session);
  }

  /** Ends every session, e.g. when the kiosk resets after idling. */
  signOutAll(): void {
    this.sessions.clear();
  }

  /** The staff member behind a live session with at least `needed` rights; refreshes its idle timer. */
  authorize(session: string | undefined, needed: StaffRole): StaffIdentity {
    const now = this.clock();
    const found = session ? this.sessions.get(session) : undefined;
    if (!session || !found || now - found.lastSeen > STAFF_IDLE_MS) {
      if (session) this.sessions.delete(session);
      throw new AppError('UNAUTHORIZED', 'Phiên làm việc của cán bộ đã hết. Xin đăng nhập lại.');
    }
    const account = this.store.data.accounts.find((a) => a.id === found.staffId && !a.disabled);
    if (!account) {
      this.sessions.delete(session);
      throw new AppError('UNAUTHORIZED', 'Tài khoản cán bộ này đã bị tắt.');
    }
    if (needed === 'admin' && account.role !== 'admin') {
      throw new AppError('FORBIDDEN', 'Chỉ quản trị viên mới làm được việc này.');
    }
    found.lastSeen = now;
    return { id: account.id, name: account.name, role: account.role, session };
  }

  /** Changes one's own PIN after checking the current one. */
  async changePin(staffId: string, currentPin: string, newPin: string): Promise<void> {
    const account = this.mustFind(staffId);
    if (!(await verifyPin(currentPin, account.pin))) {
      throw new AppError('UNAUTHORIZED', 'Mã PIN hiện tại chưa đúng.', { fields: { currentPin: 'Mã PIN hiện tại chưa đúng.' } });
    }
    const problem = pinProblem(newPin);
    if (problem) throw new AppError('INVALID_INPUT', problem, { fields: { newPin: problem } });
    if (newPin === currentPin) throw new AppError('INVALID_INPUT', 'Mã PIN mới phải khác mã cũ.', { fields: { newPin: 'Mã PIN mới phải khác mã cũ.' } });
    const pin = await hashPin(newPin, this.store.data.pinCost);
    await this.store.update((d) => {
      const a = d.accounts.find((x) => x.id === staffId)!;
      a.pin = pin;
      a.mustChangePin = false;
      a.updatedAt = new Date(this.clock()).toISOString();
    });
  }

  /** Gives an account a one-time PIN that must be changed at next sign-in; clears its lock. */
  async resetPin(staffId: string): Promise<{ oneTimePin: string; name: string }> {
    const account = this.mustFind(staffId);
    const oneTimePin = randomPin();
    const pin = await hashPin(oneTimePin, this.store.data.pinCost);
    await this.store.update((d) => {
      const a = d.accounts.find((x) => x.id === staffId)!;
      a.pin = pin;
      a.mustChangePin = true;
      a.lockout = { ...UNLOCKED };
      a.updatedAt = new Date(this.clock()).toISOString();
    });
    this.dropSessionsOf(staffId);
    this.log.info('staff PIN reset', { staffId });
    return { oneTimePin, name: account.name };
  }

  /** Turns an account off or on again; the last active admin cannot be turned off. */
  async setDisabled(staffId: string, disabled: boolean): Promise<void> {
    const account = this.mustFind(staffId);
    if (disabled && account.role === 'admin' && this.store.data.accounts.filter((a) => a.role === 'admin' && !a.disabled).length <= 1) {
      throw new AppError('CONFLICT', 'Không thể tắt quản trị viên cuối cùng. Hãy thêm một quản trị viên khác trước.');
    }
    await this.store.update((d) => {
      const a = d.accounts.find((x) => x.id === staffId)!;
      a.disabled = disabled;
      a.updatedAt = new Date(this.clock()).toISOString();
    });
    if (disabled) this.dropSessionsOf(staffId);
  }

  /** Finds an account by name, ignoring case and accents. */
  findByName(name: string): StaffSummary | null {
    const key = foldName(name);
    const a = this.store.data.accounts.find((x) => foldName(x.name) === key);
    return a ? { id: a.id, name: a.name, role: a.role } : null;
  }

  private mustFind(staffId: string): Account {
    const account = this.store.data.accounts.find((a) => a.id === staffId);
    if (!account) throw new AppError('NOT_FOUND', 'Không tìm thấy cán bộ này.');
    return account;
  }

  private dropSessionsOf(staffId: string): void {
    for (const [token, s] of this.sessions) if (s.staffId === staffId) this.sessions.delete(token);
  }
}

function lockedError(waitMs: number, justLocked = false): AppError {
  const seconds = Math.ceil(waitMs / 1000);
  const wait = seconds >= 60 ? `${Math.ceil(seconds / 60)} phút` : `${seconds} giây`;
  const message = justLocked
    ? `Nhập sai mã PIN ${ATTEMPTS_BEFORE_LOCK} lần. Tài khoản tạm khóa, xin thử lại sau ${wait}.`
    : `Tài khoản đang tạm khóa vì nhập sai nhiều lần. Xin thử lại sau ${wait}.`;
  return new AppError('LOCKED', message, { retryAfterSeconds: seconds });
}

/** Lower-case, accent-free form of a name for comparisons ("Đỗ Thị Hòa" = "do thi hoa"). */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
