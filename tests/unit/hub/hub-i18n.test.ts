import { describe, expect, it } from 'vitest';
import { HUB_LANGUAGES, HUB_MESSAGES } from '../../../hub/web/src/lib/i18n';
import { HUB_ROLE_LABELS, HUB_ROLE_LABELS_EN, HUB_ROLES } from '../../../hub/shared/roles';

/** Vietnamese letters with diacritics (and đ/Đ): none may be left in an English string. */
const VIETNAMESE = /[à-ỹđĐ]/;

/** Proper names the English pages keep in Vietnamese: a sample citizen's name and a hamlet's name in placeholders. */
const PROPER_NAMES = ['Nguyễn Thị Lan', 'Đông'];

/** Every string of a tree, by its dotted path (functions called with sample values). */
function strings(tree: unknown, at = ''): [string, string][] {
  if (typeof tree === 'string') return [[at, tree]];
  if (typeof tree === 'function') {
    // Sample values: once as text (as the pages pass formatted figures and names), once as numbers (counts).
    const fn = tree as (...a: unknown[]) => unknown;
    const asText = String(fn(...Array.from({ length: fn.length }, (_, i) => `${i + 3}`)));
    const asNumber = String(fn(...Array.from({ length: fn.length }, (_, i) => i + 1)));
    return [
      [`${at}()`, asText],
      [`${at}(n)`, asNumber],
    ];
  }
  if (tree && typeof tree === 'object') return Object.entries(tree).flatMap(([key, value]) => strings(value, at ? `${at}.${key}` : key));
  throw new Error(`${at}: neither a string, a function nor a group`);
}

/** The shape of a tree: every key path, functions as leaves. */
function shape(tree: unknown, at = ''): string[] {
  if (tree && typeof tree === 'object') return Object.entries(tree).flatMap(([key, value]) => shape(value, at ? `${at}.${key}` : key));
  return [`${at}:${typeof tree === 'function' ? `fn/${(tree as () => unknown).length}` : typeof tree}`];
}

describe('hub page messages', () => {
  const vi = strings(HUB_MESSAGES.vi);
  const en = strings(HUB_MESSAGES.en);

  it('has the same keys, in both languages, all the way down (functions taking as many values)', () => {
    expect(shape(HUB_MESSAGES.en).sort()).toEqual(shape(HUB_MESSAGES.vi).sort());
    expect(vi.length).toBeGreaterThan(200);
  });

  it('has no empty string and every string is NFC', () => {
    for (const [where, text] of [...vi, ...en]) {
      expect(text.trim(), where).not.toBe('');
      expect(text === text.normalize('NFC'), `${where} is not NFC: ${text}`).toBe(true);
    }
  });

  it('keeps Vietnamese letters out of English, except the proper names listed', () => {
    for (const [where, text] of en) {
      const plain = PROPER_NAMES.reduce((s, name) => s.split(name).join(''), text);
      expect(VIETNAMESE.test(plain), `${where}: ${text}`).toBe(false);
    }
  });

  it('says counts in English with the right plural', () => {
    const time = HUB_MESSAGES.en.time;
    expect(time.minutesAgo(1)).toBe('1 minute ago');
    expect(time.minutesAgo(5)).toBe('5 minutes ago');
    expect(time.clockFast(time.hours(3))).toBe('Kiosk clock 3 hours fast');
    expect(HUB_MESSAGES.vi.time.clockSlow(HUB_MESSAGES.vi.time.minutes(12))).toBe('Đồng hồ của trạm chậm 12 phút');
  });

  it('names the languages and the roles in both languages', () => {
    expect(HUB_LANGUAGES.map((l) => l.code)).toEqual(['vi', 'en']);
    for (const l of HUB_LANGUAGES) expect(l.name === l.name.normalize('NFC')).toBe(true);
    for (const role of HUB_ROLES) {
      expect(HUB_ROLE_LABELS[role]).not.toBe('');
      expect(HUB_ROLE_LABELS_EN[role]).not.toBe('');
      expect(VIETNAMESE.test(HUB_ROLE_LABELS_EN[role]), role).toBe(false);
    }
  });
});
