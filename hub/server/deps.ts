import type { GeoDirectory } from '../../electron/services/geo';
import type { Logger } from '../../electron/services/logger';
import type { Db } from './db';

/** What every part of the hub is given by its composition root. */
export interface HubDeps {
  db: Db;
  geo: GeoDirectory;
  log: Logger;
  /** Epoch milliseconds; tests pass a controllable clock. */
  clock: () => number;
  /** The public-key pin of the certificate kiosks see (the hub's own, or its reverse proxy's). */
  pin: string;
  /** The hub's id, name and enrolment salt (kept in hub_settings). */
  identity: { hubId: string; hubName: string; salt: string };
}
