import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exitStatus, type Figure } from './figures';
import { foundationFigures } from './foundation';
import { staffFigures } from './staff';
import { contentFigures } from './content';
import { playerFigures } from './player';
import { memoryFigures } from './memory';
import { cardFigures } from './cards';
import { printingFigures } from './printing';
import { recordsFigures } from './records';
import { hubFigures } from './hub';
import { syncFigures } from './sync';
import { narrationFigures } from './narration';

/** What every group of figures receives. */
export interface BenchContext {
  root: string;
  tempDir(prefix: string): string;
}

/** Each issue adds its group here. */
const GROUPS: { name: string; run: (ctx: BenchContext) => Promise<Figure[]> }[] = [
  { name: 'Foundation', run: foundationFigures },
  { name: 'Staff mode', run: staffFigures },
  { name: 'Demos', run: contentFigures },
  { name: 'Demos', run: playerFigures },
  { name: 'Demos', run: memoryFigures },
  { name: 'Narration', run: narrationFigures },
  { name: 'Printing', run: cardFigures },
  { name: 'Printing', run: printingFigures },
  { name: 'Records', run: recordsFigures },
  { name: 'Hub', run: syncFigures },
  { name: 'Hub', run: hubFigures },
];

async function main(): Promise<number> {
  const json = process.argv.includes('--json');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const temps: string[] = [];
  const ctx: BenchContext = {
    root: path.resolve(import.meta.dirname, '..', '..'),
    tempDir: (prefix) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
      temps.push(dir);
      return dir;
    },
  };
  const figures: (Figure & { group: string })[] = [];
  try {
    for (const group of GROUPS) {
      if (only && !group.name.toLowerCase().includes(only.toLowerCase())) continue;
      if (!json) process.stderr.write(`… ${group.name}\n`);
      for (const f of await group.run(ctx)) figures.push({ group: group.name, ...f });
    }
  } finally {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(figures.map(({ name, value, unit, target, met }) => ({ name, value, unit, target, met })), null, 2)}\n`);
  } else {
    const rows = figures.map((f) => [f.group, f.name, `${f.value} ${f.unit}`, f.target === '—' ? '—' : `${f.target} ${f.unit}`, f.met ? 'yes' : 'NO', f.note ?? '']);
    const head = ['group', 'figure', 'value', 'target', 'met', 'note'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
  }
  return exitStatus(figures);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
