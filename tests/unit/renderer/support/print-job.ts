import type { PrintJobView } from '../../../../renderer/src/print/print-job';

/** The id of {@link printJob}'s job. */
export const JOB_ID = '0b6f6a52-5d0e-4f0b-9a57-3b2f1d7a0c11';

/** A card job as the core reports it, with `patch` on top. */
export function printJob(patch: Partial<PrintJobView> = {}): PrintJobView {
  return {
    id: JOB_ID,
    kind: 'card',
    title: 'Nhận biết cửa hàng giả',
    widthMm: 80,
    format: 'escpos',
    state: 'queued',
    attempts: 0,
    bytesTotal: 9000,
    bytesSent: 0,
    createdAt: '2026-11-29T07:05:00.000Z',
    updatedAt: '2026-11-29T07:05:00.000Z',
    askedAt: '2026-11-29T07:05:00.000Z',
    bytesKept: true,
    warnings: [],
    canRetry: true,
    canReprint: false,
    canCancel: true,
    ...patch,
  };
}
