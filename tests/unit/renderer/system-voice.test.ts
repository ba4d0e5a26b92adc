import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findSystemVoice, voiceFor, type SystemVoice, type VoiceList } from '../../../renderer/src/lib/system-voice';

/** A voice list that starts empty and fills in when told, as Chromium's does. */
class FakeVoices extends EventTarget implements VoiceList {
  voices: SystemVoice[] = [];
  listeners = 0;
  getVoices(): readonly SystemVoice[] {
    return this.voices;
  }
  override addEventListener(type: 'voiceschanged', listener: () => void): void {
    this.listeners++;
    super.addEventListener(type, listener);
  }
  override removeEventListener(type: 'voiceschanged', listener: () => void): void {
    this.listeners--;
    super.removeEventListener(type, listener);
  }
  fill(voices: SystemVoice[]): void {
    this.voices = voices;
    this.dispatchEvent(new Event('voiceschanged'));
  }
}

const AN = { name: 'Microsoft An - Vietnamese (Vietnam)', lang: 'vi-VN' };
const ZIRA = { name: 'Microsoft Zira - English (United States)', lang: 'en-US' };

describe('the system voice', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('matches a language by its code, in either case and separator', () => {
    expect(voiceFor([ZIRA, AN], 'vi')).toBe(AN);
    expect(voiceFor([{ name: 'espeak', lang: 'VI_vn' }], 'vi')?.name).toBe('espeak');
    expect(voiceFor([ZIRA], 'vi')).toBeNull();
  });

  it('answers at once when the list is already there', async () => {
    const synth = new FakeVoices();
    synth.voices = [ZIRA, AN];
    await expect(findSystemVoice('vi', { synth })).resolves.toBe(AN);
    expect(synth.listeners).toBe(0);
  });

  it('waits for the list to fill in, and stops listening once it has', async () => {
    const synth = new FakeVoices();
    const found = findSystemVoice('vi', { synth, waitMs: 1500 });
    await vi.advanceTimersByTimeAsync(200);
    synth.fill([ZIRA]);
    await vi.advanceTimersByTimeAsync(200);
    synth.fill([ZIRA, AN]);
    await expect(found).resolves.toBe(AN);
    expect(synth.listeners).toBe(0);
  });

  it('says none once the wait is over, or where there is no speech synthesis at all', async () => {
    const synth = new FakeVoices();
    const found = findSystemVoice('vi', { synth, waitMs: 1500 });
    synth.fill([ZIRA]);
    await vi.advanceTimersByTimeAsync(1500);
    await expect(found).resolves.toBeNull();
    expect(synth.listeners).toBe(0);
    await expect(findSystemVoice('vi', { synth: null })).resolves.toBeNull();
  });
});
