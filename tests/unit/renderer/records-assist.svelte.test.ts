import { describe, expect, it } from 'vitest';
import { KioskState } from '../../../renderer/src/lib/kiosk-state.svelte';
import { sendInOrder } from '../../../renderer/src/records/assist-calls';

const ASSIST = { sessionId: 's', handoff: 'x'.repeat(32), personId: 'p', personName: 'bác Ánh' };

describe('an assisted visit in the kiosk state', () => {
  it('starts a fresh visit at the skill list, tied to the session', () => {
    const kiosk = new KioskState();
    kiosk.addResult({ demoId: 'old', mode: 'guided', completed: true, mistakes: 0, hintsUsed: 0, seconds: 5, stepsDone: 3 });
    kiosk.startAssist(ASSIST);
    expect(kiosk.screen).toEqual({ name: 'home' });
    expect(kiosk.results).toEqual([]);
    expect(kiosk.assist).toEqual(ASSIST);
  });

  it('ends with the idle reset or when staff finish it', () => {
    const kiosk = new KioskState();
    kiosk.startAssist(ASSIST);
    kiosk.reset();
    expect(kiosk.assist).toBeNull();
    kiosk.startAssist(ASSIST);
    kiosk.endAssist();
    expect(kiosk.assist).toBeNull();
    expect(kiosk.screen).toEqual({ name: 'home' });
  });
});

describe('sendInOrder', () => {
  it('runs calls one after another, even after a failure', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    const first = sendInOrder(() => new Promise<void>((resolve) => (release = () => (log.push('result'), resolve()))));
    const failing = sendInOrder(() => Promise.reject(new Error('offline')));
    const last = sendInOrder(async () => log.push('pause'));
    await Promise.resolve();
    expect(log).toEqual([]);
    release();
    await first;
    await expect(failing).rejects.toThrow('offline');
    await last;
    expect(log).toEqual(['result', 'pause']);
  });
});
