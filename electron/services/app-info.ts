import type { SettingsStore } from './settings';
import type { ContentCatalog } from './content/loader';
import { probeWritable } from './storage/durable-file';

/** Which shell the app is running in. */
export type Shell = 'electron' | 'browser' | 'cli';

/** What `app:info` reports: version, shell and the health of the data folder. */
export interface AppInfo {
  name: string;
  version: string;
  shell: Shell;
  dataDir: string;
  health: {
    ok: boolean;
    dataWritable: boolean;
    /** Vietnamese sentences for staff, empty when all is well. */
    problems: string[];
  };
  content: { packs: number; rejectedPacks: number; demos: number };
}

/** Gathers `app:info` from the live services. */
export async function readAppInfo(deps: {
  version: string;
  shell: Shell;
  dataDir: string;
  settings: SettingsStore;
  staffProblem: string | null;
  catalog: () => ContentCatalog;
}): Promise<AppInfo> {
  const problems: string[] = [];
  const probe = await probeWritable(deps.dataDir);
  if (!probe.writable) problems.push(probe.reason);
  const settingsProblem = deps.settings.problem();
  if (settingsProblem) problems.push(settingsProblem.message);
  if (deps.staffProblem) problems.push(deps.staffProblem);
  const catalog = deps.catalog();
  const rejected = catalog.packs.filter((p) => !p.ok);
  for (const pack of rejected) problems.push(`Gói nội dung "${pack.folder}" bị từ chối: ${pack.problems.length} lỗi.`);
  return {
    name: 'Trạm Kỹ Năng Số',
    version: deps.version,
    shell: deps.shell,
    dataDir: deps.dataDir,
    health: { ok: problems.length === 0, dataWritable: probe.writable, problems },
    content: { packs: catalog.packs.length, rejectedPacks: rejected.length, demos: catalog.demos.length },
  };
}
