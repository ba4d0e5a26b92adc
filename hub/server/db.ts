import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The rows of one statement, whichever driver ran it. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** What the hub needs from PostgreSQL: parameterised statements ($1, $2 …) and transactions. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A database the hub runs on: a real PostgreSQL server through `pg`, or PGlite in a data folder. */
export interface Db extends Sql {
  /** `pg` for a server, `pglite` for the embedded default. */
  readonly kind: 'pg' | 'pglite';
  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Opens the hub's database: `url` (postgres://…) for a server, else PGlite in `dataDir`. */
export async function openDb(options: { url?: string | undefined; dataDir: string; poolSize?: number }): Promise<Db> {
  if (options.url) return openPg(options.url, options.poolSize ?? 8);
  return openPglite(path.join(options.dataDir, 'pglite'));
}

async function openPg(url: string, poolSize: number): Promise<Db> {
  const pg = await import('pg');
  const { Pool, types } = pg.default;
  // bigint counts as numbers (no figure here comes near 2^53); dates as Date, as PGlite gives them.
  types.setTypeParser(20, (v: string) => Number(v));
  const pool = new Pool({ connectionString: url, max: poolSize, application_name: 'tram-ky-nang-so-hub' });
  // An idle client that loses its server must not crash the hub; the next query reconnects.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  client.release();
  return {
    kind: 'pg',
    async query<T>(text: string, params?: readonly unknown[]) {
      const result = await pool.query(text, params as unknown[] | undefined);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    },
    async exec(script: string) {
      await pool.query(script);
    },
    async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      const conn = await pool.connect();
      try {
        await conn.query('begin');
        const tx: Sql = {
          async query<R>(text: string, params?: readonly unknown[]) {
            const result = await conn.query(text, params as unknown[] | undefined);
            return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
          },
          async exec(script: string) {
            await conn.query(script);
          },
        };
        const value = await work(tx);
        await conn.query('commit');
        return value;
      } catch (error) {
        await conn.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dir: string): Promise<Db> {
  await fs.mkdir(dir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dir);
  // PGlite is one connection: statements outside a transaction must wait for one in progress.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const wrap = async <T>(result: Promise<{ rows: unknown[]; affectedRows?: number }>) => {
    const r = await result;
    return { rows: r.rows as T[], rowCount: r.affectedRows ?? r.rows.length };
  };
  return {
    kind: 'pglite',
    query<T>(text: string, params?: readonly unknown[]) {
      return serial(() => wrap<T>(db.query(text, params as unknown[] | undefined)));
    },
    exec(script: string) {
      return serial(async () => {
        await db.exec(script);
      });
    },
    transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      return serial(() =>
        db.transaction(async (t) => {
          const tx: Sql = {
            query: <R>(text: string, params?: readonly unknown[]) => wrap<R>(t.query(text, params as unknown[] | undefined)),
            exec: async (script: string) => {
              await t.exec(script);
            },
          };
          return work(tx);
        }),
      );
    },
    close: () => serial(() => db.close()),
  };
}
