/** Vietnamese collation, shared: building a collator is far slower than using one. */
export const VI_COLLATOR = new Intl.Collator('vi');

/** One entry: the display name it sorts by and the folded text it is found by (" word word "). */
interface Entry {
  id: string;
  name: string;
  key: string;
  block: Block | null;
}

/** A run of entries in order, with their keys joined into one string that a search scans natively. */
interface Block {
  entries: Entry[];
  /** Keys joined by "\n", built when first searched after a change. */
  text: string | null;
  /** Where each entry's key starts in `text`. */
  starts: Int32Array | null;
}

const BLOCK = 1024;

function compare(a: Entry, b: Entry): number {
  return VI_COLLATOR.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Names kept in Vietnamese collation order, so a search walks them in display order and stops
 * once it has enough hits: no sorting per query. Entries sit in blocks of about a thousand whose
 * keys are joined into one string each, so looking for a word is a native string search over
 * contiguous memory rather than a walk over 100,000 scattered objects; a change rebuilds one block.
 */
export class NameIndex {
  private blocks: Block[] = [];
  private readonly byId = new Map<string, Entry>();
  /** All entries, unsorted, between {@link defer} and {@link settle}. */
  private pending: Entry[] | null = null;

  /** Number of entries. */
  get size(): number {
    return this.byId.size;
  }

  /** Adds or replaces an entry; `key` is the folded text searched (already folded). */
  set(id: string, name: string, key: string): void {
    const previous = this.byId.get(id);
    if (previous && previous.name === name) {
      previous.key = ` ${key} `;
      if (previous.block) previous.block.text = null;
      return;
    }
    if (previous) this.remove(id);
    const entry: Entry = { id, name, key: ` ${key} `, block: null };
    this.byId.set(id, entry);
    if (this.pending) this.pending.push(entry);
    else this.insert(entry);
  }

  /** Removes an entry if present. */
  remove(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    if (this.pending) {
      this.pending.splice(this.pending.indexOf(entry), 1);
      return;
    }
    const block = entry.block!;
    block.entries.splice(block.entries.indexOf(entry), 1);
    block.text = null;
    if (block.entries.length === 0) this.blocks.splice(this.blocks.indexOf(block), 1);
  }

  /** Stops keeping order while many entries change at once (loading, large imports); {@link settle} sorts once. */
  defer(): void {
    if (this.pending) return;
    this.pending = this.blocks.flatMap((b) => b.entries);
    this.blocks = [];
  }

  /** Sorts after {@link defer}: distinct names are collated once, then entries are placed by name (ties by id). */
  settle(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    const buckets = new Map<string, Entry[]>();
    for (const entry of pending) {
      const bucket = buckets.get(entry.name);
      if (bucket) bucket.push(entry);
      else buckets.set(entry.name, [entry]);
    }
    const names = [...buckets.keys()].sort(VI_COLLATOR.compare);
    let block: Block = { entries: [], text: null, starts: null };
    this.blocks = [];
    for (const name of names) {
      const bucket = buckets.get(name)!;
      if (bucket.length > 1) bucket.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const entry of bucket) {
        if (block.entries.length === BLOCK) {
          this.blocks.push(block);
          block = { entries: [], text: null, starts: null };
        }
        // A fresh copy of the key, made in order, keeps neighbouring entries near each other in memory.
        entry.key = ` ${entry.key.trim()} `;
        entry.block = block;
        block.entries.push(entry);
      }
    }
    if (block.entries.length) this.blocks.push(block);
  }

  /** Sorts if needed and joins every block's keys now, so the first search is as quick as the rest. */
  prepare(): void {
    this.settle();
    for (const block of this.blocks) joined(block);
  }

  /**
   * Ids whose folded text holds every folded word at a word start, in collation order, until
   * `limit` are found. `accept` adds a check of its own (digits against a phone, say).
   */
  find(foldedWords: readonly string[], limit: number, accept?: (id: string) => boolean): string[] {
    this.settle();
    const hits: string[] = [];
    if (foldedWords.length === 0) {
      for (const block of this.blocks) {
        for (const entry of block.entries) {
          if (accept && !accept(entry.id)) continue;
          hits.push(entry.id);
          if (hits.length >= limit) return hits;
        }
      }
      return hits;
    }
    // Scan for the longest word (usually the rarest); check the others on each candidate.
    const words = foldedWords.map((w) => ` ${w}`).sort((a, b) => b.length - a.length);
    const anchor = words[0]!;
    const others = words.slice(1);
    for (const block of this.blocks) {
      const { text, starts } = joined(block);
      let at = text.indexOf(anchor);
      while (at !== -1) {
        const i = entryAt(starts, at);
        const entry = block.entries[i]!;
        if (others.every((w) => entry.key.includes(w)) && (!accept || accept(entry.id))) {
          hits.push(entry.id);
          if (hits.length >= limit) return hits;
        }
        at = i + 1 < starts.length ? text.indexOf(anchor, starts[i + 1]!) : -1;
      }
    }
    return hits;
  }

  private insert(entry: Entry): void {
    if (this.blocks.length === 0) this.blocks.push({ entries: [], text: null, starts: null });
    // The first block whose last entry sorts at or after the new one (or the last block).
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const entries = this.blocks[mid]!.entries;
      if (compare(entries[entries.length - 1]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    const block = this.blocks[lo]!;
    let a = 0;
    let b = block.entries.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (compare(block.entries[mid]!, entry) < 0) a = mid + 1;
      else b = mid;
    }
    block.entries.splice(a, 0, entry);
    entry.block = block;
    block.text = null;
    if (block.entries.length > 2 * BLOCK) {
      const tail: Block = { entries: block.entries.splice(BLOCK), text: null, starts: null };
      for (const moved of tail.entries) moved.block = tail;
      this.blocks.splice(lo + 1, 0, tail);
    }
  }
}

function joined(block: Block): { text: string; starts: Int32Array } {
  if (block.text === null || block.starts === null) {
    const starts = new Int32Array(block.entries.length);
    let offset = 0;
    for (let i = 0; i < block.entries.length; i++) {
      starts[i] = offset;
      offset += block.entries[i]!.key.length + 1;
    }
    block.text = block.entries.map((e) => e.key).join('\n');
    block.starts = starts;
  }
  return { text: block.text, starts: block.starts };
}

/** The index of the entry whose key holds position `at` (the last start at or before it). */
function entryAt(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
