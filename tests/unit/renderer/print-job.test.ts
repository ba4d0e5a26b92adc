import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../renderer/src/lib/i18n';
import { describeJob, formatJobTime, isSettled, previewScale, type PrintJobView } from '../../../renderer/src/print/print-job';
import { printJob as job } from './support/print-job';

const t = MESSAGES.vi.print;


const PAPER_OUT = { code: 'PAPER_OUT', message: 'Máy in hết giấy. Xin thay cuộn giấy mới.' };
const actions = (j: PrintJobView) => describeJob(j, t).actions.map((a) => `${a.action}:${a.label}${a.primary ? '*' : ''}`);

describe('describeJob', () => {
  it('a job on its way: "Đang gửi tới máy in…", nothing to touch', () => {
    for (const j of [job(), job({ state: 'sending', canCancel: false })]) {
      expect(describeJob(j, t)).toEqual({ tone: 'busy', text: 'Đang gửi tới máy in…', error: null, notes: [], actions: [] });
    }
  });

  it('a queued job with an error waits to retry: the error, "Trạm sẽ tự thử lại", "Huỷ in" then "Thử lại ngay"', () => {
    const shown = describeJob(job({ error: PAPER_OUT, attempts: 1, nextAttemptAt: '2026-11-29T07:05:02.000Z' }), t);
    expect(shown.tone).toBe('waiting');
    expect(shown.text).toContain('Trạm sẽ tự thử lại');
    expect(shown.error).toBe(PAPER_OUT.message);
    expect(actions(job({ error: PAPER_OUT }))).toEqual(['cancel:Huỷ in', 'retry:Thử lại ngay*']);
    expect(actions(job({ error: PAPER_OUT, canRetry: false }))).toEqual(['cancel:Huỷ in']);
  });

  it('printed: the take-your-card sentence and the printer\'s warnings; a test page says so', () => {
    const shown = describeJob(job({ state: 'sent', canRetry: false, canCancel: false, canReprint: true, warnings: ['Giấy trong máy in sắp hết, xin chuẩn bị cuộn mới.'] }), t);
    expect(shown).toMatchObject({ tone: 'done', text: 'Đã in xong. Mời bác/anh/chị lấy phiếu ở máy in.', error: null, actions: [] });
    expect(shown.notes).toEqual([{ text: 'Giấy trong máy in sắp hết, xin chuẩn bị cuộn mới.', warn: true }]);
    expect(describeJob(job({ state: 'sent', kind: 'test' }), t).text).toMatch(/^Đã in xong trang thử/);
  });

  it('failed: the message, and "Thử lại" only when the core allows it', () => {
    const failed = job({ state: 'failed', error: PAPER_OUT, canCancel: false });
    expect(describeJob(failed, t)).toMatchObject({ tone: 'problem', text: 'Chưa in được phiếu.', error: PAPER_OUT.message });
    expect(actions(failed)).toEqual(['retry:Thử lại*']);
    expect(actions({ ...failed, canRetry: false })).toEqual([]);
  });

  it('unknown: the message, a caution that part of the card may have printed, and "In lại"', () => {
    const error = { code: 'PRINTER_ERROR', message: 'Máy in không xác nhận đã nhận phiếu.' };
    const unknown = job({ state: 'unknown', error, bytesSent: 2048, canRetry: false, canCancel: false, canReprint: true });
    const shown = describeJob(unknown, t);
    expect(shown).toMatchObject({ tone: 'unsure', error: error.message });
    expect(shown.notes).toEqual([{ text: t.unknownCaution, warn: true }]);
    expect(shown.notes[0]!.text).toContain('một phần');
    expect(actions(unknown)).toEqual(['reprint:In lại*']);
    expect(actions({ ...unknown, canReprint: false })).toEqual([]);
  });

  it('cancelled: says so, without the error of the try before', () => {
    expect(describeJob(job({ state: 'cancelled', error: PAPER_OUT, canCancel: false }), t)).toEqual({
      tone: 'stopped',
      text: 'Đã huỷ, phiếu không được in.',
      error: null,
      notes: [],
      actions: [],
    });
  });

  it('speaks English when the citizen chose it', () => {
    expect(describeJob(job({ state: 'unknown', canReprint: true }), MESSAGES.en.print).actions).toEqual([{ action: 'reprint', label: 'Print again', primary: true }]);
  });
});

describe('isSettled', () => {
  it('only sent, failed, unknown and cancelled stop the polling', () => {
    expect(['queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled'].filter((s) => isSettled(s as PrintJobView['state']))).toEqual([
      'sent',
      'failed',
      'unknown',
      'cancelled',
    ]);
  });
});

describe('previewScale', () => {
  it('shows a long card one pixel per dot (the panel scrolls)', () => {
    expect(previewScale({ width: 576, height: 1400 }, { width: 600, height: 620 })).toBe(1);
  });

  it('enlarges a card that fits in whole steps only', () => {
    expect(previewScale({ width: 384, height: 400 }, { width: 900, height: 1000 })).toBe(2);
    expect(previewScale({ width: 384, height: 400 }, { width: 1200, height: 1250 })).toBe(3);
    expect(previewScale({ width: 384, height: 400 }, { width: 700, height: 1000 })).toBe(1);
  });

  it('shrinks only to a box narrower than the card', () => {
    expect(previewScale({ width: 576, height: 1400 }, { width: 288, height: 600 })).toBe(0.5);
  });

  it('falls back to 1 before the box is measured', () => {
    expect(previewScale({ width: 576, height: 1400 }, { width: 0, height: 0 })).toBe(1);
    expect(previewScale({ width: 576, height: 1400 }, { width: -60, height: -60 })).toBe(1);
  });
});

describe('formatJobTime', () => {
  it('writes the local time and date the Vietnamese way', () => {
    expect(formatJobTime(new Date(2026, 10, 29, 9, 5).toISOString())).toBe('09:05 29/11/2026');
    expect(formatJobTime('not a date')).toBe('');
  });
});
