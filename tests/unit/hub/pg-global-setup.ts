import type { TestProject } from 'vitest/node';
import { startCluster, type TestCluster } from '../../support/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://… of the throwaway cluster every hub test file makes its own database in. */
    pgUrl: string;
  }
}

let cluster: TestCluster | null = null;

/** Starts one throwaway PostgreSQL cluster (initdb + pg_ctl in a temp folder) for the whole unit run. */
export async function setup(project: TestProject): Promise<void> {
  cluster = await startCluster({ settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
  project.provide('pgUrl', cluster.url);
}

/** Stops the cluster and removes its folder. */
export function teardown(): void {
  cluster?.stop();
}
