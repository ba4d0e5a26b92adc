/** Structured, personal-data-free logging; the composition root decides where lines go. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Writes one line per event to stderr, so stdout stays free for a command's own output. */
export function createConsoleLogger(name: string, options: { quiet?: boolean } = {}): Logger {
  const write = (level: string, message: string, details?: Record<string, unknown>): void => {
    if (options.quiet && level === 'info') return;
    const extra = details ? ` ${JSON.stringify(details)}` : '';
    process.stderr.write(`${new Date().toISOString()} ${level.toUpperCase()} [${name}] ${message}${extra}\n`);
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

/** A logger that keeps lines in memory, for tests that assert what was (not) logged. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string, details?: Record<string, unknown>) => {
    lines.push(`${level} ${message}${details ? ` ${JSON.stringify(details)}` : ''}`);
  };
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}
