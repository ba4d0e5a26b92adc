import { createMemoryLogger } from '../../electron/services/logger';
import { SettingsStore } from '../../electron/services/settings';
import { calibratePinCost, hashPin, verifyPin } from '../../electron/services/staff/pin';
import { atMost, quantile, reported, within, type Figure } from './figures';
import type { BenchContext } from './run';

/** PIN check time with the cost setup calibrates on this machine, and durable settings changes. */
export async function staffFigures(ctx: BenchContext): Promise<Figure[]> {
  const cost = await calibratePinCost();
  const stored = await hashPin('482915', cost);
  const checks: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await verifyPin(i % 2 ? '482915' : '111112', stored);
    checks.push(performance.now() - t0);
  }
  const settings = new SettingsStore(ctx.tempDir('bench-settings-'), createMemoryLogger());
  await settings.load();
  const saves: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await settings.update({ idleSeconds: 60 + i });
    if (settings.get().idleSeconds !== 60 + i) throw new Error('settings change not applied');
    saves.push(performance.now() - t0);
  }
  return [
    within('PIN check, median (scrypt, calibrated)', quantile(checks, 0.5), 'ms', 50, 500, `N=2^${Math.log2(cost.N)}, r=${cost.r}, p=${cost.p}`),
    within('PIN check, p95', quantile(checks, 0.95), 'ms', 50, 500),
    reported('Settings change saved durably + applied, median', quantile(saves, 0.5), 'ms'),
    atMost('Settings change saved durably + applied, p95', quantile(saves, 0.95), 'ms', 100),
  ];
}
