import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../electron/api/result';
import { formatCsv } from '../../electron/services/records/csv';
import { exportCsv } from '../../electron/services/records/exchange';
import { SUMMARY_HEADERS, exportXlsx, type ReportSource } from '../../electron/services/records/xlsx';
import { vnDate } from '../../electron/services/records/time';
import { canSeeNames, type Actor } from './actor';
import { refreshAll, refreshDirty } from './aggregates';
import { audit } from './audit';
import { dashboardView, type Scope } from './dashboard';
import type { Hub } from './hub';
import { communeReport } from './records';

/** A report file ready to send to the browser. */
export interface ReportFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

/** Report formats, as at the kiosk. */
export const REPORT_FORMATS = ['xlsx', 'csv'] as const;

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** The figures of an area from the aggregates, as a report source without names. */
async function figures(hub: Hub, scope: Exclude<Scope, { level: 'hamlet' }>): Promise<ReportSource> {
  const view = await dashboardView(hub.deps.db, hub.deps.geo, scope);
  const where = scope.level === 'country' ? 'true' : scope.level === 'province' ? 'province_code = $1' : 'commune_code = $1';
  const params = scope.level === 'country' ? [] : [scope.level === 'province' ? scope.provinceCode : scope.communeCode];
  const rows = await hub.deps.db.query<{ hamlet: string; province_code: string; commune_code: string; households: number; meeting_goal: number; people: number }>(
    `select hamlet, province_code, commune_code, households, meeting_goal, people from agg_hamlet where ${where} order by commune_code, hamlet`,
    params,
  );
  return {
    stats: {
      byHamlet: rows.rows.map((r) => ({ hamlet: r.hamlet, provinceCode: r.province_code, communeCode: r.commune_code, households: r.households, meetingGoal: r.meeting_goal, people: r.people })),
      households: view.totals.households,
      householdsMeetingGoal: view.totals.householdsMeetingGoal,
      people: view.totals.people,
      skillCoverage: view.totals.skillCoverage,
    },
    people: null,
  };
}

/**
 * The same .xlsx or .csv report as the kiosk's, for a commune, a province or the whole hub: with
 * the list of people only for the commune's own admins, figures by hamlet for everyone else.
 * Every export is written to the audit log.
 */
export async function makeReport(hub: Hub, actor: Actor, scope: Scope, format: (typeof REPORT_FORMATS)[number], ip: string | null): Promise<ReportFile> {
  if (scope.level === 'hamlet') throw new AppError('INVALID_INPUT', 'Báo cáo được xuất theo xã, theo tỉnh hoặc toàn bộ.');
  const names = scope.level === 'commune' && canSeeNames(actor, scope.communeCode);
  // A report is what arrived up to now: fold in what the background refresh has not reached yet.
  if (scope.level === 'commune') await refreshDirty(hub.deps.db, { hamlets: 10_000, communes: 1 }, { communeCode: scope.communeCode });
  else await refreshAll(hub.deps.db);
  const now = hub.deps.clock();
  const area = scope.level === 'country' ? 'toan-bo' : scope.level === 'province' ? `tinh-${scope.provinceCode}` : `xa-${scope.communeCode}`;
  const fileName = `bao-cao-${area}-${vnDate(now)}.${format}`;
  const place =
    scope.level === 'country'
      ? 'Toàn bộ các địa bàn'
      : scope.level === 'province'
        ? (hub.deps.geo.listProvinces().find((p) => p.code === scope.provinceCode)?.name ?? scope.provinceCode)
        : (hub.deps.geo.resolve(scope.provinceCode, scope.communeCode)?.commune ?? scope.communeCode);
  let bytes: Buffer;
  let people = 0;
  if (format === 'csv' && names && scope.level === 'commune') {
    const report = await communeReport(hub.deps.db, scope.communeCode);
    bytes = Buffer.from(exportCsv(report.state, hub.deps.geo));
    people = report.state.people.size;
  } else if (format === 'csv') {
    const source = await figures(hub, scope);
    const rows: string[][] = [[...SUMMARY_HEADERS]];
    for (const h of source.stats.byHamlet) {
      rows.push([h.hamlet, hub.deps.geo.resolve(h.provinceCode, h.communeCode)?.commune ?? h.communeCode, String(h.households), String(h.meetingGoal), String(ratio(h.meetingGoal, h.households)), String(h.people)]);
    }
    rows.push(['Tổng cộng', '', String(source.stats.households), String(source.stats.householdsMeetingGoal), String(ratio(source.stats.householdsMeetingGoal, source.stats.households)), String(source.stats.people)]);
    bytes = Buffer.from(`\ufeff${formatCsv(rows)}`);
  } else {
    const source = names && scope.level === 'commune' ? await communeReport(hub.deps.db, scope.communeCode) : await figures(hub, scope);
    const temp = path.join(os.tmpdir(), `tkns-hub-${randomBytes(6).toString('hex')}.xlsx`);
    try {
      people = (await exportXlsx(source, hub.deps.geo, temp, { siteName: place, now: new Date(now) })).people;
      bytes = await fs.readFile(temp);
    } finally {
      await fs.rm(temp, { force: true });
    }
  }
  await audit(hub.deps.db, { at: now, actor, action: 'export', scope: area, detail: { format, names, people }, ip });
  return { fileName, mimeType: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8', bytes };
}
