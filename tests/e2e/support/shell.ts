import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDataDir } from './seed';

/** A browser shell started for one test on its own fresh data folder. */
export interface RunningShell {
  url: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Makes a fresh temp data folder, optionally with a settings file. */
export function freshDataDir(settings?: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  if (settings) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings));
  }
  return dir;
}

/** Starts `dist-electron/server.js` on a free port and waits for the URL it prints. */
export async function startShell(options: { dataDir?: string; env?: NodeJS.ProcessEnv; seeded?: boolean } = {}): Promise<RunningShell> {
  const dataDir = options.dataDir ?? freshDataDir();
  if (options.seeded) await seedDataDir(dataDir);
  const child = spawn(process.execPath, ['dist-electron/server.js', '--port', '0', '--data', dataDir], {
    cwd: path.resolve(import.meta.dirname, '..', '..', '..'),
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser shell did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /KIOSK_URL=(\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser shell exited with ${code}:\n${output}`));
    });
  });
  const token = /KIOSK_TOKEN=(\S+)/.exec(output)?.[1] ?? '';
  return {
    url,
    token,
    dataDir,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}
