import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDb } from '../../../hub/server/db';
import { migrate } from '../../../hub/server/migrate';
import { startCluster, type TestCluster } from '../../support/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://… of the throwaway cluster every hub test file makes its own database in. */
    pgUrl: string;
    /** A migrated PGlite data folder that hub tests copy (its initdb takes seconds; a copy, a fraction). */
    pgliteTemplate: string;
  }
}

let cluster: TestCluster | null = null;
let template: string | null = null;

/** Starts one throwaway PostgreSQL cluster (initdb + pg_ctl in a temp folder) and makes one migrated PGlite folder, for the whole unit run. */
export async function setup(project: TestProject): Promise<void> {
  cluster = await startCluster({ settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
  project.provide('pgUrl', cluster.url);
  template = mkdtempSync(path.join(os.tmpdir(), 'hub-pglite-template-'));
  const db = await openDb({ dataDir: template });
  await migrate(db, path.resolve('hub/migrations'));
  await db.close();
  project.provide('pgliteTemplate', template);
}

/** Stops the cluster and removes the folders. */
export function teardown(): void {
  cluster?.stop();
  if (template) rmSync(template, { recursive: true, force: true });
}
