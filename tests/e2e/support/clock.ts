import type { Page } from '@playwright/test';

/**
 * Stops the page's installed clock half a second ahead: from then on time moves only with
 * `page.clock.runFor`, so a slow machine cannot add real seconds to a countdown under test.
 * Nothing that waits for animation frames works while it is stopped (frames are timers too).
 */
export async function stopTime(page: Page): Promise<void> {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 500);
}
