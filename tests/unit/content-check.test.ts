import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDemo, assetPathProblem } from '../../electron/services/content/check';
import { contentJsonSchemas } from '../../electron/services/content/json-schema';
import { DemoSchema } from '../../electron/services/content/schema';
import { sampleDemo } from '../support/demo-fixture';

type Raw = ReturnType<typeof sampleDemo> & { steps: Record<string, unknown>[] };

function problemsOf(mutate: (demo: Raw) => void, assets: string[] = []): { path: string; message: string }[] {
  const raw = structuredClone(sampleDemo('bai-kiem-tra')) as Raw;
  mutate(raw);
  const parsed = DemoSchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return checkDemo(parsed.data, (a) => assets.includes(a));
}

const step = (demo: Raw, i: number) => demo.steps[i] as { target: Record<string, unknown>; screen: { widgets: Record<string, unknown>[] }; id: string };

describe('demo checks', () => {
  it('accepts the sample demo', () => {
    expect(problemsOf(() => undefined)).toEqual([]);
  });

  it('rejects an unknown widget and an unknown action', () => {
    expect(problemsOf((d) => step(d, 0).screen.widgets.push({ type: 'video', id: 'v' }))[0]?.path).toBe('steps.0.screen.widgets.2.type');
    expect(problemsOf((d) => (step(d, 0).target.action = 'swipe'))[0]?.path).toBe('steps.0.target.action');
  });

  it('rejects a target naming no widget on its screen, or one of the wrong kind', () => {
    expect(problemsOf((d) => (step(d, 0).target.widget = 'khong-co'))).toEqual([{ path: 'steps.0.target.widget', message: 'không có ô nào mã "khong-co" trên màn hình của bước này' }]);
    expect(problemsOf((d) => (step(d, 1).target = { action: 'type', widget: 'khong-co', value: 'x' }))[0]?.path).toBe('steps.1.target.widget');
    expect(problemsOf((d) => (step(d, 0).target = { action: 'passcode', widget: 'mo', value: '123456' }))[0]?.message).toContain('không dùng được với ô loại "button"');
  });

  it('rejects a branch or next to a missing step', () => {
    expect(problemsOf((d) => (step(d, 0).target.next = 'buoc-ma'))).toContainEqual({ path: 'steps.0.target.next', message: 'chuyển tới bước "buoc-ma" nhưng không có bước nào mã như vậy' });
    expect(
      problemsOf((d) => {
        step(d, 0).screen.widgets.push({ id: 'sai', type: 'button', label: { vi: 'Sai' } });
        step(d, 0).target.branches = [{ widget: 'sai', next: 'khong-co' }];
      })[0]?.path,
    ).toBe('steps.0.target.branches.0.next');
  });

  it('rejects a step from which the end cannot be reached, and a step never reached', () => {
    const loop = problemsOf((d) => {
      step(d, 1).target.next = 'mo-ung-dung';
      step(d, 0).target.next = 'nhap-ten';
    });
    expect(loop.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('từ bước "mo-ung-dung" không thể đi tới cuối bài'), expect.stringContaining('bước "xong" không bao giờ được tới')]),
    );
  });

  it('accepts a branching drill where both branches end', () => {
    expect(
      problemsOf((d) => {
        step(d, 0).screen.widgets.push({ id: 'sai', type: 'button', label: { vi: 'Bấm link' } });
        step(d, 0).target.branches = [{ widget: 'sai', next: 'xong', feedback: { vi: 'Đây là bẫy.' } }];
      }),
    ).toEqual([]);
  });

  it('rejects an OTP that no SMS on the screen carries', () => {
    const problems = problemsOf((d) => (step(d, 1).target = { action: 'otp', widget: 'ten', value: '482915' }));
    expect(problems[0]?.message).toContain('mã OTP 482915 phải có trong tin nhắn');
    expect(
      problemsOf((d) => {
        step(d, 1).screen.widgets.push({ type: 'sms', sender: 'VNeID', body: { vi: 'Mã xác thực của bác là 482915.' } });
        step(d, 1).target = { action: 'otp', widget: 'ten', value: '482915' };
      }),
    ).toEqual([]);
  });

  it('rejects asset paths that leave the pack and missing images', () => {
    expect(assetPathProblem('../../etc/passwd.png')).toContain('(..)');
    expect(assetPathProblem('anh/x.png')).toContain('assets/');
    expect(assetPathProblem('assets/../../x.png')).toContain('(..)');
    expect(assetPathProblem('/abs/x.png')).toContain('tương đối');
    expect(assetPathProblem('https://evil.example/x.png')).toContain('tương đối');
    const image = { type: 'image', asset: 'assets/anh.png', alt: { vi: 'Ảnh' } };
    expect(problemsOf((d) => step(d, 2).screen.widgets.push(image))[0]?.message).toContain('không thấy tệp ảnh');
    expect(problemsOf((d) => step(d, 2).screen.widgets.push(image), ['assets/anh.png'])).toEqual([]);
  });

  it('rejects duplicate step and widget ids', () => {
    expect(problemsOf((d) => (step(d, 1).id = 'mo-ung-dung')).map((p) => p.path)).toContain('steps.1.id');
    expect(problemsOf((d) => step(d, 0).screen.widgets.push({ id: 'mo', type: 'button', label: { vi: 'Lần nữa' } }))[0]?.path).toBe('steps.0.screen.widgets.2.id');
  });

  it('rejects over-long text and a card of more than 10 steps', () => {
    expect(problemsOf((d) => (step(d, 0) as unknown as { instruction: { vi: string } }).instruction.vi = 'a'.repeat(161))[0]?.path).toBe('steps.0.instruction.vi');
    expect(problemsOf((d) => ((d.card as { steps: unknown[] }).steps = Array.from({ length: 11 }, () => ({ vi: 'Bước.' }))))[0]?.message).toContain('tối đa 10');
  });

  it('rejects a quiz without a right answer, and a choice that is not an option', () => {
    expect(
      problemsOf((d) => {
        step(d, 2).target = { action: 'quiz', question: { vi: 'Đúng hay sai?' }, options: [{ label: { vi: 'A' }, correct: false, explanation: { vi: 'Vì…' } }, { label: { vi: 'B' }, correct: false, explanation: { vi: 'Vì…' } }] };
      })[0]?.message,
    ).toBe('câu hỏi cần ít nhất một đáp án đúng');
    expect(
      problemsOf((d) => {
        step(d, 2).screen.widgets.push({ id: 'chon', type: 'select', label: { vi: 'Tỉnh' }, options: [{ value: 'ha-noi', label: { vi: 'Hà Nội' } }, { value: 'hue', label: { vi: 'Huế' } }] });
        step(d, 2).target = { action: 'choose', widget: 'chon', value: 'da-nang' };
      })[0]?.path,
    ).toBe('steps.2.target.value');
  });

  it('normalises NFD text to NFC', () => {
    const raw = structuredClone(sampleDemo('nfd', { title: 'Tự bảo vệ mình'.normalize('NFD') }));
    expect(DemoSchema.parse(raw).title.vi).toBe('Tự bảo vệ mình'.normalize('NFC'));
  });
});

describe('JSON Schema for authors', () => {
  it('is committed exactly as generated from the zod schema (run `npm run content:schema` after changing it)', () => {
    const dir = path.resolve(import.meta.dirname, '..', '..', 'resources', 'content');
    for (const [name, schema] of Object.entries(contentJsonSchemas())) {
      expect(JSON.parse(readFileSync(path.join(dir, name), 'utf8')), name).toEqual(schema);
    }
  });
});
