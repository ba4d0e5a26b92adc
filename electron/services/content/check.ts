import type { z } from 'zod';
import type { DemoSchema, Widget } from './schema';

type ParsedDemo = z.infer<typeof DemoSchema>;

/** A problem found in a demo: a JSON path inside the file and a Vietnamese message. */
export interface DemoProblem {
  path: string;
  message: string;
}

/** Which widget types each action may target. */
const TARGETS: Record<string, readonly Widget['type'][]> = {
  tap: ['button', 'listitem', 'checkbox', 'tabs', 'image', 'alert', 'sms', 'qr', 'appbar', 'text', 'heading'],
  type: ['input'],
  otp: ['input'],
  passcode: ['keypad'],
  scan: ['scanner'],
  choose: ['select', 'tabs'],
};

/** Why an asset path is not allowed, or null. Assets live in the pack's `assets/` folder. */
export function assetPathProblem(asset: string, kind: 'image' | 'audio' = 'image'): string | null {
  const what = kind === 'image' ? 'ảnh' : 'tệp lời đọc';
  const example = kind === 'image' ? 'assets/anh.png' : 'assets/audio/buoc-1.ogg';
  if (asset.includes('\\') || asset.startsWith('/') || /^[a-z]+:/i.test(asset)) return `đường dẫn ${what} phải là đường dẫn tương đối trong gói, ví dụ ${example}`;
  if (asset.split('/').includes('..')) return `đường dẫn ${what} không được ra ngoài gói (..)`;
  if (!asset.startsWith('assets/')) return `${what} phải nằm trong thư mục assets/ của gói`;
  if (kind === 'image' && !/\.(png|jpe?g|webp|svg)$/i.test(asset)) return 'ảnh phải là .png, .jpg, .webp hoặc .svg';
  if (kind === 'audio' && !/\.(webm|ogg|opus|mp3|wav)$/i.test(asset)) return 'tệp lời đọc phải là .webm, .ogg, .opus, .mp3 hoặc .wav';
  return null;
}

/**
 * Checks what the schema cannot: targets that name a widget on their screen of the right kind,
 * branches to existing steps, an end reachable from every step, every step reachable, unique
 * ids, OTPs that the screen's SMS actually carries, and asset paths that stay inside the pack.
 */
export function checkDemo(demo: ParsedDemo, assetExists: (relativePath: string) => boolean): DemoProblem[] {
  const problems: DemoProblem[] = [];
  const ids = new Map<string, number>();
  demo.steps.forEach((step, i) => {
    if (ids.has(step.id)) problems.push({ path: `steps.${i}.id`, message: `mã bước "${step.id}" bị trùng với bước ${ids.get(step.id)! + 1}` });
    else ids.set(step.id, i);
  });
  const edges = new Map<string, string[]>();

  demo.steps.forEach((step, i) => {
    const at = `steps.${i}`;
    const widgets = new Map<string, Widget>();
    step.screen.widgets.forEach((w, j) => {
      if (w.type === 'image') {
        const problem = assetPathProblem(w.asset);
        if (problem) problems.push({ path: `${at}.screen.widgets.${j}.asset`, message: problem });
        else if (!assetExists(w.asset)) problems.push({ path: `${at}.screen.widgets.${j}.asset`, message: `không thấy tệp ảnh ${w.asset} trong gói` });
      }
      if (w.type === 'select' && w.value !== undefined && !w.options.some((o) => o.value === w.value)) {
        problems.push({ path: `${at}.screen.widgets.${j}.value`, message: `"${w.value}" không có trong danh sách lựa chọn` });
      }
      if (w.type === 'tabs' && w.active !== undefined && !w.items.some((o) => o.value === w.active)) {
        problems.push({ path: `${at}.screen.widgets.${j}.active`, message: `"${w.active}" không có trong các thẻ` });
      }
      if (!w.id) return;
      if (widgets.has(w.id)) problems.push({ path: `${at}.screen.widgets.${j}.id`, message: `mã ô "${w.id}" bị trùng trên cùng màn hình` });
      widgets.set(w.id, w);
    });

    const target = step.target;
    const fallback = demo.steps[i + 1]?.id ?? 'end';
    const out: string[] = [];
    const follow = (nextId: string | undefined, path: string) => {
      const to = nextId ?? fallback;
      if (to !== 'end' && !ids.has(to)) problems.push({ path, message: `chuyển tới bước "${to}" nhưng không có bước nào mã như vậy` });
      out.push(to);
    };

    if (target.action === 'quiz') {
      if (!target.options.some((o) => o.correct)) problems.push({ path: `${at}.target.options`, message: 'câu hỏi cần ít nhất một đáp án đúng' });
      target.options.forEach((o, k) => follow(o.next ?? target.next, `${at}.target.options.${k}.next`));
    } else if (target.action === 'info') {
      follow(target.next, `${at}.target.next`);
    } else {
      const widget = widgets.get(target.widget);
      if (!widget) {
        problems.push({ path: `${at}.target.widget`, message: `không có ô nào mã "${target.widget}" trên màn hình của bước này` });
      } else if (!TARGETS[target.action]?.includes(widget.type)) {
        problems.push({ path: `${at}.target.widget`, message: `thao tác "${target.action}" không dùng được với ô loại "${widget.type}"` });
      } else if (target.action === 'choose') {
        const values = widget.type === 'select' ? widget.options.map((o) => o.value) : widget.type === 'tabs' ? widget.items.map((o) => o.value) : [];
        if (!values.includes(target.value)) problems.push({ path: `${at}.target.value`, message: `"${target.value}" không có trong các lựa chọn của ô "${target.widget}"` });
      }
      if (target.action === 'otp') {
        const carried = step.screen.widgets.some((w) => w.type === 'sms' && (w.body.vi.includes(target.value) || (w.body.en ?? '').includes(target.value)));
        if (!carried) problems.push({ path: `${at}.target.value`, message: `mã OTP ${target.value} phải có trong tin nhắn (ô sms) trên cùng màn hình` });
      }
      follow(target.next, `${at}.target.next`);
      if (target.action === 'tap') {
        (target.branches ?? []).forEach((b, k) => {
          if (!widgets.has(b.widget)) problems.push({ path: `${at}.target.branches.${k}.widget`, message: `không có ô nào mã "${b.widget}" trên màn hình của bước này` });
          if (b.widget === target.widget) problems.push({ path: `${at}.target.branches.${k}.widget`, message: 'nhánh rẽ phải là một ô khác với ô đích' });
          follow(b.next, `${at}.target.branches.${k}.next`);
        });
      }
    }
    edges.set(step.id, out);
  });

  // Every step must lead to the end, and be reachable from the first step.
  const reachesEnd = new Set<string>(['end']);
  let changed = true;
  while (changed) {
    changed = false;
    for (const [from, tos] of edges) {
      if (!reachesEnd.has(from) && tos.some((t) => reachesEnd.has(t))) {
        reachesEnd.add(from);
        changed = true;
      }
    }
  }
  const reachable = new Set<string>();
  const queue = demo.steps[0] ? [demo.steps[0].id] : [];
  while (queue.length) {
    const id = queue.pop()!;
    if (reachable.has(id) || id === 'end') continue;
    reachable.add(id);
    queue.push(...(edges.get(id) ?? []));
  }
  demo.steps.forEach((step, i) => {
    if (ids.get(step.id) !== i) return;
    if (!reachesEnd.has(step.id)) problems.push({ path: `steps.${i}`, message: `từ bước "${step.id}" không thể đi tới cuối bài (vòng lặp không lối ra)` });
    if (!reachable.has(step.id)) problems.push({ path: `steps.${i}`, message: `bước "${step.id}" không bao giờ được tới từ bước đầu` });
  });
  return problems;
}
