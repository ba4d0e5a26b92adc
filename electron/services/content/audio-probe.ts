/** Audio containers a narration clip may use. */
export type AudioFormat = 'webm' | 'ogg' | 'mp3' | 'wav';

/** The MIME type each format is served with (for a data: URL). */
export const AUDIO_MIME: Record<AudioFormat, string> = { webm: 'audio/webm', ogg: 'audio/ogg', mp3: 'audio/mpeg', wav: 'audio/wav' };

/** What a probe found: the format and duration in seconds, or a Vietnamese reason it is not a usable clip. */
export type AudioProbe = { ok: true; format: AudioFormat; seconds: number } | { ok: false; problem: string };

const NOT_AUDIO = 'không phải tệp âm thanh WebM, Ogg, MP3 hay WAV';
const SILENT = 'tệp âm thanh không có tiếng (độ dài 0 giây)';

/** Reads the container's own bytes (never the file name) and works out the clip's format and duration. */
export function probeAudio(bytes: Uint8Array): AudioProbe {
  if (bytes.length === 0) return refuse('tệp trống, không có dữ liệu âm thanh');
  if (bytes.length >= 4 && u32be(bytes, 0) === EBML_HEADER) return probeWebm(bytes);
  if (isAscii(bytes, 0, 'OggS')) return probeOgg(bytes);
  if (isAscii(bytes, 0, 'RIFF')) {
    if (bytes.length < 12) return broken('thiếu phần đầu WAV');
    return isAscii(bytes, 8, 'WAVE') ? probeWav(bytes) : refuse(NOT_AUDIO);
  }
  if (isAscii(bytes, 0, 'ID3') || isMpegSync(bytes, 0)) return probeMp3(bytes);
  return refuse(NOT_AUDIO);
}

type Refusal = Extract<AudioProbe, { ok: false }>;

function refuse(problem: string): Refusal {
  return { ok: false, problem };
}

function broken(why: string): Refusal {
  return refuse(`tệp âm thanh bị cắt cụt hoặc hỏng (${why})`);
}

function found(format: AudioFormat, seconds: number): AudioProbe {
  if (!Number.isFinite(seconds) || seconds < 0) return broken('độ dài không hợp lệ');
  // Under a millisecond there is nothing to hear, and a 0-sample clip must not count as a clip.
  if (seconds < 0.001) return refuse(SILENT);
  return { ok: true, format, seconds };
}

// Callers check bounds before reading; `?? 0` only satisfies noUncheckedIndexedAccess.
function at(b: Uint8Array, i: number): number {
  return b[i] ?? 0;
}

function u16le(b: Uint8Array, i: number): number {
  return at(b, i) | (at(b, i + 1) << 8);
}

function u32le(b: Uint8Array, i: number): number {
  return (at(b, i) | (at(b, i + 1) << 8) | (at(b, i + 2) << 16) | (at(b, i + 3) << 24)) >>> 0;
}

function u32be(b: Uint8Array, i: number): number {
  return ((at(b, i) << 24) | (at(b, i + 1) << 16) | (at(b, i + 2) << 8) | at(b, i + 3)) >>> 0;
}

function isAscii(b: Uint8Array, i: number, text: string): boolean {
  if (i < 0 || i + text.length > b.length) return false;
  for (let k = 0; k < text.length; k++) if (b[i + k] !== text.charCodeAt(k)) return false;
  return true;
}

// ---------------------------------------------------------------- WAV

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
// KSDATAFORMAT_SUBTYPE_* GUIDs share everything after their first two bytes (the format tag).
const SUBTYPE_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

type WavFormat = { sampleRate: number; blockAlign: number };

function probeWav(b: Uint8Array): AudioProbe {
  let fmt: WavFormat | null = null;
  let dataBytes: number | null = null;
  let pos = 12;
  while (pos + 8 <= b.length) {
    const size = u32le(b, pos + 4);
    const body = pos + 8;
    if (isAscii(b, pos, 'fmt ')) {
      const read = readWavFormat(b, body, size);
      if ('problem' in read) return read;
      fmt = read;
    } else if (isAscii(b, pos, 'data')) {
      const present = b.length - body;
      // Streamed writers leave the size 0 or 0xFFFFFFFF; a cut file claims more than it holds.
      if (size === 0 || size === 0xffffffff || size > present) {
        dataBytes = present;
        break;
      }
      dataBytes = size;
      if (fmt) break;
    }
    pos = body + size + (size & 1);
  }
  if (!fmt) return broken('không thấy mô tả định dạng WAV');
  if (dataBytes === null) return broken('không thấy dữ liệu WAV');
  return found('wav', Math.floor(dataBytes / fmt.blockAlign) / fmt.sampleRate);
}

function readWavFormat(b: Uint8Array, body: number, size: number): WavFormat | Refusal {
  const short = broken('thiếu mô tả định dạng WAV');
  if (size < 16 || body + 16 > b.length) return short;
  let tag = u16le(b, body);
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40 || body + 40 > b.length) return short;
    tag = u16le(b, body + 24);
    if (!SUBTYPE_GUID_TAIL.every((v, k) => b[body + 26 + k] === v)) tag = 0;
  }
  if (tag !== WAVE_FORMAT_PCM && tag !== WAVE_FORMAT_IEEE_FLOAT) return refuse('tệp WAV nhưng âm thanh đã nén, không phải PCM');
  const channels = u16le(b, body + 2);
  const sampleRate = u32le(b, body + 4);
  const blockAlign = u16le(b, body + 12);
  if (channels === 0 || sampleRate === 0 || blockAlign === 0) return broken('mô tả định dạng WAV không hợp lệ');
  return { sampleRate, blockAlign };
}

// ---------------------------------------------------------------- MP3

const MP3_KBPS_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MP3_KBPS_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const MP3_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };
// Frames that must follow one another before bytes count as MP3: random data often holds 0xFFE, rarely four chained headers.
const MP3_CHAIN = 4;
// How far past an ID3v2 tag the first frame may start (some taggers pad beyond the size they declare).
const MP3_SEARCH_AFTER_TAG = 4096;

type Mp3Frame = { length: number; samples: number; sampleRate: number; key: number; mono: boolean; crc: boolean };

function isMpegSync(b: Uint8Array, i: number): boolean {
  return i + 1 < b.length && at(b, i) === 0xff && (at(b, i + 1) & 0xe0) === 0xe0;
}

/** The MPEG audio Layer III frame whose header starts at i, or null when those 4 bytes are not one. */
function mp3Frame(b: Uint8Array, i: number): Mp3Frame | null {
  if (i + 4 > b.length) return null;
  const h = u32be(b, i);
  if (h >>> 21 !== 0x7ff) return null;
  const version = (h >>> 19) & 3;
  const layer = (h >>> 17) & 3;
  const bitrateIndex = (h >>> 12) & 15;
  const rateIndex = (h >>> 10) & 3;
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3 || (h & 3) === 2) return null;
  const sampleRate = MP3_RATES[version]?.[rateIndex] ?? 0;
  const kbps = (version === 3 ? MP3_KBPS_V1 : MP3_KBPS_V2)[bitrateIndex] ?? 0;
  const samples = version === 3 ? 1152 : 576;
  const length = Math.floor(((samples / 8) * kbps * 1000) / sampleRate) + ((h >>> 9) & 1);
  return { length, samples, sampleRate, key: version * 4 + rateIndex, mono: ((h >>> 6) & 3) === 3, crc: ((h >>> 16) & 1) === 0 };
}

/** True when a run of consistent frames starts at i: MP3_CHAIN of them, or fewer that reach the end of the audio. */
function mp3ChainAt(b: Uint8Array, i: number, end: number): boolean {
  const first = mp3Frame(b, i);
  if (!first) return false;
  let p = i;
  for (let n = 0; n < MP3_CHAIN; n++) {
    const f = n === 0 ? first : mp3Frame(b, p);
    if (!f || f.key !== first.key) return false;
    if (p + f.length >= end) return n > 0 || p + f.length === end;
    p += f.length;
  }
  return true;
}

function probeMp3(b: Uint8Array): AudioProbe {
  let pos = 0;
  while (isAscii(b, pos, 'ID3')) {
    if (pos + 10 > b.length) return broken('thẻ ID3 bị cắt');
    let size = 0;
    for (let k = 6; k < 10; k++) {
      const v = at(b, pos + k);
      if (v & 0x80) return broken('thẻ ID3 không hợp lệ');
      size = size * 128 + v;
    }
    const footer = (at(b, pos + 5) & 0x10) !== 0;
    pos += 10 + size + (footer ? 10 : 0);
  }
  if (pos >= b.length) return broken('chỉ có thẻ ID3, không có âm thanh');
  const end = b.length - 128 >= pos && isAscii(b, b.length - 128, 'TAG') ? b.length - 128 : b.length;
  const searchEnd = pos === 0 ? 1 : Math.min(end, pos + MP3_SEARCH_AFTER_TAG);
  let start = -1;
  for (let i = pos; i < searchEnd; i++) {
    if (mp3ChainAt(b, i, end)) {
      start = i;
      break;
    }
  }
  if (start < 0) {
    const layer = (at(b, pos + 1) >>> 1) & 3;
    if (isMpegSync(b, pos) && (layer === 2 || layer === 3)) return refuse('tệp MPEG nhưng không phải MP3 (Layer III)');
    if (pos > 0) return broken('không thấy khung MP3 sau thẻ ID3');
    return mp3Frame(b, 0) ? broken('không đọc được khung MP3') : refuse(NOT_AUDIO);
  }
  const first = mp3Frame(b, start);
  if (!first) return broken('không đọc được khung MP3');
  const header = mp3InfoHeader(b, start, first);
  if (header.frames > 0) {
    const total = header.frames * first.samples;
    const trimmed = total - header.trim;
    return found('mp3', (trimmed > 0 ? trimmed : total) / first.sampleRate);
  }
  return found('mp3', mp3WalkSamples(b, header.tagged ? start + first.length : start, end, first.key) / first.sampleRate);
}

/** What a Xing/Info or VBRI header in the first frame says: its frame count (0 if none), and the encoder delay plus padding to trim. */
function mp3InfoHeader(b: Uint8Array, start: number, f: Mp3Frame): { tagged: boolean; frames: number; trim: number } {
  const frameEnd = Math.min(b.length, start + f.length);
  const sideInfo = f.samples === 1152 ? (f.mono ? 17 : 32) : f.mono ? 9 : 17;
  const candidates = f.crc ? [start + 6 + sideInfo, start + 4 + sideInfo] : [start + 4 + sideInfo];
  for (const o of candidates) {
    if (!(isAscii(b, o, 'Xing') || isAscii(b, o, 'Info')) || o + 8 > frameEnd) continue;
    const flags = u32be(b, o + 4);
    let p = o + 8;
    let frames = 0;
    if (flags & 1) {
      if (p + 4 > frameEnd) return { tagged: true, frames: 0, trim: 0 };
      frames = u32be(b, p);
      p += 4;
    }
    if (flags & 2) p += 4;
    if (flags & 4) p += 100;
    if (flags & 8) p += 4;
    let trim = 0;
    // A LAME (or FFmpeg "Lavc"/"Lavf") extension follows; its bytes 21–23 hold the encoder delay and end padding, 12 bits each.
    if ((isAscii(b, p, 'LAME') || isAscii(b, p, 'Lav')) && p + 24 <= frameEnd) {
      trim = ((at(b, p + 21) << 4) | (at(b, p + 22) >>> 4)) + (((at(b, p + 22) & 0x0f) << 8) | at(b, p + 23));
    }
    return { tagged: true, frames, trim };
  }
  const vbri = start + 36;
  if (isAscii(b, vbri, 'VBRI') && vbri + 18 <= frameEnd) return { tagged: true, frames: u32be(b, vbri + 14), trim: 0 };
  return { tagged: false, frames: 0, trim: 0 };
}

/** Samples in the frames from start to end, skipping damaged stretches to the next chain of good frames. */
function mp3WalkSamples(b: Uint8Array, start: number, end: number, key: number): number {
  let samples = 0;
  let p = start;
  while (p + 4 <= end) {
    const f = mp3Frame(b, p);
    if (f && f.key === key) {
      if (p + f.length > end) break;
      samples += f.samples;
      p += f.length;
      continue;
    }
    let next = -1;
    for (let i = p + 1; i + 4 <= end; i++) {
      if (at(b, i) === 0xff && mp3Frame(b, i)?.key === key && mp3ChainAt(b, i, end)) {
        next = i;
        break;
      }
    }
    if (next < 0) break;
    p = next;
  }
  return samples;
}

// ---------------------------------------------------------------- Ogg

const OPUS_RATE = 48000;
let oggCrcTable: Uint32Array | null = null;

/** The length of the Ogg page at p when its header is valid and the whole page lies inside b, else 0. */
function oggPageLength(b: Uint8Array, p: number): number {
  if (p + 27 > b.length || !isAscii(b, p, 'OggS') || b[p + 4] !== 0) return 0;
  const segments = at(b, p + 26);
  const headerLength = 27 + segments;
  if (p + headerLength > b.length) return 0;
  let body = 0;
  for (let k = 0; k < segments; k++) body += at(b, p + 27 + k);
  return p + headerLength + body <= b.length ? headerLength + body : 0;
}

function oggCrcMatches(b: Uint8Array, p: number, length: number): boolean {
  if (!oggCrcTable) {
    oggCrcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let r = n << 24;
      for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
      oggCrcTable[n] = r >>> 0;
    }
  }
  let crc = 0;
  for (let i = p; i < p + length; i++) {
    // The checksum is computed with its own four bytes (22–25) taken as zero.
    const byte = i - p >= 22 && i - p < 26 ? 0 : at(b, i);
    crc = ((crc << 8) ^ (oggCrcTable[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  }
  return crc === u32le(b, p + 22);
}

function probeOgg(b: Uint8Array): AudioProbe {
  const firstLength = oggPageLength(b, 0);
  if (firstLength === 0) return broken('trang Ogg đầu tiên không đọc được');
  const packet = 27 + at(b, 26);
  if (!isAscii(b, packet, 'OpusHead')) return refuse('tệp Ogg nhưng không phải giọng Opus');
  if (packet + 19 > firstLength || (at(b, packet + 8) & 0xf0) !== 0 || at(b, packet + 9) === 0) return broken('phần đầu Opus không hợp lệ');
  const preSkip = u16le(b, packet + 10);
  const serial = u32le(b, 14);
  // The stream's length is the granule position of its last page; anything after that page (junk, a cut page) is ignored.
  for (let p = b.length - 27; p >= 0; p--) {
    if (b[p] !== 0x4f || !isAscii(b, p, 'OggS')) continue;
    const length = oggPageLength(b, p);
    if (length === 0 || u32le(b, p + 14) !== serial || !oggCrcMatches(b, p, length)) continue;
    const low = u32le(b, p + 6);
    const high = u32le(b, p + 10);
    // -1 means no packet ends on this page; other negative values are invalid.
    if (high >= 0x80000000) continue;
    const granule = high * 2 ** 32 + low;
    return found('ogg', Math.max(0, granule - preSkip) / OPUS_RATE);
  }
  return broken('không thấy trang Ogg nào hợp lệ');
}

// ---------------------------------------------------------------- WebM

const EBML_HEADER = 0x1a45dfa3;
const DOC_TYPE = 0x4282;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_NUMBER = 0xd7;
const TRACK_TYPE = 0x83;
const CODEC_ID = 0x86;
const DEFAULT_DURATION = 0x23e383;
const CLUSTER = 0x1f43b675;
const TIMECODE = 0xe7;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
const BLOCK_DURATION = 0x9b;
// Everything a Cluster may hold; in an unknown-size Cluster, any other ID starts the next top-level element.
const CLUSTER_CHILDREN = new Set([TIMECODE, SIMPLE_BLOCK, BLOCK_GROUP, 0xa7, 0xab, 0x5854, 0xaf, 0xec, 0xbf]);
const AUDIO_TRACK_TYPE = 2;
const ACCEPTED_CODECS = new Set(['A_OPUS', 'A_VORBIS']);
const DEFAULT_TIMECODE_SCALE = 1_000_000;
const OPUS_FRAME_GUESS_NS = 20_000_000;

type EbmlElement = { id: number; data: number; size: number };
type WebmTrack = { number: number; type: number; codec: string; defaultDurationNs: number };

/** The element whose header starts at p (size -1 when unknown), or null when no valid header fits before end. */
function ebmlElement(b: Uint8Array, p: number, end: number): EbmlElement | null {
  const first = at(b, p);
  const idLength = Math.clz32(first) - 23;
  if (p >= end || first === 0 || idLength > 4 || p + idLength >= end) return null;
  let id = 0;
  for (let k = 0; k < idLength; k++) id = id * 256 + at(b, p + k);
  const s = p + idLength;
  const lead = at(b, s);
  const sizeLength = Math.clz32(lead) - 23;
  if (lead === 0 || s + sizeLength > end) return null;
  const mask = 0xff >>> sizeLength;
  let size = lead & mask;
  let unknown = size === mask;
  for (let k = 1; k < sizeLength; k++) {
    const v = at(b, s + k);
    size = size * 256 + v;
    unknown &&= v === 0xff;
  }
  return { id, data: s + sizeLength, size: unknown ? -1 : size };
}

function ebmlUint(b: Uint8Array, e: EbmlElement): number | null {
  if (e.size < 0 || e.size > 8 || e.data + e.size > b.length) return null;
  let v = 0;
  for (let k = 0; k < e.size; k++) v = v * 256 + at(b, e.data + k);
  return v;
}

function ebmlText(b: Uint8Array, e: EbmlElement): string {
  if (e.size < 0 || e.data + e.size > b.length) return '';
  return String.fromCharCode(...b.subarray(e.data, e.data + Math.min(e.size, 64))).replace(/\0+$/, '');
}

function ebmlFloat(b: Uint8Array, e: EbmlElement): number | null {
  if (e.size < 0 || e.data + e.size > b.length) return null;
  const view = new DataView(b.buffer, b.byteOffset + e.data, e.size);
  if (e.size === 4) return view.getFloat32(0);
  if (e.size === 8) return view.getFloat64(0);
  return e.size === 0 ? 0 : null;
}

/** Calls visit for each child of the element spanning [start, end) until a header does not fit or a child has no known size. */
function ebmlChildren(b: Uint8Array, start: number, end: number, visit: (e: EbmlElement) => void): void {
  let p = start;
  const limit = Math.min(end, b.length);
  while (p < limit) {
    const e = ebmlElement(b, p, limit);
    if (!e || e.size < 0) return;
    visit(e);
    p = e.data + e.size;
  }
}

/** Nanoseconds of audio in an Opus packet, from its TOC byte (RFC 6716 §3.1), or null when it cannot be read. */
function opusPacketNs(b: Uint8Array, p: number, end: number): number | null {
  if (p >= end) return null;
  const toc = at(b, p);
  const config = toc >>> 3;
  const frameUs = config < 12 ? [10_000, 20_000, 40_000, 60_000][config & 3] : config < 16 ? [10_000, 20_000][config & 1] : [2_500, 5_000, 10_000, 20_000][config & 3];
  const code = toc & 3;
  let frames = code === 0 ? 1 : 2;
  if (code === 3) {
    if (p + 1 >= end) return null;
    frames = at(b, p + 1) & 0x3f;
  }
  return (frameUs ?? 0) * frames * 1000;
}

function probeWebm(b: Uint8Array): AudioProbe {
  const header = ebmlElement(b, 0, b.length);
  if (!header || header.size < 0 || header.data + header.size > b.length) return broken('thiếu phần đầu WebM');
  let docType = '';
  ebmlChildren(b, header.data, header.data + header.size, (e) => {
    if (e.id === DOC_TYPE) docType = ebmlText(b, e);
  });
  if (docType !== 'webm') return refuse('tệp Matroska nhưng không phải WebM');

  let segment: EbmlElement | null = null;
  for (let p = header.data + header.size; p < b.length && !segment; ) {
    const e = ebmlElement(b, p, b.length);
    if (!e) break;
    if (e.id === SEGMENT) segment = e;
    else if (e.size < 0) break;
    else p = e.data + e.size;
  }
  if (!segment) return broken('không thấy phần nội dung WebM');
  const segmentEnd = segment.size < 0 ? b.length : Math.min(b.length, segment.data + segment.size);

  // Filled in by callbacks, so kept in an object rather than narrowed locals.
  const info: { scale: number; duration: number | null; endNs: number } = { scale: DEFAULT_TIMECODE_SCALE, duration: null, endNs: 0 };
  let tracks: WebmTrack[] | null = null;
  let audio: WebmTrack | null = null;

  const block = (p: number, end: number, clusterTime: number, blockDuration: number | null): void => {
    // A block opens with its track number (an EBML variable-length number), a signed 16-bit relative time and a flags byte.
    const lead = at(b, p);
    const numberLength = Math.clz32(lead) - 23;
    const header = p + numberLength;
    if (lead === 0 || numberLength > 8 || header + 3 > end) return;
    let number = lead & (0xff >>> numberLength);
    for (let k = 1; k < numberLength; k++) number = number * 256 + at(b, p + k);
    if (audio && number !== audio.number) return;
    const relative = ((at(b, header) << 24) >> 16) | at(b, header + 1);
    const laced = (at(b, header + 2) & 0x06) !== 0;
    let durationNs = blockDuration === null ? null : blockDuration * info.scale;
    if (durationNs === null && audio?.codec === 'A_OPUS' && !laced) durationNs = opusPacketNs(b, header + 3, end);
    if (durationNs === null) durationNs = audio && audio.defaultDurationNs > 0 ? audio.defaultDurationNs : OPUS_FRAME_GUESS_NS;
    info.endNs = Math.max(info.endNs, Math.max(0, (clusterTime + relative) * info.scale) + durationNs);
  };

  for (let p = segment.data; p < segmentEnd; ) {
    const e = ebmlElement(b, p, segmentEnd);
    if (!e) break;
    if (e.id === CLUSTER) {
      p = readCluster(b, e, segmentEnd, block);
      continue;
    }
    if (e.size < 0) break;
    const end = e.data + e.size;
    if (e.id === INFO) {
      ebmlChildren(b, e.data, end, (c) => {
        if (c.id === TIMECODE_SCALE) info.scale = ebmlUint(b, c) || DEFAULT_TIMECODE_SCALE;
        if (c.id === DURATION) info.duration = ebmlFloat(b, c);
      });
    } else if (e.id === TRACKS) {
      const list: WebmTrack[] = [];
      ebmlChildren(b, e.data, end, (entry) => {
        if (entry.id !== TRACK_ENTRY) return;
        const t: WebmTrack = { number: 0, type: 0, codec: '', defaultDurationNs: 0 };
        ebmlChildren(b, entry.data, entry.data + entry.size, (c) => {
          if (c.id === TRACK_NUMBER) t.number = ebmlUint(b, c) ?? 0;
          if (c.id === TRACK_TYPE) t.type = ebmlUint(b, c) ?? 0;
          if (c.id === CODEC_ID) t.codec = ebmlText(b, c);
          if (c.id === DEFAULT_DURATION) t.defaultDurationNs = ebmlUint(b, c) ?? 0;
        });
        list.push(t);
      });
      tracks = list;
      audio = list.find((t) => ACCEPTED_CODECS.has(t.codec)) ?? null;
      if (!audio) break;
    }
    // With a stated duration and the tracks known, the clusters need not be read.
    if (tracks && statedSeconds(info) !== null) break;
    p = end;
  }

  if (!tracks) return broken('thiếu phần mô tả luồng WebM');
  if (!audio) {
    const hasAudio = tracks.some((t) => t.type === AUDIO_TRACK_TYPE || t.codec.startsWith('A_'));
    return refuse(hasAudio ? 'tệp WebM nhưng tiếng không phải Opus hay Vorbis' : 'tệp WebM không có luồng âm thanh');
  }
  return found('webm', statedSeconds(info) ?? info.endNs / 1e9);
}

/** Seconds from Info/Duration when it holds a usable value, else null. */
function statedSeconds(info: { scale: number; duration: number | null }): number | null {
  const d = info.duration;
  return d !== null && Number.isFinite(d) && d > 0 ? (d * info.scale) / 1e9 : null;
}

type BlockVisitor = (p: number, end: number, clusterTime: number, blockDuration: number | null) => void;

/** Reads one Cluster's blocks and returns where the next top-level element starts (for an unknown-size Cluster, the first ID it cannot hold). */
function readCluster(b: Uint8Array, cluster: EbmlElement, segmentEnd: number, block: BlockVisitor): number {
  const open = cluster.size < 0;
  const limit = open ? segmentEnd : Math.min(segmentEnd, cluster.data + cluster.size);
  let time = 0;
  let p = cluster.data;
  while (p < limit) {
    const e = ebmlElement(b, p, limit);
    if (!e) return limit;
    if (open && !CLUSTER_CHILDREN.has(e.id)) return p;
    if (e.size < 0) return limit;
    const end = Math.min(e.data + e.size, b.length);
    if (e.id === TIMECODE) time = ebmlUint(b, e) ?? time;
    else if (e.id === SIMPLE_BLOCK) block(e.data, end, time, null);
    else if (e.id === BLOCK_GROUP) {
      let blockAt = -1;
      let blockEnd = -1;
      let duration: number | null = null;
      ebmlChildren(b, e.data, end, (c) => {
        if (c.id === BLOCK) {
          blockAt = c.data;
          blockEnd = Math.min(c.data + c.size, b.length);
        }
        if (c.id === BLOCK_DURATION) duration = ebmlUint(b, c);
      });
      if (blockAt >= 0) block(blockAt, blockEnd, time, duration);
    }
    p = e.data + e.size;
  }
  return open ? p : cluster.data + cluster.size;
}
