import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { DEFAULT_CITIZEN_SETTINGS, KioskState } from '../../../renderer/src/lib/kiosk-state.svelte';
import { MESSAGES } from '../../../renderer/src/lib/i18n';

describe('KioskState', () => {
  it('starts on the attract screen in Vietnamese with normal text', () => {
    const kiosk = new KioskState();
    expect(kiosk.screen).toEqual({ name: 'attract' });
    expect(kiosk.language).toBe('vi');
    expect(kiosk.largeText).toBe(false);
    expect(kiosk.t).toBe(MESSAGES.vi);
  });

  it('walks attract → home → skill → home', () => {
    const kiosk = new KioskState();
    kiosk.start();
    expect(kiosk.screen).toEqual({ name: 'home' });
    kiosk.openSkill('an-toan');
    expect(kiosk.screen).toEqual({ name: 'skill', skill: 'an-toan' });
    kiosk.goHome();
    expect(kiosk.screen).toEqual({ name: 'home' });
  });

  it('hears narration in the text language until the citizen chooses another, and forgets the choice at the end of the visit', () => {
    const kiosk = new KioskState();
    expect(kiosk.voice).toBe('vi');
    kiosk.setLanguage('en');
    expect(kiosk.voice).toBe('en');
    kiosk.setVoice('hmn');
    kiosk.setLanguage('vi');
    expect(kiosk.voice).toBe('hmn');
    kiosk.reset();
    expect([kiosk.chosenVoice, kiosk.voice]).toEqual([null, 'vi']);
  });

  it('derives the messages from the language', () => {
    const kiosk = new KioskState();
    kiosk.setLanguage('en');
    flushSync();
    expect(kiosk.t).toBe(MESSAGES.en);
  });

  it('reset clears everything one visitor chose, back to the staff default language', () => {
    const kiosk = new KioskState();
    kiosk.applySettings({ ...DEFAULT_CITIZEN_SETTINGS, language: 'en' });
    expect(kiosk.language).toBe('en');
    kiosk.start();
    kiosk.setLanguage('vi');
    kiosk.toggleLargeText();
    kiosk.openSkill('mua-sam');
    kiosk.reset();
    flushSync();
    expect(kiosk.screen).toEqual({ name: 'attract' });
    expect(kiosk.language).toBe('en');
    expect(kiosk.largeText).toBe(false);
    expect(kiosk.t).toBe(MESSAGES.en);
  });

  it('new settings do not switch the language under someone mid-visit', () => {
    const kiosk = new KioskState();
    kiosk.start();
    kiosk.applySettings({ ...DEFAULT_CITIZEN_SETTINGS, language: 'en', idleSeconds: 120 });
    expect(kiosk.language).toBe('vi');
    expect(kiosk.settings.idleSeconds).toBe(120);
    kiosk.reset();
    expect(kiosk.language).toBe('en');
  });
});
