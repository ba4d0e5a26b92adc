import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, chromiumPath } from './tests/e2e/support/chromium';

// One fresh data folder per run for the shared browser shell; workers inherit it through the environment.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-shared-'));
const port = Number(process.env.E2E_PORT ?? 4391);

/** End-to-end tests: real Chromium against the real browser shell on a fresh data folder. */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'test-results/report' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1920, height: 1080 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  webServer: {
    // The shared shell serves a kiosk that has been through setup; wizard tests start their own on a fresh folder.
    command: `node --import tsx tests/e2e/support/seed.ts "${process.env.E2E_DATA_DIR}" && node dist-electron/server.js --port ${port} --data "${process.env.E2E_DATA_DIR}"`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
  },
});
