import type { Demo, RunReport, Step, Target } from '../../../electron/api/types';

/** Guided: spotlight and hints; self: the "tự làm" run without them, which counts toward mastery. */
export type PlayMode = 'guided' | 'self';

/** What happened after a touch, for the feedback line. */
export type Feedback =
  | { kind: 'none' }
  | { kind: 'wrong-place' }
  | { kind: 'wrong-value'; expected: string }
  | { kind: 'branch'; text: Demo['title'] | undefined }
  | { kind: 'quiz'; correct: boolean; explanation: Demo['title'] };

/** The result of one run, kept for the citizen's assistance session. */
export interface RunResult {
  demoId: string;
  mode: PlayMode;
  completed: boolean;
  mistakes: number;
  hintsUsed: number;
  seconds: number;
  stepsDone: number;
}

/** Misses on one step before its hint shows. */
export const MISSES_BEFORE_HINT = 2;
/** Seconds on one step before its hint shows. */
export const SECONDS_BEFORE_HINT = 20;

interface StepStats {
  id: string;
  hints: number;
  wrongTouches: number;
  seconds: number;
}

/** Digits only, for comparing OTPs, passcodes and phone numbers typed with spaces or dots. */
const digits = (s: string) => s.replace(/[\s.]/g, '');
/** Case-, space- and form-insensitive comparison for typed words. */
const loose = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** One run of one demo: where the citizen is, what they have typed, and how it is going. */
export class PlayerRun {
  readonly demo: Demo;
  readonly mode: PlayMode;
  stepId = $state('');
  /** Text typed into inputs on the current step, by widget id. */
  typed = $state<Record<string, string>>({});
  /** Digits entered on a passcode keypad. */
  passcode = $state('');
  /** A choice made on a select or tabs widget, by widget id. */
  chosen = $state<Record<string, string>>({});
  feedback = $state<Feedback>({ kind: 'none' });
  misses = $state(0);
  hintShown = $state(false);
  /** Set once a quiz on this step has been answered, to show its explanation. */
  answered = $state<number | null>(null);
  finished = $state(false);
  /** True while the scanner "scans" (a short pause so it feels like a camera). */
  scanning = $state(false);

  readonly total: number;

  /** The steps behind this one, for "Bước trước". */
  private history = $state<string[]>([]);
  // Plain bookkeeping, never rendered: no reactivity needed.
  private stats: Record<string, StepStats> = {};
  private readonly startedAt: number;
  private stepStartedAt: number;
  private mistakes = 0;
  private stepsDone = 0;
  private endedAt: number | null = null;

  constructor(
    demo: Demo,
    mode: PlayMode,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.demo = demo;
    this.mode = mode;
    this.total = demo.steps.length;
    this.startedAt = now();
    this.stepStartedAt = this.startedAt;
    this.stepId = demo.steps[0]?.id ?? '';
    this.current();
  }

  /** The current step. */
  get step(): Step {
    return this.findStep(this.stepId);
  }

  /** Position of the current step in the demo, from 0. */
  get index(): number {
    return this.demo.steps.findIndex((s) => s.id === this.stepId);
  }

  /** Spotlight and hints are for guided runs only, unless the citizen asked for help. */
  get guiding(): boolean {
    return this.mode === 'guided' || this.hintShown;
  }

  /** The target of the current step. */
  get target(): Target {
    return this.step.target;
  }

  /** Call about once a second: shows the hint after 20 s on a step (guided runs only). */
  tick(): void {
    if (this.mode === 'guided' && !this.hintShown && this.now() - this.stepStartedAt >= SECONDS_BEFORE_HINT * 1000) this.showHint();
  }

  /** Shows the hint now (also what "Cần giúp?" does in a self run). */
  showHint(): void {
    if (this.hintShown) return;
    this.hintShown = true;
    this.current().hints += 1;
  }

  /** A touch on a widget of the simulated screen (or on the screen outside any widget: `null`). */
  touch(widgetId: string | null): void {
    if (this.finished || this.scanning) return;
    const target = this.target;
    // On a question or an explanation the screen is only a picture: touching it is not a mistake.
    if (target.action === 'quiz' || target.action === 'info') return;
    if (target.action === 'tap') {
      if (widgetId === target.widget) return this.advance(target.next);
      const branch = target.branches?.find((b) => b.widget === widgetId);
      if (branch) {
        this.advance(branch.next);
        this.feedback = { kind: 'branch', text: branch.feedback };
        return;
      }
    }
    if (target.action === 'scan' && widgetId === target.widget) {
      this.scanning = true;
      return;
    }
    // Touching the input, select, tabs or keypad of a type/otp/choose/passcode step is the right place: the component opens it.
    if ('widget' in target && widgetId === target.widget && target.action !== 'tap') return;
    this.miss({ kind: 'wrong-place' });
  }

  /** Ends the scanner's pause: the code was "read". */
  scanned(): void {
    if (!this.scanning) return;
    this.scanning = false;
    const target = this.target;
    if (target.action === 'scan') this.advance(target.next);
  }

  /** The citizen finished typing into an input. */
  submitText(widgetId: string, text: string): void {
    const target = this.target;
    this.typed = { ...this.typed, [widgetId]: text };
    if ((target.action !== 'type' && target.action !== 'otp') || target.widget !== widgetId) return;
    const right = target.action === 'otp' || /^[\d\s.]+$/.test(target.value) ? digits(text) === digits(target.value) : loose(text) === loose(target.value);
    if (right) this.advance(target.next);
    else this.miss({ kind: 'wrong-value', expected: target.value });
  }

  /** A choice on a select or tabs widget. */
  choose(widgetId: string, value: string): void {
    this.chosen = { ...this.chosen, [widgetId]: value };
    const target = this.target;
    if (target.action !== 'choose' || target.widget !== widgetId) return this.miss({ kind: 'wrong-place' });
    if (value === target.value) this.advance(target.next);
    else this.miss({ kind: 'wrong-value', expected: target.value });
  }

  /** One digit on the passcode keypad; a full code is checked at once. */
  pressDigit(digit: string): void {
    const target = this.target;
    if (target.action !== 'passcode') return;
    const length = target.value.length;
    if (this.passcode.length >= length) return;
    this.passcode += digit;
    if (this.passcode.length < length) return;
    if (this.passcode === target.value) this.advance(target.next);
    else {
      this.passcode = '';
      this.miss({ kind: 'wrong-value', expected: target.value });
    }
  }

  /** Removes the last passcode digit. */
  eraseDigit(): void {
    this.passcode = this.passcode.slice(0, -1);
  }

  /** A quiz answer: shows its explanation; "continue" then moves on. */
  answer(option: number): void {
    const target = this.target;
    if (target.action !== 'quiz' || this.answered !== null) return;
    const chosen = target.options[option];
    if (!chosen) return;
    this.answered = option;
    if (!chosen.correct) {
      this.mistakes += 1;
      this.current().wrongTouches += 1;
    }
    this.feedback = { kind: 'quiz', correct: chosen.correct, explanation: chosen.explanation };
  }

  /** "Tiếp tục": for info steps, and after a quiz answer. */
  continue(): void {
    const target = this.target;
    if (target.action === 'info') return this.advance(target.next);
    if (target.action === 'quiz' && this.answered !== null) this.advance(target.options[this.answered]?.next ?? target.next);
  }

  /** Back to the step before (the way the citizen came). */
  back(): void {
    const previous = this.history.pop();
    if (previous === undefined) return;
    this.enter(previous);
  }

  /** Starts the current step over. */
  repeat(): void {
    this.enter(this.stepId);
  }

  /** True when there is a step to go back to. */
  get canGoBack(): boolean {
    return this.history.length > 0;
  }

  /** The result so far (final once `finished`). */
  result(): RunResult {
    const end = this.endedAt ?? this.now();
    let hints = 0;
    for (const s of Object.values(this.stats)) hints += s.hints;
    return {
      demoId: this.demo.id,
      mode: this.mode,
      completed: this.finished,
      mistakes: this.mistakes,
      hintsUsed: hints,
      seconds: Math.round((end - this.startedAt) / 1000),
      stepsDone: this.stepsDone,
    };
  }

  /** The anonymous report for the usage counts. */
  report(): RunReport {
    this.current();
    const now = this.endedAt ?? this.now();
    return {
      demoId: this.demo.id,
      mode: this.mode,
      outcome: this.finished ? 'completed' : 'left',
      steps: Object.values(this.stats).map((s) => ({
        id: s.id,
        hints: s.hints,
        wrongTouches: s.wrongTouches,
        seconds: Math.round((s.seconds + (s.id === this.stepId && !this.finished ? now - this.stepStartedAt : 0)) / 100) / 10,
      })),
    };
  }

  private miss(feedback: Feedback): void {
    this.misses += 1;
    this.mistakes += 1;
    this.current().wrongTouches += 1;
    this.feedback = feedback;
    if (this.mode === 'guided' && this.misses >= MISSES_BEFORE_HINT) this.showHint();
  }

  private advance(next: string | undefined): void {
    const to = next ?? this.demo.steps[this.index + 1]?.id ?? 'end';
    this.stepsDone += 1;
    this.closeStep();
    if (to === 'end') {
      this.finished = true;
      this.endedAt = this.now();
      return;
    }
    this.history.push(this.stepId);
    this.enter(to);
  }

  private enter(stepId: string): void {
    this.closeStep();
    this.stepId = stepId;
    this.current();
    this.stepStartedAt = this.now();
    this.typed = {};
    this.chosen = {};
    this.passcode = '';
    this.feedback = { kind: 'none' };
    this.misses = 0;
    this.hintShown = false;
    this.answered = null;
    this.scanning = false;
  }

  /** Adds the time spent on the current step to its stats. */
  private closeStep(): void {
    const stats = this.stats[this.stepId];
    if (stats) stats.seconds += this.now() - this.stepStartedAt;
    this.stepStartedAt = this.now();
  }

  private current(): StepStats {
    let stats = this.stats[this.stepId];
    if (!stats) {
      stats = { id: this.stepId, hints: 0, wrongTouches: 0, seconds: 0 };
      this.stats[this.stepId] = stats;
    }
    return stats;
  }

  private findStep(id: string): Step {
    const step = this.demo.steps.find((s) => s.id === id) ?? this.demo.steps[0];
    if (!step) throw new Error(`demo ${this.demo.id} has no steps`);
    return step;
  }
}
