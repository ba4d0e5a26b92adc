import net from 'node:net';
import type { Raster } from '../../electron/services/cards/raster';

/** What the fake printer reports to `DLE EOT`. */
export interface FakeStatus {
  offline?: boolean;
  coverOpen?: boolean;
  paperOut?: boolean;
  paperNearEnd?: boolean;
}

/**
 * How the fake misbehaves: refuse connections (its port closed, so callers meet ECONNREFUSED),
 * accept and never read, drop the line mid-job, or print without answering status.
 */
export type FakeMode = 'normal' | 'refuse' | 'never-read' | 'drop-mid-job' | 'no-status';

/** How the fake talks: `quiet` speaks only when asked between commands; `talkative` also sends Automatic Status Back on connect and answers real-time sequences wherever they occur, even inside image data, as real printers do. */
export interface FakeOptions {
  talkative?: boolean;
}

/** One job as the fake understood it. */
export interface DecodedJob {
  commands: string[];
  /** Real-time sequences (`DLE EOT n`, `DLE ENQ n`, `DLE DC4 fn`) found inside other commands' data, which a printer would obey. */
  realtimeInData: string[];
  raster: Raster;
  bands: number[];
  cut: boolean;
  bytes: number;
  /** `performance.now()` when the job's first byte (after any status queries) arrived. */
  firstByteAt: number;
}

/**
 * A receipt printer on a real TCP port: decodes the ESC/POS it receives (init, alignment,
 * GS v 0 raster bands, feed, cut), reassembles the raster, and answers real-time status
 * (`DLE EOT 1/2/4`) from its configurable state. Usable from tests and by hand.
 */
export class FakePrinter {
  readonly jobs: DecodedJob[] = [];
  status: FakeStatus = {};
  /** Bytes it has sent back on every line (status answers and Automatic Status Back). */
  bytesSentBack = 0;
  readonly talkative: boolean;
  private currentMode: FakeMode = 'normal';
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  port = 0;
  private lastChunkAt = 0;

  constructor(options: FakeOptions = {}) {
    this.talkative = options.talkative ?? false;
  }

  /** Starts listening on 127.0.0.1 (port 0 picks a free one). */
  async start(port = 0): Promise<number> {
    this.server = net.createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /** How the fake behaves now. */
  get mode(): FakeMode {
    return this.currentMode;
  }

  /** Changes behaviour; prefer {@link setMode} to wait until a refusal (or its end) has taken effect. */
  set mode(next: FakeMode) {
    void this.setMode(next);
  }

  /** Changes behaviour: `refuse` closes the port (open lines stay), any other mode opens it again on the same number. */
  async setMode(next: FakeMode): Promise<void> {
    this.currentMode = next;
    const server = this.server;
    if (!server) return;
    if (next === 'refuse' && server.listening) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    } else if (next !== 'refuse' && !server.listening) {
      await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    }
  }

  /** The printer's URI for the app. */
  get uri(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /** Stops, dropping open connections. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    await new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve()));
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    if (this.mode === 'never-read') {
      socket.pause();
      return;
    }
    let buffer = Buffer.alloc(0);
    let job = this.newJob();
    let received = 0;
    let unscanned: Buffer = Buffer.alloc(0);
    if (this.talkative) this.reply(socket, this.asbBlock());
    socket.on('data', (chunk: Buffer) => {
      this.lastChunkAt = performance.now();
      received += chunk.length;
      if (this.mode === 'drop-mid-job' && received > 2000) {
        // Power lost mid-job: the line is reset, not closed in order.
        socket.resetAndDestroy();
        return;
      }
      if (this.talkative) unscanned = this.answerRealtime(Buffer.concat([unscanned, chunk]), socket);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const used = this.parse(buffer, job, socket);
        if (used === 0) break;
        buffer = buffer.subarray(used);
        if (job.cut) {
          this.jobs.push(job);
          job = this.newJob();
        }
      }
    });
  }

  private newJob(): DecodedJob & { rows: Uint8Array[]; widthBytes: number } {
    return { commands: [], realtimeInData: [], raster: { width: 0, height: 0, pixels: new Uint8Array(0) }, bands: [], cut: false, bytes: 0, firstByteAt: 0, rows: [], widthBytes: 0 };
  }

  /** Consumes one command from the front of `b`; returns bytes used, 0 when more are needed. */
  private parse(b: Buffer, job: ReturnType<FakePrinter['newJob']>, socket: net.Socket): number {
    if (b.length === 0) return 0;
    const need = (n: number) => b.length >= n;
    const [c0, c1] = [b[0]!, b[1]];
    if (c0 === 0x10 && c1 === 0x04) {
      if (!need(3)) return 0;
      // A talkative printer has already answered it, wherever it stood in the stream.
      if (!this.talkative && this.mode !== 'no-status') this.reply(socket, Uint8Array.of(this.statusByte(b[2]!)));
      return 3;
    }
    if (c0 === 0x1b && c1 === 0x40) return this.note(job, 'init', 2);
    if (c0 === 0x1b && c1 === 0x61) return need(3) ? this.note(job, `align ${b[2]}`, 3) : 0;
    if (c0 === 0x1b && c1 === 0x64) return need(3) ? this.note(job, `feed ${b[2]}`, 3) : 0;
    if (c0 === 0x1d && c1 === 0x56) {
      if (!need(3)) return 0;
      const length = b[2] === 0x41 || b[2] === 0x42 ? 4 : 3;
      if (!need(length)) return 0;
      job.cut = true;
      this.finish(job);
      return this.note(job, 'cut', length);
    }
    if (c0 === 0x1d && c1 === 0x76 && b[2] === 0x30) {
      if (!need(8)) return 0;
      const xBytes = b[4]! | (b[5]! << 8);
      const rows = b[6]! | (b[7]! << 8);
      const size = 8 + xBytes * rows;
      if (!need(size)) return 0;
      job.widthBytes = xBytes;
      job.realtimeInData.push(...findRealtime(b.subarray(8, size)));
      for (let r = 0; r < rows; r++) job.rows.push(Uint8Array.from(b.subarray(8 + r * xBytes, 8 + (r + 1) * xBytes)));
      job.bands.push(rows);
      return this.note(job, `raster ${xBytes * 8}x${rows}`, size);
    }
    if (c1 === undefined) return 0;
    return this.note(job, `unknown 0x${c0.toString(16)}`, 1);
  }

  /**
   * Answers every `DLE EOT n` in `b` at once, as a printer's real-time handler does whatever
   * command the bytes belong to; returns the tail that may be the start of a sequence.
   */
  private answerRealtime(b: Buffer, socket: net.Socket): Buffer {
    let i = 0;
    while (i < b.length) {
      if (b[i] !== DLE) {
        i++;
        continue;
      }
      if (i + 2 >= b.length) return b.subarray(i);
      if (b[i + 1] === 0x04 && this.mode !== 'no-status') {
        this.reply(socket, Uint8Array.of(this.statusByte(b[i + 2]!)));
        i += 3;
      } else {
        i++;
      }
    }
    return Buffer.alloc(0);
  }

  private reply(socket: net.Socket, bytes: Uint8Array): void {
    this.bytesSentBack += bytes.length;
    socket.write(bytes);
  }

  /** Automatic Status Back: four bytes, the first with bit 4 set and bits 0 and 1 clear, the rest with bit 4 clear. */
  private asbBlock(): Uint8Array {
    const s = this.status;
    return Uint8Array.of(0x10 | (s.offline || s.coverOpen || s.paperOut ? 0x08 : 0) | (s.coverOpen ? 0x20 : 0), 0x00, (s.paperNearEnd ? 0x03 : 0) | (s.paperOut ? 0x0c : 0), 0x00);
  }

  private note(job: DecodedJob, command: string, used: number): number {
    if (job.commands.length === 0) job.firstByteAt = this.lastChunkAt;
    job.commands.push(command);
    job.bytes += used;
    return used;
  }

  private finish(job: ReturnType<FakePrinter['newJob']>): void {
    const width = job.widthBytes * 8;
    const pixels = new Uint8Array(width * job.rows.length);
    job.rows.forEach((row, y) => {
      for (let x = 0; x < width; x++) pixels[y * width + x] = (row[x >> 3]! >> (7 - (x & 7))) & 1;
    });
    job.raster = { width, height: job.rows.length, pixels };
  }

  private statusByte(n: number): number {
    const s = this.status;
    if (n === 1) return 0x12 | (s.offline || s.coverOpen || s.paperOut ? 0x08 : 0);
    if (n === 2) return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0);
    if (n === 4) return 0x12 | (s.paperNearEnd ? 0x0c : 0) | (s.paperOut ? 0x60 : 0);
    return 0x12;
  }
}

const DLE = 0x10;
const REALTIME: Record<number, string> = { 0x04: 'DLE EOT', 0x05: 'DLE ENQ', 0x14: 'DLE DC4' };

/** The real-time sequences in `data`, each as "DLE EOT 1 at 1234". */
function findRealtime(data: Uint8Array): string[] {
  const found: string[] = [];
  for (let i = 0; i + 1 < data.length; i++) {
    const name = data[i] === DLE ? REALTIME[data[i + 1]!] : undefined;
    if (name) found.push(`${name} ${data[i + 2] ?? '?'} at ${i}`);
  }
  return found;
}
