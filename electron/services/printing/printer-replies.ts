/** What a printer said about itself over `DLE EOT` or Automatic Status Back; `null` fields where it did not say. */
export interface PrinterStatus {
  answered: boolean;
  online: boolean | null;
  coverOpen: boolean | null;
  paperOut: boolean | null;
  paperNearEnd: boolean | null;
}

/** A status from nobody: the printer did not answer. */
export const NO_STATUS: PrinterStatus = { answered: false, online: null, coverOpen: null, paperOut: null, paperNearEnd: null };

/** Everything a printer sent on one line, sorted: `DLE EOT` answers, Automatic Status Back blocks, and the rest. */
export interface RepliesSummary {
  bytes: number;
  statusAnswers: number;
  asbBlocks: number;
  other: number;
}

/**
 * Reads the bytes a printer sends on a line, whenever it sends them. An answer to `DLE EOT n`
 * has bits 1 and 4 set and bits 0 and 7 clear; an Automatic Status Back block is four bytes,
 * the first with bit 4 set and bits 0, 1 and 7 clear, the other three with bits 4 and 7 clear.
 * Anything else (answers to commands we never sent, noise) is counted and ignored.
 */
export class ReplyReader {
  private asb: number[] = [];
  private lastAsb: number[] | null = null;
  private readonly counts: RepliesSummary = { bytes: 0, statusAnswers: 0, asbBlocks: 0, other: 0 };
  private readonly waiting: ((byte: number) => void)[] = [];
  private readonly answers: number[] = [];

  /** Takes the next chunk the printer sent. */
  feed(chunk: Uint8Array): void {
    for (const byte of chunk) this.take(byte);
  }

  /** The next `DLE EOT` answer not yet taken, waiting for it up to `timeoutMs`; null when none comes. */
  nextAnswer(timeoutMs: number): Promise<number | null> {
    const ready = this.answers.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const deliver = (byte: number) => {
        clearTimeout(timer);
        resolve(byte);
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(deliver), 1);
        resolve(null);
      }, timeoutMs);
      this.waiting.push(deliver);
    });
  }

  /** The status in the last whole Automatic Status Back block, or null when none came. */
  asbStatus(): PrinterStatus | null {
    return this.lastAsb ? statusFromAsb(this.lastAsb) : null;
  }

  /** How much of what kind the printer sent. */
  summary(): RepliesSummary {
    return { ...this.counts };
  }

  private take(byte: number): void {
    this.counts.bytes++;
    if (this.asb.length > 0) {
      if ((byte & 0x90) === 0) {
        this.asb.push(byte);
        if (this.asb.length === 4) {
          this.lastAsb = this.asb;
          this.asb = [];
          this.counts.asbBlocks++;
        }
        return;
      }
      // A broken block: what came so far is noise, and this byte is read afresh.
      this.counts.other += this.asb.length;
      this.asb = [];
    }
    if ((byte & 0x93) === 0x10) {
      this.asb = [byte];
    } else if ((byte & 0x93) === 0x12) {
      this.counts.statusAnswers++;
      const waiter = this.waiting.shift();
      if (waiter) waiter(byte);
      else this.answers.push(byte);
    } else {
      this.counts.other++;
    }
  }
}

/** Reads an Automatic Status Back block: offline, cover, errors (first two bytes) and the paper sensors (third). */
export function statusFromAsb(block: readonly number[]): PrinterStatus {
  const [first = 0, errors = 0, paper = 0] = block;
  return {
    answered: true,
    online: (first & 0x08) === 0 && (errors & 0x6c) === 0,
    coverOpen: (first & 0x20) !== 0,
    paperOut: (paper & 0x0c) !== 0,
    paperNearEnd: (paper & 0x03) !== 0,
  };
}
