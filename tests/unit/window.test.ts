import { describe, expect, it } from 'vitest';
import {
  APP_START_URL,
  CRASH_WINDOW_MS,
  decideCrashAction,
  isAllowedNavigation,
  isPermissionAllowed,
  isTrustedSender,
  kioskWindowOptions,
  shouldBlockInput,
  type KeyInput,
} from '../../electron/window';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('window options', () => {
  it('locks the renderer down', () => {
    const options = kioskWindowOptions('/app/preload.cjs', { kiosk: true });
    expect(options.kiosk).toBe(true);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    });
  });

  it('keeps devtools for a windowed development run only', () => {
    expect(kioskWindowOptions('/p', { kiosk: false }).webPreferences?.devTools).toBe(true);
  });
});

describe('navigation and senders', () => {
  it.each([
    [APP_START_URL, true],
    ['app://kiosk/assets/index.js', true],
    ['app://kiosk/', true],
    ['https://dichvucong.gov.vn/', false],
    ['http://127.0.0.1:4321/', false],
    ['file:///C:/Windows/system32', false],
    ['app://other/index.html', false],
    ['app://user@kiosk/index.html', false],
    ['javascript:alert(1)', false],
    ['', false],
  ])('%s → allowed %s', (url, allowed) => {
    expect(isAllowedNavigation(url)).toBe(allowed);
    expect(isTrustedSender(url)).toBe(allowed);
  });

  it('refuses a missing sender frame', () => {
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('permissions', () => {
  const app = 'app://kiosk/index.html';
  it('grants the microphone only to the app itself, only while an admin has the recorder open', () => {
    expect(isPermissionAllowed({ permission: 'media', origin: app, mediaTypes: ['audio'] }, true)).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', origin: 'app://kiosk', mediaTypes: ['audio'] }, true)).toBe(true);
    // The permission check (enumerating devices) carries no media types.
    expect(isPermissionAllowed({ permission: 'media', origin: 'app://kiosk' }, true)).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', origin: app, mediaTypes: ['audio'] }, false)).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', origin: 'https://evil.example', mediaTypes: ['audio'] }, true)).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', origin: 'file:///C:/kiosk/index.html', mediaTypes: ['audio'] }, true)).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', origin: undefined, mediaTypes: ['audio'] }, true)).toBe(false);
  });

  it('never grants the camera, the screen or any other permission, recorder open or not', () => {
    expect(isPermissionAllowed({ permission: 'media', origin: app, mediaTypes: ['video'] }, true)).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', origin: app, mediaTypes: ['audio', 'video'] }, true)).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', origin: app, mediaTypes: [] }, true)).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'midi', 'fullscreen', 'openExternal', 'usb', 'serial', 'hid']) {
      expect(isPermissionAllowed({ permission, origin: app }, true), permission).toBe(false);
      expect(isPermissionAllowed({ permission, origin: app }, false), permission).toBe(false);
    }
  });
});

describe('shortcuts', () => {
  it.each([
    ['F5 reload', key('F5')],
    ['Ctrl+R reload', key('r', { control: true })],
    ['Ctrl+Shift+R hard reload', key('R', { control: true, shift: true })],
    ['F12 devtools', key('F12')],
    ['Ctrl+Shift+I devtools', key('I', { control: true, shift: true })],
    ['Cmd+Alt+I devtools (mac)', key('i', { meta: true, alt: true })],
    ['Ctrl+W close', key('w', { control: true })],
    ['Ctrl+Q quit', key('q', { control: true })],
    ['Alt+F4 close', key('F4', { alt: true })],
    ['F11 fullscreen', key('F11')],
    ['Ctrl+P print', key('p', { control: true })],
    ['Ctrl+= zoom', key('=', { control: true })],
    ['Ctrl+0 zoom reset', key('0', { control: true })],
    ['Alt+Left back', key('ArrowLeft', { alt: true })],
  ])('blocks %s', (_label, input) => {
    expect(shouldBlockInput(input)).toBe(true);
  });

  it.each([
    ['a letter', key('a')],
    ['a capital', key('A', { shift: true })],
    ['Backspace', key('Backspace')],
    ['Enter', key('Enter')],
    ['Tab', key('Tab')],
    ['digits', key('7')],
    ['Vietnamese letters from an IME', key('ư')],
    ['the key-up of F5', { ...key('F5'), type: 'keyUp' }],
  ])('lets %s through', (_label, input) => {
    expect(shouldBlockInput(input)).toBe(false);
  });
});

describe('renderer crash recovery', () => {
  it('reloads on the first two crashes and relaunches on the third within 10 minutes', () => {
    let history: number[] = [];
    const actions: string[] = [];
    for (const t of [0, 60_000, 120_000]) {
      const d = decideCrashAction(history, t);
      history = d.history;
      actions.push(d.action);
    }
    expect(actions).toEqual(['reload', 'reload', 'relaunch']);
  });

  it('forgets crashes older than 10 minutes', () => {
    const d = decideCrashAction([0, 1000], CRASH_WINDOW_MS + 1001);
    expect(d.action).toBe('reload');
    expect(d.history).toHaveLength(1);
  });
});
