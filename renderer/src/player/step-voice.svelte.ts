import type { StepVoice } from '../../../electron/api/types';
import { Narrator } from './narrator.svelte';

/** What a step can be heard with: a clip recorded for it, the system's voice reading its text, or nothing. */
export type VoiceSource = 'recorded' | 'system' | 'none';

/** The "Nghe" button's voice: a step's recorded clip first, the system's speech second. Nothing here ever waits on playback. */
export class StepVoicePlayer {
  #clipPlaying = $state(false);
  readonly #audio: HTMLAudioElement | null;
  readonly #narrator: Narrator;
  /** Which clip is loaded and ready, so a touch starts it at once. */
  #loaded: string | null = null;

  constructor(textLanguage: 'vi' | 'en') {
    this.#narrator = new Narrator(textLanguage);
    this.#audio = typeof Audio === 'undefined' ? null : new Audio();
    if (this.#audio) {
      this.#audio.preload = 'auto';
      this.#audio.addEventListener('ended', this.#stopped);
      this.#audio.addEventListener('error', this.#stopped);
      this.#audio.addEventListener('pause', this.#stopped);
    }
  }

  /** True from the touch until the clip or the speech ends or is stopped. */
  get playing(): boolean {
    return this.#clipPlaying || this.#narrator.speaking;
  }

  /** How this step would be heard. */
  source(voice: StepVoice | undefined): VoiceSource {
    if (voice && this.#audio) return 'recorded';
    return this.#narrator.available ? 'system' : 'none';
  }

  /** Loads a step's clip ahead of the touch (decoding a data URL takes a moment on a weak PC). */
  prepare(voice: StepVoice | undefined): void {
    if (!voice || !this.#audio || this.#loaded === voice.src) return;
    this.#audio.src = voice.src;
    this.#loaded = voice.src;
    this.#audio.load();
  }

  /** Plays the step from the start: its clip, else the system voice reading `text`. */
  play(voice: StepVoice | undefined, text: string): void {
    this.stop();
    if (voice && this.#audio) {
      this.prepare(voice);
      // A seek restarts the media pipeline; a clip that has not played yet is at its start already.
      if (this.#audio.currentTime !== 0) this.#audio.currentTime = 0;
      this.#clipPlaying = true;
      // A refused or broken clip only turns the button back; the citizen's touch is never held up.
      this.#audio.play().catch(() => (this.#clipPlaying = false));
      return;
    }
    this.#narrator.speak(text);
  }

  /** Stops whatever is being heard. */
  stop(): void {
    if (this.#audio && !this.#audio.paused) this.#audio.pause();
    if (this.#narrator.speaking) this.#narrator.stop();
    this.#clipPlaying = false;
  }

  /** Stops and lets go of the clip and the voice list listener. */
  dispose(): void {
    this.stop();
    this.#narrator.dispose();
    if (this.#audio) {
      this.#audio.removeAttribute('src');
      this.#audio.load();
    }
  }

  // Events arrive after the fact: a "pause" from the previous stop must not undo a replay started since.
  readonly #stopped = (): void => {
    if (!this.#audio || this.#audio.paused || this.#audio.error) this.#clipPlaying = false;
  };
}
