import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CHANNEL_NAMES } from './api/channels';
import { createApi } from './api';
import { handleIpcCall } from './api/ipc';
import { CONTENT_SECURITY_POLICY } from './csp';
import { contentTypeFor, resolveStaticPath } from './static-files';
import { createServices } from './services';
import { createSpooler } from './spooler';
import { createConsoleLogger, type Logger } from './services/logger';
import { createFileLogger } from './services/logging';
import { resolveAppPaths, resolveDataDir } from './services/paths';
import {
  APP_SCHEME,
  APP_START_URL,
  decideCrashAction,
  isAllowedNavigation,
  isPermissionAllowed,
  isTrustedSender,
  kioskWindowOptions,
  MICROPHONE_OPEN_MS,
  shouldBlockInput,
} from './window';

let log: Logger = createConsoleLogger('main');
const argFlag = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const kiosk = !process.argv.includes('--no-kiosk') && process.env.KIOSK_WINDOWED !== '1';
const dataDir = resolveDataDir(argFlag('data'));
app.setPath('userData', dataDir);

process.on('uncaughtException', (error) => log.error('uncaught exception', { error: error.message, stack: error.stack }));
process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { reason: String(reason) }));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
  void app.whenReady().then(start, (error: unknown) => {
    log.error('failed to start', { error: String(error) });
    app.exit(1);
  });
}

let mainWindow: BrowserWindow | null = null;
let crashHistory: number[] = [];

async function start(): Promise<void> {
  log = await createFileLogger(dataDir, 'kiosk', { echo: log }).catch(() => log);
  log.info('kiosk starting', { version: app.getVersion(), kiosk });
  const appRoot = app.getAppPath();
  const paths = resolveAppPaths(appRoot, app.isPackaged ? process.resourcesPath : undefined);
  // The microphone opens to the page only while an admin is on the recorder, and closes by itself if the page forgets.
  let microphoneUntil = 0;
  const microphoneOpen = () => Date.now() < microphoneUntil;
  const microphone = (open: boolean) => {
    microphoneUntil = open ? Date.now() + MICROPHONE_OPEN_MS : 0;
    log.info(open ? 'microphone opened for recording' : 'microphone closed');
  };
  const services = await createServices({ dataDir, paths, shell: 'electron', version: app.getVersion(), log, quit: () => app.quit(), spool: createSpooler(), microphone });
  const core = createApi(services);

  Menu.setApplicationMenu(null);
  powerSaveBlocker.start('prevent-display-sleep');

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed({ permission, origin: details.requestingUrl, mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined }, microphoneOpen())),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin, details) =>
    isPermissionAllowed({ permission, origin, mediaTypes: details.mediaType && details.mediaType !== 'unknown' ? [details.mediaType] : undefined }, microphoneOpen()),
  );
  session.defaultSession.on('will-download', (event) => event.preventDefault());

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = resolveStaticPath(paths.rendererDir, url.pathname);
    if (!file) return new Response(null, { status: 400 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypeFor(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });

  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, input: unknown) =>
      handleIpcCall(core, channel, event.senderFrame?.url, input, isTrustedSender),
    );
  }

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    if (kiosk) {
      contents.on('before-input-event', (event, input) => {
        if (shouldBlockInput(input)) event.preventDefault();
      });
      contents.on('context-menu', (event) => event.preventDefault());
    }
  });

  createWindow();
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  // Let queued record writes and a job on its way to the printer finish before the process ends.
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void services
      .close()
      .catch((error: unknown) => log.error('closing services failed', { error: String(error) }))
      .finally(() => app.exit(0));
  });
  app.on('child-process-gone', (_event, details) => log.error('child process gone', { type: details.type, reason: details.reason }));
}

function createWindow(): void {
  const preload = path.join(import.meta.dirname, 'preload.cjs');
  const win = new BrowserWindow(kioskWindowOptions(preload, { kiosk }));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => {
    const decision = decideCrashAction(crashHistory, Date.now());
    crashHistory = decision.history;
    log.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode, action: decision.action });
    if (decision.action === 'relaunch') {
      app.relaunch();
      app.exit(0);
    } else {
      win.webContents.reload();
    }
  });
  win.webContents.on('unresponsive', () => log.warn('renderer unresponsive'));
  win.webContents.on('did-finish-load', () => log.info('renderer loaded'));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_START_URL);
}
