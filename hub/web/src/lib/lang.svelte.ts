import { HUB_MESSAGES, type HubLanguage, type HubMessages } from './i18n';

/** Where the browser remembers the chosen language. */
const KEY = 'tkns-hub-lang';

function remembered(): HubLanguage {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** The pages' language: Vietnamese unless this browser chose English before. */
export const lang = $state<{ code: HubLanguage }>({ code: remembered() });

function mark(code: HubLanguage): void {
  if (typeof document !== 'undefined') document.documentElement.lang = code;
}

mark(lang.code);

/** Switches every page to `code` at once, and remembers it for the next visit. */
export function setLanguage(code: HubLanguage): void {
  lang.code = code;
  mark(code);
  try {
    globalThis.localStorage?.setItem(KEY, code);
  } catch {
    // A browser that keeps nothing still switches; the next visit opens in Vietnamese.
  }
}

/** The messages in the current language (read in a template or `$derived`, so a switch re-renders). */
export function t(): HubMessages {
  return HUB_MESSAGES[lang.code];
}

/** A line the page says itself: kept as a function of the messages so it follows a language switch. */
export type Said = string | ((m: HubMessages) => string);

/** The text of a line said by the page or by the server (the server's stays Vietnamese). */
export function say(line: Said | null): string | null {
  return line === null ? null : typeof line === 'string' ? line : line(t());
}

const NUMBERS: Record<HubLanguage, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };

/** "10.000" in Vietnamese, "10,000" in English. */
export function formatNumber(n: number): string {
  return NUMBERS[lang.code].format(n);
}
