import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import type { Result } from '../../../electron/api/types';
import { JobWatcher, POLL_MS, type JobCalls } from '../../../renderer/src/print/job-watcher.svelte';
import type { PrintJobView } from '../../../renderer/src/print/print-job';
import { JOB_ID as ID, printJob as job } from './support/print-job';

const NEW_ID = '5c1d2e3f-4a5b-4c6d-8e7f-901234567890';


const ok = (value: PrintJobView): Result<PrintJobView> => ({ ok: true, value });

/** A fake core whose job moves through `states` one poll at a time; every call is recorded. */
function fakeCore(states: Partial<PrintJobView>[]) {
  const calls: string[] = [];
  let step = 0;
  const core: JobCalls = {
    job: async (id) => {
      calls.push(`job ${id}`);
      const patch = states[Math.min(step++, states.length - 1)]!;
      return ok(job({ id, ...patch }));
    },
    retry: async (id) => (calls.push(`retry ${id}`), ok(job({ id }))),
    cancel: async (id) => (calls.push(`cancel ${id}`), ok(job({ id, state: 'cancelled', canCancel: false }))),
    reprint: async (id) => (calls.push(`reprint ${id}`), ok(job({ id: NEW_ID, reprintOf: id }))),
  };
  return { core, calls };
}

/** Lets the fake timers fire one poll and its answer arrive. */
async function nextPoll(): Promise<void> {
  await vi.advanceTimersByTimeAsync(POLL_MS);
  flushSync();
}

describe('JobWatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls every 300 ms until the job settles, then stops', async () => {
    const { core, calls } = fakeCore([{ state: 'sending' }, { state: 'sent', canReprint: true }]);
    const watcher = new JobWatcher(core);
    watcher.follow(job());
    expect(watcher.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(POLL_MS - 1);
    expect(calls).toEqual([]);
    await nextPoll();
    expect(watcher.job?.state).toBe('sending');
    await nextPoll();
    expect(watcher.job?.state).toBe('sent');
    expect(watcher.settled).toBe(true);
    await vi.advanceTimersByTimeAsync(10 * POLL_MS);
    expect(calls).toEqual([`job ${ID}`, `job ${ID}`]);
  });

  it('does not poll a job that is already settled', async () => {
    const { core, calls } = fakeCore([{}]);
    const watcher = new JobWatcher(core);
    watcher.follow(job({ state: 'failed' }));
    await vi.advanceTimersByTimeAsync(10 * POLL_MS);
    expect(calls).toEqual([]);
  });

  it('a reprint is a new job: the watcher follows the new id', async () => {
    const { core, calls } = fakeCore([{ state: 'sending' }]);
    const watcher = new JobWatcher(core);
    watcher.follow(job({ state: 'unknown', canReprint: true, canRetry: false, canCancel: false }));
    await watcher.act('reprint');
    flushSync();
    expect(watcher.job?.id).toBe(NEW_ID);
    await nextPoll();
    expect(calls).toEqual([`reprint ${ID}`, `job ${NEW_ID}`]);
  });

  it('"Huỷ in" ends the polling with the cancelled job', async () => {
    const { core, calls } = fakeCore([{ state: 'queued', error: { code: 'PAPER_OUT', message: 'Hết giấy' } }]);
    const watcher = new JobWatcher(core);
    watcher.follow(job());
    await nextPoll();
    await watcher.act('cancel');
    flushSync();
    expect(watcher.job?.state).toBe('cancelled');
    await vi.advanceTimersByTimeAsync(10 * POLL_MS);
    expect(calls).toEqual([`job ${ID}`, `cancel ${ID}`]);
  });

  it('shows a refused action and where the job is now', async () => {
    const { core } = fakeCore([{ state: 'sending' }, { state: 'sent' }]);
    core.retry = async () => ({ ok: false, error: { code: 'CONFLICT', message: 'Phiếu này không thể thử lại.' } });
    const watcher = new JobWatcher(core);
    watcher.follow(job({ state: 'failed' }));
    await watcher.act('retry');
    await vi.advanceTimersByTimeAsync(0);
    flushSync();
    expect(watcher.problem).toBe('Phiếu này không thể thử lại.');
    expect(watcher.job?.state).toBe('sending');
    await nextPoll();
    expect(watcher.job?.state).toBe('sent');
    // The refusal stays on screen until the next action.
    expect(watcher.problem).toBe('Phiếu này không thể thử lại.');
  });

  it('keeps trying while the core is unreachable, and clears the message once it answers', async () => {
    let reachable = false;
    const { core } = fakeCore([{ state: 'sent' }]);
    const answer = core.job;
    core.job = async (id) => (reachable ? answer(id) : { ok: false, error: { code: 'UNAVAILABLE', message: 'Không kết nối được.' } });
    const watcher = new JobWatcher(core);
    watcher.follow(job());
    await nextPoll();
    expect(watcher.problem).toBe('Không kết nối được.');
    reachable = true;
    await nextPoll();
    expect(watcher.problem).toBeNull();
    expect(watcher.job?.state).toBe('sent');
  });

  it('stops for good once disposed, even for an answer already on its way', async () => {
    const { core, calls } = fakeCore([{ state: 'sending' }]);
    const watcher = new JobWatcher(core);
    watcher.follow(job());
    await nextPoll();
    watcher.dispose();
    watcher.follow(job({ id: NEW_ID }));
    await vi.advanceTimersByTimeAsync(10 * POLL_MS);
    expect(calls).toEqual([`job ${ID}`]);
    expect(watcher.job?.id).toBe(ID);
  });

  it('clear() forgets the job and stops polling', async () => {
    const { core, calls } = fakeCore([{ state: 'sending' }]);
    const watcher = new JobWatcher(core);
    watcher.follow(job());
    watcher.clear();
    flushSync();
    expect(watcher.job).toBeNull();
    expect(watcher.settled).toBe(true);
    await vi.advanceTimersByTimeAsync(10 * POLL_MS);
    expect(calls).toEqual([]);
  });
});
