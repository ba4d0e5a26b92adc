const SHAPES: Record<string, [string, string]> = {
  â: ['a', 'a'], ê: ['e', 'e'], ô: ['o', 'o'], ă: ['a', 'w'], ơ: ['o', 'w'], ư: ['u', 'w'], đ: ['d', 'd'],
};
const TELEX_TONE: Record<string, string> = { '\u0301': 's', '\u0300': 'f', '\u0309': 'r', '\u0303': 'x', '\u0323': 'j' };
const VNI_SHAPE: Record<string, string> = { â: '6', ê: '6', ô: '6', ă: '8', ơ: '7', ư: '7', đ: '9' };
const VNI_TONE: Record<string, string> = { '\u0301': '1', '\u0300': '2', '\u0309': '3', '\u0303': '4', '\u0323': '5' };

/** How a person types one Vietnamese word: letters with their shape keys, the tone key last. */
export function keysForWord(word: string, method: 'telex' | 'vni'): string {
  let keys = '';
  let tone = '';
  for (const ch of word) {
    const parts = [...ch.normalize('NFD')];
    const toneMark = parts.find((p) => p in TELEX_TONE);
    if (toneMark) tone = method === 'telex' ? TELEX_TONE[toneMark]! : VNI_TONE[toneMark]!;
    const shaped = parts.filter((p) => !(p in TELEX_TONE)).join('').normalize('NFC');
    const lower = shaped.toLowerCase();
    const upper = shaped !== lower;
    if (lower in SHAPES) {
      const [base, mark] = SHAPES[lower]!;
      const b = upper ? base.toUpperCase() : base;
      keys += method === 'telex' ? b + mark : b + VNI_SHAPE[lower]!;
    } else keys += shaped;
  }
  return keys + tone;
}

/** The key presses for a whole phrase, word by word, keeping spaces and punctuation. */
export function keysForText(text: string, method: 'telex' | 'vni'): string {
  return text
    .normalize('NFC')
    .split(/(\s+)/)
    .map((part) => (/^\s+$/.test(part) ? part : keysForWord(part, method)))
    .join('');
}
