/** How keys turn into Vietnamese letters. */
export type InputMethod = 'telex' | 'vni' | 'plain';

/** The five tones, as combining marks. */
const TONES = {
  acute: '\u0301',
  grave: '\u0300',
  hook: '\u0309',
  tilde: '\u0303',
  dot: '\u0323',
} as const;
type Tone = keyof typeof TONES;
const TONE_MARKS = new Set<string>(Object.values(TONES));

const TELEX_TONES: Record<string, Tone> = { s: 'acute', f: 'grave', r: 'hook', x: 'tilde', j: 'dot' };
const VNI_TONES: Record<string, Tone> = { '1': 'acute', '2': 'grave', '3': 'hook', '4': 'tilde', '5': 'dot' };

const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031B';

/** A letter split into its base, its shape mark (â ă ơ …) and its tone. */
interface Letter {
  base: string;
  shape: string;
  tone: Tone | null;
  upper: boolean;
}

function split(ch: string): Letter {
  if (ch === 'đ' || ch === 'Đ') return { base: 'đ', shape: '', tone: null, upper: ch === 'Đ' };
  const parts = [...ch.normalize('NFD')];
  const baseChar = parts[0] ?? ch;
  let shape = '';
  let tone: Tone | null = null;
  for (const mark of parts.slice(1)) {
    if (TONE_MARKS.has(mark)) tone = (Object.keys(TONES) as Tone[]).find((t) => TONES[t] === mark) ?? null;
    else shape += mark;
  }
  return { base: baseChar.toLowerCase(), shape, tone, upper: baseChar !== baseChar.toLowerCase() };
}

function join(letter: Letter): string {
  const base = letter.upper ? letter.base.toUpperCase() : letter.base;
  if (letter.base === 'đ') return letter.upper ? 'Đ' : 'đ';
  return `${base}${letter.shape}${letter.tone ? TONES[letter.tone] : ''}`.normalize('NFC');
}

const isVowel = (l: Letter) => 'aeiouy'.includes(l.base) && l.base.length === 1;

/** Indices of the vowel nucleus, skipping the u of "qu" and the i of "gi" before another vowel. */
function nucleus(letters: Letter[]): number[] {
  const vowels: number[] = [];
  letters.forEach((l, i) => {
    if (isVowel(l)) vowels.push(i);
  });
  const first = letters[0]?.base;
  const second = letters[1];
  if (second && isVowel(second) && vowels.length > 1) {
    if ((first === 'q' && second.base === 'u') || (first === 'g' && second.base === 'i' && isVowel(letters[2] ?? { base: '', shape: '', tone: null, upper: false }))) {
      vowels.shift();
    }
  }
  // Only the first contiguous run of vowels is the nucleus.
  const run: number[] = [];
  for (const i of vowels) {
    if (run.length === 0 || i === run[run.length - 1]! + 1) run.push(i);
    else break;
  }
  return run;
}

/** Where the tone goes (traditional placement: hòa, thủy, khuỷu, người, quốc, Huỳnh). */
function tonePosition(letters: Letter[]): number | null {
  const run = nucleus(letters);
  if (run.length === 0) return null;
  const horned = run.find((i) => letters[i]!.base === 'o' && letters[i]!.shape === HORN);
  if (horned !== undefined) return horned;
  const shaped = run.find((i) => letters[i]!.shape !== '');
  if (shaped !== undefined) return shaped;
  if (run.length === 1) return run[0]!;
  if (run.length >= 3) return run[1]!;
  const closed = run[1]! < letters.length - 1;
  return closed ? run[1]! : run[0]!;
}

function currentTone(letters: Letter[]): Tone | null {
  return letters.find((l) => l.tone)?.tone ?? null;
}

/** Moves the word's tone to where it belongs (after a shape change, or a letter added). */
function retone(letters: Letter[], tone: Tone | null): Letter[] {
  const plain: Letter[] = letters.map((l) => ({ ...l, tone: null }));
  if (!tone) return plain;
  const at = tonePosition(plain);
  if (at === null) return plain;
  plain[at] = { ...plain[at]!, tone };
  return plain;
}

function render(letters: Letter[]): string {
  return letters.map(join).join('');
}

function append(word: string, key: string): string {
  return `${word}${key}`;
}

/** Applies a shape mark to the nucleus vowel(s) it fits; repeating the key undoes it and types the key. */
function reshape(letters: Letter[], key: string, want: { base: string; shape: string }[]): string | null {
  const tone = currentTone(letters);
  const run = nucleus(letters);
  // The "ươ" pair: w after "uo" (Telex) or 7 (VNI) marks both.
  if (want.some((w) => w.shape === HORN)) {
    const u = run.find((i) => letters[i]!.base === 'u');
    const o = u !== undefined ? run.find((i) => i === u + 1 && letters[i]!.base === 'o') : undefined;
    if (u !== undefined && o !== undefined) {
      const both = letters[o]!.shape === HORN;
      // "ươ" always has a letter after it (ương, ười…); a final "uo" is "uơ" as in thuở, huơ.
      const pair = o < letters.length - 1;
      const next = letters.map((l, i) => (i === o || (i === u && pair) ? { ...l, shape: both ? '' : HORN } : l));
      return both ? append(render(retone(next, tone)), key) : render(retone(next, tone));
    }
  }
  for (let k = run.length - 1; k >= 0; k--) {
    const i = run[k]!;
    const letter = letters[i]!;
    const match = want.find((w) => w.base === letter.base);
    if (!match) continue;
    if (letter.shape === match.shape) {
      const next = letters.map((l, j) => (j === i ? { ...l, shape: '' } : l));
      return append(render(retone(next, tone)), key);
    }
    const next = letters.map((l, j) => (j === i ? { ...l, shape: match.shape } : l));
    return render(retone(next, tone));
  }
  return null;
}

function toggleD(letters: Letter[], key: string): string | null {
  const first = letters[0];
  if (!first) return null;
  if (first.base === 'd') return render([{ ...first, base: 'đ' }, ...letters.slice(1)]);
  if (first.base === 'đ') return append(render([{ ...first, base: 'd' }, ...letters.slice(1)]), key);
  return null;
}

function setTone(letters: Letter[], tone: Tone | null, key: string): string | null {
  if (tonePosition(letters) === null) return null;
  const had = currentTone(letters);
  if (tone === null) return had ? render(retone(letters, null)) : null;
  if (had === tone) return append(render(retone(letters, null)), key);
  return render(retone(letters, tone));
}

/**
 * Applies one key to the word being typed and returns the new word. Telex: aa ee oo → â ê ô,
 * aw ow uw (and w after "uo") → ă ơ ư / ươ, dd → đ, s f r x j → tones, z removes the tone.
 * VNI: 1–5 tones, 0 removes, 6 â ê ô, 7 ơ ư ươ, 8 ă, 9 đ. Pressing the same key again undoes
 * the change and types the key itself. The tone always sits on the right vowel.
 */
export function applyKey(word: string, key: string, method: InputMethod): string {
  if (method === 'plain' || key.length !== 1) return append(word, key);
  const letters = [...word].map(split);
  const lower = key.toLowerCase();
  let result: string | null = null;
  if (method === 'telex') {
    if (lower in TELEX_TONES) result = setTone(letters, TELEX_TONES[lower]!, key);
    else if (lower === 'z') result = setTone(letters, null, key);
    else if (lower === 'a' || lower === 'e' || lower === 'o') result = reshape(letters, key, [{ base: lower, shape: CIRCUMFLEX }]);
    else if (lower === 'w') {
      result = reshape(letters, key, [{ base: 'a', shape: BREVE }, { base: 'o', shape: HORN }, { base: 'u', shape: HORN }]);
      if (result === null && nucleus(letters).length === 0) result = append(word, key === 'W' ? 'Ư' : 'ư');
    } else if (lower === 'd') result = toggleD(letters, key);
  } else {
    if (key in VNI_TONES) result = setTone(letters, VNI_TONES[key]!, key);
    else if (key === '0') result = setTone(letters, null, key);
    else if (key === '6') result = reshape(letters, key, [{ base: 'a', shape: CIRCUMFLEX }, { base: 'e', shape: CIRCUMFLEX }, { base: 'o', shape: CIRCUMFLEX }]);
    else if (key === '7') result = reshape(letters, key, [{ base: 'o', shape: HORN }, { base: 'u', shape: HORN }]);
    else if (key === '8') result = reshape(letters, key, [{ base: 'a', shape: BREVE }]);
    else if (key === '9') result = toggleD(letters, key);
  }
  if (result !== null) return result;
  // A plain letter: keep the tone on the right vowel as the word grows ("hoa" + "n" moves it),
  // and turn "uơ" into "ươ" once a letter follows it ("nguơ" + "i" → "ngươi").
  const tone = currentTone(letters);
  const grown = [...letters, split(key)];
  grown.forEach((l, i) => {
    const after = grown[i + 1];
    if (l.base === 'u' && l.shape === '' && after?.base === 'o' && after.shape === HORN && i + 2 < grown.length && grown[i - 1]?.base !== 'q') {
      grown[i] = { ...l, shape: HORN };
    }
  });
  return tone || grown.some((l, i) => l.shape !== (letters[i]?.shape ?? l.shape)) ? render(retone(grown, tone)) : append(word, key);
}

/** Characters that end a word (the composition restarts after them). */
export const WORD_BREAK = /[\s.,;:!?()"“”'’\-/]/;

/** Types a whole key sequence into `text`, composing only the word at its end. */
export function typeKeys(text: string, keys: string, method: InputMethod): string {
  let out = text;
  for (const key of keys) {
    if (WORD_BREAK.test(key)) {
      out += key;
      continue;
    }
    const match = /[^\s.,;:!?()"“”'’\-/]*$/.exec(out);
    const word = match ? match[0] : '';
    out = out.slice(0, out.length - word.length) + applyKey(word, key, method);
  }
  return out;
}
