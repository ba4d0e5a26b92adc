import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/services/logger';
import { DemoSchema, type Demo } from '../../electron/services/content/schema';
import { UsageService } from '../../electron/services/usage/usage-service';
import { sampleDemo } from '../support/demo-fixture';
import { tempDir } from './support/temp';

const demo: Demo = { ...DemoSchema.parse(sampleDemo('bai-dem')), pack: 'thu' };

describe('usage counts', () => {
  it('counts starts, completions, hints, wrong touches, time and where people left, and keeps them on disk', async () => {
    const dir = tempDir();
    const usage = new UsageService(dir, createMemoryLogger());
    await usage.open();
    await usage.record(
      { demoId: 'bai-dem', mode: 'guided', outcome: 'completed', steps: [{ id: 'mo-ung-dung', hints: 0, wrongTouches: 1, seconds: 4 }, { id: 'nhap-ten', hints: 1, wrongTouches: 2, seconds: 20 }, { id: 'xong', hints: 0, wrongTouches: 0, seconds: 2 }] },
      demo,
    );
    await usage.record({ demoId: 'bai-dem', mode: 'guided', outcome: 'left', steps: [{ id: 'mo-ung-dung', hints: 0, wrongTouches: 0, seconds: 3 }, { id: 'nhap-ten', hints: 2, wrongTouches: 3, seconds: 40 }] }, demo);
    await usage.record({ demoId: 'bai-dem', mode: 'self', outcome: 'completed', steps: [{ id: 'mo-ung-dung', hints: 0, wrongTouches: 0, seconds: 2 }] }, demo);

    const again = new UsageService(dir, createMemoryLogger());
    await again.open();
    const counts = again.read()['bai-dem']!;
    expect(counts).toMatchObject({ starts: 2, completions: 1, selfRuns: 1, selfCompletions: 1, seconds: 71 });
    expect(counts.steps['nhap-ten']).toEqual({ reached: 2, hints: 3, wrongTouches: 5, leftHere: 1, seconds: 60 });
    expect(counts.steps['xong']).toMatchObject({ reached: 1, leftHere: 0 });
  });

  it('ignores steps the demo does not have', async () => {
    const usage = new UsageService(tempDir(), createMemoryLogger());
    await usage.open();
    await usage.record({ demoId: 'bai-dem', mode: 'guided', outcome: 'left', steps: [{ id: 'khong-co', hints: 9, wrongTouches: 9, seconds: 9 }] }, demo);
    expect(usage.read()['bai-dem']?.steps).toEqual({});
  });
});
