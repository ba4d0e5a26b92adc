import { expect, type Page } from '@playwright/test';
import type { Demo, Step } from '../../../electron/api/types';
import { keysForText } from '../../support/telex';

/** The step the player shows now, or null once the summary is up. */
export async function currentStep(page: Page, demo: Demo): Promise<Step | null> {
  if (await page.getByTestId('demo-summary').isVisible()) return null;
  const id = await page.getByTestId('demo-player').getAttribute('data-step');
  return demo.steps.find((s) => s.id === id) ?? null;
}

const screen = (page: Page) => page.getByTestId('sim-screen');
const widget = (page: Page, id: string) => screen(page).locator(`[data-widget="${id}"]`).first();

/** Types `value` on the on-screen keyboard the way a person would (Telex for Vietnamese, no accents for codes). */
export async function typeOnKeyboard(page: Page, value: string): Promise<void> {
  const keyboard = page.getByRole('group', { name: /Bàn phím|Keyboard/ });
  await expect(keyboard).toBeVisible();
  const key = (name: string) => keyboard.getByRole('button', { name, exact: true });
  const digitsOnly = !(await keyboard.getByTestId('keyboard-method').isVisible());
  if (digitsOnly) {
    for (const ch of value.replace(/[\s.]/g, '')) await key(ch).click();
  } else {
    const ascii = /^[\x20-\x7e]*$/.test(value);
    const wanted = ascii ? 'plain' : 'telex';
    const method = keyboard.getByTestId('keyboard-method');
    for (let i = 0; i < 3 && (await method.getAttribute('data-method')) !== wanted; i++) await method.click();
    const keys = ascii ? value : keysForText(value, 'telex');
    for (const ch of keys) {
      if (ch === ' ') await keyboard.getByRole('button', { name: /dấu cách|space/ }).click();
      else if (/[0-9.,\-/@']/.test(ch)) {
        await keyboard.getByRole('button', { name: '123', exact: true }).click();
        await key(ch).click();
        await keyboard.getByRole('button', { name: 'ABC', exact: true }).click();
      } else if (ch !== ch.toLowerCase()) {
        await keyboard.getByRole('button', { name: /Chữ hoa|Capitals/ }).click();
        await key(ch).click();
      } else await key(ch).click();
    }
  }
  await expect(keyboard.locator('output')).toHaveText(value.normalize('NFC'));
  await keyboard.getByRole('button', { name: /^(Xong|Done)$/ }).click();
}

/** Does what the current step asks, the right way (following the target, not branches). */
export async function doStep(page: Page, step: Step): Promise<void> {
  const target = step.target;
  switch (target.action) {
    case 'tap':
      await widget(page, target.widget).click();
      return;
    case 'type':
    case 'otp':
      await widget(page, target.widget).click();
      await typeOnKeyboard(page, target.value);
      return;
    case 'choose': {
      const w = step.screen.widgets.find((x) => x.id === target.widget);
      if (w?.type === 'tabs') {
        await widget(page, target.widget).locator(`[data-tab="${target.value}"]`).click();
      } else if (w?.type === 'select') {
        await widget(page, target.widget).click();
        const label = w.options.find((o) => o.value === target.value)!.label.vi;
        await screen(page).getByRole('option', { name: label, exact: true }).click();
      }
      return;
    }
    case 'scan':
      await widget(page, target.widget).click();
      return;
    case 'passcode':
      for (const d of target.value) await widget(page, target.widget).getByRole('button', { name: d, exact: true }).click();
      return;
    case 'quiz': {
      const right = target.options.find((o) => o.correct)!;
      await page.getByRole('button', { name: right.label.vi, exact: true }).click();
      await page.getByRole('button', { name: /Tiếp tục/ }).click();
      return;
    }
    case 'info':
      await page.getByRole('button', { name: /Tiếp tục/ }).click();
      return;
  }
}

/** Plays a whole demo the right way, checking the step changes after each action; returns the steps visited. */
export async function playThrough(page: Page, demo: Demo, onStep?: (step: Step) => Promise<void>): Promise<string[]> {
  const visited: string[] = [];
  for (let guard = 0; guard < 60; guard++) {
    const step = await currentStep(page, demo);
    if (!step) return visited;
    visited.push(step.id);
    if (onStep) await onStep(step);
    await doStep(page, step);
    await expect
      .poll(async () => ((await page.getByTestId('demo-summary').isVisible()) ? 'summary' : await page.getByTestId('demo-player').getAttribute('data-step')), {
        message: `step ${step.id} of ${demo.id} should move on`,
        timeout: 5000,
      })
      .not.toBe(step.id);
  }
  throw new Error(`${demo.id}: did not finish in 60 steps`);
}
