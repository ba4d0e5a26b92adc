import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, LANGUAGES, MESSAGES } from '../../../renderer/src/lib/i18n';

/** Every string a message table can produce, with its path; functions are called with sample numbers. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (...n: number[]) => string)(3, 5))]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  throw new Error(`unexpected ${typeof value} at ${path}`);
}

/** The shape of a message table: every key path, and whether it is text or a function. */
function shape(value: unknown, path = ''): string[] {
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
  return [`${path}:${typeof value}`];
}

describe('i18n', () => {
  it('English has exactly the keys Vietnamese has', () => {
    expect(shape(MESSAGES.en).sort()).toEqual(shape(MESSAGES.vi).sort());
  });

  it('every string is NFC, trimmed and non-empty', () => {
    for (const language of LANGUAGES) {
      for (const [path, text] of strings(MESSAGES[language.code])) {
        expect(text, path).toBe(text.normalize('NFC'));
        expect(text.trim(), path).toBe(text);
        expect(text.length, path).toBeGreaterThan(0);
      }
    }
  });

  it('Vietnamese addresses citizens as bác/anh/chị, never "bạn"', () => {
    for (const [path, text] of strings(MESSAGES.vi)) expect(text.toLowerCase(), path).not.toMatch(/(^|[^\p{L}])bạn([^\p{L}]|$)/u);
    expect(MESSAGES.vi.idleTitle).toBe('Bác/anh/chị vẫn đang dùng chứ?');
    expect(`${MESSAGES.vi.emptyTitle} ${MESSAGES.vi.emptyBody}`).toBe(
      'Chưa có bài thực hành cho kỹ năng này. Bác/anh/chị vui lòng hỏi cán bộ tại quầy nhé.',
    );
  });

  it('keeps the official skill names and the household goal', () => {
    expect(Object.values(MESSAGES.vi.skills).map((s) => s.name)).toEqual([
      'Dịch vụ công trực tuyến',
      'Mua sắm trực tuyến',
      'Thanh toán trực tuyến',
      'Tự bảo vệ mình trên không gian mạng',
      'Sử dụng nền tảng số khác',
    ]);
    expect(MESSAGES.vi.slideGoal.title).toBe('Mỗi hộ gia đình có ít nhất 01 người thành thạo 05 kỹ năng số cơ bản');
  });

  it('formats minutes, numbers and dates the Vietnamese way', () => {
    expect(MESSAGES.vi.aboutMinutes(5)).toBe('khoảng 5 phút');
    expect(MESSAGES.en.aboutMinutes(1)).toBe('about 1 minute');
    expect(formatNumber(10_000_000, 'vi')).toBe('10.000.000');
    expect(formatNumber(10_000_000, 'en')).toBe('10,000,000');
    expect(formatDate(new Date(2026, 10, 29))).toBe('29/11/2026');
    expect(formatDate(new Date(2026, 0, 5))).toBe('05/01/2026');
  });
});
