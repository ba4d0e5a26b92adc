// Pure helpers for the export/import/backup screen: refused-import messages, sizes, dates, file bytes.
import type { ApiError, ImportSummary } from '../../../electron/api/types';
import type { Language } from '../lib/i18n';

/** One line of a refused import: its spreadsheet row when known, and the message as the core wrote it. */
export interface ImportProblem {
  row: number | null;
  text: string;
}

/**
 * The per-row messages of a refused import, in row order. The core puts them in `fields` keyed
 * `dong_7` (row 7), `loi_1` (no row) and `loi_khac` (the count of messages not listed); the
 * texts already begin "Dòng 7: …".
 */
export function importProblems(error: ApiError): ImportProblem[] {
  const problems: ImportProblem[] = [];
  let rest: ImportProblem | null = null;
  for (const [key, text] of Object.entries(error.fields ?? {})) {
    const row = /^dong_(\d+)$/.exec(key)?.[1];
    if (key === 'loi_khac') rest = { row: null, text };
    else problems.push({ row: row === undefined ? null : Number(row), text });
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  if (rest) problems.push(rest);
  return problems;
}

/** The first line of a refusal: the core's summary without the sample rows it repeats below. */
export function refusalHeadline(error: ApiError): string {
  return error.message.split('\n')[0] ?? error.message;
}

/** Whether an import changed nothing at all (the same file twice). */
export function importChangedNothing(summary: ImportSummary): boolean {
  const kinds = [summary.households, summary.people, summary.sessions];
  return kinds.every((k) => k.added === 0 && k.updated === 0) && summary.deletions.applied === 0;
}

/** "12,3 KB" / "1,2 MB" (Vietnamese decimal comma), or "850 byte". */
export function formatBytes(bytes: number, language: Language): string {
  const format = (n: number) => new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${format(bytes)} ${language === 'vi' ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes / (1024 * 1024))} MB`;
}

/** "29/11/2026 14:05" in Vietnam time, as staff read dates. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

/** Base64 text as bytes. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
