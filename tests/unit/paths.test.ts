import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../electron/services/paths';
import { injectToken, resolveStaticPath } from '../../electron/static-files';
import { parsePrinterUri } from '../../electron/services/printing/printer-uri';

describe('data folder', () => {
  it('matches Electron userData on each platform', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\an\\AppData\\Roaming' }, 'win32', 'C:\\Users\\an')).toBe(
      'C:\\Users\\an\\AppData\\Roaming\\tram-ky-nang-so',
    );
    expect(defaultDataDir({}, 'linux', '/home/an')).toBe('/home/an/.config/tram-ky-nang-so');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/an')).toBe('/cfg/tram-ky-nang-so');
    expect(defaultDataDir({}, 'darwin', '/Users/an')).toBe('/Users/an/Library/Application Support/tram-ky-nang-so');
  });

  it('prefers --data, then KIOSK_DATA_DIR', () => {
    expect(resolveDataDir('/a', { KIOSK_DATA_DIR: '/b' })).toBe(path.resolve('/a'));
    expect(resolveDataDir(undefined, { KIOSK_DATA_DIR: '/b' })).toBe(path.resolve('/b'));
  });
});

describe('static files', () => {
  const root = path.resolve('/srv/app');
  it.each([
    ['/', path.join(root, 'index.html')],
    ['/assets/index-abc.js', path.join(root, 'assets', 'index-abc.js')],
    ['/assets/a%20b.css?v=1', path.join(root, 'assets', 'a b.css')],
  ])('maps %s inside the root', (url, expected) => {
    expect(resolveStaticPath(root, url)).toBe(expected);
  });

  it.each(['/../etc/passwd', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/a%00b', '/..%5c..%5cwindows', '/%E0%A4%A'])(
    'refuses %s',
    (url) => {
      expect(resolveStaticPath(root, url)).toBeNull();
    },
  );

  it('puts the token in the page head', () => {
    expect(injectToken('<html><head><title>x</title></head></html>', 'tok')).toContain('<meta name="kiosk-token" content="tok" />');
  });
});

describe('printer URIs', () => {
  it.each([
    ['tcp://192.168.1.50', { kind: 'tcp', host: '192.168.1.50', port: 9100 }],
    ['tcp://printer.local:9101', { kind: 'tcp', host: 'printer.local', port: 9101 }],
    ['/dev/usb/lp0', { kind: 'device', path: '/dev/usb/lp0' }],
    ['\\\\.\\COM3', { kind: 'device', path: '\\\\.\\COM3' }],
    ['printer:XP-80C', { kind: 'spooler', name: 'XP-80C' }],
  ])('parses %s', (uri, expected) => {
    expect(parsePrinterUri(uri)).toEqual(expected);
  });

  it.each(['', 'http://x', 'tcp://', 'tcp://host:99999', 'printer:', 'lp0'])('refuses %s', (uri) => {
    expect(parsePrinterUri(uri)).toBeNull();
  });
});
