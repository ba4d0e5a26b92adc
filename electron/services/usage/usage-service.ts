import path from 'node:path';
import { z } from '../zod';
import type { Logger } from '../logger';
import { DocumentStore } from '../storage/document-store';
import type { Demo } from '../content/schema';

const count = z.number().int().min(0);

const StepUsageSchema = z.object({ reached: count, hints: count, wrongTouches: count, leftHere: count, seconds: z.number().min(0) });
const DemoUsageSchema = z.object({
  starts: count,
  completions: count,
  selfRuns: count,
  selfCompletions: count,
  seconds: z.number().min(0),
  steps: z.record(z.string(), StepUsageSchema),
});
const UsageFileSchema = z.object({ schemaVersion: z.literal(1), demos: z.record(z.string(), DemoUsageSchema) });

/** Anonymous counts for one demo. */
export type DemoUsage = z.infer<typeof DemoUsageSchema>;
type UsageFile = z.infer<typeof UsageFileSchema>;

/** What the player reports at the end of one run (finished, or left part-way). No personal data. */
export const RunReportSchema = z
  .object({
    demoId: z.string().min(1).max(120),
    mode: z.enum(['guided', 'self']),
    outcome: z.enum(['completed', 'left']),
    steps: z
      .array(
        z
          .object({
            id: z.string().min(1).max(120),
            hints: count.max(1000),
            wrongTouches: count.max(1000),
            seconds: z.number().min(0).max(3600),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();

/** One run as reported. */
export type RunReport = z.infer<typeof RunReportSchema>;

const emptyDemo = (): DemoUsage => ({ starts: 0, completions: 0, selfRuns: 0, selfCompletions: 0, seconds: 0, steps: {} });

/** Per-demo, per-step usage counts kept in the data folder, so staff can see which step loses people. */
export class UsageService {
  private readonly store: DocumentStore<UsageFile>;

  constructor(dataDir: string, log: Logger, now: () => Date = () => new Date()) {
    this.store = new DocumentStore(path.join(dataDir, 'usage.json'), UsageFileSchema, () => ({ schemaVersion: 1, demos: {} }), log, now);
  }

  /** Loads the counts. */
  async open(): Promise<void> {
    await this.store.open();
  }

  /** Adds one run; steps the demo does not have are ignored, so a stale report cannot pollute the counts. */
  async record(report: RunReport, demo: Demo): Promise<void> {
    const known = new Set(demo.steps.map((s) => s.id));
    const steps = report.steps.filter((s) => known.has(s.id));
    await this.store.update((data) => {
      const usage = (data.demos[report.demoId] ??= emptyDemo());
      if (report.mode === 'guided') usage.starts += 1;
      else usage.selfRuns += 1;
      if (report.outcome === 'completed') {
        if (report.mode === 'guided') usage.completions += 1;
        else usage.selfCompletions += 1;
      }
      for (const [i, s] of steps.entries()) {
        const step = (usage.steps[s.id] ??= { reached: 0, hints: 0, wrongTouches: 0, leftHere: 0, seconds: 0 });
        step.reached += 1;
        step.hints += s.hints;
        step.wrongTouches += s.wrongTouches;
        step.seconds += s.seconds;
        usage.seconds += s.seconds;
        if (report.outcome === 'left' && i === steps.length - 1) step.leftHere += 1;
      }
    });
  }

  /** All counts, keyed by demo id. */
  read(): Readonly<Record<string, DemoUsage>> {
    return this.store.data.demos;
  }

  /** A problem met loading the file, or null. */
  problem(): string | null {
    return this.store.problem();
  }
}
