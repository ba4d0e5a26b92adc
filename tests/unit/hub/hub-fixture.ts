import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { GeoDirectory } from '../../../electron/services/geo';
import { createMemoryLogger } from '../../../electron/services/logger';
import { makeCommuneRecords } from '../../support/hub-records';
import { openDb, type Db } from '../../../hub/server/db';
import { openHub, type Hub } from '../../../hub/server/hub';
import { migrate } from '../../../hub/server/migrate';

/** The two databases every hub test runs on. */
export const DB_KINDS = ['pg', 'pglite'] as const;

export const geo = new GeoDirectory(path.resolve('resources'));
const province = geo.listProvinces()[0]!;
/** Three communes of the first province, and one of the second. */
export const PLACES = {
  provinceCode: province.code,
  communes: geo.listCommunes(province.code)!.slice(0, 3).map((c) => c.code),
  otherProvince: geo.listProvinces()[1]!.code,
  otherCommune: geo.listCommunes(geo.listProvinces()[1]!.code)![0]!.code,
};

/** A test pin, as if of the hub's certificate. */
export const TEST_PIN = 'dGVzdC1waW4tb2YtdGhlLWh1Yi1jZXJ0aWZpY2F0ZQ==';

let counter = 0;
const templates = new Map<string, Promise<string>>();

/** A migrated database to copy (a PGlite folder, or a PostgreSQL template database), made once per test worker. */
function template(kind: (typeof DB_KINDS)[number]): Promise<string> {
  let made = templates.get(kind);
  if (!made) {
    made = (async () => {
      if (kind === 'pglite') return inject('pgliteTemplate');
      const name = `hub_template_${process.pid}`;
      await adminQuery(`drop database if exists ${name}`);
      await adminQuery(`create database ${name}`);
      const db = await openDb({ url: inject('pgUrl').replace(/\/postgres$/, `/${name}`), dataDir: os.tmpdir(), poolSize: 1 });
      await migrate(db, MIGRATIONS);
      await db.close();
      return name;
    })();
    templates.set(kind, made);
  }
  return made;
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('pgUrl') });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** Where the hub's migrations are. */
export const MIGRATIONS = path.resolve('hub/migrations');

/** Opens a fresh, migrated database of the given kind: a copy of the worker's template (its own database in the test cluster, or a PGlite folder). */
export async function freshDb(kind: (typeof DB_KINDS)[number]): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  const source = await template(kind);
  if (kind === 'pglite') {
    cpSync(source, dir, { recursive: true });
    // The template is a data folder with a pglite/ inside, as openDb expects.
    const db = await openDb({ dataDir: dir });
    return { db, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `hub_${process.pid}_${++counter}`;
  await adminQuery(`create database ${name} template ${source}`);
  const db = await openDb({ url: inject('pgUrl').replace(/\/postgres$/, `/${name}`), dataDir: dir, poolSize: 4 });
  return {
    db,
    cleanup: async () => {
      rmSync(dir, { recursive: true, force: true });
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A hub on a fresh database with a clock tests move by hand. */
export async function freshHub(kind: (typeof DB_KINDS)[number], start = Date.parse('2026-11-20T03:00:00Z')): Promise<{ hub: Hub; clock: { now: number }; close: () => Promise<void> }> {
  const { db, cleanup } = await freshDb(kind);
  const clock = { now: start };
  const hub = await openHub({
    db,
    geo,
    log: createMemoryLogger(),
    migrationsDir: MIGRATIONS,
    pin: TEST_PIN,
    clock: () => clock.now,
    refreshEveryMs: 0,
    passwordCost: { N: 2 ** 10, r: 8, p: 1 },
  });
  return {
    hub,
    clock,
    close: async () => {
      await hub.close();
      await cleanup();
    },
  };
}

/** Households, people and sessions of one commune (of the first province unless told), made up deterministically from `seed`. */
export const makeRecords = (options: Omit<Parameters<typeof makeCommuneRecords>[0], 'provinceCode'> & { provinceCode?: string }) =>
  makeCommuneRecords({ ...options, provinceCode: options.provinceCode ?? PLACES.provinceCode });
