import type { DemoSummary, KioskApi } from '../../../electron/api/types';

/** The demos the kiosk has, by id: titles for session lists and the skill of each demo for the level prefill. */
export async function loadDemoCatalog(api: Pick<KioskApi, 'contentList'>): Promise<Map<string, DemoSummary>> {
  const result = await api.contentList({});
  return new Map(result.ok ? result.value.demos.map((d) => [d.id, d]) : []);
}
