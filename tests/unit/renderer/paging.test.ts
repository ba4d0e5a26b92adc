import { describe, expect, it } from 'vitest';
import { demoGrid, pageOf } from '../../../renderer/src/lib/paging';

describe('pageOf', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('cuts a list into pages', () => {
    expect(pageOf(items, 2, 0)).toEqual({ items: ['a', 'b'], index: 0, count: 3, hasPrevious: false, hasNext: true });
    expect(pageOf(items, 2, 2)).toEqual({ items: ['e'], index: 2, count: 3, hasPrevious: true, hasNext: false });
  });

  it('clamps the page so a shrinking list or a bigger page size never shows an empty page', () => {
    expect(pageOf(items, 4, 7).index).toBe(1);
    expect(pageOf(items, 4, -1).index).toBe(0);
    expect(pageOf([], 4, 3)).toEqual({ items: [], index: 0, count: 1, hasPrevious: false, hasNext: false });
  });
});

describe('demoGrid', () => {
  it('uses two columns in landscape and one in portrait', () => {
    expect(demoGrid({ width: 1920, height: 1080 }, false).columns).toBe(2);
    expect(demoGrid({ width: 1080, height: 1920 }, false).columns).toBe(1);
  });

  it('fits fewer rows on short screens and with larger text, never fewer than one', () => {
    const tall = demoGrid({ width: 1920, height: 1080 }, false).rows;
    expect(demoGrid({ width: 1366, height: 768 }, false).rows).toBeLessThanOrEqual(tall);
    expect(demoGrid({ width: 1920, height: 1080 }, true).rows).toBeLessThanOrEqual(tall);
    expect(demoGrid({ width: 800, height: 400 }, true).rows).toBe(1);
  });
});
