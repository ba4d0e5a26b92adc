import type { Output } from '../../../electron/api/types';
import { formatDate, type Messages } from '../lib/i18n';

/** A print job as the core shows it to screens. */
export type PrintJobView = Output<'printer:job'>;
/** Where a print job is in its life. */
export type JobState = PrintJobView['state'];
/** The words for printing: the `print` part of the one i18n module. */
export type PrintText = Messages['print'];

/** How a job's state looks: working on it, waiting to retry, printed, failed, unclear, or stopped by a person. */
export type JobTone = 'busy' | 'waiting' | 'done' | 'problem' | 'unsure' | 'stopped';
/** What a person may do with a job now: send it again, stop it, or print a new copy. */
export type JobAction = 'retry' | 'cancel' | 'reprint';

/** One line under a job's status: a plain hint, or a caution or printer warning. */
export interface JobNote {
  text: string;
  warn: boolean;
}

/** A job in words for the screen: one status sentence, the core's error, notes and the buttons to offer. */
export interface JobDisplay {
  tone: JobTone;
  text: string;
  /** The core's Vietnamese message on what went wrong, or null. */
  error: string | null;
  notes: JobNote[];
  /** Quiet actions first; the one primary action, if any, last (bottom right). */
  actions: { action: JobAction; label: string; primary: boolean }[];
}

/** Whether a job has stopped changing by itself (only a person's action moves it on). */
export function isSettled(state: JobState): boolean {
  return state === 'sent' || state === 'failed' || state === 'unknown' || state === 'cancelled';
}

/** What to show for a job, from its state and what the core says may be done with it. */
export function describeJob(job: PrintJobView, t: PrintText): JobDisplay {
  const error = job.error?.message ?? null;
  switch (job.state) {
    case 'queued':
    case 'sending':
      // A queued job that carries an error has failed once and waits for its next automatic try.
      if (job.state === 'sending' || !job.error) return { tone: 'busy', text: t.sending, error: null, notes: [], actions: [] };
      return {
        tone: 'waiting',
        text: t.waiting,
        error,
        notes: [{ text: t.waitingHint, warn: false }],
        actions: [
          ...(job.canCancel ? [{ action: 'cancel' as const, label: t.cancel, primary: false }] : []),
          ...(job.canRetry ? [{ action: 'retry' as const, label: t.retryNow, primary: true }] : []),
        ],
      };
    case 'sent':
      return {
        tone: 'done',
        text: job.kind === 'test' ? t.sentTest : t.sent,
        error: null,
        notes: job.warnings.map((text) => ({ text, warn: true })),
        actions: [],
      };
    case 'failed':
      return { tone: 'problem', text: t.failed, error, notes: [], actions: job.canRetry ? [{ action: 'retry', label: t.retry, primary: true }] : [] };
    case 'unknown':
      return {
        tone: 'unsure',
        text: t.unknown,
        error,
        notes: [{ text: t.unknownCaution, warn: true }],
        actions: job.canReprint ? [{ action: 'reprint', label: t.reprint, primary: true }] : [],
      };
    case 'cancelled':
      return { tone: 'stopped', text: t.cancelled, error: null, notes: [], actions: [] };
  }
}

/**
 * CSS pixels per printer dot for the preview. A card that fits the box is shown whole, enlarged
 * in whole steps so every dot stays a sharp square; a longer card is shown at one pixel per dot
 * and its panel scrolls (shrinking a 1-bit raster would drop strokes of the diacritics).
 * Only a box narrower than the card shrinks it, to the box's width.
 */
export function previewScale(card: { width: number; height: number }, box: { width: number; height: number }): number {
  if (card.width <= 0 || card.height <= 0 || box.width <= 0 || box.height <= 0) return 1;
  if (box.width < card.width) return box.width / card.width;
  return Math.max(1, Math.floor(Math.min(box.width / card.width, box.height / card.height)));
}

/** A job's time the Vietnamese way, in the kiosk's local time: 14:05 29/11/2026. */
export function formatJobTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const hh = String(date.getHours()).padStart(2, '0');
  const mm = String(date.getMinutes()).padStart(2, '0');
  return `${hh}:${mm} ${formatDate(date)}`;
}
