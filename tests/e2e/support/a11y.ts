import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * Runs axe on what is on screen now and fails on any serious or critical finding. Waits for the
 * fonts and for entrance animations to end first: a dialog fading in measures as low contrast.
 */
export async function expectAccessible(page: Page, screen: string, options: { disableRules?: string[] } = {}): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const results = await new AxeBuilder({ page }).disableRules(options.disableRules ?? []).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, screen).toEqual([]);
}
