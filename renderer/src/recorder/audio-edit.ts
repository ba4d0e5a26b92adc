/** How voice is told from silence; every field has a default tuned for a narration recorded at the kiosk. */
export interface VoiceOptions {
  /** Frames quieter than this are never voice, however quiet the whole recording is. */
  floorDbfs?: number;
  /** Frames more than this far below the loudest part of the recording are silence. */
  rangeDb?: number;
  /** Voice must stand this far above the noise floor (the level of the quietest frames). */
  noiseMarginDb?: number;
  /** Sound shorter than this (a click, a tap on the microphone) is not voice. */
  minVoiceMs?: number;
}

/** A half-open range of sample indices, `start` ≤ `end`; empty when they are equal. */
export interface SampleRange {
  start: number;
  end: number;
}

/** Options for `trimSilence`: the margin to keep around the voice, and how voice is found. */
export interface TrimOptions extends VoiceOptions {
  padMs?: number;
}

/** Options for `levelSpeech`: the loudness to reach and the limits on the gain. */
export interface LevelOptions extends VoiceOptions {
  targetDbfs?: number;
  maxGainDb?: number;
  peakCeilingDbfs?: number;
}

/** The levelled samples (a new array) and the gain that was applied. */
export interface LevelResult {
  samples: Float32Array<ArrayBuffer>;
  gainDb: number;
}

const FRAME_MS = 10;
const NOISE_PERCENTILE = 0.1;
// The noise-floor rule may never push the threshold closer than this to the loudest part,
// so a recording that is all voice (no silence to measure noise on) keeps its quieter syllables.
const MIN_RANGE_DB = 20;

/** Decibels relative to full scale of an amplitude or RMS value (−Infinity for 0). */
export function dbfs(amplitude: number): number {
  return 20 * Math.log10(Math.abs(amplitude));
}

/** The linear amplitude (or gain) for a level in decibels. */
export function fromDb(db: number): number {
  return 10 ** (db / 20);
}

/** The RMS of the samples as dBFS (−Infinity for an empty or silent buffer). */
export function rmsDbfs(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    sum += s * s;
  }
  return samples.length === 0 ? -Infinity : 10 * Math.log10(sum / samples.length);
}

interface VoiceAnalysis {
  frameLength: number;
  /** First frame of the first run of voice, or -1 when there is none. */
  firstFrame: number;
  /** One past the last frame of the last run of voice. */
  endFrame: number;
  /** Sum of squares over the frames of all runs of voice, and how many samples those frames hold. */
  voicedSquares: number;
  voicedSamples: number;
}

function frameLengthFor(sampleRate: number): number {
  return Math.max(1, Math.round((sampleRate * FRAME_MS) / 1000));
}

/** Mean square of each 10 ms frame (the last one may be shorter), then the voice runs above an adaptive threshold. */
function analyseVoice(samples: Float32Array, sampleRate: number, opts: VoiceOptions): VoiceAnalysis {
  const { floorDbfs = -50, rangeDb = 35, noiseMarginDb = 10, minVoiceMs = 40 } = opts;
  const frameLength = frameLengthFor(sampleRate);
  const n = samples.length;
  const frameCount = Math.ceil(n / frameLength);
  const none: VoiceAnalysis = { frameLength, firstFrame: -1, endFrame: -1, voicedSquares: 0, voicedSamples: 0 };
  if (frameCount === 0) return none;

  const energies = new Float64Array(frameCount);
  for (let f = 0; f < frameCount; f++) {
    const from = f * frameLength;
    const to = Math.min(n, from + frameLength);
    let sum = 0;
    for (let i = from; i < to; i++) {
      const s = samples[i]!;
      sum += s * s;
    }
    energies[f] = sum / (to - from);
  }

  const minRunFrames = Math.max(1, Math.ceil(minVoiceMs / FRAME_MS));
  const sorted = energies.slice().sort();
  // The loudest level that lasts longer than a click: a click spans at most minRunFrames frames.
  const loud = sorted[Math.max(0, frameCount - 1 - minRunFrames)]!;
  const noise = sorted[Math.floor((frameCount - 1) * NOISE_PERCENTILE)]!;
  const power = (db: number) => 10 ** (db / 10);
  const threshold = Math.max(power(floorDbfs), loud * power(-rangeDb), Math.min(noise * power(noiseMarginDb), loud * power(-MIN_RANGE_DB)));

  let firstFrame = -1;
  let endFrame = -1;
  let voicedSquares = 0;
  let voicedSamples = 0;
  let runStart = -1;
  let runSquares = 0;
  let runSamples = 0;
  for (let f = 0; f <= frameCount; f++) {
    const energy = f < frameCount ? energies[f]! : 0;
    if (f < frameCount && energy > threshold) {
      if (runStart < 0) {
        runStart = f;
        runSquares = 0;
        runSamples = 0;
      }
      const length = Math.min(frameLength, n - f * frameLength);
      runSquares += energy * length;
      runSamples += length;
    } else if (runStart >= 0) {
      if (f - runStart >= minRunFrames) {
        if (firstFrame < 0) firstFrame = runStart;
        endFrame = f;
        voicedSquares += runSquares;
        voicedSamples += runSamples;
      }
      runStart = -1;
    }
  }
  return { frameLength, firstFrame, endFrame, voicedSquares, voicedSamples };
}

/** Where the voice is: from the first to the last run of 10 ms frames above an adaptive threshold, clicks ignored; empty ({0, 0}) for silence. */
export function findVoice(samples: Float32Array, sampleRate: number, opts: VoiceOptions = {}): SampleRange {
  const { frameLength, firstFrame, endFrame } = analyseVoice(samples, sampleRate, opts);
  if (firstFrame < 0) return { start: 0, end: 0 };
  return { start: firstFrame * frameLength, end: Math.min(samples.length, endFrame * frameLength) };
}

/** The range `trimSilence` keeps: the voice plus `padMs` either side, clamped to the buffer; empty for silence. */
export function trimRange(samples: Float32Array, sampleRate: number, opts: TrimOptions = {}): SampleRange {
  const { padMs = 150, ...voice } = opts;
  const found = findVoice(samples, sampleRate, voice);
  if (found.end === found.start) return found;
  const pad = Math.round((padMs * sampleRate) / 1000);
  return { start: Math.max(0, found.start - pad), end: Math.min(samples.length, found.end + pad) };
}

/** The samples without the silence at both ends, keeping `padMs` of margin: a view on the same buffer, not a copy. */
export function trimSilence<T extends ArrayBufferLike>(samples: Float32Array<T>, sampleRate: number, opts: TrimOptions = {}): Float32Array<T> {
  const { start, end } = trimRange(samples, sampleRate, opts);
  return samples.subarray(start, end);
}

/** One gain for the whole clip so its voiced frames reach `targetDbfs` RMS, at most `maxGainDb` and never lifting a sample above `peakCeilingDbfs`. */
export function levelSpeech(samples: Float32Array, sampleRate: number, opts: LevelOptions = {}): LevelResult {
  const { targetDbfs = -20, maxGainDb = 24, peakCeilingDbfs = -1, ...voice } = opts;
  const { voicedSquares, voicedSamples } = analyseVoice(samples, sampleRate, voice);
  const out = new Float32Array(samples.length);
  if (voicedSamples === 0 || voicedSquares === 0) {
    out.set(samples);
    return { samples: out, gainDb: 0 };
  }

  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const a = Math.abs(samples[i]!);
    if (a > peak) peak = a;
  }
  const voicedDbfs = 10 * Math.log10(voicedSquares / voicedSamples);
  const gainDb = Math.min(targetDbfs - voicedDbfs, maxGainDb, peakCeilingDbfs - dbfs(peak));
  const gain = fromDb(gainDb);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! * gain;
  return { samples: out, gainDb };
}
