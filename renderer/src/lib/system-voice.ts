/** A voice as the system lists it. */
export interface SystemVoice {
  name: string;
  lang: string;
}

/** The part of `speechSynthesis` that lists voices; the list fills in after `voiceschanged`. */
export interface VoiceList {
  getVoices(): readonly SystemVoice[];
  addEventListener(type: 'voiceschanged', listener: () => void): void;
  removeEventListener(type: 'voiceschanged', listener: () => void): void;
}

/** The first voice for `lang` ("vi" matches "vi-VN" and "vi_VN"). */
export function voiceFor<V extends SystemVoice>(voices: readonly V[], lang: string): V | null {
  return voices.find((v) => v.lang.toLowerCase().startsWith(lang)) ?? null;
}

/**
 * The system's voice for `lang`, or null when it has none. Chromium lists voices only some
 * time after the page loads, so an empty answer is trusted only once `waitMs` has passed.
 */
export function findSystemVoice(lang: string, options: { synth?: VoiceList | null; waitMs?: number } = {}): Promise<SystemVoice | null> {
  const synth = options.synth !== undefined ? options.synth : typeof speechSynthesis === 'undefined' ? null : speechSynthesis;
  if (!synth) return Promise.resolve(null);
  const found = voiceFor(synth.getVoices(), lang);
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const finish = (voice: SystemVoice | null) => {
      clearTimeout(timer);
      synth.removeEventListener('voiceschanged', changed);
      resolve(voice);
    };
    const changed = () => {
      const voice = voiceFor(synth.getVoices(), lang);
      if (voice) finish(voice);
    };
    synth.addEventListener('voiceschanged', changed);
    const timer = setTimeout(() => finish(voiceFor(synth.getVoices(), lang)), options.waitMs ?? 1500);
  });
}
