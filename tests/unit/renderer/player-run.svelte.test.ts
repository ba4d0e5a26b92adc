import { describe, expect, it } from 'vitest';
import { DemoSchema, type Demo } from '../../../electron/services/content/schema';
import { PlayerRun } from '../../../renderer/src/player/player-run.svelte';
import { sampleDemo } from '../../support/demo-fixture';

function demoWith(extraSteps: Record<string, unknown>[] = [], patch?: (d: { steps: Record<string, unknown>[] }) => void): Demo {
  const raw = structuredClone(sampleDemo('bai-choi')) as { steps: Record<string, unknown>[] };
  raw.steps.splice(2, 0, ...extraSteps);
  patch?.(raw);
  return { ...DemoSchema.parse(raw), pack: 'thu' };
}

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('a guided run', () => {
  it('moves on when the target is touched, and finishes with a result', () => {
    const c = clock();
    const run = new PlayerRun(demoWith(), 'guided', c.now);
    expect(run.step.id).toBe('mo-ung-dung');
    c.advance(3000);
    run.touch('mo');
    expect(run.step.id).toBe('nhap-ten');
    run.submitText('ten', '0912 345 678');
    expect(run.step.id).toBe('xong');
    c.advance(2000);
    run.continue();
    expect(run.finished).toBe(true);
    expect(run.result()).toEqual({ demoId: 'bai-choi', mode: 'guided', completed: true, mistakes: 0, hintsUsed: 0, seconds: 5, stepsDone: 3 });
    expect(run.report()).toMatchObject({ outcome: 'completed', steps: [{ id: 'mo-ung-dung', seconds: 3 }, { id: 'nhap-ten' }, { id: 'xong', seconds: 2 }] });
  });

  it('answers a wrong touch gently, and shows the hint after 2 misses', () => {
    const run = new PlayerRun(demoWith(), 'guided');
    run.touch(null);
    expect(run.feedback).toEqual({ kind: 'wrong-place' });
    expect(run.hintShown).toBe(false);
    run.touch('khac');
    expect(run.hintShown).toBe(true);
    expect(run.step.id).toBe('mo-ung-dung');
  });

  it('shows the hint after 20 seconds on a step', () => {
    const c = clock();
    const run = new PlayerRun(demoWith(), 'guided', c.now);
    c.advance(19_000);
    run.tick();
    expect(run.hintShown).toBe(false);
    c.advance(1_000);
    run.tick();
    expect(run.hintShown).toBe(true);
    expect(run.result().hintsUsed).toBe(1);
  });

  it('compares typed words loosely and numbers digit by digit', () => {
    const run = new PlayerRun(demoWith(), 'guided');
    run.touch('mo');
    run.submitText('ten', '0912345679');
    expect(run.feedback).toEqual({ kind: 'wrong-value', expected: '0912345678' });
    run.submitText('ten', '0912.345.678');
    expect(run.step.id).toBe('xong');
  });

  it('goes back the way it came and repeats a step from scratch', () => {
    const run = new PlayerRun(demoWith(), 'guided');
    expect(run.canGoBack).toBe(false);
    run.touch('mo');
    run.touch(null);
    run.repeat();
    expect(run.misses).toBe(0);
    expect(run.feedback).toEqual({ kind: 'none' });
    run.back();
    expect(run.step.id).toBe('mo-ung-dung');
  });

  it('reports where someone left', () => {
    const run = new PlayerRun(demoWith(), 'guided');
    run.touch('mo');
    run.touch(null);
    const report = run.report();
    expect(report.outcome).toBe('left');
    expect(report.steps.at(-1)).toMatchObject({ id: 'nhap-ten', wrongTouches: 1 });
    expect(run.result()).toMatchObject({ completed: false, stepsDone: 1, mistakes: 1 });
  });
});

describe('every action', () => {
  const extra = [
    {
      id: 'otp',
      screen: { widgets: [{ type: 'sms', sender: 'VNeID', body: { vi: 'Mã xác thực: 482915' } }, { id: 'o', type: 'input', label: { vi: 'Mã OTP' } }] },
      instruction: { vi: 'Nhập mã OTP.' },
      target: { action: 'otp', widget: 'o', value: '482915' },
    },
    {
      id: 'passcode',
      screen: { widgets: [{ id: 'k', type: 'keypad' }] },
      instruction: { vi: 'Nhập mã số bí mật.' },
      target: { action: 'passcode', widget: 'k', value: '135790' },
    },
    {
      id: 'chon',
      screen: { widgets: [{ id: 's', type: 'select', label: { vi: 'Tỉnh' }, options: [{ value: 'ha-noi', label: { vi: 'Hà Nội' } }, { value: 'hue', label: { vi: 'Huế' } }] }] },
      instruction: { vi: 'Chọn Huế.' },
      target: { action: 'choose', widget: 's', value: 'hue' },
    },
    {
      id: 'quet',
      screen: { widgets: [{ id: 'cam', type: 'scanner' }] },
      instruction: { vi: 'Quét mã.' },
      target: { action: 'scan', widget: 'cam' },
    },
    {
      id: 'hoi',
      screen: { widgets: [{ type: 'text', text: { vi: 'Tin nhắn lạ' } }] },
      instruction: { vi: 'Tin nhắn này thật hay giả?' },
      target: {
        action: 'quiz',
        question: { vi: 'Thật hay giả?' },
        options: [
          { label: { vi: 'Thật' }, correct: false, explanation: { vi: 'Ngân hàng không hỏi OTP.' } },
          { label: { vi: 'Giả' }, correct: true, explanation: { vi: 'Đúng rồi.' } },
        ],
      },
    },
  ];

  it('takes an OTP, a passcode, a choice, a scan and a quiz', () => {
    const run = new PlayerRun(demoWith(extra), 'guided');
    run.touch('mo');
    run.submitText('ten', '0912345678');
    run.submitText('o', '482 915');
    expect(run.step.id).toBe('passcode');
    for (const d of '135791') run.pressDigit(d);
    expect(run.passcode).toBe('');
    expect(run.feedback.kind).toBe('wrong-value');
    for (const d of '135790') run.pressDigit(d);
    expect(run.step.id).toBe('chon');
    run.choose('s', 'ha-noi');
    expect(run.feedback.kind).toBe('wrong-value');
    run.choose('s', 'hue');
    run.touch('cam');
    expect(run.scanning).toBe(true);
    run.touch('cam');
    run.scanned();
    expect(run.step.id).toBe('hoi');
    run.answer(0);
    expect(run.feedback).toMatchObject({ kind: 'quiz', correct: false });
    run.answer(1);
    expect(run.answered).toBe(0);
    run.continue();
    expect(run.step.id).toBe('xong');
    expect(run.result().mistakes).toBe(3);
  });

  it('follows a branch and shows its feedback', () => {
    const demo = demoWith([], (d) => {
      const first = d.steps[0] as { screen: { widgets: unknown[] }; target: Record<string, unknown> };
      first.screen.widgets.push({ id: 'bay', type: 'button', label: { vi: 'Bấm vào đường link' } });
      first.target.branches = [{ widget: 'bay', next: 'xong', feedback: { vi: 'Đó là bẫy.' } }];
    });
    const run = new PlayerRun(demo, 'guided');
    run.touch('bay');
    expect(run.step.id).toBe('xong');
    expect(run.feedback).toEqual({ kind: 'branch', text: { vi: 'Đó là bẫy.' } });
  });
});

describe('a self run', () => {
  it('gives no hint on its own, but "Cần giúp?" shows it and counts it', () => {
    const c = clock();
    const run = new PlayerRun(demoWith(), 'self', c.now);
    expect(run.guiding).toBe(false);
    run.touch(null);
    run.touch(null);
    c.advance(60_000);
    run.tick();
    expect(run.hintShown).toBe(false);
    run.showHint();
    expect(run.guiding).toBe(true);
    expect(run.result()).toMatchObject({ mode: 'self', hintsUsed: 1, mistakes: 2 });
  });
});

describe('touches that are not mistakes', () => {
  it('ignores touches on the picture while a question or an explanation is up', () => {
    const run = new PlayerRun(demoWith(), 'guided');
    run.touch('mo');
    run.submitText('ten', '0912345678');
    expect(run.target.action).toBe('info');
    run.touch(null);
    expect(run.misses).toBe(0);
    expect(run.feedback).toEqual({ kind: 'none' });
  });

  it('knows there is a step to go back to', () => {
    const run = new PlayerRun(demoWith(), 'guided');
    expect(run.canGoBack).toBe(false);
    run.touch('mo');
    expect(run.canGoBack).toBe(true);
  });
});
