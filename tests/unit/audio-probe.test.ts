import { describe, expect, it } from 'vitest';
import { AUDIO_MIME, probeAudio, type AudioProbe } from '../../electron/services/content/audio-probe';
import { oggCrc32 } from '../../renderer/src/recorder/ogg-opus';
import {
  asciiBytes,
  concatBytes,
  ebmlElement,
  makeFlacBytes,
  makeMp3,
  makeOggOpus,
  makeOggVorbis,
  makePngBytes,
  makeWav,
  makeWebm,
  oggPage,
} from '../support/audio-files';

const TOLERANCE = 0.03;

function secondsOf(result: AudioProbe, format: string): number {
  if (!result.ok) throw new Error(`expected a ${format} clip, got: ${result.problem}`);
  expect(result.format).toBe(format);
  return result.seconds;
}

function expectClip(bytes: Uint8Array, format: string, seconds: number): void {
  expect(Math.abs(secondsOf(probeAudio(bytes), format) - seconds)).toBeLessThanOrEqual(TOLERANCE);
}

function problemOf(bytes: Uint8Array): string {
  const result = probeAudio(bytes);
  if (result.ok) throw new Error(`expected a refusal, got ${result.format} of ${result.seconds} s`);
  expect(result.problem.normalize('NFC')).toBe(result.problem);
  return result.problem;
}

/** A small deterministic generator (xorshift32), so a failing fuzz case can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const LENGTHS = [1, 10, 61];

describe('the MIME types', () => {
  it('names the type each format is served with', () => {
    expect(AUDIO_MIME).toEqual({ webm: 'audio/webm', ogg: 'audio/ogg', mp3: 'audio/mpeg', wav: 'audio/wav' });
  });
});

describe('WAV', () => {
  it.each(LENGTHS)('measures a %i s 16-bit mono clip', (s) => {
    expectClip(makeWav({ seconds: s }), 'wav', s);
  });

  it('measures stereo, 8-bit, 24-bit and 48 kHz clips by their block align', () => {
    expectClip(makeWav({ seconds: 2.5, sampleRate: 48_000, channels: 2, bitsPerSample: 24, toneHz: 440 }), 'wav', 2.5);
    expectClip(makeWav({ seconds: 3, sampleRate: 8_000, bitsPerSample: 8, toneHz: 440 }), 'wav', 3);
    expectClip(makeWav({ seconds: 61, sampleRate: 22_050, channels: 2 }), 'wav', 61);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE, IEEE float (32 and 64 bit) and extensible float', () => {
    expectClip(makeWav({ seconds: 10, extensible: true, channels: 2 }), 'wav', 10);
    expectClip(makeWav({ seconds: 10, float: true, toneHz: 220 }), 'wav', 10);
    expectClip(makeWav({ seconds: 1, float: true, bitsPerSample: 64, sampleRate: 44_100 }), 'wav', 1);
    expectClip(makeWav({ seconds: 61, float: true, extensible: true }), 'wav', 61);
  });

  it('uses the bytes present when a streamed writer left the sizes at 0xFFFFFFFF or 0', () => {
    expectClip(makeWav({ seconds: 10, streamed: true }), 'wav', 10);
    const zero = makeWav({ seconds: 4 });
    new DataView(zero.buffer).setUint32(40, 0, true);
    expectClip(zero, 'wav', 4);
  });

  it('uses the bytes present when the file was cut, and walks odd-sized chunks with their pad byte', () => {
    const whole = makeWav({ seconds: 10 });
    expectClip(whole.subarray(0, 44 + 16_000 * 2 * 3), 'wav', 3);
    const list = { id: 'LIST', body: concatBytes([asciiBytes('INFOINAM'), Uint8Array.of(3, 0, 0, 0), asciiBytes('ab'), Uint8Array.of(0)]) };
    expect(list.body.length % 2).toBe(1);
    expectClip(makeWav({ seconds: 7, chunks: [list] }), 'wav', 7);
  });

  it('refuses compressed WAV, a missing fmt or data chunk, and silence', () => {
    const adpcm = makeWav({ seconds: 1 });
    new DataView(adpcm.buffer).setUint16(20, 2, true);
    expect(problemOf(adpcm)).toBe('tệp WAV nhưng âm thanh đã nén, không phải PCM');
    const extensibleAdpcm = makeWav({ seconds: 1, extensible: true });
    extensibleAdpcm[20 + 24] = 2;
    expect(problemOf(extensibleAdpcm)).toBe('tệp WAV nhưng âm thanh đã nén, không phải PCM');
    expect(problemOf(makeWav({ seconds: 1 }).subarray(0, 30))).toMatch(/^tệp âm thanh bị cắt cụt hoặc hỏng \(/);
    expect(problemOf(makeWav({ seconds: 1 }).subarray(0, 36))).toBe('tệp âm thanh bị cắt cụt hoặc hỏng (không thấy dữ liệu WAV)');
    expect(problemOf(makeWav({ seconds: 0 }))).toBe('tệp âm thanh không có tiếng (độ dài 0 giây)');
    expect(problemOf(concatBytes([asciiBytes('RIFF'), Uint8Array.of(4, 0, 0, 0), asciiBytes('AVI ')]))).toBe('không phải tệp âm thanh WebM, Ogg, MP3 hay WAV');
  });
});

describe('Ogg Opus', () => {
  it("builds pages with Ogg's CRC-32 (the CRC-32/CKSUM check value 0x765E7680 without its final XOR)", () => {
    expect(oggCrc32(asciiBytes('123456789'))).toBe((0x765e7680 ^ 0xffffffff) >>> 0);
  });

  it.each(LENGTHS)('measures a %i s clip from the last granule position minus the pre-skip', (s) => {
    expectClip(makeOggOpus({ seconds: s }), 'ogg', s);
  });

  it('subtracts the pre-skip exactly', () => {
    const bytes = makeOggOpus({ seconds: 2, preSkip: 3840 });
    expect(secondsOf(probeAudio(bytes), 'ogg')).toBeCloseTo(2, 6);
  });

  it('ignores trailing junk, including a stray "OggS" and a page cut short', () => {
    const clip = makeOggOpus({ seconds: 10, channels: 2 });
    const junk = concatBytes([asciiBytes('OggS'), Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff)]);
    expectClip(concatBytes([clip, junk]), 'ogg', 10);
    const cutPage = oggPage({ packets: [new Uint8Array(100)], granule: 48_000n * 99n, serial: 0x5eed, sequence: 999 }).subarray(0, 60);
    expectClip(concatBytes([clip, cutPage]), 'ogg', 10);
  });

  it('ignores a last page with a bad checksum, counting to the page before', () => {
    const clip = makeOggOpus({ seconds: 3, packetsPerPage: 50 });
    const damaged = clip.slice();
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 0xff;
    // 151 packets in pages of 50: the page before the last ends after packet 150.
    expect(secondsOf(probeAudio(damaged), 'ogg')).toBeCloseTo((150 * 960 - 312) / 48_000, 6);
  });

  it('refuses Ogg Vorbis, a stream of headers only, and a first page cut short', () => {
    expect(problemOf(makeOggVorbis({ seconds: 5 }))).toBe('tệp Ogg nhưng không phải giọng Opus');
    expect(problemOf(makeOggOpus({ seconds: 0 }))).toBe('tệp âm thanh không có tiếng (độ dài 0 giây)');
    expect(problemOf(makeOggOpus({ seconds: 1 }).subarray(0, 40))).toMatch(/^tệp âm thanh bị cắt cụt hoặc hỏng \(/);
  });
});

describe('WebM', () => {
  it.each(LENGTHS)('measures a %i s MediaRecorder-style clip (no Duration, 8-byte unknown sizes) from its last block', (s) => {
    expectClip(makeWebm({ seconds: s }), 'webm', s);
  });

  it.each(LENGTHS)('measures a %i s clip from Info/Duration', (s) => {
    expectClip(makeWebm({ seconds: s, withDuration: true }), 'webm', s);
    expectClip(makeWebm({ seconds: s, withDuration: true, durationBytes: 4 }), 'webm', s);
  });

  it('uses Info/Duration rather than the blocks when it is there', () => {
    const bytes = makeWebm({ seconds: 10, withDuration: true });
    expectClip(bytes.subarray(0, 400), 'webm', 10);
  });

  it('reads unknown sizes of every width, from 1 to 8 bytes', () => {
    for (const width of [1, 2, 4, 8]) expectClip(makeWebm({ seconds: 10, unknownSizeBytes: width }), 'webm', 10);
  });

  it('adds each last block its own duration: BlockDuration, or the Opus packet length', () => {
    expectClip(makeWebm({ seconds: 9.99, blockGroups: true }), 'webm', 9.99);
    expect(secondsOf(probeAudio(makeWebm({ seconds: 9.99, blockGroups: true })), 'webm')).toBeCloseTo(9.99, 6);
    expect(secondsOf(probeAudio(makeWebm({ seconds: 61.2, frameMs: 60 })), 'webm')).toBeCloseTo(61.2, 6);
    expect(secondsOf(probeAudio(makeWebm({ seconds: 1 })), 'webm')).toBeCloseTo(1, 6);
  });

  it('scales by a TimecodeScale other than a millisecond', () => {
    expectClip(makeWebm({ seconds: 10, timecodeScale: 100_000, clusterSeconds: 2 }), 'webm', 10);
    expectClip(makeWebm({ seconds: 10, timecodeScale: 100_000, withDuration: true, clusterSeconds: 2 }), 'webm', 10);
  });

  it('accepts Vorbis, estimating 20 ms for the last block', () => {
    expectClip(makeWebm({ seconds: 5, codec: 'A_VORBIS' }), 'webm', 5);
  });

  it('measures a recording cut mid-cluster by the blocks that are there', () => {
    const whole = makeWebm({ seconds: 10 });
    const result = probeAudio(whole.subarray(0, Math.floor(whole.length / 2)));
    const s = secondsOf(result, 'webm');
    expect(s).toBeGreaterThan(4);
    expect(s).toBeLessThan(6);
  });

  it('refuses video-only WebM, other audio codecs, Matroska, and files without tracks', () => {
    expect(problemOf(makeWebm({ seconds: 2, codec: 'V_VP8' }))).toBe('tệp WebM không có luồng âm thanh');
    expect(problemOf(makeWebm({ seconds: 2, codec: 'A_AAC' }))).toBe('tệp WebM nhưng tiếng không phải Opus hay Vorbis');
    const mkv = makeWebm({ seconds: 2 });
    mkv.set(asciiBytes('mkv!'), mkv.indexOf(0x82) + 2);
    expect(problemOf(mkv)).toBe('tệp Matroska nhưng không phải WebM');
    const headerOnly = concatBytes([ebmlElement(0x1a45dfa3, ebmlElement(0x4282, asciiBytes('webm'))), ebmlElement(0x18538067, [], 'unknown')]);
    expect(problemOf(headerOnly)).toBe('tệp âm thanh bị cắt cụt hoặc hỏng (thiếu phần mô tả luồng WebM)');
  });

  it('probes a 60 s, 30 KB MediaRecorder-style clip in well under a millisecond', () => {
    const bytes = makeWebm({ seconds: 60 });
    expect(bytes.length).toBeLessThan(32_000);
    for (let i = 0; i < 50; i++) probeAudio(bytes);
    const runs = 200;
    const started = performance.now();
    for (let i = 0; i < runs; i++) probeAudio(bytes);
    expect((performance.now() - started) / runs).toBeLessThan(1);
  });
});

describe('MP3', () => {
  it.each(LENGTHS)('measures a %i s clip by walking its frames', (s) => {
    expectClip(makeMp3({ seconds: s }), 'mp3', s);
  });

  it.each(LENGTHS)('measures a %i s clip behind an ID3v2 tag, with an ID3v1 trailer', (s) => {
    expectClip(makeMp3({ seconds: s, id3: true, id3v1: true }), 'mp3', s);
    expectClip(makeMp3({ seconds: s, id3: { bytes: 300, footer: true } }), 'mp3', s);
  });

  it.each(LENGTHS)('measures a %i s clip from a Xing, Info or VBRI header', (s) => {
    for (const vbrTag of ['Xing', 'Info', 'VBRI'] as const) expectClip(makeMp3({ seconds: s, vbrTag, id3: true }), 'mp3', s);
  });

  it('trusts the Xing frame count over the bytes present, and trims the LAME delay and padding', () => {
    const xing = makeMp3({ seconds: 10, vbrTag: 'Xing' });
    expectClip(xing.subarray(0, 10_000), 'mp3', 10);
    expectClip(makeMp3({ seconds: 10 }).subarray(0, 10_000), 'mp3', (Math.floor(10_000 / 418) * 1152) / 44_100);
    const gapless = makeMp3({ seconds: 3.21, vbrTag: 'Info', gapless: { delay: 576 } });
    expect(secondsOf(probeAudio(gapless), 'mp3')).toBeCloseTo(3.21, 4);
  });

  it('reads MPEG-2 and MPEG-2.5 frames, mono and stereo', () => {
    expectClip(makeMp3({ seconds: 10, sampleRate: 22_050, kbps: 64, channels: 1 }), 'mp3', 10);
    expectClip(makeMp3({ seconds: 10, sampleRate: 24_000, kbps: 64, vbrTag: 'Xing' }), 'mp3', 10);
    expectClip(makeMp3({ seconds: 5.04, sampleRate: 8_000, kbps: 16, channels: 1 }), 'mp3', 5.04);
    expectClip(makeMp3({ seconds: 61, sampleRate: 48_000, kbps: 320, channels: 1, vbrTag: 'Info' }), 'mp3', 61);
  });

  it('skips a damaged stretch in the middle and resumes at the next good frames', () => {
    const bytes = makeMp3({ seconds: 10 });
    const frames = Math.round(441_000 / 1152);
    // Frame 120 starts at byte 50155; overwriting its header loses that one frame and no other.
    bytes.fill(0x55, 50_150, 50_250);
    expect(secondsOf(probeAudio(bytes), 'mp3')).toBeCloseTo(((frames - 1) * 1152) / 44_100, 6);
  });

  it('refuses a few bytes that merely start like a frame, and MPEG Layer II', () => {
    expect(problemOf(Uint8Array.of(0xff, 0xfb, 0x90, 0x40, 1, 2, 3, 4, 5))).toMatch(/^tệp âm thanh bị cắt cụt hoặc hỏng \(/);
    const layer2 = makeMp3({ seconds: 1 });
    for (let i = 0; i < layer2.length; i++) if (layer2[i] === 0xff && layer2[i + 1] === 0xfb) layer2[i + 1] = 0xfd;
    expect(problemOf(layer2)).toBe('tệp MPEG nhưng không phải MP3 (Layer III)');
    expect(problemOf(makeMp3({ seconds: 1, id3: true }).subarray(0, 2058))).toMatch(/^tệp âm thanh bị cắt cụt hoặc hỏng \(/);
  });
});

describe('refusals', () => {
  it('refuses what is not a clip of an accepted kind, in plain Vietnamese', () => {
    expect(problemOf(new Uint8Array(0))).toBe('tệp trống, không có dữ liệu âm thanh');
    expect(problemOf(makePngBytes())).toBe('không phải tệp âm thanh WebM, Ogg, MP3 hay WAV');
    expect(problemOf(makeFlacBytes())).toBe('không phải tệp âm thanh WebM, Ogg, MP3 hay WAV');
    expect(problemOf(asciiBytes('ID3'))).toMatch(/^tệp âm thanh bị cắt cụt hoặc hỏng \(/);
  });

  it('refuses random bytes, even when they hold MPEG sync words', () => {
    const next = random(0xa0d10);
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(next() * 256));
      for (let k = 0; k < 64; k++) bytes.set([0xff, 0xfb, 0x90, 0x40], Math.floor(next() * 4090));
      expect(probeAudio(bytes).ok).toBe(false);
    }
  });
});

describe('robustness', () => {
  const samples: [string, Uint8Array][] = [
    ['wav', makeWav({ seconds: 0.05, channels: 2 })],
    ['wav extensible', makeWav({ seconds: 0.05, extensible: true, float: true })],
    ['ogg', makeOggOpus({ seconds: 0.3, packetsPerPage: 5 })],
    ['webm', makeWebm({ seconds: 0.3, clusterSeconds: 0.1 })],
    ['webm with duration', makeWebm({ seconds: 0.3, withDuration: true, blockGroups: true, clusterSeconds: 0.1 })],
    ['mp3', makeMp3({ seconds: 0.3, id3: { bytes: 40, footer: true }, id3v1: true })],
    ['mp3 xing', makeMp3({ seconds: 0.3, vbrTag: 'Xing', gapless: { delay: 576 } })],
    ['mp3 vbri', makeMp3({ seconds: 0.3, vbrTag: 'VBRI' })],
  ];

  function expectSane(bytes: Uint8Array, label: string): void {
    let result: AudioProbe;
    try {
      result = probeAudio(bytes);
    } catch (error) {
      throw new Error(`${label}: threw ${String(error)}`, { cause: error });
    }
    if (result.ok) {
      expect(Number.isFinite(result.seconds), label).toBe(true);
      expect(result.seconds, label).toBeGreaterThanOrEqual(0);
      expect(Object.keys(AUDIO_MIME), label).toContain(result.format);
    } else {
      expect(result.problem.length, label).toBeGreaterThan(0);
      expect(result.problem.normalize('NFC'), label).toBe(result.problem);
    }
  }

  it.each(samples)('never throws on any truncation of a small %s file', (label, bytes) => {
    for (let n = 0; n <= bytes.length; n++) expectSane(bytes.subarray(0, n), `${label} cut to ${n}`);
  });

  it('never throws on 2,000 random truncations and byte flips of valid files', () => {
    const big: Uint8Array[] = [makeWav({ seconds: 1 }), makeOggOpus({ seconds: 2 }), makeWebm({ seconds: 2 }), makeWebm({ seconds: 2, withDuration: true }), makeMp3({ seconds: 2, id3: true, vbrTag: 'Xing' })];
    const all = [...samples.map(([, b]) => b), ...big];
    const next = random(20_261_208);
    for (let n = 0; n < 2000; n++) {
      const source = all[n % all.length] ?? new Uint8Array(0);
      const bytes = source.slice(0, next() < 0.5 ? Math.floor(next() * (source.length + 1)) : source.length);
      const flips = Math.floor(next() * 8);
      for (let k = 0; k < flips && bytes.length > 0; k++) {
        const i = Math.floor(next() * bytes.length);
        bytes[i] = next() < 0.5 ? (bytes[i] ?? 0) ^ (1 << Math.floor(next() * 8)) : Math.floor(next() * 256);
      }
      expectSane(bytes, `case ${n}`);
    }
  });

  it('never throws on random bytes behind each format signature', () => {
    const next = random(77);
    const heads = [Uint8Array.of(0x1a, 0x45, 0xdf, 0xa3), asciiBytes('OggS'), asciiBytes('RIFF\x10\x00\x00\x00WAVEfmt '), asciiBytes('ID3'), Uint8Array.of(0xff, 0xfb)];
    for (let n = 0; n < 1000; n++) {
      const head = heads[n % heads.length] ?? new Uint8Array(0);
      const tail = Uint8Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 256));
      expectSane(concatBytes([head, tail]), `random ${n}`);
    }
  });
});
