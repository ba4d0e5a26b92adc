import { levelSpeech, trimRange, type LevelOptions, type TrimOptions } from './audio-edit';
import { muxOggOpus, opusPacketSamples48k } from './ogg-opus';

/** Options for the Opus encoder. */
export interface EncodeOptions {
  /** Bits per second. */
  bitrate?: number;
  /** libopus complexity, 0 (fastest) to 10 (best). */
  complexity?: number;
}

/** Everything `prepareClip` may be told: the margin, the loudness and the encoder settings. */
export interface ClipOptions extends TrimOptions, LevelOptions, EncodeOptions {}

/** A narration clip ready to save: the Ogg Opus bytes and what was done to the recording. */
export interface PreparedClip {
  /** The Ogg Opus file; empty when the recording held no voice. */
  bytes: Uint8Array;
  /** Length of the clip after trimming. */
  seconds: number;
  gainDb: number;
  /** Milliseconds cut from the start and from the end of the recording. */
  trimmedMs: { start: number; end: number };
}

const OPUS_RATE = 48_000;
// libopus's look-ahead at 48 kHz (4 ms of delay compensation plus 2.5 ms of overlap): what encoders report when they say nothing.
const DEFAULT_PRE_SKIP = 312;
const DEFAULT_BITRATE = 24_000;
// Chromium's default complexity (10) took about twice as long as 5 in Chromium 156 here: speed traded for a little quality, for weak PCs.
const DEFAULT_COMPLEXITY = 5;

function encoderConfig(bitrate: number, complexity: number): AudioEncoderConfig {
  return { codec: 'opus', sampleRate: OPUS_RATE, numberOfChannels: 1, bitrate, opus: { complexity, frameDuration: 20_000 } };
}

/** Whether this browser can encode mono Opus at 48 kHz with WebCodecs (it needs a secure context). */
export async function isOpusEncodingSupported(): Promise<boolean> {
  if (typeof AudioEncoder === 'undefined' || typeof AudioData === 'undefined') return false;
  try {
    const { supported } = await AudioEncoder.isConfigSupported(encoderConfig(DEFAULT_BITRATE, DEFAULT_COMPLEXITY));
    return supported === true;
  } catch {
    return false;
  }
}

async function resampleTo48k(samples: Float32Array<ArrayBuffer>, sampleRate: number): Promise<Float32Array<ArrayBuffer>> {
  const context = new OfflineAudioContext(1, Math.ceil((samples.length * OPUS_RATE) / sampleRate), OPUS_RATE);
  const buffer = context.createBuffer(1, samples.length, sampleRate);
  buffer.copyToChannel(samples, 0);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  source.start();
  const rendered = await context.startRendering();
  return rendered.getChannelData(0);
}

/** The pre-skip an OpusHead carries (bytes 10–11), or null when the description is not one. */
function preSkipOf(description: AllowSharedBufferSource): number | null {
  const bytes = ArrayBuffer.isView(description)
    ? new Uint8Array(description.buffer, description.byteOffset, description.byteLength)
    : new Uint8Array(description);
  if (bytes.length < 19 || new TextDecoder().decode(bytes.subarray(0, 8)) !== 'OpusHead') return null;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(10, true);
}

/** Mono samples to an Ogg Opus file with WebCodecs, resampled to 48 kHz first when recorded at another rate. */
export async function encodeOggOpus(samples: Float32Array<ArrayBuffer>, sampleRate: number, opts: EncodeOptions = {}): Promise<Uint8Array> {
  const { bitrate = DEFAULT_BITRATE, complexity = DEFAULT_COMPLEXITY } = opts;
  if (samples.length === 0) throw new RangeError('encodeOggOpus: no samples to encode');
  // Chromium's encoder accepts other rates too, but then drops the last few milliseconds: its resampler is not flushed.
  const pcm = sampleRate === OPUS_RATE ? samples : await resampleTo48k(samples, sampleRate);

  const packets: Uint8Array[] = [];
  const frameSamples: number[] = [];
  let preSkip = DEFAULT_PRE_SKIP;
  let failure: unknown = null;
  const encoder = new AudioEncoder({
    output: (chunk, metadata) => {
      const packet = new Uint8Array(chunk.byteLength);
      chunk.copyTo(packet);
      packets.push(packet);
      // The TOC byte says what a decoder will decode, which is what granules must count; the chunk's duration agrees when present.
      const fromToc = opusPacketSamples48k(packet);
      frameSamples.push(fromToc > 0 ? fromToc : Math.round(((chunk.duration ?? 0) * OPUS_RATE) / 1_000_000));
      const description = metadata?.decoderConfig?.description;
      if (description) preSkip = preSkipOf(description) ?? preSkip;
    },
    error: (error) => {
      failure = error;
    },
  });
  try {
    encoder.configure(encoderConfig(bitrate, complexity));
    const data = new AudioData({ format: 'f32', sampleRate: OPUS_RATE, numberOfChannels: 1, numberOfFrames: pcm.length, timestamp: 0, data: pcm });
    encoder.encode(data);
    data.close();
    await encoder.flush();
  } finally {
    if (encoder.state !== 'closed') encoder.close();
  }
  if (failure) throw failure;

  let total = 0;
  for (const n of frameSamples) total += n;
  const sampleCount48k = Math.max(0, Math.min(Math.round((samples.length * OPUS_RATE) / sampleRate), total - preSkip));
  return muxOggOpus({ packets, frameSamples48k: frameSamples, preSkip, inputSampleRate: sampleRate, sampleCount48k });
}

/** Mono samples as a 16-bit PCM WAV file. */
export function encodeWav(samples: Float32Array, sampleRate: number): Uint8Array {
  const dataLength = samples.length * 2;
  const bytes = new Uint8Array(44 + dataLength);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataLength, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataLength, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!));
    view.setInt16(44 + i * 2, Math.round(s < 0 ? s * 0x8000 : s * 0x7fff), true);
  }
  return bytes;
}

/** A recording made ready to save: silence trimmed, speech levelled, encoded to Ogg Opus. A recording without voice gives empty bytes and 0 seconds. */
export async function prepareClip(samples: Float32Array, sampleRate: number, opts: ClipOptions = {}): Promise<PreparedClip> {
  const { start, end } = trimRange(samples, sampleRate, opts);
  const toMs = (count: number) => Math.round((count * 1000) / sampleRate);
  const trimmedMs = { start: toMs(start), end: toMs(samples.length - end) };
  if (end === start) return { bytes: new Uint8Array(0), seconds: 0, gainDb: 0, trimmedMs };
  const levelled = levelSpeech(samples.subarray(start, end), sampleRate, opts);
  const bytes = await encodeOggOpus(levelled.samples, sampleRate, opts);
  return { bytes, seconds: (end - start) / sampleRate, gainDb: levelled.gainDb, trimmedMs };
}
