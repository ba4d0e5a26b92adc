import type { BrowserWindowConstructorOptions } from 'electron';

/** The custom scheme the renderer is served from (never `file://`). */
export const APP_SCHEME = 'app';
/** The host part of the app's own origin. */
export const APP_HOST = 'kiosk';
/** The app's own origin; only frames from here may call the API. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the kiosk window opens. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Options of the kiosk window: fullscreen kiosk, no menu, isolated and sandboxed renderer. */
export function kioskWindowOptions(preloadPath: string, options: { kiosk: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1920,
    height: 1080,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    kiosk: options.kiosk,
    fullscreen: options.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#f4f8f9',
    title: 'Trạm Kỹ Năng Số',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !options.kiosk,
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

/** True when `url` belongs to the app's own origin (the only place the window may go). */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Whether the window may navigate to `url`: only within the app itself. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** Whether an IPC call's sender frame is the app's own page. */
export function isTrustedSender(senderUrl: string | undefined): boolean {
  return isAppUrl(senderUrl);
}

/** How long the microphone stays open to the page after an admin opens the recorder, unless renewed. */
export const MICROPHONE_OPEN_MS = 3 * 60 * 1000;

/** What a permission request or check tells the policy. */
export interface PermissionAsk {
  permission: string;
  /** The page asking (the request's `requestingUrl`, or the check's origin). */
  origin: string | undefined;
  /** For `media`: which kinds of device (`audio`, `video`); absent on a check. */
  mediaTypes?: readonly string[] | undefined;
}

/**
 * Whether a permission is granted: only the microphone, only to the app's own page, only while
 * an admin has the recorder open (`microphoneOpen`), never the camera or the screen. Everything
 * else stays denied.
 */
export function isPermissionAllowed(ask: PermissionAsk, microphoneOpen: boolean): boolean {
  if (!microphoneOpen || ask.permission !== 'media' || !isAppUrl(ask.origin)) return false;
  const types = ask.mediaTypes ?? ['audio'];
  return types.length > 0 && types.every((t) => t === 'audio');
}

/** The parts of Electron's `Input` the shortcut policy reads. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/**
 * Whether a key press must be swallowed in kiosk mode: reload, devtools, close/quit,
 * fullscreen, print, zoom, view-source, new window and history navigation by keyboard.
 */
export function shouldBlockInput(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const mod = input.control || input.meta;
  if (['F1', 'F3', 'F5', 'F6', 'F7', 'F10', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch'].includes(key)) return true;
  if (input.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return true;
  if (mod && ['r', 'w', 'q', 'p', 'n', 't', 's', 'o', 'u', 'f', 'g', 'h', 'j', 'l', 'd', '+', '=', '-', '_', '0', 'F4'].includes(key)) return true;
  if ((mod && input.shift) || (input.meta && input.alt)) {
    if (['i', 'j', 'c', 'Delete'].includes(key)) return true;
  }
  if (input.meta && input.control && key === 'f') return true;
  return false;
}

/** What to do after the renderer process dies. */
export type CrashAction = 'reload' | 'relaunch';

/** Crashes counted within this window trigger a relaunch. */
export const CRASH_WINDOW_MS = 10 * 60 * 1000;
/** How many crashes within {@link CRASH_WINDOW_MS} mean a relaunch instead of a reload. */
export const CRASHES_BEFORE_RELAUNCH = 3;

/** Records a renderer crash and decides: reload the page, or relaunch the app after 3 in 10 minutes. */
export function decideCrashAction(previous: readonly number[], now: number): { history: number[]; action: CrashAction } {
  const history = [...previous.filter((t) => now - t < CRASH_WINDOW_MS), now];
  return { history, action: history.length >= CRASHES_BEFORE_RELAUNCH ? 'relaunch' : 'reload' };
}
