import { test, expect, type Page } from '@playwright/test';
import type { Demo } from '../../electron/api/types';
import { makeOggOpus } from '../support/audio-files';
import { expectAccessible } from './support/a11y';
import { startShell } from './support/shell';
import { SEED_ADMIN } from './support/seed';
import { callApi, capture, openAttract, signIn } from './support/staff-helpers';

const DEMO = 'nhan-biet-tin-nhan-lua-dao';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Các mục cài đặt' }).getByRole('button', { name, exact: true });

test('the overview says which languages have recorded narration and, without a Vietnamese system voice, how to add one on Windows', async ({ page }) => {
  const shell = await startShell({ seeded: true });
  try {
    await openAttract(page, shell.url);
    await signIn(page);
    const panel = page.getByTestId('narration-health');
    await expect(panel.getByRole('heading', { name: 'Lời đọc cho người dân' })).toBeVisible();
    // The built-in pack: 15 demos, 157 steps, nothing recorded yet.
    await expect(panel.getByTestId('narration-coverage').getByRole('listitem')).toHaveText(['Tiếng Việt 0/15 bài đủ lời đọc · 0/157 bước']);
    await expect(panel).toContainText('Chưa bài nào có lời đọc thu sẵn');

    // Headless Chromium has no system voices: after its wait the panel says so and gives the Windows steps.
    const systemVoice = await page.evaluate(() => speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().startsWith('vi')));
    const voice = panel.getByTestId('system-voice');
    await expect(voice).toHaveAttribute('data-state', systemVoice ? 'found' : 'none');
    if (!systemVoice) {
      await expect(voice).toHaveText('Máy chưa có giọng đọc tiếng Việt: bước nào chưa thu âm thì không có lời đọc.');
      const howto = panel.getByTestId('voice-howto');
      await expect(howto.getByRole('heading')).toHaveText('Cách thêm giọng đọc tiếng Việt trên Windows 10/11');
      await expect(howto.getByRole('listitem')).toHaveCount(5);
      for (const words of ['Cài đặt (Settings)', '“Thời gian và ngôn ngữ”', '“Ngôn ngữ và vùng”', '“Thêm ngôn ngữ”', '“Tiếng Việt”', '“Chuyển văn bản thành giọng nói”', '“Cài đặt” (Install)', 'mở lại']) {
        await expect(howto).toContainText(words);
      }
      await expect(howto).toContainText('Lời đọc thu sẵn vẫn phát bình thường khi máy không có giọng đọc này.');
    }

    // Staff record a whole demo in Vietnamese and two of its steps in H'Mông; the overview counts them.
    const list = await callApi<{ id: string; name: string }[]>(shell, 'staff:list', {});
    const admin = list.value!.find((s) => s.name === SEED_ADMIN.name)!;
    const session = (await callApi<{ session: string }>(shell, 'staff:sign-in', { staffId: admin.id, pin: SEED_ADMIN.pin })).value!.session;
    const demo = (await callApi<Demo>(shell, 'content:demo', { id: DEMO })).value!;
    const clip = Buffer.from(makeOggOpus({ seconds: 2 })).toString('base64');
    const saves = [...demo.steps.map((s) => [s.id, 'vi']), ...demo.steps.slice(0, 2).map((s) => [s.id, 'hmn'])];
    for (const [stepId, lang] of saves) {
      expect((await callApi(shell, 'narration:save', { session, demoId: DEMO, stepId, lang, dataBase64: clip })).ok).toBe(true);
    }
    const coverage = await callApi<{ languages: { lang: string; demos: number; steps: number }[] }>(shell, 'narration:coverage', { session });
    expect(coverage.value!.languages.map((l) => [l.lang, l.demos, l.steps])).toEqual([['vi', 1, demo.steps.length], ['hmn', 0, 2]]);

    await nav(page, 'Gói nội dung').click();
    await nav(page, 'Tổng quan').click();
    await expect(panel.getByTestId('narration-coverage').getByRole('listitem')).toHaveText([
      `Tiếng Việt 1/15 bài đủ lời đọc · ${demo.steps.length}/157 bước`,
      "Tiếng H'Mông 0/15 bài đủ lời đọc · 2/157 bước",
    ]);
    await expect(panel).not.toContainText('Chưa bài nào có lời đọc thu sẵn');
    await expect(voice).not.toHaveAttribute('data-state', 'checking');

    await page.setViewportSize({ width: 1366, height: 768 });
    await panel.scrollIntoViewIfNeeded();
    await capture(page, 'narration-health');
    if (!systemVoice) {
      await panel.getByTestId('voice-howto').scrollIntoViewIfNeeded();
      await capture(page, 'narration-health-windows');
    }
    await expectAccessible(page, 'narration health');

    // Admins go straight to recording from here.
    await panel.getByRole('button', { name: 'Thu âm lời đọc' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Thu âm lời đọc' })).toBeVisible();
  } finally {
    await shell.stop();
  }
});
