import path from 'node:path';
import { build } from 'esbuild';
import type { Page } from '@playwright/test';
import type * as AudioEdit from '../../renderer/src/recorder/audio-edit';
import type * as EncodeClip from '../../renderer/src/recorder/encode-clip';
import type * as OggOpus from '../../renderer/src/recorder/ogg-opus';
import type * as Take from '../../renderer/src/recorder/take';

declare global {
  interface Window {
    /** The recorder's modules, once {@link addRecorder} has loaded them. */
    recorderClip: typeof AudioEdit & typeof OggOpus & typeof EncodeClip & typeof Take;
  }
}

const RECORDER_DIR = path.resolve(import.meta.dirname, '..', '..', 'renderer', 'src', 'recorder');
// Served from the kiosk's own origin, so the app's Content-Security-Policy (script-src 'self') stays in force.
const SCRIPT_PATH = '/__test__/recorder-clip.js';

/** The recorder's audio modules bundled for the page, as `window.recorderClip`. */
export async function bundleRecorder(): Promise<string> {
  const result = await build({
    stdin: {
      contents: "export * from './audio-edit'; export * from './ogg-opus'; export * from './encode-clip'; export * from './take';",
      resolveDir: RECORDER_DIR,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'recorderClip',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Serves the bundle from the page's origin; call before the page opens, then {@link addRecorder} once it has. */
export async function routeRecorder(page: Page, bundle: string): Promise<void> {
  await page.route(`**${SCRIPT_PATH}`, (route) => route.fulfill({ body: bundle, contentType: 'text/javascript' }));
}

/** Loads the served bundle into the open page. */
export async function addRecorder(page: Page): Promise<void> {
  await page.addScriptTag({ url: SCRIPT_PATH });
}
