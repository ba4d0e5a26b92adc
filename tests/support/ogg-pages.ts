/** One page of an Ogg stream as its bytes say, for tests to check. */
export interface OggPageRead {
  /** The capture pattern: "OggS" on a good page. */
  capture: string;
  version: number;
  flags: number;
  granule: bigint;
  serial: number;
  sequence: number;
  /** The CRC the page carries, and the page with that field zeroed, to compute it again from. */
  crc: number;
  crcInput: Uint8Array;
  lacing: number[];
  body: Uint8Array;
  /** Where the page ends in the stream (past its length when the stream is cut short). */
  end: number;
}

/** Walks an Ogg stream page by page, stopping after a page that runs past the end. */
export function readOggPages(bytes: Uint8Array): OggPageRead[] {
  const pages: OggPageRead[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 27 <= bytes.length) {
    const segments = bytes[at + 26]!;
    const lacing = [...bytes.subarray(at + 27, at + 27 + segments)];
    const end = at + 27 + segments + lacing.reduce((a, b) => a + b, 0);
    const crcInput = bytes.slice(at, end);
    crcInput.fill(0, 22, 26);
    pages.push({
      capture: String.fromCharCode(...bytes.subarray(at, at + 4)),
      version: bytes[at + 4]!,
      flags: bytes[at + 5]!,
      granule: view.getBigInt64(at + 6, true),
      serial: view.getUint32(at + 14, true),
      sequence: view.getUint32(at + 18, true),
      crc: view.getUint32(at + 22, true),
      crcInput,
      lacing,
      body: bytes.subarray(at + 27 + segments, end),
      end,
    });
    at = end;
  }
  return pages;
}
