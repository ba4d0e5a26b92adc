import path from 'node:path';
import type { Logger } from './logger';
import { SettingsStore } from './settings';
import { loadContent, type ContentCatalog } from './content/loader';
import { NarrationRecordings } from './content/recordings';
import type { AppPaths } from './paths';
import type { Shell } from './app-info';
import { GeoDirectory } from './geo';
import { StaffService } from './staff/staff-service';
import { UsageService } from './usage/usage-service';
import { RecordsService } from './records/records-service';
import { loadConsentTexts, type ConsentCatalog } from './records/consent';
import { PrintService, type Spooler } from './printing/print-service';
import { SyncService } from './sync/sync-service';

/** What the composition root hands to the services. */
export interface ServiceDeps {
  dataDir: string;
  paths: AppPaths;
  shell: Shell;
  version: string;
  log: Logger;
  /** Epoch milliseconds; tests may pass a controllable clock. */
  clock?: () => number;
  /** Ends the app (the Electron kiosk); absent where the shell cannot quit itself. */
  quit?: () => void;
  /** Prints through the operating system's spooler (the Electron shell only). */
  spool?: Spooler;
  /** Opens or closes the microphone to the app's page (the Electron shell only; a browser asks its user itself). */
  microphone?: (open: boolean) => void;
}

/** The live services one process shares between its transports. */
export interface Services {
  deps: ServiceDeps;
  settings: SettingsStore;
  staff: StaffService;
  geo: GeoDirectory;
  usage: UsageService;
  /** Households, people, assistance sessions, the goal figures, exports and backups. */
  records: RecordsService;
  /** The consent texts (the newest is the one shown to citizens). */
  consent: ConsentCatalog;
  printing: PrintService;
  /** Pushes the records to the hub the kiosk is enrolled with, and pulls the commune's households. */
  sync: SyncService;
  /** The content loaded at start (or at the last reload). */
  catalog(): ContentCatalog;
  /** Re-reads every content pack. */
  reloadContent(): Promise<ContentCatalog>;
  /** The narration this kiosk records, step by step, into its own narration pack. */
  narration: NarrationRecordings;
  /** Lets queued writes and a job on its way to the printer finish, then releases the data folder. */
  close(): Promise<void>;
}

/** Builds and loads the services over one data folder. */
export async function createServices(deps: ServiceDeps): Promise<Services> {
  const clock = deps.clock ?? Date.now;
  const settings = new SettingsStore(deps.dataDir, deps.log, () => new Date(clock()));
  await settings.load();
  const staff = new StaffService(deps.dataDir, deps.log, clock);
  await staff.open();
  const geo = new GeoDirectory(deps.paths.resourcesDir);
  const consent = loadConsentTexts(deps.paths.resourcesDir);
  const records = new RecordsService({ dataDir: deps.dataDir, geo, log: deps.log, clock, consentVersions: consent.versions });
  await records.open();
  const usage = new UsageService(deps.dataDir, deps.log, () => new Date(clock()));
  await usage.open();
  const roots = { builtIn: deps.paths.contentDir, data: path.join(deps.dataDir, 'content') };
  let catalog = await loadContent(roots, settings.get().recordingPackId);
  for (const pack of catalog.packs.filter((p) => !p.ok)) {
    deps.log.warn('content pack rejected', { pack: pack.folder, problems: pack.problems.length });
  }
  const printing = new PrintService(deps.dataDir, {
    settings,
    catalog: () => catalog,
    fontsDir: deps.paths.fontsDir,
    log: deps.log,
    clock,
    ...(deps.spool ? { spool: deps.spool } : {}),
  });
  // Only the kiosk itself sends jobs: a command-line run beside it must not touch its queue.
  if (deps.shell !== 'cli') await printing.open();
  // Only the kiosk syncs by itself; the command line syncs when asked (sync now).
  const sync = new SyncService({ dataDir: deps.dataDir, records, geo, log: deps.log, appVersion: deps.version, clock, auto: deps.shell !== 'cli' });
  await sync.open();
  const narration = new NarrationRecordings({
    dataDir: deps.dataDir,
    settings,
    log: deps.log,
    clock,
    catalog: () => catalog,
    replaceCatalog: (next) => (catalog = next),
  });
  return {
    deps,
    settings,
    staff,
    geo,
    usage,
    records,
    consent,
    printing,
    sync,
    catalog: () => catalog,
    reloadContent: async () => {
      catalog = await loadContent(roots, settings.get().recordingPackId);
      return catalog;
    },
    narration,
    close: async () => {
      await sync.close();
      await printing.queue.close();
      await records.close();
    },
  };
}
