import type { ApiError, KioskApi, Result } from '../../../electron/api/types';
import type { SignedIn } from '../../../electron/api/contract';
import { messagesFor, type Language, type Messages } from '../lib/i18n';
import { IdleTimer } from '../lib/idle-timer.svelte';

/** A staff member as sign-in reports them. */
export type StaffMember = SignedIn['staff'];

/** Staff mode signs out after this long without a touch. */
export const STAFF_IDLE_MS = 2 * 60_000;

/** The last part of it is a countdown with "Tôi vẫn đang làm", so a member reading or talking is asked first. */
export const STAFF_COUNTDOWN_MS = 30_000;

/** The core forgets a session after 2 quiet minutes; touches refresh it this often while staff work on a form. */
const KEEPALIVE_MS = 45_000;

/** Unsaved work is kept this long (from its last change) for the staff member who left it. */
export const DRAFT_TTL_MS = 30 * 60_000;

/** A form a staff member had half filled in: theirs alone, in memory only, gone at a restart. */
export interface Draft<T> {
  memberId: string;
  kind: string;
  data: T;
  /** When it last changed (ms). */
  at: number;
}

/** Which staff screen is up. */
export type StaffView = { name: 'sign-in' } | { name: 'change-pin'; forced: boolean } | { name: 'home' };

/** What staff mode needs from the app. */
export interface StaffModeOptions {
  api: KioskApi;
  /** Staff mode closed (signed out by hand, by idling, or back to the citizen side). */
  onclose: () => void;
  idleMs?: number;
}

/**
 * Staff mode: who is signed in, which staff screen is up, and the rules that end it — two
 * quiet minutes, the citizen idle reset, or the core saying the session is over.
 */
export class StaffMode {
  open = $state(false);
  view = $state<StaffView>({ name: 'sign-in' });
  session = $state<string | null>(null);
  member = $state<StaffMember | null>(null);
  /** A message for the sign-in screen, e.g. why staff were sent back to it. */
  notice = $state('');
  language = $state<Language>('vi');
  t: Messages = $derived(messagesFor(this.language));
  isAdmin = $derived(this.member?.role === 'admin');

  readonly api: KioskApi;
  /** The quiet spell, then the question; staff mode closes when its countdown runs out. */
  readonly idle: IdleTimer;
  #onclose: () => void;
  #lastCall = 0;
  #draft: Draft<unknown> | null = null;
  #draftTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: StaffModeOptions) {
    this.api = options.api;
    this.#onclose = options.onclose;
    const idleMs = options.idleMs ?? STAFF_IDLE_MS;
    const countdownMs = Math.min(STAFF_COUNTDOWN_MS, idleMs / 2);
    // Closing by itself keeps the draft: nobody chose to give the form up.
    this.idle = new IdleTimer({ idleSeconds: () => (idleMs - countdownMs) / 1000, countdownSeconds: () => countdownMs / 1000, onexpire: () => this.#close() });
  }

  /** Opens the sign-in screen (the hidden corner was held). */
  enter(): void {
    this.open = true;
    this.view = { name: 'sign-in' };
    this.notice = '';
    this.#arm();
  }

  /** A successful sign-in: a forced PIN change comes before anything else. */
  signedIn(result: SignedIn): void {
    this.session = result.session;
    this.member = result.staff;
    this.notice = '';
    this.#lastCall = Date.now();
    this.view = result.mustChangePin ? { name: 'change-pin', forced: true } : { name: 'home' };
  }

  /** Opens "Đổi mã PIN" by choice. */
  changePin(): void {
    if (this.session) this.view = { name: 'change-pin', forced: false };
  }

  /** Back to the staff home (after a PIN change, or cancelling one that was not forced). */
  home(): void {
    if (this.session) this.view = { name: 'home' };
  }

  /** A touch or key in staff mode: the quiet spell starts over, and a long form keeps its session alive. */
  activity(): void {
    if (!this.open) return;
    // Any touch or key while asked counts as "Tôi vẫn đang làm".
    if (this.idle.counting) this.idle.stillHere();
    else this.#arm();
    if (this.session && Date.now() - this.#lastCall > KEEPALIVE_MS) {
      this.#lastCall = Date.now();
      void this.call((session) => this.api.staffWhoami({ session }));
    }
  }

  /**
   * Runs a staff call with the current session. An UNAUTHORIZED answer without field messages
   * means the core ended the session (idle, account turned off): back to sign-in with its message.
   * (A wrong current PIN is also UNAUTHORIZED, but names its field.)
   */
  async call<T>(run: (session: string) => Promise<Result<T>>): Promise<Result<T>> {
    const session = this.session;
    if (!session) return { ok: false, error: { code: 'UNAUTHORIZED', message: this.t.staff.sessionEnded } };
    const result = await run(session);
    if (!result.ok && isSessionEnd(result.error)) {
      if (this.session === session) this.#expire(result.error.message);
    } else {
      this.#lastCall = Date.now();
    }
    return result;
  }

  /**
   * Keeps a copy of the form being filled in, for the signed-in member. Staff mode closing by itself
   * (two quiet minutes, the core ending the session) keeps it, so the member signs in again and
   * carries on; signing out or leaving by hand drops it, as does {@link dropDraft}. One draft at a
   * time: the newest replaces any other.
   */
  keepDraft(kind: string, data: unknown): void {
    if (!this.member) return;
    this.#draft = { memberId: this.member.id, kind, data: $state.snapshot(data), at: Date.now() };
    // What was typed does not linger: it is forgotten 30 minutes after its last change, asked for or not.
    clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(() => (this.#draft = null), DRAFT_TTL_MS);
  }

  /** The form was saved or given up: nothing to come back to. Another member's draft stays theirs. */
  dropDraft(): void {
    if (!this.#draft || this.#draft.memberId !== this.member?.id) return;
    this.#draft = null;
    clearTimeout(this.#draftTimer);
  }

  /** The draft of `kind` the signed-in member left (see {@link DRAFT_TTL_MS}); nobody else's. */
  draft<T>(kind: string): Draft<T> | null {
    if (!this.#draft || this.#draft.kind !== kind || this.#draft.memberId !== this.member?.id) return null;
    return this.#draft as Draft<T>;
  }

  /** Whether the signed-in member has a fresh draft of any kind to come back to. */
  hasDraft(): boolean {
    return this.#draft !== null && this.#draft.memberId === this.member?.id;
  }

  /** "Đăng xuất": ends the session and shows the sign-in list for the next person. */
  signOut(): void {
    this.dropDraft();
    this.#endSession();
    this.view = { name: 'sign-in' };
    this.notice = '';
    this.#arm();
  }

  /** "Về màn hình người dân": leaves staff mode for the citizen side, signing out. */
  leave(): void {
    this.dropDraft();
    this.#close();
  }

  #close(): void {
    this.#endSession();
    this.idle.stop();
    if (!this.open) return;
    this.open = false;
    this.view = { name: 'sign-in' };
    this.#onclose();
  }

  /** The citizen side reset after idling: any staff session ends with it. */
  citizenReset(): void {
    this.#endSession();
  }

  /** Switches the language of the staff screens. */
  setLanguage(language: Language): void {
    this.language = language;
  }

  #expire(message: string): void {
    this.session = null;
    this.member = null;
    this.view = { name: 'sign-in' };
    this.notice = message;
  }

  #endSession(): void {
    const session = this.session;
    this.session = null;
    this.member = null;
    if (session) void this.api.staffSignOut({ session });
  }

  #arm(): void {
    if (this.idle.phase === 'watching') this.idle.activity();
    else this.idle.watch();
  }
}

function isSessionEnd(error: ApiError): boolean {
  return error.code === 'UNAUTHORIZED' && !error.fields;
}
