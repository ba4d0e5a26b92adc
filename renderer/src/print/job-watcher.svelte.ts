import type { Result } from '../../../electron/api/types';
import { isSettled, type JobAction, type PrintJobView } from './print-job';

/** How the watcher reaches the core; the staff side passes its session to reprints. */
export interface JobCalls {
  job: (id: string) => Promise<Result<PrintJobView>>;
  retry: (id: string) => Promise<Result<PrintJobView>>;
  cancel: (id: string) => Promise<Result<PrintJobView>>;
  /** Prints a new copy: the answer is a new job, which the watcher follows from then on. */
  reprint: (id: string) => Promise<Result<PrintJobView>>;
}

/** Often enough that a fault the core reports shows at once, rarely enough to cost nothing. */
export const POLL_MS = 300;

/**
 * Follows one print job: asks the core for it every {@link POLL_MS} until it settles (sent,
 * failed, unknown, cancelled), and runs the actions a person takes on it. One request at a time;
 * an answer that arrives after the watcher moved on (another job, or stopped) is dropped.
 */
export class JobWatcher {
  job = $state<PrintJobView | null>(null);
  /** Why the core could not be reached or refused an action, in its words; null when all is well. */
  problem = $state<string | null>(null);
  /** An action (retry, cancel, reprint) is on its way. */
  busy = $state(false);
  /** No job, or one that will not change by itself. */
  settled = $derived(this.job === null || isSettled(this.job.state));

  #calls: JobCalls;
  #pollMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped whenever the followed job changes or the watcher stops, so late answers are ignored.
  #generation = 0;
  #disposed = false;
  // A refused action's message stays until the next action; a failed poll's goes with the next good one.
  #pollFailed = false;

  constructor(calls: JobCalls, pollMs = POLL_MS) {
    this.#calls = calls;
    this.#pollMs = pollMs;
  }

  /** Shows `job` and follows it until it settles. */
  follow(job: PrintJobView): void {
    if (this.#disposed) return;
    this.#restart();
    this.job = job;
    this.problem = null;
    this.#pollFailed = false;
    this.#schedule(this.#generation);
  }

  /** Runs an action on the job; its answer (a new job for a reprint) is followed from then on. */
  async act(action: JobAction): Promise<void> {
    const job = this.job;
    if (!job || this.busy) return;
    this.busy = true;
    this.problem = null;
    this.#pollFailed = false;
    const generation = this.#generation;
    const result = await this.#calls[action](job.id);
    this.busy = false;
    if (generation !== this.#generation) return;
    if (result.ok) {
      this.follow(result.value);
    } else {
      this.problem = result.error.message;
      this.#pollFailed = false;
      // The job may have moved on meanwhile (a retry that started by itself): show where it is now.
      this.#restart();
      void this.#poll(this.#generation);
    }
  }

  /** Stops for good (the screen closed); the job itself carries on in the core's queue. */
  dispose(): void {
    this.#disposed = true;
    this.#restart();
  }

  /** Forgets the job (a new visit, or a new card to print). */
  clear(): void {
    this.#restart();
    this.job = null;
    this.problem = null;
    this.#pollFailed = false;
  }

  #restart(): void {
    this.#generation += 1;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(generation: number): void {
    if (!this.job || isSettled(this.job.state)) return;
    this.#timer = setTimeout(() => void this.#poll(generation), this.#pollMs);
  }

  async #poll(generation: number): Promise<void> {
    const id = this.job?.id;
    if (!id) return;
    const result = await this.#calls.job(id);
    if (generation !== this.#generation) return;
    if (result.ok) {
      this.job = result.value;
      if (this.#pollFailed) this.problem = null;
      this.#pollFailed = false;
    } else {
      this.problem = result.error.message;
      this.#pollFailed = true;
      // A job the core no longer knows will not come back; anything else (core restarting) may.
      if (result.error.code === 'NOT_FOUND') return;
    }
    this.#schedule(generation);
  }
}
