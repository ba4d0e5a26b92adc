import { describe, expect, it } from 'vitest';
import { muxOggOpus, oggCrc32, opusPacketSamples48k } from '../../../renderer/src/recorder/ogg-opus';
import { readOggPages } from '../../support/ogg-pages';

/** The Ogg CRC the long way, one bit at a time, to check the module's table against. */
function bitwiseCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    crc >>>= 0;
  }
  return crc >>> 0;
}

interface Page {
  flags: number;
  granule: bigint;
  serial: number;
  sequence: number;
  crc: number;
  recomputedCrc: number;
  lacing: number[];
  body: Uint8Array;
}

/** Walks the pages of an Ogg stream, recomputing each CRC with the page's CRC field zeroed. */
function parsePages(bytes: Uint8Array): Page[] {
  const pages = readOggPages(bytes);
  // Pages follow one another to the last byte: nothing left over, nothing cut short.
  expect(pages.at(-1)?.end ?? 0).toBe(bytes.length);
  return pages.map((page) => {
    expect(page.capture).toBe('OggS');
    expect(page.version).toBe(0);
    expect(page.end).toBeLessThanOrEqual(bytes.length);
    return { ...page, recomputedCrc: bitwiseCrc(page.crcInput) };
  });
}

/** Reassembles the packets, noting the page each one ends on. */
function packetsOf(pages: Page[]): { data: Uint8Array; endPage: number }[] {
  const packets: { data: Uint8Array; endPage: number }[] = [];
  let pending: Uint8Array[] = [];
  pages.forEach((page, index) => {
    expect(Boolean(page.flags & 0x01)).toBe(pending.length > 0);
    let offset = 0;
    for (const value of page.lacing) {
      pending.push(page.body.subarray(offset, offset + value));
      offset += value;
      if (value < 255) {
        const data = new Uint8Array(pending.reduce((a, part) => a + part.length, 0));
        let at = 0;
        for (const part of pending) {
          data.set(part, at);
          at += part.length;
        }
        packets.push({ data, endPage: index });
        pending = [];
      }
    }
  });
  expect(pending).toHaveLength(0);
  return packets;
}

function fakePacket(length: number, seed: number): Uint8Array {
  const packet = new Uint8Array(length);
  for (let i = 0; i < length; i++) packet[i] = (seed * 31 + i * 7) & 0xff;
  // A CELT fullband 20 ms TOC byte, so the packet reads as one 960-sample frame.
  if (length > 0) packet[0] = 0xf8;
  return packet;
}

function expectValidPages(pages: Page[], serial?: number): void {
  pages.forEach((page, index) => {
    expect(page.recomputedCrc).toBe(page.crc);
    expect(page.sequence).toBe(index);
    expect(Boolean(page.flags & 0x02)).toBe(index === 0);
    expect(Boolean(page.flags & 0x04)).toBe(index === pages.length - 1);
    expect(page.lacing.length).toBeLessThanOrEqual(255);
    expect(page.serial).toBe(serial ?? pages[0]!.serial);
  });
}

describe('oggCrc32', () => {
  it('matches the known check value and the bitwise form', () => {
    expect(oggCrc32(new TextEncoder().encode('123456789'))).toBe(0x89a1897f);
    const bytes = fakePacket(1_000, 5);
    expect(oggCrc32(bytes)).toBe(bitwiseCrc(bytes));
    expect(oggCrc32(new Uint8Array(0))).toBe(0);
  });

  it('gives each page of a known small stream the CRC the bitwise form computes', () => {
    const bytes = muxOggOpus({ packets: [Uint8Array.of(0xf8, 1, 2, 3)], frameSamples48k: 960, preSkip: 312, inputSampleRate: 48_000, serial: 0x01020304, sampleCount48k: 500 });
    const pages = parsePages(bytes);
    expect(pages.map((p) => p.crc)).toEqual(pages.map((p) => p.recomputedCrc));
    // The whole first page, byte for byte: header, one segment of 19, then OpusHead.
    const crc = pages[0]!.crc;
    expect([...bytes.subarray(0, 47)]).toEqual([
      0x4f, 0x67, 0x67, 0x53, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0x04, 0x03, 0x02, 0x01, 0, 0, 0, 0,
      crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24, 1, 19,
      ...new TextEncoder().encode('OpusHead'), 1, 1, 0x38, 0x01, 0x80, 0xbb, 0, 0, 0, 0, 0,
    ]);
  });
});

describe('muxOggOpus', () => {
  it('writes OpusHead alone on the first page and OpusTags on the second, then the audio', () => {
    const packets = [fakePacket(60, 1), fakePacket(70, 2), fakePacket(65, 3)];
    const bytes = muxOggOpus({ packets, frameSamples48k: [960, 960, 960], preSkip: 312, inputSampleRate: 44_100, vendor: 'Trạm test', serial: 0xdeadbeef, sampleCount48k: 2_000 });
    const pages = parsePages(bytes);
    expect(pages).toHaveLength(3);
    expectValidPages(pages, 0xdeadbeef);

    const head = pages[0]!;
    expect(head.lacing).toEqual([19]);
    expect(head.granule).toBe(0n);
    const headView = new DataView(head.body.buffer, head.body.byteOffset, head.body.byteLength);
    expect(new TextDecoder().decode(head.body.subarray(0, 8))).toBe('OpusHead');
    expect(head.body[8]).toBe(1);
    expect(head.body[9]).toBe(1);
    expect(headView.getUint16(10, true)).toBe(312);
    expect(headView.getUint32(12, true)).toBe(44_100);
    expect(headView.getInt16(16, true)).toBe(0);
    expect(head.body[18]).toBe(0);

    const tags = pages[1]!;
    expect(tags.granule).toBe(0n);
    const tagsView = new DataView(tags.body.buffer, tags.body.byteOffset, tags.body.byteLength);
    expect(new TextDecoder().decode(tags.body.subarray(0, 8))).toBe('OpusTags');
    const vendorLength = tagsView.getUint32(8, true);
    expect(new TextDecoder().decode(tags.body.subarray(12, 12 + vendorLength))).toBe('Trạm test');
    expect(tagsView.getUint32(12 + vendorLength, true)).toBe(0);
    expect(tags.body.length).toBe(16 + vendorLength);

    const audio = packetsOf(pages).slice(2);
    expect(audio.map((p) => p.data)).toEqual(packets);
    expect(pages[2]!.granule).toBe(312n + 2_000n);
  });

  it('laces a 600-byte packet across a page boundary and marks the next page continued', () => {
    const packets = [...Array.from({ length: 253 }, (_, i) => fakePacket(10, i)), fakePacket(600, 999), fakePacket(20, 1000)];
    const bytes = muxOggOpus({ packets, frameSamples48k: 120, preSkip: 0, inputSampleRate: 48_000, serial: 7 });
    const pages = parsePages(bytes);
    expectValidPages(pages, 7);
    expect(pages).toHaveLength(4);
    const [, , first, second] = pages as [Page, Page, Page, Page];
    expect(first.lacing).toHaveLength(255);
    expect(first.lacing.slice(-3)).toEqual([10, 255, 255]);
    expect(first.flags & 0x01).toBe(0);
    expect(first.granule).toBe(253n * 120n);
    expect(second.flags & 0x01).toBe(0x01);
    expect(second.lacing).toEqual([90, 20]);
    expect(second.granule).toBe(255n * 120n);

    const audio = packetsOf(pages).slice(2);
    expect(audio.map((p) => p.data)).toEqual(packets);
    expect(audio[253]!.endPage).toBe(3);
  });

  it('laces packets whose length is a multiple of 255 with a closing zero', () => {
    const packets = [fakePacket(255, 1), fakePacket(510, 2), fakePacket(1, 3)];
    const pages = parsePages(muxOggOpus({ packets, frameSamples48k: 960, preSkip: 0, inputSampleRate: 48_000 }));
    expectValidPages(pages);
    expect(pages[2]!.lacing).toEqual([255, 0, 255, 255, 0, 1]);
    expect(packetsOf(pages).slice(2).map((p) => p.data)).toEqual(packets);
  });

  it('gives a page on which no packet ends the granule -1', () => {
    const big = fakePacket(140_000, 4);
    const packets = [fakePacket(50, 1), big, fakePacket(50, 2)];
    const pages = parsePages(muxOggOpus({ packets, frameSamples48k: 960, preSkip: 0, inputSampleRate: 48_000 }));
    expectValidPages(pages);
    expect(pages.slice(2).map((p) => p.granule)).toEqual([960n, -1n, 2_880n]);
    expect(pages[3]!.lacing.every((v) => v === 255)).toBe(true);
    expect(pages[4]!.flags & 0x01).toBe(0x01);
    const audio = packetsOf(pages).slice(2);
    expect(audio).toHaveLength(3);
    // Compared as Buffers: a deep equality walk over 140 kB is slow.
    audio.forEach((p, i) => expect(Buffer.compare(p.data, packets[i]!)).toBe(0));
  });

  it('starts a new page about every second, each granule counting through its last packet, and the last one ends at pre-skip plus the real samples', () => {
    const packets = Array.from({ length: 160 }, (_, i) => fakePacket(40 + (i % 30), i));
    const sampleCount48k = 160 * 960 - 312 - 500;
    const pages = parsePages(muxOggOpus({ packets, frameSamples48k: 960, preSkip: 312, inputSampleRate: 48_000, sampleCount48k }));
    expectValidPages(pages);
    expect(pages.slice(2).map((p) => p.granule)).toEqual([48_000n, 96_000n, 144_000n, BigInt(312 + sampleCount48k)]);
    expect(pages.slice(2).map((p) => p.lacing.length)).toEqual([50, 50, 50, 10]);
  });

  it('keeps enough audio on the last page for its end trimming', () => {
    // 51 packets: a page would close after 50 (one second), but the last packet alone is shorter than the padding to drop.
    const packets = Array.from({ length: 51 }, (_, i) => fakePacket(40, i));
    const sampleCount48k = 47_500;
    const pages = parsePages(muxOggOpus({ packets, frameSamples48k: 960, preSkip: 312, inputSampleRate: 48_000, sampleCount48k }));
    expectValidPages(pages);
    expect(pages).toHaveLength(3);
    expect(pages[2]!.granule).toBe(BigInt(312 + sampleCount48k));

    const shorter = parsePages(muxOggOpus({ packets, frameSamples48k: 960, preSkip: 312, inputSampleRate: 48_000, sampleCount48k: 48_300 }));
    expect(shorter.slice(2).map((p) => p.granule)).toEqual([48_000n, 48_612n]);
  });

  it('uses the frame lengths given per packet, and by default ends after everything past the pre-skip', () => {
    const packets = [fakePacket(30, 1), fakePacket(30, 2), fakePacket(30, 3)];
    const pages = parsePages(muxOggOpus({ packets, frameSamples48k: [960, 480, 1920], preSkip: 312, inputSampleRate: 16_000 }));
    expect(pages.at(-1)!.granule).toBe(3_360n);
  });

  it('picks a random serial unless one is given', () => {
    const input = { packets: [fakePacket(30, 1)], frameSamples48k: 960, preSkip: 312, inputSampleRate: 48_000 };
    const a = parsePages(muxOggOpus(input));
    const b = parsePages(muxOggOpus(input));
    expect(a[0]!.serial).not.toBe(b[0]!.serial);
    expect(parsePages(muxOggOpus({ ...input, serial: 42 }))[0]!.serial).toBe(42);
  });

  it('puts the end of stream on the tags page when there is no audio', () => {
    const pages = parsePages(muxOggOpus({ packets: [], frameSamples48k: 960, preSkip: 312, inputSampleRate: 48_000 }));
    expect(pages).toHaveLength(2);
    expectValidPages(pages);
  });

  it('refuses inputs that cannot make a valid stream', () => {
    const packets = [fakePacket(30, 1), fakePacket(30, 2)];
    expect(() => muxOggOpus({ packets, frameSamples48k: [960], preSkip: 312, inputSampleRate: 48_000 })).toThrow(/2 packets but 1/);
    expect(() => muxOggOpus({ packets, frameSamples48k: 960, preSkip: 312, inputSampleRate: 48_000, sampleCount48k: 1_700 })).toThrow(/more than/);
    expect(() => muxOggOpus({ packets, frameSamples48k: 960, preSkip: 70_000, inputSampleRate: 48_000 })).toThrow(/pre-skip/);
  });
});

describe('opusPacketSamples48k', () => {
  it('reads the frame length and count from the TOC byte', () => {
    expect(opusPacketSamples48k(Uint8Array.of(31 << 3))).toBe(960);
    expect(opusPacketSamples48k(Uint8Array.of((31 << 3) | 1))).toBe(1_920);
    expect(opusPacketSamples48k(Uint8Array.of((31 << 3) | 3, 3))).toBe(2_880);
    expect(opusPacketSamples48k(Uint8Array.of(16 << 3))).toBe(120);
    expect(opusPacketSamples48k(Uint8Array.of(1 << 3))).toBe(960);
    expect(opusPacketSamples48k(Uint8Array.of(3 << 3))).toBe(2_880);
    expect(opusPacketSamples48k(Uint8Array.of(12 << 3))).toBe(480);
    expect(opusPacketSamples48k(Uint8Array.of(13 << 3))).toBe(960);
    expect(opusPacketSamples48k(new Uint8Array(0))).toBe(0);
  });
});
