/** Lower-case, accent-free form of text for search ("Xã Phù Đổng", "xa phu dong" and "Hoà"/"Hòa" all compare equal). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// Words that name the kind of place ("Xã", "Phường", …); "phu" should not find every "Phường".
const PLACE_KIND = /^(xa|phuong|dac khu|thi tran|tinh|thanh pho) /;

/** How well `text` (folded) answers the query: 0 starts with it, 1 contains it, 2 each word starts a word; null for no match. */
function matchScore(text: string, phrase: string, words: readonly string[]): number | null {
  if (text.startsWith(phrase)) return 0;
  if (text.includes(phrase)) return 1;
  const own = text.split(' ');
  return words.every((word) => own.some((w) => w.startsWith(word))) ? 2 : null;
}

/**
 * The items matching `query`, ignoring accents and case, best matches first; all of them for an
 * empty query. A place also matches without its kind word, so "phu dong" finds "Xã Phù Đổng" first.
 */
export function searchByName<T extends { name: string }>(items: readonly T[], query: string): T[] {
  const phrase = fold(query);
  if (!phrase) return [...items];
  const words = phrase.split(' ');
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const full = fold(item.name);
    const bare = full.replace(PLACE_KIND, '');
    const a = matchScore(bare, phrase, words);
    // The full name counts only as a phrase: its kind word would otherwise match many short queries.
    const b = full.startsWith(phrase) ? 0 : full.includes(phrase) ? 1 : null;
    const score = a === null ? b : b === null ? a : Math.min(a, b);
    if (score !== null) scored.push({ item, score });
  }
  return scored.sort((x, y) => x.score - y.score).map((x) => x.item);
}

/** A kebab-case ASCII id made from a name ("Chiến dịch tháng 12" → "chien-dich-thang-12"), unique among `taken`. */
export function idFromName(name: string, taken: readonly string[], max = 40): string {
  const base = fold(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max).replace(/-+$/, '') || 'muc';
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, max - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** The per-field messages of a failed call, with `prefix` (e.g. "patch.") taken off each key. */
export function fieldsOf(error: { fields?: Record<string, string> }, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(error.fields ?? {})) out[key.startsWith(prefix) ? key.slice(prefix.length) : key] = message;
  return out;
}

/** The first message among `fields` whose key is `key` or lies under it (`site.hamlets` also matches `site.hamlets.2`). */
export function fieldError(fields: Record<string, string>, key: string): string | undefined {
  if (fields[key]) return fields[key];
  const under = Object.keys(fields).find((k) => k.startsWith(`${key}.`));
  return under ? fields[under] : undefined;
}
