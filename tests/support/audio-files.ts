import { oggCrc32 } from '../../renderer/src/recorder/ogg-opus';

/** Joins byte arrays into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The bytes of an ASCII string. */
export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function le(value: number, width: number): Uint8Array {
  const out = new Uint8Array(width);
  for (let k = 0; k < width; k++) out[k] = Math.floor(value / 2 ** (8 * k)) & 0xff;
  return out;
}

function be(value: number, width: number): Uint8Array {
  return le(value, width).reverse();
}

// ---------------------------------------------------------------- WAV

/** What makeWav writes. */
export type WavOptions = {
  seconds: number;
  sampleRate?: number;
  channels?: number;
  bitsPerSample?: number;
  /** IEEE float samples (format 3) instead of integer PCM; bitsPerSample 32 or 64. */
  float?: boolean;
  /** A WAVE_FORMAT_EXTENSIBLE fmt chunk (0xFFFE with the PCM or float subtype GUID). */
  extensible?: boolean;
  /** Sizes left at 0xFFFFFFFF, as a writer that streams and never seeks back leaves them. */
  streamed?: boolean;
  /** A sine of this frequency at a quarter of full scale; silence when absent. */
  toneHz?: number;
  /** Chunks written between fmt and data (odd sizes are padded), e.g. a LIST chunk. */
  chunks?: readonly { id: string; body: Uint8Array }[];
};

/** A RIFF/WAVE file holding `seconds` of PCM or float audio. */
export function makeWav(options: WavOptions): Uint8Array {
  const { seconds, sampleRate = 16_000, channels = 1, float = false, extensible = false, streamed = false, toneHz, chunks = [] } = options;
  const bits = options.bitsPerSample ?? (float ? 32 : 16);
  const bytesPerSample = bits / 8;
  const blockAlign = channels * bytesPerSample;
  const frames = Math.round(seconds * sampleRate);
  const tag = float ? 3 : 1;

  const fmt = new Uint8Array(extensible ? 40 : float ? 18 : 16);
  const f = new DataView(fmt.buffer);
  f.setUint16(0, extensible ? 0xfffe : tag, true);
  f.setUint16(2, channels, true);
  f.setUint32(4, sampleRate, true);
  f.setUint32(8, sampleRate * blockAlign, true);
  f.setUint16(12, blockAlign, true);
  f.setUint16(14, bits, true);
  if (extensible) {
    f.setUint16(16, 22, true);
    f.setUint16(18, bits, true);
    f.setUint32(20, channels === 1 ? 0x4 : 0x3, true);
    fmt.set([tag, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 24);
  }

  const data = new Uint8Array(frames * blockAlign);
  if (toneHz) {
    const d = new DataView(data.buffer);
    for (let i = 0; i < frames; i++) {
      const v = 0.25 * Math.sin((2 * Math.PI * toneHz * i) / sampleRate);
      for (let c = 0; c < channels; c++) {
        const o = i * blockAlign + c * bytesPerSample;
        if (float && bits === 64) d.setFloat64(o, v, true);
        else if (float) d.setFloat32(o, v, true);
        else if (bits === 8) d.setUint8(o, Math.round(128 + v * 127));
        else if (bits === 16) d.setInt16(o, Math.round(v * 32767), true);
        else if (bits === 24) data.set(le((Math.round(v * 8388607) + 2 ** 24) % 2 ** 24, 3), o);
        else d.setInt32(o, Math.round(v * 2147483647), true);
      }
    }
  }

  const chunk = (id: string, body: Uint8Array, size = body.length): Uint8Array =>
    concatBytes([asciiBytes(id), le(size, 4), body, body.length % 2 ? new Uint8Array(1) : new Uint8Array(0)]);
  const body = concatBytes([
    asciiBytes('WAVE'),
    chunk('fmt ', fmt),
    ...chunks.map((c) => chunk(c.id, c.body)),
    chunk('data', data, streamed ? 0xffffffff : data.length),
  ]);
  return concatBytes([asciiBytes('RIFF'), le(streamed ? 0xffffffff : body.length, 4), body]);
}

// ---------------------------------------------------------------- Ogg

/** What oggPage writes: whole packets only (none continues onto another page). */
export type OggPageOptions = {
  packets: readonly Uint8Array[];
  granule: bigint;
  serial: number;
  sequence: number;
  /** Beginning of stream (the first page). */
  bos?: boolean;
  /** End of stream (the last page). */
  eos?: boolean;
};

/** One Ogg page with a correct checksum. */
export function oggPage(options: OggPageOptions): Uint8Array {
  const lacing: number[] = [];
  for (const p of options.packets) {
    for (let left = p.length; ; left -= 255) {
      lacing.push(Math.min(left, 255));
      if (left < 255) break;
    }
  }
  if (lacing.length > 255) throw new Error(`an Ogg page holds at most 255 segments, not ${lacing.length}`);
  const header = new Uint8Array(27 + lacing.length);
  const h = new DataView(header.buffer);
  header.set(asciiBytes('OggS'), 0);
  header[5] = (options.bos ? 0x02 : 0) | (options.eos ? 0x04 : 0);
  h.setBigUint64(6, BigInt.asUintN(64, options.granule), true);
  h.setUint32(14, options.serial, true);
  h.setUint32(18, options.sequence, true);
  header[26] = lacing.length;
  header.set(lacing, 27);
  const page = concatBytes([header, ...options.packets]);
  new DataView(page.buffer).setUint32(22, oggCrc32(page), true);
  return page;
}

/** An OpusHead identification packet (RFC 7845 §5.1), channel mapping family 0. */
export function opusHead(options: { channels?: number; preSkip?: number; inputRate?: number } = {}): Uint8Array {
  const out = concatBytes([asciiBytes('OpusHead'), new Uint8Array(11)]);
  const v = new DataView(out.buffer);
  out[8] = 1;
  out[9] = options.channels ?? 1;
  v.setUint16(10, options.preSkip ?? 312, true);
  v.setUint32(12, options.inputRate ?? 48_000, true);
  return out;
}

/** A 20 ms Opus packet of silence (CELT, fullband) that decoders accept; stereo sets the TOC's stereo bit. */
export function opusSilence(channels = 1): Uint8Array {
  return Uint8Array.of(channels > 1 ? 0xfc : 0xf8, 0xff, 0xfe);
}

/** A 60 ms Opus packet of silence: three 20 ms CELT frames in one code-3 packet, as some encoders emit. */
export function opusSilence60(): Uint8Array {
  return Uint8Array.of(0xfb, 0x03, 0xff, 0xfe, 0xff, 0xfe, 0xff, 0xfe);
}

/** What makeOggOpus writes. */
export type OggOpusOptions = { seconds: number; preSkip?: number; channels?: number; packetsPerPage?: number; serial?: number };

/** An Ogg Opus file of `seconds` of silence: OpusHead and OpusTags pages, then 20 ms packets, the last page's granule trimmed to the exact length. */
export function makeOggOpus(options: OggOpusOptions): Uint8Array {
  const { seconds, preSkip = 312, channels = 1, packetsPerPage = 50, serial = 0x5eed } = options;
  const samples = Math.round(seconds * 48_000);
  const count = Math.max(1, Math.ceil((preSkip + samples) / 960));
  const tags = concatBytes([asciiBytes('OpusTags'), le(5, 4), asciiBytes('tests'), le(0, 4)]);
  const pages = [
    oggPage({ packets: [opusHead({ channels, preSkip })], granule: 0n, serial, sequence: 0, bos: true }),
    oggPage({ packets: [tags], granule: 0n, serial, sequence: 1 }),
  ];
  for (let first = 0; first < count; first += packetsPerPage) {
    const n = Math.min(packetsPerPage, count - first);
    const last = first + n === count;
    const granule = last ? preSkip + samples : (first + n) * 960;
    const packets = Array.from({ length: n }, () => opusSilence(channels));
    pages.push(oggPage({ packets, granule: BigInt(granule), serial, sequence: pages.length, eos: last }));
  }
  return concatBytes(pages);
}

/** An Ogg Vorbis file's first pages: a real identification header, then dummy packets (not decodable; for refusal tests). */
export function makeOggVorbis(options: { seconds: number; sampleRate?: number }): Uint8Array {
  const rate = options.sampleRate ?? 44_100;
  const id = concatBytes([Uint8Array.of(1), asciiBytes('vorbis'), le(0, 4), Uint8Array.of(1), le(rate, 4), le(0, 4), le(128_000, 4), le(0, 4), Uint8Array.of(0xb8, 1)]);
  const samples = Math.round(options.seconds * rate);
  return concatBytes([
    oggPage({ packets: [id], granule: 0n, serial: 7, sequence: 0, bos: true }),
    oggPage({ packets: [Uint8Array.of(0, 0, 0)], granule: BigInt(samples), serial: 7, sequence: 1, eos: true }),
  ]);
}

// ---------------------------------------------------------------- WebM

/** An EBML element ID's bytes (IDs carry their length marker, so they are written as they read). */
function ebmlId(id: number): Uint8Array {
  const width = id > 0xffffff ? 4 : id > 0xffff ? 3 : id > 0xff ? 2 : 1;
  return be(id, width);
}

/** An EBML size in the fewest bytes, or as "unknown" (all value bits set) in `unknownWidth` bytes. */
function ebmlSize(size: number | null, unknownWidth = 8): Uint8Array {
  if (size === null) {
    const out = new Uint8Array(unknownWidth).fill(0xff);
    out[0] = 0xff >>> (unknownWidth - 1);
    return out;
  }
  let width = 1;
  while (size >= 2 ** (7 * width) - 1) width++;
  const out = be(size, width);
  out[0] = (out[0] ?? 0) | (0x80 >>> (width - 1));
  return out;
}

/** An EBML element: its ID, its size (null for unknown, in `unknownWidth` bytes) and its body. */
export function ebmlElement(id: number, body: readonly Uint8Array[] | Uint8Array, size: 'known' | 'unknown' = 'known', unknownWidth = 8): Uint8Array {
  const data = body instanceof Uint8Array ? body : concatBytes(body);
  return concatBytes([ebmlId(id), ebmlSize(size === 'unknown' ? null : data.length, unknownWidth), data]);
}

function ebmlUint(id: number, value: number): Uint8Array {
  let width = 1;
  while (value >= 2 ** (8 * width)) width++;
  return ebmlElement(id, be(value, width));
}

function ebmlFloat(id: number, value: number, width: 4 | 8): Uint8Array {
  const out = new Uint8Array(width);
  if (width === 4) new DataView(out.buffer).setFloat32(0, value);
  else new DataView(out.buffer).setFloat64(0, value);
  return ebmlElement(id, out);
}

/** What makeWebm writes. */
export type WebmOptions = {
  seconds: number;
  /** Write Info/Duration and known sizes everywhere (as FFmpeg does); without it, unknown sizes and no Duration (as Chromium's MediaRecorder does). */
  withDuration?: boolean;
  /** The track's CodecID: 'A_OPUS' (default), 'A_VORBIS', or a video codec such as 'V_VP8' for a video-only file. */
  codec?: string;
  /** Bytes used for each unknown size, 1 to 8 (MediaRecorder writes 8: 0x01FFFFFFFFFFFFFF). */
  unknownSizeBytes?: number;
  /** Width of the Duration float. */
  durationBytes?: 4 | 8;
  timecodeScale?: number;
  /** Opus packet length; 60 ms packets are three frames in one packet. */
  frameMs?: 20 | 60;
  clusterSeconds?: number;
  /** Blocks as BlockGroups with a BlockDuration (the last one cut to end exactly at `seconds`) instead of SimpleBlocks. */
  blockGroups?: boolean;
};

/** A WebM file of `seconds` of Opus silence (with an OpusHead as CodecPrivate), or of dummy frames for other codecs (not decodable; for probing and refusal tests). */
export function makeWebm(options: WebmOptions): Uint8Array {
  const { seconds, withDuration = false, codec = 'A_OPUS', unknownSizeBytes = 8, durationBytes = 8, timecodeScale = 1_000_000, frameMs = 20, clusterSeconds = 5, blockGroups = false } = options;
  const sizing = withDuration ? 'known' : 'unknown';
  const video = codec.startsWith('V_');
  const ticksPerMs = 1_000_000 / timecodeScale;

  const header = ebmlElement(0x1a45dfa3, [
    ebmlUint(0x4286, 1),
    ebmlUint(0x42f7, 1),
    ebmlUint(0x42f2, 4),
    ebmlUint(0x42f3, 8),
    ebmlElement(0x4282, asciiBytes('webm')),
    ebmlUint(0x4287, 4),
    ebmlUint(0x4285, 2),
  ]);
  const info = ebmlElement(0x1549a966, [
    ebmlUint(0x2ad7b1, timecodeScale),
    ebmlElement(0x4d80, asciiBytes('tests')),
    ebmlElement(0x5741, asciiBytes('tests')),
    ...(withDuration ? [ebmlFloat(0x4489, seconds * 1000 * ticksPerMs, durationBytes)] : []),
  ]);
  const entry = ebmlElement(0xae, [
    ebmlUint(0xd7, 1),
    ebmlUint(0x73c5, 1),
    ebmlUint(0x83, video ? 1 : 2),
    ebmlElement(0x86, asciiBytes(codec)),
    ...(codec === 'A_OPUS' ? [ebmlElement(0x63a2, opusHead({ preSkip: 312 }))] : []),
    video ? ebmlElement(0xe0, [ebmlUint(0xb0, 320), ebmlUint(0xba, 240)]) : ebmlElement(0xe1, [ebmlFloat(0xb5, 48_000, 4), ebmlUint(0x9f, 1)]),
  ]);
  const tracks = ebmlElement(0x1654ae6b, [entry]);

  const packet = codec === 'A_OPUS' ? (frameMs === 60 ? opusSilence60() : opusSilence()) : Uint8Array.of(0x10, 0x02, 0x00, 0x9d);
  const totalMs = seconds * 1000;
  const count = Math.ceil(totalMs / frameMs - 1e-9);
  const clusters: Uint8Array[] = [];
  for (let first = 0; first < count; ) {
    const clusterMs = first * frameMs;
    const blocks: Uint8Array[] = [ebmlUint(0xe7, Math.round(clusterMs * ticksPerMs))];
    for (; first < count && (first * frameMs - clusterMs) < clusterSeconds * 1000; first++) {
      const relative = Math.round((first * frameMs - clusterMs) * ticksPerMs);
      if (relative > 0x7fff) throw new Error('a block is too far from its cluster; lower clusterSeconds');
      const body = concatBytes([Uint8Array.of(0x81), be(relative, 2), Uint8Array.of(blockGroups ? 0x00 : 0x80), packet]);
      if (blockGroups) {
        const durationMs = Math.min(frameMs, totalMs - first * frameMs);
        blocks.push(ebmlElement(0xa0, [ebmlElement(0xa1, body), ebmlUint(0x9b, Math.round(durationMs * ticksPerMs))]));
      } else {
        blocks.push(ebmlElement(0xa3, body));
      }
    }
    clusters.push(ebmlElement(0x1f43b675, blocks, sizing, unknownSizeBytes));
  }
  return concatBytes([header, ebmlElement(0x18538067, [info, tracks, ...clusters], sizing, unknownSizeBytes)]);
}

// ---------------------------------------------------------------- MP3

const MP3_VERSIONS = [
  { bits: 3, rates: [44_100, 48_000, 32_000], kbps: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], samples: 1152 },
  { bits: 2, rates: [22_050, 24_000, 16_000], kbps: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], samples: 576 },
  { bits: 0, rates: [11_025, 12_000, 8_000], kbps: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], samples: 576 },
];

/** What makeMp3 writes. */
export type Mp3Options = {
  seconds: number;
  /** Picks MPEG-1 (32/44.1/48 kHz), MPEG-2 (16/22.05/24 kHz) or MPEG-2.5 (8/11.025/12 kHz). */
  sampleRate?: number;
  kbps?: number;
  channels?: 1 | 2;
  /** A first frame holding a Xing (VBR) or Info (CBR) header, or a VBRI header, that counts the audio frames after it. */
  vbrTag?: 'Xing' | 'Info' | 'VBRI';
  /** Encoder delay and end padding written in a LAME extension after the Xing/Info header; the frames are then sized so that the trimmed length is exactly `seconds`. */
  gapless?: { delay: number };
  /** An ID3v2 tag in front: v2.3 of `bytes` (default 2048), or v2.4 with a footer. */
  id3?: boolean | { bytes?: number; footer?: boolean };
  /** A 128-byte ID3v1 "TAG" trailer. */
  id3v1?: boolean;
};

/** An MP3 of `seconds` of silence: Layer III frames with valid headers and zeroed side information and data, which decode as silence. */
export function makeMp3(options: Mp3Options): Uint8Array {
  const { seconds, sampleRate = 44_100, kbps = 128, channels = 2, vbrTag, gapless, id3 = false, id3v1 = false } = options;
  const version = MP3_VERSIONS.find((v) => v.rates.includes(sampleRate));
  const bitrateIndex = version?.kbps.indexOf(kbps) ?? -1;
  if (!version || bitrateIndex <= 0) throw new Error(`no MPEG Layer III frame at ${kbps} kbps and ${sampleRate} Hz`);
  const spf = version.samples;
  const wanted = Math.round(seconds * sampleRate);
  const delay = gapless?.delay ?? 0;
  const audioFrames = gapless ? Math.ceil((wanted + delay) / spf) : Math.round(wanted / spf);
  const padding = audioFrames * spf - delay - wanted;
  const frameCount = audioFrames + (vbrTag ? 1 : 0);

  const exact = ((spf / 8) * kbps * 1000) / sampleRate;
  const frames: Uint8Array[] = [];
  for (let i = 0; i < frameCount; i++) {
    const length = Math.round((i + 1) * exact) - Math.round(i * exact);
    const pad = length - Math.floor(exact);
    const frame = new Uint8Array(length);
    frame.set([0xff, 0xe0 | (version.bits << 3) | (1 << 1) | 1, (bitrateIndex << 4) | (version.rates.indexOf(sampleRate) << 2) | (pad << 1), channels === 1 ? 0xc0 : 0x40]);
    frames.push(frame);
  }
  const tagFrame = frames[0];
  if (vbrTag && tagFrame) {
    const totalBytes = frames.reduce((n, f) => n + f.length, 0);
    const v = new DataView(tagFrame.buffer);
    if (vbrTag === 'VBRI') {
      tagFrame.set(asciiBytes('VBRI'), 36);
      v.setUint16(40, 1);
      v.setUint16(42, delay);
      v.setUint32(46, totalBytes);
      v.setUint32(50, audioFrames);
    } else {
      const o = 4 + (spf === 1152 ? (channels === 1 ? 17 : 32) : channels === 1 ? 9 : 17);
      const lame = o + 120;
      if (lame + 36 > tagFrame.length) throw new Error('the frame is too small for a Xing header');
      tagFrame.set(asciiBytes(vbrTag), o);
      v.setUint32(o + 4, 0x0f);
      v.setUint32(o + 8, audioFrames);
      v.setUint32(o + 12, totalBytes);
      for (let k = 0; k < 100; k++) tagFrame[o + 16 + k] = Math.floor((k * 256) / 100);
      if (gapless) {
        tagFrame.set(asciiBytes('LAME3.100'), lame);
        tagFrame.set([delay >> 4, ((delay & 0x0f) << 4) | (padding >> 8), padding & 0xff], lame + 21);
      }
    }
  }

  const parts: Uint8Array[] = [];
  if (id3) {
    const { bytes = 2048, footer = false } = typeof id3 === 'object' ? id3 : {};
    const title = concatBytes([Uint8Array.of(footer ? 3 : 0), asciiBytes('Bai hoc mau')]);
    const frame = concatBytes([asciiBytes('TIT2'), be(title.length, 4), Uint8Array.of(0, 0), title]);
    const body = concatBytes([frame, new Uint8Array(Math.max(0, bytes - frame.length))]);
    const syncsafe = Uint8Array.from([21, 14, 7, 0], (shift) => (body.length >> shift) & 0x7f);
    parts.push(concatBytes([asciiBytes('ID3'), Uint8Array.of(footer ? 4 : 3, 0, footer ? 0x10 : 0), syncsafe, body]));
    if (footer) parts.push(concatBytes([asciiBytes('3DI'), Uint8Array.of(4, 0, 0x10), syncsafe]));
  }
  parts.push(...frames);
  if (id3v1) parts.push(concatBytes([asciiBytes('TAG'), asciiBytes('Bai hoc mau'), new Uint8Array(128 - 3 - 11)]));
  return concatBytes(parts);
}

// ---------------------------------------------------------------- other kinds, for refusals

/** The first bytes of a PNG image (signature and IHDR), as a picture renamed to .mp3 would hold. */
export function makePngBytes(): Uint8Array {
  return concatBytes([Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), be(13, 4), asciiBytes('IHDR'), be(16, 4), be(16, 4), Uint8Array.of(8, 6, 0, 0, 0), be(0x1f15c489, 4)]);
}

/** A FLAC stream's start: "fLaC" and a STREAMINFO block. */
export function makeFlacBytes(): Uint8Array {
  return concatBytes([asciiBytes('fLaC'), Uint8Array.of(0x80, 0, 0, 34), new Uint8Array(34)]);
}
