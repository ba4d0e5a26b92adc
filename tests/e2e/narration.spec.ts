import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Demo } from '../../electron/api/types';
import { makeWav, makePngBytes } from '../support/audio-files';
import { expectAccessible } from './support/a11y';
import { doStep } from './support/autoplay';
import { CHROMIUM_ARGS, chromiumPath } from './support/chromium';
import { startShell, type RunningShell } from './support/shell';
import { SEED_ADMIN } from './support/seed';
import { callApi, capture, openAttract, signIn } from './support/staff-helpers';

/**
 * What the fake microphone hears, over and over: 1 s of silence, a tone, half a second of
 * silence, a tone, then 2.5 s of silence. A take stopped in the trailing silence keeps
 * tone-to-tone (2.5 s) plus the recorder's 150 ms margins.
 */
function micWav(): string {
  const rate = 48_000;
  const parts: [number, boolean][] = [
    [1, false],
    [1, true],
    [0.5, false],
    [1, true],
    [2.5, false],
  ];
  const total = parts.reduce((sum, [s]) => sum + s, 0);
  const samples = new Int16Array(Math.round(total * rate));
  let at = 0;
  for (const [seconds, tone] of parts) {
    const n = Math.round(seconds * rate);
    for (let i = 0; i < n; i++) samples[at + i] = tone ? Math.round(Math.sin((2 * Math.PI * 330 * i) / rate) * 0.3 * 32767) : 0;
    at += n;
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.byteLength, 40);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosk-mic-')), 'giong-noi.wav');
  writeFileSync(file, Buffer.concat([header, Buffer.from(samples.buffer)]));
  return file;
}

test.use({
  launchOptions: {
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${micWav()}`, '--autoplay-policy=no-user-gesture-required'],
  },
});
test.describe.configure({ mode: 'serial' });

const DEMO = { id: 'nhan-biet-tin-nhan-lua-dao', skill: /Tự bảo vệ mình/ };
const OTHER = { id: 'mat-khau-va-otp', skill: /Tự bảo vệ mình/ };

let shell: RunningShell;
test.beforeAll(async () => {
  shell = await startShell({ seeded: true });
});
test.afterAll(async () => {
  await shell?.stop();
});

async function adminSession(target: RunningShell): Promise<string> {
  const list = await callApi<{ id: string; name: string }[]>(target, 'staff:list', {});
  const admin = list.value!.find((s) => s.name === SEED_ADMIN.name)!;
  const signedIn = await callApi<{ session: string }>(target, 'staff:sign-in', { staffId: admin.id, pin: SEED_ADMIN.pin });
  return signedIn.value!.session;
}

/** From the attract screen to a demo's first step, as a citizen would. */
async function openDemo(page: Page, url: string, demo: { id: string; skill: RegExp }, voice?: RegExp): Promise<void> {
  await openAttract(page, url);
  await page.getByRole('heading', { level: 1 }).click();
  if (voice) {
    await page.getByTestId('voices').getByRole('button', { name: voice }).click();
    await capture(page, 'narration-home-voices');
    // The extra row must not push the home screen into scrolling on a 1366×768 kiosk.
    await page.setViewportSize({ width: 1366, height: 768 });
    await capture(page, 'narration-home-voices-1366', { fixed: true });
    await page.setViewportSize({ width: 1920, height: 1080 });
  }
  await page.getByRole('button', { name: demo.skill }).click();
  const card = page.locator(`[data-testid="demo-card"][data-demo-id="${demo.id}"]`);
  await expect(page.getByTestId('demo-card').first()).toBeVisible();
  for (let i = 0; i < 5 && !(await card.isVisible()); i++) await page.getByRole('button', { name: 'Trang sau' }).click();
  await card.click();
  await expect(page.getByTestId('demo-player')).toBeVisible();
}

test('staff record three steps at the counter: each take is trimmed, levelled, saved and played back', async ({ page }) => {
  test.setTimeout(120_000);
  await openAttract(page, shell.url);
  await signIn(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Thu âm lời đọc', exact: true }).click();
  await expect(page.getByTestId('narration-demo').first()).toBeVisible();
  await capture(page, 'narration-list');
  await expectAccessible(page, 'narration list');
  const row = page.locator(`[data-testid="narration-demo"][data-demo-id="${DEMO.id}"]`);
  await expect(row).toContainText('0/8 bước đã có lời đọc');
  await row.getByRole('button', { name: 'Thu âm bài này' }).click();

  const recorder = page.getByTestId('narration-recorder');
  for (let i = 0; i < 3; i++) {
    await expect(recorder.getByTestId('clip-status')).toHaveText('Bước này chưa có lời đọc bằng ngôn ngữ đã chọn.');
    await recorder.getByTestId('record-start').click();
    await expect(recorder.getByTestId('record-stop')).toBeVisible();
    await expect(recorder.getByRole('meter', { name: 'Mức tiếng micrô' })).toBeVisible();
    if (i === 0) await capture(page, 'narration-recording');
    // Real time: the fake microphone plays its file at its own pace; 4.4 s ends the take in its trailing silence.
    await page.waitForTimeout(4_400);
    await recorder.getByTestId('record-stop').click();
    await expect(recorder.getByTestId('record-outcome')).toContainText('Đã lưu');
    await expect(recorder.getByTestId('clip-status')).toContainText('thu tại trạm này');
    if (i === 0) {
      await capture(page, 'narration-saved');
      await expectAccessible(page, 'narration recorder');
    }
    if (i < 2) await recorder.getByTestId('record-next').click();
  }

  const session = await adminSession(shell);
  const overview = await callApi<{ demos: { id: string; steps: { id: string; clips: { vi?: { seconds: number; here: boolean } } }[] }[] }>(shell, 'narration:overview', { session });
  const steps = overview.value!.demos.find((d) => d.id === DEMO.id)!.steps;
  const lengths = steps.slice(0, 3).map((s) => s.clips.vi?.seconds ?? 0);
  for (const seconds of lengths) {
    expect(seconds, `trimmed lengths ${lengths.join(', ')}`).toBeGreaterThanOrEqual(2.6);
    expect(seconds, `trimmed lengths ${lengths.join(', ')}`).toBeLessThanOrEqual(3.0);
  }
  expect(steps.slice(3).every((s) => !s.clips.vi)).toBe(true);

  // The saved clip decodes in the browser to the length the kiosk measured.
  const clip = await callApi<{ clip: { src: string; seconds: number } }>(shell, 'narration:clip', { session, demoId: DEMO.id, stepId: steps[0]!.id, lang: 'vi' });
  expect(clip.value!.clip.src).toMatch(/^data:audio\/ogg;base64,/);
  const decoded = await page.evaluate(async (src) => {
    // The page's CSP lets media, not fetch, read data: URLs; the bytes are unpacked by hand.
    const bytes = Uint8Array.from(atob(src.slice(src.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    const audio = await new AudioContext().decodeAudioData(bytes.buffer);
    let peak = 0;
    for (const v of audio.getChannelData(0)) peak = Math.max(peak, Math.abs(v));
    return { seconds: audio.duration, peak };
  }, clip.value!.clip.src);
  expect(Math.abs(decoded.seconds - clip.value!.clip.seconds)).toBeLessThan(0.03);
  // Levelled: the tone (recorded at 0.3 of full scale) comes out near -20 dBFS RMS, so its peak is near 0.14, under the ceiling.
  expect(decoded.peak).toBeGreaterThan(0.08);
  expect(decoded.peak).toBeLessThan(0.9);

  // The take just saved played back by itself; once it ends, "Nghe lại" plays the saved clip again.
  const again = recorder.getByTestId('record-listen');
  await expect(again).toHaveText(/Nghe lại/, { timeout: 8_000 });
  await again.click();
  await expect(again).toHaveText(/Dừng nghe/);
  await expect(again).toHaveText(/Nghe lại/, { timeout: 8_000 });
});

test('the next citizen hears the recorded voice: "Nghe" plays to its end, and a step without a clip shows no button', async ({ page }) => {
  await openDemo(page, shell.url, DEMO);
  const listen = page.getByTestId('listen');
  await expect(listen).toHaveAttribute('data-voice', 'recorded');
  await expect(listen).toHaveText('Nghe');
  await capture(page, 'narration-player');
  await expectAccessible(page, 'player with a recorded voice');
  await listen.click();
  await expect(listen).toHaveAttribute('aria-pressed', 'true');
  await expect(listen).toHaveText('Dừng nghe');
  // The clip's `ended` turns the button back by itself.
  await expect(listen).toHaveAttribute('aria-pressed', 'false', { timeout: 8_000 });

  // Step 4 has no recording: the system's voice reads it where one exists, otherwise there is no button at all.
  const demo = (await callApi<Demo>(shell, 'content:demo', { id: DEMO.id, voice: 'vi' })).value!;
  expect(demo.steps.map((s) => Boolean(s.voice))).toEqual([true, true, true, false, false, false, false, false]);
  for (const step of demo.steps.slice(0, 3)) await doStep(page, step);
  await expect(page.getByTestId('demo-player')).toHaveAttribute('data-step', demo.steps[3]!.id);
  const systemVoice = await page.evaluate(() => speechSynthesis.getVoices().some((v) => v.lang.toLowerCase().startsWith('vi')));
  if (systemVoice) await expect(listen).toHaveAttribute('data-voice', 'system');
  else await expect(listen).toHaveCount(0);
});

test('a narration pack with a broken clip is refused naming file and path; a good one speaks in its language until the kiosk goes idle', async ({ page }) => {
  test.setTimeout(90_000);
  const session = await adminSession(shell);
  const upload = (files: Record<string, Uint8Array | string>) =>
    callApi<{ kind: string; clipCount: number }>(shell, 'content:import', {
      session,
      kind: 'folder',
      files: Object.entries(files).map(([p, body]) => ({ path: `goi/${p}`, dataBase64: Buffer.from(body).toString('base64') })),
    });
  const manifest = (id: string) => JSON.stringify({ id, version: '1.0.0', kind: 'narration', title: { vi: 'Lời đọc tiếng H’Mông' } });
  const demo = (await callApi<Demo>(shell, 'content:demo', { id: OTHER.id })).value!;
  const [first, second] = demo.steps;

  const broken = await upload({
    'pack.json': manifest('loi-doc-hong'),
    'narration/a.json': JSON.stringify({ demo: OTHER.id, steps: { [first!.id]: { hmn: 'assets/1.ogg' } } }),
    'assets/1.ogg': makePngBytes(),
  });
  expect(broken.ok).toBe(false);
  expect(broken.error!.message).toMatch(/narration\/a\.json \(steps\..+\.hmn\): assets\/1\.ogg: không phải tệp âm thanh/);

  const good = await upload({
    'pack.json': manifest('loi-doc-hmong'),
    'narration/a.json': JSON.stringify({ demo: OTHER.id, steps: { [first!.id]: { hmn: 'assets/1.wav' }, [second!.id]: { hmn: 'assets/2.wav' } } }),
    'assets/1.wav': makeWav({ seconds: 20, sampleRate: 8000, toneHz: 440 }),
    'assets/2.wav': makeWav({ seconds: 1, sampleRate: 8000, toneHz: 440 }),
  });
  expect(good.value).toMatchObject({ kind: 'narration', clipCount: 2 });

  await page.clock.install();
  await openDemo(page, shell.url, OTHER, /Tiếng H'Mông/);
  const listen = page.getByTestId('listen');
  await expect(listen).toHaveAttribute('data-voice', 'recorded');
  await listen.click();
  await expect(listen).toHaveAttribute('aria-pressed', 'true');
  // "Làm lại bước này" starts the voice again rather than stopping it.
  await page.getByRole('button', { name: 'Làm lại bước này' }).click();
  await expect(listen).toHaveAttribute('aria-pressed', 'true');
  // A new step stops the old voice.
  await doStep(page, first!);
  await expect(page.getByTestId('demo-player')).toHaveAttribute('data-step', second!.id);
  await expect(listen).toHaveAttribute('aria-pressed', 'false');

  await page.getByRole('button', { name: 'Bước trước' }).click();
  await listen.click();
  await expect(listen).toHaveAttribute('aria-pressed', 'true');
  await page.clock.runFor(90_000);
  await expect(page.getByTestId('idle-seconds')).toBeVisible();
  // The 20-second clip is far from its end: only the idle question stopped it.
  await expect(listen).toHaveAttribute('aria-pressed', 'false');
});

test('the exported pack makes a second kiosk speak', async ({ page }) => {
  const session = await adminSession(shell);
  const exported = await callApi<{ fileName: string; dataBase64: string }>(shell, 'narration:export', { session });
  expect(exported.value!.fileName).toMatch(/^loi-doc-\d{5}-[0-9a-f]{6}-1\.0\.1\.zip$/);

  const second = await startShell({ seeded: true });
  try {
    const imported = await callApi<{ kind: string; clipCount: number; languages: string[] }>(second, 'content:import', {
      session: await adminSession(second),
      kind: 'zip',
      fileName: exported.value!.fileName,
      dataBase64: exported.value!.dataBase64,
    });
    expect(imported.value).toMatchObject({ kind: 'narration', clipCount: 3, languages: ['vi'] });
    await openDemo(page, second.url, DEMO);
    const listen = page.getByTestId('listen');
    await expect(listen).toHaveAttribute('data-voice', 'recorded');
    await listen.click();
    await expect(listen).toHaveAttribute('aria-pressed', 'true');
    await expect(listen).toHaveAttribute('aria-pressed', 'false', { timeout: 8_000 });
  } finally {
    await second.stop();
  }
});
