/** One page of a list shown without scrolling. */
export interface Page<T> {
  items: T[];
  /** 0-based, already clamped into range. */
  index: number;
  count: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** Cuts `items` into pages of `size` and returns page `index` (clamped, so a shrinking list never shows an empty page). */
export function pageOf<T>(items: readonly T[], size: number, index: number): Page<T> {
  const perPage = Math.max(1, Math.floor(size));
  const count = Math.max(1, Math.ceil(items.length / perPage));
  const clamped = Math.min(Math.max(0, Math.floor(index)), count - 1);
  return {
    items: items.slice(clamped * perPage, (clamped + 1) * perPage),
    index: clamped,
    count,
    hasPrevious: clamped > 0,
    hasNext: clamped < count - 1,
  };
}

/** A grid of cards that fits one screen. */
export interface CardGrid {
  columns: number;
  rows: number;
}

/**
 * How many demo cards fit on one skill screen without scrolling: two columns in landscape,
 * one in portrait; as many rows as the height leaves after the header, the note and the pager.
 */
export function demoGrid(viewport: { width: number; height: number }, largeText: boolean): CardGrid {
  const portrait = viewport.height > viewport.width;
  const columns = portrait || viewport.width < 1000 ? 1 : 2;
  // Measured at 1920×1080 and 1366×768: what the bar, heading, note and pager take, and the
  // tallest card (two-line title, two-line summary, meta line) plus the gap below it.
  const chrome = (largeText ? 480 : 440) + (portrait ? 80 : 0);
  const rowHeight = largeText ? 300 : 246;
  const rows = Math.max(1, Math.min(4, Math.floor((viewport.height - chrome) / rowHeight)));
  return { columns, rows };
}
