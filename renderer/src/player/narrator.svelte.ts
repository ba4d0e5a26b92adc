import { voiceFor } from '../lib/system-voice';

/** Reads instructions aloud with the browser's speech synthesis, only where a voice for the language exists. */
export class Narrator {
  /** True when a voice for the language is installed. */
  available = $state(false);
  speaking = $state(false);
  private voice: SpeechSynthesisVoice | null = null;
  private readonly synth: SpeechSynthesis | null = typeof speechSynthesis === 'undefined' ? null : speechSynthesis;

  constructor(private readonly lang: 'vi' | 'en') {
    this.pickVoice();
    this.synth?.addEventListener('voiceschanged', this.pickVoice);
  }

  /** Reads `text`, stopping anything still being read. Says nothing, without error, when no voice exists. */
  speak(text: string): void {
    if (!this.synth || !this.voice) return;
    this.synth.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = this.voice;
    utterance.lang = this.voice.lang;
    utterance.rate = 0.9;
    utterance.onend = () => (this.speaking = false);
    utterance.onerror = () => (this.speaking = false);
    this.speaking = true;
    this.synth.speak(utterance);
  }

  /** Stops reading. */
  stop(): void {
    this.synth?.cancel();
    this.speaking = false;
  }

  /** Stops and forgets the voice list listener. */
  dispose(): void {
    this.stop();
    this.synth?.removeEventListener('voiceschanged', this.pickVoice);
  }

  private readonly pickVoice = (): void => {
    const voices = this.synth?.getVoices() ?? [];
    this.voice = voiceFor(voices, this.lang);
    this.available = this.voice !== null;
  };
}
