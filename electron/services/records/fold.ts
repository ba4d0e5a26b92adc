// Text keys for matching and searching Vietnamese: case and diacritics ignored, đ/Đ read as d.

const MARKS = /[\u0300-\u036f]/g;
const memo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

/** Lower case, no diacritics (đ → d), single spaces, trimmed: "  Nguyễn  Thị Ánh" → "nguyen thi anh". Accepts NFC or NFD input. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/\s+/g, ' ')
    .trim();
}

/** {@link fold} for short strings that repeat a lot (name words, hamlets), remembered between calls. */
export function foldCached(text: string): string {
  let folded = memo.get(text);
  if (folded === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    folded = fold(text);
    memo.set(text, folded);
  }
  return folded;
}

/** {@link fold} of a personal name, word by word through the cache (names share few distinct words). */
export function foldName(name: string): string {
  const words = name.split(' ');
  if (words.length === 1) return foldCached(name);
  let out = '';
  for (const word of words) {
    if (word === '') continue;
    const folded = foldCached(word);
    out = out === '' ? folded : `${out} ${folded}`;
  }
  return out;
}

/** A name or free text made NFC, trimmed, inner whitespace collapsed: how every stored string is kept. */
export function tidy(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
