import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../electron/api/types';
import { base64ToBytes, formatBytes, formatDateTime, importChangedNothing, importProblems, refusalHeadline } from '../../../renderer/src/dashboard/exchange-figures';

describe('exchange helpers', () => {
  it('lists a refused import row by row, in row order, with the overflow note last', () => {
    const error = {
      code: 'INVALID_INPUT' as const,
      message: 'Tệp có 3 lỗi nên chưa nhập dòng nào. Hãy sửa rồi nhập lại cả tệp.\nDòng 7: thiếu ngày đồng ý (dong_y).',
      fields: {
        loi_khac: '… và 2 lỗi khác.',
        dong_12: 'Dòng 12: năm sinh phải từ 1900 (nam_sinh).',
        dong_7: 'Dòng 7: thiếu ngày đồng ý (dong_y).',
        loi_1: 'Dòng không rõ: dấu ngoặc kép chưa đóng.',
      },
    };
    expect(importProblems(error)).toEqual([
      { row: null, text: 'Dòng không rõ: dấu ngoặc kép chưa đóng.' },
      { row: 7, text: 'Dòng 7: thiếu ngày đồng ý (dong_y).' },
      { row: 12, text: 'Dòng 12: năm sinh phải từ 1900 (nam_sinh).' },
      { row: null, text: '… và 2 lỗi khác.' },
    ]);
    expect(refusalHeadline(error)).toBe('Tệp có 3 lỗi nên chưa nhập dòng nào. Hãy sửa rồi nhập lại cả tệp.');
    expect(importProblems({ code: 'INVALID_INPUT', message: 'Tệp không có dòng dữ liệu nào.' })).toEqual([]);
  });

  it('tells an import that changed nothing', () => {
    const counts = (added: number, updated: number, unchanged: number) => ({ added, updated, unchanged });
    const summary: ImportSummary = {
      format: 'csv',
      households: counts(0, 0, 2),
      people: counts(0, 0, 3),
      sessions: counts(0, 0, 0),
      deletions: { applied: 0, logged: 0 },
      skippedErased: 0,
      possibleDuplicates: 0,
    };
    expect(importChangedNothing(summary)).toBe(true);
    expect(importChangedNothing({ ...summary, people: counts(1, 0, 2) })).toBe(false);
  });

  it('writes sizes and dates the Vietnamese way', () => {
    expect(formatBytes(850, 'vi')).toBe('850 byte');
    expect(formatBytes(9728, 'vi')).toBe('9,5 KB');
    expect(formatBytes(1_572_864, 'en')).toBe('1.5 MB');
    expect(formatDateTime('2026-11-29T04:05:00.000Z')).toBe('29/11/2026 11:05');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('decodes base64 to bytes', () => {
    expect([...base64ToBytes('77u/YQ==')]).toEqual([0xef, 0xbb, 0xbf, 0x61]);
  });
});
