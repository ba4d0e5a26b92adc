import type { ApiError, Input } from '../../../electron/api/types';
import type { Language } from '../lib/i18n';
import { pinProblem } from './pin-rules';
import { printerAddressProblem, printerSetting, type PrinterDraft } from './printer';
import { SiteDraft, type Hotline, type StaffText } from './site-draft.svelte';

/** The wizard's screens, in order; each has one purpose. */
export const WIZARD_STEPS = ['welcome', 'site', 'place', 'hamlets', 'hotlines', 'admin', 'printer', 'prefs', 'review'] as const;
/** One wizard screen. */
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** Shortest and longest idle time staff may choose, in seconds. */
export const IDLE_RANGE = { min: 30, max: 1800 } as const;

/** Which screen asks for the field the core named (`site.hamlets.2` → hamlets). */
export function stepOfField(key: string): WizardStep {
  if (key === 'site.name' || key === 'site.kind') return 'site';
  if (key.startsWith('site.hamlets')) return 'hamlets';
  if (key.startsWith('site.hotlines')) return 'hotlines';
  if (key.startsWith('site')) return 'place';
  if (key.startsWith('admin')) return 'admin';
  if (key.startsWith('printer')) return 'printer';
  if (key === 'idleSeconds' || key === 'language') return 'prefs';
  return 'review';
}

/** The first-run setup: everything entered so far, which screen is up, and what is wrong where. */
export class SetupWizard {
  step = $state<WizardStep>('welcome');
  readonly site = new SiteDraft();
  adminName = $state('');
  /** The admin PIN once entered twice alike; empty until then. */
  adminPin = $state('');
  printer = $state<PrinterDraft>({ kind: 'none', address: '', paperWidthMm: 80 });
  idleSeconds = $state(90);
  language = $state<Language>('vi');
  /** Messages per field, keyed like the core's (`site.name`, `admin.pin`, …). */
  errors = $state<Record<string, string>>({});
  /** The core's message when it refused the whole setup. */
  refusal = $state('');
  index = $derived(WIZARD_STEPS.indexOf(this.step));

  constructor(defaultHotlines: readonly Hotline[]) {
    this.site.load({ hotlines: defaultHotlines.map((h) => ({ ...h, confirmed: false })) });
  }

  /** Problems on one screen, checked before moving on. */
  problemsOf(step: WizardStep, t: StaffText): Record<string, string> {
    switch (step) {
      case 'site':
        return this.site.basicsProblems(t);
      case 'place':
        return this.site.placeProblems(t);
      case 'hamlets':
        return this.site.hamletProblems(t);
      case 'hotlines':
        return this.site.hotlineProblems(t);
      case 'admin': {
        const out: Record<string, string> = {};
        if (!this.adminName.trim()) out['admin.name'] = t.adminNameMissing;
        if (!this.adminPin) out['admin.pin'] = t.adminPinMissing;
        return out;
      }
      case 'printer': {
        const problem = printerAddressProblem(this.printer);
        return problem ? { 'printer.uri': t.printerProblem[problem] } : {};
      }
      case 'prefs':
        return Number.isInteger(this.idleSeconds) && this.idleSeconds >= IDLE_RANGE.min && this.idleSeconds <= IDLE_RANGE.max
          ? {}
          : { idleSeconds: t.idleRange(IDLE_RANGE.min, IDLE_RANGE.max) };
      case 'welcome':
      case 'review':
        return {};
    }
  }

  /** "Tiếp tục": moves on when this screen is complete, otherwise shows what is missing. */
  next(t: StaffText): boolean {
    const problems = this.problemsOf(this.step, t);
    // Keep what the core said about other screens; this screen's messages are checked afresh.
    const others = Object.fromEntries(Object.entries(this.errors).filter(([key]) => stepOfField(key) !== this.step));
    this.errors = { ...others, ...problems };
    if (Object.keys(problems).length > 0) return false;
    const following = WIZARD_STEPS[this.index + 1];
    if (following) this.step = following;
    return true;
  }

  /** "Quay lại": the previous screen, with everything entered kept. */
  back(): void {
    const previous = WIZARD_STEPS[this.index - 1];
    if (previous) this.go(previous);
  }

  /** Jumps to a screen (from the review's "Sửa"). */
  go(step: WizardStep): void {
    this.step = step;
  }

  /** After a refused "Tiếp tục", re-checks this screen on every change so fixed lines lose their message. */
  recheck(t: StaffText): void {
    if (!Object.keys(this.errors).some((key) => stepOfField(key) === this.step)) return;
    const others = Object.fromEntries(Object.entries(this.errors).filter(([key]) => stepOfField(key) !== this.step));
    this.errors = { ...others, ...this.problemsOf(this.step, t) };
  }

  /** Clears one field's message once staff change it. */
  clearError(...keys: string[]): void {
    if (!keys.some((k) => k in this.errors)) return;
    const rest = { ...this.errors };
    for (const k of keys) delete rest[k];
    this.errors = rest;
  }

  /** Sets the admin PIN after it was entered twice alike; refuses an easy one. */
  setAdminPin(pin: string): boolean {
    if (pinProblem(pin)) return false;
    this.adminPin = pin;
    this.clearError('admin.pin');
    return true;
  }

  /** What `setup:complete` receives. */
  input(): Input<'setup:complete'> {
    return {
      site: this.site.toInput(),
      admin: { name: this.adminName, pin: this.adminPin },
      printer: printerSetting(this.printer),
      idleSeconds: this.idleSeconds,
      language: this.language,
    };
  }

  /** The core refused setup: show its message, go to the first screen with a named field, and mark each field. */
  refused(error: ApiError): void {
    this.refusal = error.message;
    const fields = error.fields ?? {};
    this.errors = { ...fields };
    const steps = Object.keys(fields).map(stepOfField);
    const first = WIZARD_STEPS.find((s) => steps.includes(s));
    if (first) this.step = first;
  }
}
