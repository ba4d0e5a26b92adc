import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeWav } from '../support/audio-files';
import { addRecorder, bundleRecorder, routeRecorder } from '../support/recorder-bundle';
import { SEED_ADMIN } from '../e2e/support/seed';
import { atMost, quantile, reported, type Figure } from './figures';
import { openBenchKiosk } from './kiosk';
import type { BenchContext } from './run';

const STEPS = 30;
/** One frame at 60 Hz: the yardstick beside "touch → playing". */
const FRAME_MS = 1000 / 60;
const SAVES = 20;
/** The bitrate the recorder encodes at (encode-clip.ts's default). */
const BITRATE = 24_000;
/** How fast a clear, slow reading goes, in characters a second (about 3–4 syllables). */
const READING_CHARS_PER_SECOND = 12;

/** Thirty info steps, each with a 3 s recorded clip of its own (or none, to record into). */
function voicedDemo(voiced = true): Record<string, unknown> {
  return {
    id: 'bai-do-loi-doc',
    skill: 'an-toan',
    title: { vi: 'Bài đo lời đọc' },
    summary: { vi: 'Ba mươi bước có lời đọc.' },
    device: 'phone',
    minutes: 5,
    steps: Array.from({ length: STEPS }, (_, i) => ({
      id: `buoc-${i}`,
      screen: { widgets: [{ type: 'heading', text: { vi: `Màn hình ${i + 1}` } }, { type: 'text', text: { vi: 'Bác nghe lời đọc rồi chạm "Tiếp tục".' } }] },
      instruction: { vi: `Bước ${i + 1}: bác bấm "Nghe" để nghe hướng dẫn.` },
      ...(voiced ? { audio: { vi: `assets/vi/buoc-${i}.wav` } } : {}),
      target: { action: 'info' },
    })),
    card: { title: { vi: 'Bài đo lời đọc' }, steps: [{ vi: 'Bấm Nghe.' }], officialUrl: 'https://dichvucong.gov.vn' },
  };
}

/**
 * Issue #12's figures: touch "Nghe" → audio playing (4× CPU slowdown, beside one frame); stop →
 * a 10 s take saved (decode, trim, level, Ogg/Opus, durable write), beside a fixed amount of
 * plain JS timed on the same page right after each save; and the size of a narration pack for
 * every step of the 15 built-in demos, encoded by the recorder at its bitrate.
 */
export async function narrationFigures(ctx: BenchContext): Promise<Figure[]> {
  const touches = await measureListen(ctx, 4);
  const unthrottled = await measureListen(ctx, 1);
  const saving = await measureSaving(ctx);
  const p95 = quantile(touches, 0.95);
  return [
    atMost('Touch "Nghe" → recorded voice playing, p95 (4× CPU slowdown)', p95, 'ms', 100, `${touches.length} touches; median ${quantile(touches, 0.5).toFixed(1)} ms`),
    reported('Touch "Nghe" → playing ÷ one 60 Hz frame (16.7 ms), p95', p95 / FRAME_MS, '×'),
    reported('Touch "Nghe" → recorded voice playing, p95 (no slowdown)', quantile(unthrottled, 0.95), 'ms', `median ${quantile(unthrottled, 0.5).toFixed(1)} ms`),
    atMost('Stop → 10 s clip saved (decode, trim, level, Ogg/Opus, durable write), p95', quantile(saving.saves, 0.95), 'ms', 500, `${saving.saves.length} saves; median ${quantile(saving.saves, 0.5).toFixed(0)} ms`),
    reported(
      'Stop → saved ÷ reference JS on the same page, p95s',
      quantile(saving.saves, 0.95) / quantile(saving.reference, 0.95),
      '×',
      `reference (sine sum over 10 s at 48 kHz, ×4) p95 ${quantile(saving.reference, 0.95).toFixed(0)} ms`,
    ),
    atMost('Narration pack for all 15 built-in demos, 24 kbps Ogg/Opus', saving.packBytes / 1024 / 1024, 'MB', 15, `${saving.clips} clips, ${Math.round(saving.packSeconds / 60)} min read at ${READING_CHARS_PER_SECOND} characters/s`),
  ];
}

async function measureListen(ctx: BenchContext, slowdown: number): Promise<number[]> {
  const kiosk = await openBenchKiosk(ctx, {
    packId: 'do-loi-doc',
    demo: voicedDemo(),
    prepare: async (dataDir) => {
      const dir = path.join(dataDir, 'content', 'do-loi-doc', 'assets', 'vi');
      mkdirSync(dir, { recursive: true });
      for (let i = 0; i < STEPS; i++) writeFileSync(path.join(dir, `buoc-${i}.wav`), makeWav({ seconds: 3, sampleRate: 16_000, toneHz: 220 + i * 10 }));
    },
    // The touch and the first "playing" after it, stamped inside the page (clips play from an Audio element off the document).
    beforeLoad: (page) =>
      page.addInitScript(() => {
        const w = window as unknown as { __touches: number[]; __playing: number[] };
        w.__touches = [];
        w.__playing = [];
        window.addEventListener('pointerdown', () => w.__touches.push(performance.now()), true);
        const play = HTMLMediaElement.prototype.play;
        HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
          const t0 = w.__touches.at(-1) ?? performance.now();
          this.addEventListener('playing', () => w.__playing.push(performance.now() - t0), { once: true });
          return play.call(this);
        };
      }),
  });
  const { page } = kiosk;
  try {
    await page.getByRole('button', { name: /Tự bảo vệ mình/ }).click();
    await page.locator('[data-demo-id="bai-do-loi-doc"]').click();
    await page.getByTestId('demo-player').waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    const listen = page.getByTestId('listen');
    for (let i = 0; i < STEPS; i++) {
      await page.locator(`[data-testid="demo-player"][data-step="buoc-${i}"]`).waitFor();
      await listen.click();
      await page.waitForFunction((n) => (window as unknown as { __playing: number[] }).__playing.length >= n, i + 1);
      await listen.click();
      if (i < STEPS - 1) await page.getByRole('button', { name: /Tiếp tục/ }).click();
    }
    return await page.evaluate(() => (window as unknown as { __playing: number[] }).__playing);
  } finally {
    await kiosk.close();
  }
}

async function measureSaving(ctx: BenchContext): Promise<{ saves: number[]; reference: number[]; packBytes: number; packSeconds: number; clips: number }> {
  const bundle = await bundleRecorder();
  const kiosk = await openBenchKiosk(ctx, { packId: 'do-thu-am', demo: voicedDemo(false), beforeLoad: (page) => routeRecorder(page, bundle) });
  const { page, services } = kiosk;
  try {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await addRecorder(page);
    const admin = services.staff.listActive().find((s) => s.name === SEED_ADMIN.name)!;
    const { staff } = await services.staff.signIn(admin.id, SEED_ADMIN.pin);

    // A 10 s take as the microphone path makes it: speech-like bursts played through MediaRecorder (WebM/Opus), in real time, once.
    await page.evaluate(async () => {
      const rate = 48_000;
      const context = new AudioContext({ sampleRate: rate });
      const buffer = context.createBuffer(1, rate * 10, rate);
      const data = buffer.getChannelData(0);
      let seed = 7;
      for (let i = 0; i < data.length; i++) {
        seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
        const t = i / rate;
        const syllable = (t % 0.31) < 0.25 && t > 0.3 && t < 9.7 ? Math.sin((Math.PI * (t % 0.31)) / 0.25) : 0;
        data[i] = syllable * (0.18 * Math.sin(2 * Math.PI * 180 * t) + 0.08 * Math.sin(2 * Math.PI * 540 * t) + 0.04 * (seed / 2 ** 31 - 1));
      }
      const destination = context.createMediaStreamDestination();
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(destination);
      const recorder = new MediaRecorder(destination.stream, { mimeType: 'audio/webm;codecs=opus' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (e) => chunks.push(e.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start(250);
      source.start();
      await new Promise((resolve) => setTimeout(resolve, 10_100));
      recorder.stop();
      await stopped;
      (window as unknown as { __take: Blob }).__take = new Blob(chunks, { type: 'audio/webm' });
      await context.close();
    });

    const timed = await page.evaluate(
      async ({ session, runs }) => {
        const lib = window.recorderClip;
        const token = document.querySelector<HTMLMetaElement>('meta[name="kiosk-token"]')!.content;
        const take = (window as unknown as { __take: Blob }).__take;
        const saves: number[] = [];
        const reference: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          const { dataBase64 } = await lib.clipForSaving(await lib.decodeTake(take));
          const response = await fetch('api/narration:save', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-kiosk-token': token },
            body: JSON.stringify({ session, demoId: 'bai-do-loi-doc', stepId: `buoc-${i % 30}`, lang: 'vi', dataBase64 }),
          });
          const result = (await response.json()) as { ok: boolean; error?: { message: string } };
          if (!result.ok) throw new Error(`save failed: ${result.error?.message}`);
          saves.push(performance.now() - t0);
          // The yardstick: the same amount of plain arithmetic every time, right after the save.
          const r0 = performance.now();
          let sum = 0;
          for (let k = 0; k < 4 * 480_000; k++) sum += Math.sin(k * 0.001);
          reference.push(performance.now() - r0 + (sum > 1e12 ? 1 : 0));
        }
        return { saves, reference };
      },
      { session: staff.session, runs: SAVES },
    );

    // The pack: every built-in step read at a slow, clear pace, encoded as the recorder encodes.
    const lengths = services
      .catalog()
      .demos.filter((d) => d.pack === 'co-ban')
      .flatMap((d) => d.steps.map((s) => Math.max(1.5, (s.narration ?? s.instruction).vi.length / READING_CHARS_PER_SECOND)));
    const pack = await page.evaluate(
      async ({ seconds, bitrate }) => {
        const lib = window.recorderClip;
        const rate = 48_000;
        let bytes = 0;
        let total = 0;
        let seed = 11;
        for (const length of seconds) {
          const data = new Float32Array(Math.round(length * rate));
          for (let i = 0; i < data.length; i++) {
            seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
            const t = i / rate;
            const syllable = (t % 0.29) < 0.23 ? Math.sin((Math.PI * (t % 0.29)) / 0.23) : 0;
            const pitch = 150 + 40 * Math.sin(t * 3);
            data[i] = syllable * (0.15 * Math.sin(2 * Math.PI * pitch * t) + 0.07 * Math.sin(2 * Math.PI * 3 * pitch * t) + 0.05 * (seed / 2 ** 31 - 1));
          }
          const clip = await lib.prepareClip(data, rate, { bitrate });
          bytes += clip.bytes.length;
          total += clip.seconds;
        }
        return { bytes, total };
      },
      { seconds: lengths, bitrate: BITRATE },
    );
    return { ...timed, packBytes: pack.bytes, packSeconds: pack.total, clips: lengths.length };
  } finally {
    await kiosk.close();
  }
}
