import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { freshDataDir } from './support/shell';

const binary = electronBinary();

test.describe('real Electron kiosk', () => {
  test.skip(binary === null, "Electron's binary is not installed on this machine (it cannot be downloaded here); the kiosk window is covered by the unit-tested policies and the browser shell.");

  test('opens a kiosk-mode window on the attract screen', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: [path.resolve(import.meta.dirname, '..', '..'), `--data=${freshDataDir()}`],
    });
    try {
      const window = await app.firstWindow();
      await expect(window.locator('main[data-screen="attract"]')).toBeVisible();
      const state = await app.evaluate(({ BrowserWindow }) => {
        const win = BrowserWindow.getAllWindows()[0]!;
        return { kiosk: win.isKiosk(), url: win.webContents.getURL() };
      });
      expect(state.kiosk).toBe(true);
      expect(state.url).toBe('app://kiosk/index.html');
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => Object.keys((window as unknown as { kiosk: object }).kiosk).sort())).toEqual(['appInfo', 'contentList', 'settingsGet']);
    } finally {
      await app.close();
    }
  });
});
