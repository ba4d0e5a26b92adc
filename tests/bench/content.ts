import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../electron/services/content/loader';
import { sampleDemo } from '../support/demo-fixture';
import { atMost, quantile, reported, type Figure } from './figures';
import type { BenchContext } from './run';

/** Loading and checking 200 demos: the built-in ones cycled under new ids (or the test sample when none exist). */
export async function contentFigures(ctx: BenchContext): Promise<Figure[]> {
  const builtIn = path.join(ctx.root, 'resources', 'content', 'co-ban', 'demos');
  let sources: Record<string, unknown>[];
  try {
    sources = readdirSync(builtIn)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(path.join(builtIn, f), 'utf8')) as Record<string, unknown>);
  } catch {
    sources = [];
  }
  if (sources.length === 0) sources = [sampleDemo('mau')];
  const root = ctx.tempDir('bench-content-');
  let bytes = 0;
  for (let p = 0; p < 4; p++) {
    const dir = path.join(root, `goi-${p}`);
    mkdirSync(path.join(dir, 'demos'), { recursive: true });
    writeFileSync(path.join(dir, 'pack.json'), JSON.stringify({ id: `goi-${p}`, version: '1.0.0', title: { vi: `Gói ${p}` } }));
    for (let i = 0; i < 50; i++) {
      const demo = { ...sources[(p * 50 + i) % sources.length], id: `bai-${p}-${i}` };
      const text = JSON.stringify(demo, null, 2);
      bytes += text.length;
      writeFileSync(path.join(dir, 'demos', `bai-${i}.json`), text);
    }
  }
  const times: number[] = [];
  let demos = 0;
  for (let run = 0; run < 7; run++) {
    const t0 = performance.now();
    const catalog = await loadContent({ builtIn: root, data: path.join(root, 'none') });
    times.push(performance.now() - t0);
    demos = catalog.demos.length;
    if (catalog.packs.some((p) => !p.ok)) throw new Error(`bench packs rejected: ${JSON.stringify(catalog.packs[0]?.problems[0])}`);
  }
  if (demos !== 200) throw new Error(`expected 200 demos, loaded ${demos}`);
  return [
    atMost('Load + check 200 demos (median of 7)', quantile(times, 0.5), 'ms', 300, `${(bytes / 1048576).toFixed(1)} MB of JSON, from ${sources.length} distinct demo(s)`),
    reported('Load + check 200 demos, slowest of 7', Math.max(...times), 'ms'),
  ];
}
