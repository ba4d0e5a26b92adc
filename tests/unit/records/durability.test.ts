import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecordsText } from '../../../electron/services/records/wire';
import { tempDir } from '../support/temp';
import { closeRecords, openRecords } from './support/records';

const CHILD = path.join(import.meta.dirname, 'support', 'records-child.ts');
const TRIALS = 20;
const PARALLEL = 4;

/** Runs the child, kills it with SIGKILL `afterMs` after it is ready, and returns the ids it acknowledged. */
function runAndKill(dir: string, afterMs: number, compactEvery: number): Promise<{ acknowledged: string[]; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, '1000', String(compactEvery)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!timer && out.includes('ready ')) timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!out.includes('ready ')) return reject(new Error(`child never got ready (code ${code}, signal ${signal})`));
      const lines = out.split('\n');
      // A line without its newline was still being written: not acknowledged yet.
      const complete = lines.slice(0, -1);
      resolve({ acknowledged: complete.filter((l) => /^[0-9a-f-]{36}$/.test(l)), finished: complete.includes('done') });
    });
  });
}

describe('durability', () => {
  it(
    `keeps every acknowledged person when the writer is killed with SIGKILL (${TRIALS} trials)`,
    async () => {
      let seed = Date.now() % 2147483647 || 1;
      const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
      const trials = Array.from({ length: TRIALS }, (_, i) => ({ killAfter: Math.floor(rnd() * 1500), compactEvery: [25, 60, 150, 500][i % 4]! }));
      const results: { acknowledged: number; present: number; finished: boolean }[] = [];
      for (let start = 0; start < trials.length; start += PARALLEL) {
        await Promise.all(
          trials.slice(start, start + PARALLEL).map(async (trial) => {
            const dir = tempDir('kiosk-durability-');
            const { acknowledged, finished } = await runAndKill(dir, trial.killAfter, trial.compactEvery);
            const snapshot = path.join(dir, 'records.json');
            if (existsSync(snapshot)) expect(() => parseRecordsText(readFileSync(snapshot, 'utf8')), `trial ${JSON.stringify(trial)}`).not.toThrow();
            const { service } = await openRecords({ dir });
            const missing = acknowledged.filter((id) => service.getPerson(id) === null);
            expect(missing, `trial ${JSON.stringify(trial)}: acknowledged but missing`).toEqual([]);
            expect(service.problem(), `trial ${JSON.stringify(trial)}`).toBeNull();
            results.push({ acknowledged: acknowledged.length, present: service.records.people.size, finished });
            await closeRecords(service);
          }),
        );
      }
      expect(results).toHaveLength(TRIALS);
      // Most trials are cut short mid-way; at least some get past a compaction.
      expect(results.filter((r) => !r.finished).length).toBeGreaterThan(TRIALS / 2);
      expect(results.some((r) => r.acknowledged > 150)).toBe(true);
    },
    90_000,
  );
});
