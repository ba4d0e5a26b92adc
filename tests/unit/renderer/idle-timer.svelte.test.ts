import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { IdleTimer } from '../../../renderer/src/lib/idle-timer.svelte';

function makeTimer(idleSeconds = 90, countdownSeconds = 15) {
  const onexpire = vi.fn();
  const timer = new IdleTimer({ idleSeconds: () => idleSeconds, countdownSeconds: () => countdownSeconds, onexpire });
  return { timer, onexpire };
}

describe('IdleTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does nothing until asked to watch', () => {
    const { timer, onexpire } = makeTimer();
    vi.advanceTimersByTime(10 * 60_000);
    flushSync();
    expect(timer.phase).toBe('off');
    expect(timer.counting).toBe(false);
    expect(onexpire).not.toHaveBeenCalled();
  });

  it('starts the countdown after idleSeconds of quiet, showing the seconds left', () => {
    const { timer } = makeTimer();
    timer.watch();
    vi.advanceTimersByTime(89_999);
    flushSync();
    expect(timer.counting).toBe(false);
    vi.advanceTimersByTime(1);
    flushSync();
    expect(timer.phase).toBe('countdown');
    expect(timer.counting).toBe(true);
    expect(timer.secondsLeft).toBe(15);
    vi.advanceTimersByTime(1_000);
    flushSync();
    expect(timer.secondsLeft).toBe(14);
    vi.advanceTimersByTime(13_000);
    flushSync();
    expect(timer.secondsLeft).toBe(1);
  });

  it('each touch starts the quiet spell over', () => {
    const { timer } = makeTimer();
    timer.watch();
    vi.advanceTimersByTime(80_000);
    timer.activity();
    vi.advanceTimersByTime(80_000);
    flushSync();
    expect(timer.phase).toBe('watching');
    vi.advanceTimersByTime(10_000);
    flushSync();
    expect(timer.phase).toBe('countdown');
  });

  it('expires once at 0 and stops', () => {
    const { timer, onexpire } = makeTimer();
    timer.watch();
    vi.advanceTimersByTime(90_000 + 14_999);
    expect(onexpire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    flushSync();
    expect(onexpire).toHaveBeenCalledTimes(1);
    expect(timer.phase).toBe('off');
    vi.advanceTimersByTime(10 * 60_000);
    expect(onexpire).toHaveBeenCalledTimes(1);
  });

  it('"still here" closes the countdown and watches again from the start', () => {
    const { timer, onexpire } = makeTimer();
    timer.watch();
    vi.advanceTimersByTime(95_000);
    timer.stillHere();
    flushSync();
    expect(timer.phase).toBe('watching');
    expect(timer.counting).toBe(false);
    vi.advanceTimersByTime(89_000);
    expect(timer.phase).toBe('watching');
    vi.advanceTimersByTime(1_000 + 15_000);
    expect(onexpire).toHaveBeenCalledTimes(1);
  });

  it('ignores ordinary touches during the countdown: only "still here" counts', () => {
    const { timer, onexpire } = makeTimer();
    timer.watch();
    vi.advanceTimersByTime(90_000);
    timer.activity();
    vi.advanceTimersByTime(15_000);
    expect(onexpire).toHaveBeenCalledTimes(1);
  });

  it('stop() cancels a running countdown', () => {
    const { timer, onexpire } = makeTimer();
    timer.watch();
    vi.advanceTimersByTime(92_000);
    timer.stop();
    vi.advanceTimersByTime(60_000);
    expect(onexpire).not.toHaveBeenCalled();
    expect(timer.secondsLeft).toBe(0);
  });

  it('reads the lengths at each start, so new settings apply', () => {
    let idle = 90;
    const onexpire = vi.fn();
    const timer = new IdleTimer({ idleSeconds: () => idle, countdownSeconds: () => 5, onexpire });
    idle = 30;
    timer.watch();
    vi.advanceTimersByTime(30_000);
    expect(timer.secondsLeft).toBe(5);
    vi.advanceTimersByTime(5_000);
    expect(onexpire).toHaveBeenCalledTimes(1);
  });
});
