import type { Scope } from '../../../server/dashboard';
import { t } from './lang.svelte';

/** "10.000" in Vietnamese, "10,000" in English. */
export { formatNumber } from './lang.svelte';

/** The dashboard's address for a scope: /?tinh=01&xa=00004&thon=… */
export function scopeHref(scope: Scope): string {
  if (scope.level === 'country') return '/?toan-bo=1';
  const query = new URLSearchParams({ tinh: scope.provinceCode });
  if (scope.level !== 'province') query.set('xa', scope.communeCode);
  if (scope.level === 'hamlet') query.set('thon', scope.hamletKey);
  return `/?${query.toString()}`;
}

/** The scope a dashboard address asks for, or null for the account's own home. */
export function scopeFromQuery(search: string): Scope | null {
  const query = new URLSearchParams(search);
  const provinceCode = query.get('tinh');
  const communeCode = query.get('xa');
  const hamletKey = query.get('thon');
  if (query.get('toan-bo')) return { level: 'country' };
  if (!provinceCode) return null;
  if (!communeCode) return { level: 'province', provinceCode };
  if (!hamletKey) return { level: 'commune', provinceCode, communeCode };
  return { level: 'hamlet', provinceCode, communeCode, hamletKey };
}

/** How long ago, in words: "5 phút trước", "3 ngày trước" ("5 minutes ago" in English). */
export function ago(iso: string, now = Date.now()): string {
  const words = t().time;
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return words.justNow;
  if (minutes < 60) return words.minutesAgo(minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return words.hoursAgo(hours);
  return words.daysAgo(Math.round(hours / 24));
}

/** A kiosk's clock skew in words when it matters (over 5 minutes), else null. */
export function skewText(ms: number | null): string | null {
  if (ms === null || Math.abs(ms) < 5 * 60_000) return null;
  const words = t().time;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const amount = minutes < 120 ? words.minutes(minutes) : words.hours(Math.round(minutes / 60));
  return ms > 0 ? words.clockFast(amount) : words.clockSlow(amount);
}

/** One parameter of a page's query string. */
export function queryParam(search: string, name: string): string | null {
  return new URLSearchParams(search).get(name);
}
