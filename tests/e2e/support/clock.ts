import type { Page } from '@playwright/test';

/**
 * Stops the page's installed clock a little ahead: from then on time moves only with
 * `page.clock.runFor`, so a slow machine cannot add real seconds to a countdown under test.
 * Nothing that waits for animation frames works while it is stopped (frames are timers too).
 *
 * The page's clock keeps running between reading it and pausing it; on a busy machine that
 * gap has passed half a second, and pausing in the past is refused. So the lead grows and it
 * tries again, up to 8 s, which no countdown under test is near.
 */
export async function stopTime(page: Page): Promise<void> {
  for (let lead = 500; ; lead *= 2) {
    try {
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + lead);
      return;
    } catch (error) {
      if (lead >= 8_000 || !String(error).includes('to the past')) throw error;
    }
  }
}
