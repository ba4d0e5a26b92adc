/** Where the idle timer is: not running, waiting for a quiet spell, or counting down to reset. */
export type IdlePhase = 'off' | 'watching' | 'countdown';

/** What the idle timer needs; the lengths are read each time they start, so new settings apply. */
export interface IdleTimerOptions {
  /** Seconds without a touch or key before the countdown appears. */
  idleSeconds: () => number;
  /** Length of the countdown in seconds. */
  countdownSeconds: () => number;
  /** Called once when the countdown reaches 0. */
  onexpire: () => void;
}

// A few ticks a second keep the shown number honest even if one timer fires late on a slow PC.
const TICK_MS = 250;

/** Notices when the person at the screen has gone quiet, asks if they are still there, and gives up after a countdown. */
export class IdleTimer {
  phase = $state<IdlePhase>('off');
  secondsLeft = $state(0);
  counting = $derived(this.phase === 'countdown');

  #options: IdleTimerOptions;
  #quiet: ReturnType<typeof setTimeout> | undefined;
  #tick: ReturnType<typeof setInterval> | undefined;
  #deadline = 0;

  constructor(options: IdleTimerOptions) {
    this.#options = options;
  }

  /** Starts (or restarts) watching for a quiet spell. */
  watch(): void {
    this.#clearTimers();
    this.phase = 'watching';
    this.secondsLeft = 0;
    this.#armQuiet();
  }

  /** Stops everything; nothing fires until `watch()` again. */
  stop(): void {
    this.#clearTimers();
    this.phase = 'off';
    this.secondsLeft = 0;
  }

  /** A touch or key press: the quiet spell starts over. During the countdown only `stillHere()` counts. */
  activity(): void {
    if (this.phase === 'watching') this.#armQuiet();
  }

  /** The person confirmed they are still there: close the countdown and watch again. */
  stillHere(): void {
    if (this.phase === 'countdown') this.watch();
  }

  #armQuiet(): void {
    clearTimeout(this.#quiet);
    this.#quiet = setTimeout(() => this.#beginCountdown(), this.#options.idleSeconds() * 1000);
  }

  #beginCountdown(): void {
    const seconds = this.#options.countdownSeconds();
    this.#deadline = Date.now() + seconds * 1000;
    this.phase = 'countdown';
    this.secondsLeft = seconds;
    this.#tick = setInterval(() => this.#onTick(), TICK_MS);
  }

  #onTick(): void {
    const left = this.#deadline - Date.now();
    if (left > 0) {
      this.secondsLeft = Math.ceil(left / 1000);
      return;
    }
    this.stop();
    this.#options.onexpire();
  }

  #clearTimers(): void {
    clearTimeout(this.#quiet);
    clearInterval(this.#tick);
    this.#quiet = undefined;
    this.#tick = undefined;
  }
}
