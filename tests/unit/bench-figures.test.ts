import { describe, expect, it } from 'vitest';
import { atMost, exitStatus, quantile, reported, within } from '../bench/figures';

describe('bench figures', () => {
  it('marks each figure met or not against its target, ratios included', () => {
    expect(atMost('Card pipeline ÷ print time', 1.2, '%', 2.5)).toMatchObject({ value: 1.2, unit: '%', target: '≤ 2.5', met: true });
    expect(atMost('Touch → step ÷ reference', 3.4, '×', 3)).toMatchObject({ met: false });
    expect(within('PIN check', 40, 'ms', 50, 500).met).toBe(false);
    expect(reported('Heap', 300, 'MB').met).toBe(true);
  });

  it('exits 1 when any figure misses, 0 when all are met', () => {
    const met = [atMost('a', 1, 'ms', 2), reported('b', 5, 'ms')];
    expect(exitStatus(met)).toBe(0);
    expect(exitStatus([...met, atMost('c', 3, '×', 2)])).toBe(1);
  });

  it('takes quantiles by nearest rank', () => {
    const samples = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(quantile(samples, 0.5)).toBe(20);
    expect(quantile(samples, 0.95)).toBe(38);
  });
});
