import { promises as fs } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import pinoRoll from 'pino-roll';
import type { Logger } from './logger';

/** Keys whose values never reach a log line, wherever they appear. */
const REDACT = ['pin', 'currentPin', 'newPin', 'oneTimePin', 'session', 'token', '*.pin', '*.session', '*.token', 'name', 'phone', '*.name', '*.phone'];

/** The log folder inside a data folder. */
export function logsDir(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

/**
 * A logger writing JSON lines to `logs/<name>.<date>.<n>.log` in the data folder, rolled daily
 * and at 2 MB, keeping 14 old files. Personal data and secrets are redacted by key.
 */
export async function createFileLogger(dataDir: string, name: 'kiosk' | 'cli' | 'hub', options: { echo?: Logger } = {}): Promise<Logger & { flush(): void }> {
  // Fail here, where the caller can fall back to the console, rather than in the stream later.
  await fs.mkdir(logsDir(dataDir), { recursive: true });
  const stream = await pinoRoll({
    file: path.join(logsDir(dataDir), name),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    size: '2m',
    mkdir: true,
    limit: { count: 14 },
    // Written at once, in order: the kiosk logs little, and an asynchronous write still in flight
    // when flushSync runs (at exit) let later lines land before it.
    sync: true,
  });
  const fd = (stream as unknown as { fd?: number }).fd;
  if (fd === undefined || fd < 0) {
    await new Promise<void>((resolve, reject) => {
      const emitter = stream as unknown as NodeJS.EventEmitter;
      emitter.once('ready', () => resolve());
      emitter.once('error', reject);
    });
  }
  // A full disk or a pulled USB drive must never crash the kiosk over a log line.
  (stream as unknown as NodeJS.EventEmitter).on('error', (error: Error) => {
    process.stderr.write(`log file error: ${error.message}\n`);
  });
  const log = pino({ base: { proc: name }, redact: { paths: REDACT, censor: '[ẩn]' }, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  const echo = options.echo;
  return {
    info: (message, details) => {
      log.info(details ?? {}, message);
      echo?.info(message, details);
    },
    warn: (message, details) => {
      log.warn(details ?? {}, message);
      echo?.warn(message, details);
    },
    error: (message, details) => {
      log.error(details ?? {}, message);
      echo?.error(message, details);
    },
    flush: () => stream.flushSync(),
  };
}

/** One log line as the CLI prints it. */
export interface LogLine {
  time: string;
  level: 'info' | 'warn' | 'error' | 'other';
  proc: string;
  message: string;
  details: Record<string, unknown>;
}

const LEVELS: Record<number, LogLine['level']> = { 30: 'info', 40: 'warn', 50: 'error', 60: 'error' };

/** Reads the last `count` lines across every log file, oldest first. */
export async function readRecentLogs(dataDir: string, count: number): Promise<LogLine[]> {
  let files: string[];
  try {
    files = (await fs.readdir(logsDir(dataDir))).filter((f) => f.endsWith('.log'));
  } catch {
    return [];
  }
  const lines: LogLine[] = [];
  for (const file of files) {
    const text = await fs.readFile(path.join(logsDir(dataDir), file), 'utf8');
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      try {
        const { time, level, proc, msg, pid: _pid, hostname: _host, ...details } = JSON.parse(raw) as Record<string, unknown>;
        lines.push({
          time: String(time ?? ''),
          level: LEVELS[Number(level)] ?? 'other',
          proc: String(proc ?? ''),
          message: String(msg ?? ''),
          details,
        });
      } catch {
        // A line cut short by a power failure: skip it.
      }
    }
  }
  lines.sort((a, b) => a.time.localeCompare(b.time));
  return lines.slice(-count);
}
