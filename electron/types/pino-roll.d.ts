declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';

  /** Options of pino-roll's stream (the subset this app uses). */
  interface PinoRollOptions {
    file: string | (() => string);
    extension?: string;
    frequency?: 'daily' | 'hourly' | number;
    dateFormat?: string;
    size?: string | number;
    mkdir?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    /** Passed to SonicBoom: write each line synchronously. */
    sync?: boolean;
  }

  /** A rolling file stream (a SonicBoom). */
  export default function pinoRoll(options: PinoRollOptions): Promise<DestinationStream & { flushSync(): void; end(): void }>;
}
