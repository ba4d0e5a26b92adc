/** The closed set of error codes a channel may return; the renderer branches on these. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'STORAGE',
  'CONTENT_INVALID',
  'PRINTER_OFFLINE',
  'PAPER_OUT',
  'COVER_OPEN',
  'PRINTER_ERROR',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What crosses a transport when a call fails: a code to branch on and a Vietnamese message to show. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Per-field messages for forms (JSON path → Vietnamese message). */
  fields?: Record<string, string>;
  /** For LOCKED: seconds until trying again makes sense. */
  retryAfterSeconds?: number;
}

/** The envelope every channel returns, over IPC and HTTP alike. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failed result. */
export function fail<T = never>(
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
  retryAfterSeconds?: number,
): Result<T> {
  const error: ApiError = { code, message };
  if (fields) error.fields = fields;
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  return { ok: false, error };
}

/**
 * An expected failure thrown inside a service; the invoke path turns it into a failed Result.
 * Anything else thrown is a programmer error and becomes INTERNAL without its stack.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; fields?: Record<string, string>; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options?.fields;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/** Narrowing helper for exhaustive switches. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
