/** One measured figure beside its target. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "≤ 120". */
  target: string;
  met: boolean;
  /** Extra context shown in the table (sample count, p50 beside p95…). */
  note?: string;
}

/** The value at quantile `q` (0–1) of a sample, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

/** A figure that must stay at or under `max`. */
export function atMost(name: string, value: number, unit: string, max: number, note?: string): Figure {
  return { name, value: round(value), unit, target: `≤ ${max}`, met: value <= max, ...(note ? { note } : {}) };
}

/** A figure that must stay within [min, max]. */
export function within(name: string, value: number, unit: string, min: number, max: number, note?: string): Figure {
  return { name, value: round(value), unit, target: `${min}–${max}`, met: value >= min && value <= max, ...(note ? { note } : {}) };
}

/** A figure reported without a target. */
export function reported(name: string, value: number, unit: string, note?: string): Figure {
  return { name, value: round(value), unit, target: '—', met: true, ...(note ? { note } : {}) };
}

/** The exit status of `npm run bench`: 1 when any figure misses its target, 0 when all are met. */
export function exitStatus(figures: readonly Figure[]): 0 | 1 {
  return figures.every((f) => f.met) ? 0 : 1;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
