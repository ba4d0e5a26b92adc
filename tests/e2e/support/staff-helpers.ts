// Helpers shared by the staff-side end-to-end tests: the hidden corner, the PIN keypad, screenshots with layout checks.
import { expect, type Page } from '@playwright/test';
import type { RunningShell } from './shell';
import { SEED_ADMIN } from './seed';

/** Calls a channel of a private browser shell directly, as the page would. */
export async function callApi<T = unknown>(shell: RunningShell, channel: string, input: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }> {
  const response = await fetch(new URL(`api/${channel}`, shell.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-token': shell.token },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
}

/** Waits for the citizen attract screen. */
export async function openAttract(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'attract');
}

/**
 * Holds the top-left corner. With `page.clock` installed the hold is run on the fake clock;
 * otherwise it waits in real time.
 */
export async function holdCorner(page: Page, ms = 2100, options: { clock?: boolean } = {}): Promise<void> {
  await page.mouse.move(40, 40);
  await page.mouse.down();
  if (options.clock) await page.clock.runFor(ms);
  else await page.waitForTimeout(ms);
  await page.mouse.up();
}

/** Opens staff sign-in through the hidden corner. */
export async function openStaff(page: Page, options: { clock?: boolean } = {}): Promise<void> {
  await holdCorner(page, 2100, options);
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'staff-sign-in');
}

/** Types digits on the on-screen keypad. */
export async function tapPin(page: Page, pin: string): Promise<void> {
  const pad = page.getByRole('group', { name: 'Bàn phím số' });
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
}

/** From the attract screen: corner, staff row, PIN; lands on the staff home. */
export async function signIn(page: Page, options: { name?: string; pin?: string; clock?: boolean } = {}): Promise<void> {
  await openStaff(page, options);
  await page.getByRole('button', { name: options.name ?? SEED_ADMIN.name }).click();
  await tapPin(page, options.pin ?? SEED_ADMIN.pin);
  await expect(page.locator('main')).toHaveAttribute('data-screen', 'staff-home');
}

/** Problems that make a screen scroll sideways, or (when `fixed`) scroll at all, or touch targets smaller than 64 px. */
export async function layoutProblems(page: Page, options: { fixed: boolean }): Promise<string[]> {
  return page.evaluate(({ fixed }) => {
    const problems: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (fixed && root.scrollHeight > window.innerHeight + 1) problems.push(`page scrolls: ${root.scrollHeight} > ${window.innerHeight}`);
    if (root.scrollWidth > window.innerWidth + 1) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${window.innerWidth}`);
    const main = document.querySelector('main');
    if (fixed && main && main.scrollHeight > main.clientHeight + 1) problems.push(`main overflows: ${main.scrollHeight} > ${main.clientHeight}`);
    for (const el of document.querySelectorAll<HTMLElement>('main button, main .input, main label.option, main label.row')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.closest('.visually-hidden, .staff-entry')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.height < 63.5) problems.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" is ${Math.round(box.height)} px high`);
    }
    return problems;
  }, options);
}

/** Checks the layout and saves a screenshot to test-results/screens/<name>.png. */
export async function capture(page: Page, name: string, options: { fixed: boolean } = { fixed: false }): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => new Promise(requestAnimationFrame));
  expect(await layoutProblems(page, options), name).toEqual([]);
  await page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });
}
