import { randomBytes, randomUUID } from 'node:crypto';
import type { GeoDirectory } from '../../electron/services/geo';
import type { Logger } from '../../electron/services/logger';
import { type PushAck, type PushRequest, type PullReply } from '../../electron/services/sync/protocol';
import { AccountService } from './accounts';
import { refreshDirty } from './aggregates';
import type { Db } from './db';
import type { HubDeps } from './deps';
import { applyPush, type KioskIdentity } from './ingest';
import { migrate } from './migrate';
import { pullFor } from './records';
import { SiteService } from './sites';

/** Options of {@link openHub}. */
export interface HubOptions {
  db: Db;
  geo: GeoDirectory;
  log: Logger;
  migrationsDir: string;
  /** Public-key pin of the certificate kiosks see. */
  pin: string;
  clock?: () => number;
  /** Milliseconds between background refreshes of the dashboard's aggregates (0: none; tests refresh by hand). */
  refreshEveryMs?: number;
  /** scrypt cost for account passwords (tests lower it). */
  passwordCost?: { N: number; r: number; p: number };
}

/** The hub: its parts over one database, and the background work that keeps the aggregates fresh. */
export class Hub {
  readonly sites: SiteService;
  readonly accounts: AccountService;
  private readonly inFlight = new Map<string, number>();
  private refresher: NodeJS.Timeout | null = null;
  private refreshing: Promise<unknown> | null = null;
  private closed = false;

  constructor(readonly deps: HubDeps, private readonly options: HubOptions) {
    this.sites = new SiteService(deps);
    this.accounts = new AccountService(deps, options.passwordCost);
  }

  /** Applies a kiosk's batch (see {@link applyPush}); pulls meanwhile stop short of what it writes. */
  async push(kiosk: KioskIdentity, request: PushRequest): Promise<PushAck> {
    return this.writing(() => applyPush(this.deps.db, this.deps.geo, kiosk, request, this.deps.clock()));
  }

  /** The kiosk's commune's households and erasures changed since `cursor`. */
  async pull(kiosk: KioskIdentity, cursor: number): Promise<PullReply> {
    const safe = Math.min(await this.nextSeq(), ...this.inFlight.values());
    // A kiosk pulls at the end of each sync, after pushing what it had: that is its last sync.
    await this.deps.db.query('update kiosks set last_seen_at = $2, last_sync_at = $2 where id = $1', [kiosk.kioskId, new Date(this.deps.clock())]);
    return pullFor(this.deps.db, kiosk, cursor, safe);
  }

  /**
   * Runs a write that allocates change numbers, noting the sequence's value before it starts:
   * a pull reads only below the oldest such value, so it never steps past a change that commits later.
   */
  async writing<T>(work: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    this.inFlight.set(token, await this.nextSeq());
    try {
      return await work();
    } finally {
      this.inFlight.delete(token);
    }
  }

  /** The change number the next write will get: every change below it is committed or in flight. */
  private async nextSeq(): Promise<number> {
    const seq = await this.deps.db.query<{ last_value: number; is_called: boolean }>('select last_value, is_called from change_seq');
    return Number(seq.rows[0]!.last_value) + (seq.rows[0]!.is_called ? 1 : 0);
  }

  /**
   * Starts refreshing the aggregates in the background. A pass that took long waits four times
   * as long before the next, so while batches pour in the refresh keeps to a fifth of the database.
   */
  start(): void {
    const every = this.options.refreshEveryMs ?? 1000;
    if (every <= 0 || this.refresher) return;
    const tick = () => {
      if (this.closed) return;
      const started = Date.now();
      this.refreshing = refreshDirty(this.deps.db)
        .catch((error: unknown) => this.deps.log.warn('aggregate refresh failed', { error: String(error) }))
        .finally(() => {
          this.refreshing = null;
          if (!this.closed) this.refresher = setTimeout(tick, Math.max(every, 4 * (Date.now() - started)));
        });
    };
    this.refresher = setTimeout(tick, every);
  }

  /** Stops background work and closes the database. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.refresher) clearTimeout(this.refresher);
    await this.refreshing;
    await this.deps.db.close();
  }
}

/** Migrates the database, reads or makes the hub's identity, and builds the hub. */
export async function openHub(options: HubOptions): Promise<Hub> {
  await migrate(options.db, options.migrationsDir);
  const read = async (key: string, make: () => string): Promise<string> => {
    await options.db.query('insert into hub_settings (key, value) values ($1, $2) on conflict (key) do nothing', [key, make()]);
    const r = await options.db.query<{ value: string }>('select value from hub_settings where key = $1', [key]);
    return r.rows[0]!.value;
  };
  const identity = {
    hubId: await read('hub_id', () => randomUUID()),
    hubName: await read('hub_name', () => 'Máy chủ Trạm Kỹ Năng Số'),
    salt: await read('enrol_salt', () => randomBytes(16).toString('hex')),
  };
  const deps: HubDeps = { db: options.db, geo: options.geo, log: options.log, clock: options.clock ?? Date.now, pin: options.pin, identity };
  return new Hub(deps, options);
}
