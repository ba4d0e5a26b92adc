/** What `muxOggOpus` needs: the encoder's packets, how many 48 kHz samples each decodes to, and the stream's header fields. */
export interface OggOpusInput {
  packets: readonly Uint8Array[];
  /** Samples at 48 kHz in each packet (one number when all packets are the same length). */
  frameSamples48k: readonly number[] | number;
  /** Samples at 48 kHz the decoder drops at the start (the encoder's look-ahead). */
  preSkip: number;
  /** The sample rate the audio was recorded at, for information (Opus always decodes at 48 kHz). */
  inputSampleRate: number;
  vendor?: string;
  /** Real samples at 48 kHz; the last page's granule becomes `preSkip + sampleCount48k` so players drop the encoder's padding. Default: everything decoded after the pre-skip. */
  sampleCount48k?: number;
  /** The stream's serial number; random when not given. */
  serial?: number;
  /** How much audio a page holds before a new one starts. */
  pageSamples48k?: number;
}

const OGG_CRC_POLYNOMIAL = 0x04c11db7;
const MAX_SEGMENTS = 255;
const FLAG_CONTINUED = 0x01;
const FLAG_BOS = 0x02;
const FLAG_EOS = 0x04;
const DEFAULT_VENDOR = 'Tram Ky Nang So';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ OGG_CRC_POLYNOMIAL : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, no final xor. */
export function oggCrc32(bytes: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ bytes[i]!) & 0xff]!) >>> 0;
  return crc;
}

/** Samples at 48 kHz one Opus packet decodes to, read from its TOC byte (RFC 6716 §3.1); 0 for an empty packet. */
export function opusPacketSamples48k(packet: Uint8Array): number {
  const toc = packet[0];
  if (toc === undefined) return 0;
  const config = toc >> 3;
  let frame: number;
  if (config < 12) frame = [480, 960, 1920, 2880][config % 4]!;
  else if (config < 16) frame = config % 2 === 0 ? 480 : 960;
  else frame = [120, 240, 480, 960][config % 4]!;
  const code = toc & 0x03;
  const frames = code === 0 ? 1 : code === 3 ? (packet[1] ?? 0) & 0x3f : 2;
  return frame * frames;
}

interface PageLayout {
  lacing: number[];
  parts: Uint8Array[];
  continued: boolean;
  /** Samples through the last packet that ends on this page, or -1 when none ends on it. */
  granule: number;
}

/**
 * Lays packets into pages with 255-lacing, a packet carried over to the next page when the
 * segment table fills. A page is closed once it holds `pageSamples` of audio, but never when
 * what is left is at most `keepForLast`: the last page must hold more audio than its end
 * trimming takes away, or its granule would fall below the page before it.
 */
function layPages(packets: readonly Uint8Array[], samplesOf: (i: number) => number, startGranule: number, pageSamples: number, keepForLast: number): PageLayout[] {
  const pages: PageLayout[] = [];
  let page: PageLayout = { lacing: [], parts: [], continued: false, granule: -1 };
  let granule = startGranule;
  let pageStart = startGranule;
  let remaining = 0;
  for (let i = 0; i < packets.length; i++) remaining += samplesOf(i);
  const close = (continued: boolean) => {
    pages.push(page);
    page = { lacing: [], parts: [], continued, granule: -1 };
  };

  for (let i = 0; i < packets.length; i++) {
    const packet = packets[i]!;
    let offset = 0;
    for (;;) {
      const left = packet.length - offset;
      const needed = Math.floor(left / 255) + 1;
      const free = MAX_SEGMENTS - page.lacing.length;
      if (needed <= free) {
        for (let s = 1; s < needed; s++) page.lacing.push(255);
        page.lacing.push(left % 255);
        page.parts.push(packet.subarray(offset));
        break;
      }
      for (let s = 0; s < free; s++) page.lacing.push(255);
      page.parts.push(packet.subarray(offset, offset + free * 255));
      offset += free * 255;
      close(true);
    }
    const samples = samplesOf(i);
    granule += samples;
    remaining -= samples;
    page.granule = granule;
    const full = page.lacing.length === MAX_SEGMENTS;
    if (i < packets.length - 1 && (full || (granule - pageStart >= pageSamples && remaining > keepForLast))) {
      close(false);
      pageStart = granule;
    }
  }
  if (page.lacing.length > 0) pages.push(page);
  return pages;
}

function writePage(layout: PageLayout, flags: number, granule: number, serial: number, sequence: number): Uint8Array {
  const headerLength = 27 + layout.lacing.length;
  let bodyLength = 0;
  for (const part of layout.parts) bodyLength += part.length;
  const bytes = new Uint8Array(headerLength + bodyLength);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4f, 0x67, 0x67, 0x53], 0);
  bytes[4] = 0;
  bytes[5] = flags | (layout.continued ? FLAG_CONTINUED : 0);
  view.setBigInt64(6, BigInt(granule), true);
  view.setUint32(14, serial >>> 0, true);
  view.setUint32(18, sequence >>> 0, true);
  bytes[26] = layout.lacing.length;
  bytes.set(layout.lacing, 27);
  let at = headerLength;
  for (const part of layout.parts) {
    bytes.set(part, at);
    at += part.length;
  }
  view.setUint32(22, oggCrc32(bytes), true);
  return bytes;
}

function opusHead(preSkip: number, inputSampleRate: number): Uint8Array {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(new TextEncoder().encode('OpusHead'), 0);
  head[8] = 1;
  head[9] = 1;
  view.setUint16(10, preSkip, true);
  view.setUint32(12, inputSampleRate, true);
  view.setInt16(16, 0, true);
  head[18] = 0;
  return head;
}

function opusTags(vendor: string): Uint8Array {
  const vendorBytes = new TextEncoder().encode(vendor);
  const tags = new Uint8Array(8 + 4 + vendorBytes.length + 4);
  const view = new DataView(tags.buffer);
  tags.set(new TextEncoder().encode('OpusTags'), 0);
  view.setUint32(8, vendorBytes.length, true);
  tags.set(vendorBytes, 12);
  view.setUint32(12 + vendorBytes.length, 0, true);
  return tags;
}

/** An Ogg Opus file (RFC 7845, mono): OpusHead and OpusTags pages, then the packets in pages of about a second, the last one marked end of stream. */
export function muxOggOpus(input: OggOpusInput): Uint8Array {
  const { packets, frameSamples48k, preSkip, inputSampleRate, vendor = DEFAULT_VENDOR, pageSamples48k = 48_000 } = input;
  if (typeof frameSamples48k !== 'number' && frameSamples48k.length !== packets.length) {
    throw new Error(`muxOggOpus: ${packets.length} packets but ${frameSamples48k.length} frame lengths`);
  }
  if (!Number.isInteger(preSkip) || preSkip < 0 || preSkip > 0xffff) throw new Error(`muxOggOpus: pre-skip ${preSkip} is not a 16-bit count`);
  const samplesOf = typeof frameSamples48k === 'number' ? () => frameSamples48k : (i: number) => frameSamples48k[i]!;
  let total = 0;
  for (let i = 0; i < packets.length; i++) total += samplesOf(i);
  const sampleCount48k = input.sampleCount48k ?? Math.max(0, total - preSkip);
  const endGranule = preSkip + sampleCount48k;
  if (!Number.isInteger(sampleCount48k) || sampleCount48k < 0 || (packets.length > 0 && endGranule > total)) {
    throw new Error(`muxOggOpus: ${sampleCount48k} samples after a pre-skip of ${preSkip} is more than the packets' ${total}`);
  }
  const serial = input.serial ?? Math.floor(Math.random() * 2 ** 32);

  const headerPages = layPages([opusHead(preSkip, inputSampleRate)], () => 0, 0, Infinity, 0);
  const tagPages = layPages([opusTags(vendor)], () => 0, 0, Infinity, 0);
  const audioPages = layPages(packets, samplesOf, 0, pageSamples48k, total - endGranule);
  const layouts = [...headerPages, ...tagPages, ...audioPages];
  const last = audioPages.at(-1);
  if (last) {
    const before = audioPages.slice(0, -1).findLast((p) => p.granule >= 0);
    if (before && endGranule < before.granule) {
      throw new Error(`muxOggOpus: the end granule ${endGranule} would fall below the previous page's ${before.granule}`);
    }
    last.granule = endGranule;
  }

  const pages = layouts.map((layout, sequence) => {
    const flags = (sequence === 0 ? FLAG_BOS : 0) | (sequence === layouts.length - 1 ? FLAG_EOS : 0);
    // Header pages carry granule 0; an audio page on which no packet ends carries -1.
    const granule = sequence < headerPages.length + tagPages.length ? 0 : layout.granule;
    return writePage(layout, flags, granule, serial, sequence);
  });
  let size = 0;
  for (const page of pages) size += page.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const page of pages) {
    out.set(page, at);
    at += page.length;
  }
  return out;
}
