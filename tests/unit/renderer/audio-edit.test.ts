import { describe, expect, it } from 'vitest';
import { dbfs, findVoice, fromDb, levelSpeech, rmsDbfs, trimRange, trimSilence } from '../../../renderer/src/recorder/audio-edit';

const RATE = 48_000;
const MS = RATE / 1000;
const TEN_MS = 10 * MS;

/** A repeatable pseudo-random source in [-1, 1), so every run sees the same noise. */
function noiseSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 31 - 1;
  };
}

/** Adds uniform noise at the given RMS level over the whole buffer. */
function addNoise(samples: Float32Array, levelDbfs: number, seed = 1): void {
  const next = noiseSource(seed);
  // Uniform noise on [-1, 1) has an RMS of 1/√3.
  const scale = fromDb(levelDbfs) * Math.sqrt(3);
  for (let i = 0; i < samples.length; i++) samples[i] = samples[i]! + next() * scale;
}

/** Writes a sine at the given RMS level into [from, to). */
function addTone(samples: Float32Array, from: number, to: number, levelDbfs: number, hz = 220): void {
  const amplitude = fromDb(levelDbfs) * Math.SQRT2;
  for (let i = from; i < to; i++) samples[i] = samples[i]! + amplitude * Math.sin((2 * Math.PI * hz * (i - from)) / RATE);
}

/** Speech-like: bursts of tone of different pitches with short pauses; returns the burst ranges. */
function addBursts(samples: Float32Array, from: number, count: number, levelDbfs: number): { start: number; end: number }[] {
  const bursts: { start: number; end: number }[] = [];
  let at = from;
  for (let b = 0; b < count; b++) {
    const length = (230 + 37 * (b % 3)) * MS + 17;
    addTone(samples, at, at + length, levelDbfs, 180 + 45 * b);
    bursts.push({ start: at, end: at + length });
    at += length + (120 + 23 * (b % 2)) * MS + 5;
  }
  return bursts;
}

function burstRmsDbfs(samples: Float32Array, bursts: { start: number; end: number }[]): number {
  let sum = 0;
  let count = 0;
  for (const { start, end } of bursts) {
    for (let i = start; i < end; i++) sum += samples[i]! ** 2;
    count += end - start;
  }
  return 10 * Math.log10(sum / count);
}

function peakOf(samples: Float32Array): number {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  return peak;
}

describe('findVoice and trimSilence', () => {
  it('keeps exactly tone to tone plus the padding, through −60 dBFS noise and a 5 ms click in the leading silence', () => {
    const samples = new Float32Array(4 * RATE);
    const toneStart = 803 * MS + 7;
    const toneEnd = 2_917 * MS + 311;
    addTone(samples, toneStart, toneEnd, -23);
    addNoise(samples, -60);
    const clickAt = 300 * MS;
    for (let i = clickAt; i < clickAt + 5 * MS; i++) samples[i] = 0.9 * (i % 2 ? 1 : -1);

    const voice = findVoice(samples, RATE);
    expect(Math.abs(voice.start - toneStart)).toBeLessThanOrEqual(TEN_MS);
    expect(Math.abs(voice.end - toneEnd)).toBeLessThanOrEqual(TEN_MS);

    const kept = trimRange(samples, RATE);
    expect(Math.abs(kept.start - (toneStart - 150 * MS))).toBeLessThanOrEqual(TEN_MS);
    expect(Math.abs(kept.end - (toneEnd + 150 * MS))).toBeLessThanOrEqual(TEN_MS);

    const trimmed = trimSilence(samples, RATE, { padMs: 150 });
    expect(trimmed.buffer).toBe(samples.buffer);
    expect(trimmed.byteOffset).toBe(kept.start * Float32Array.BYTES_PER_ELEMENT);
    expect(trimmed.length).toBe(kept.end - kept.start);
  });

  it('clamps the padding to the buffer when the voice runs to either end', () => {
    const samples = new Float32Array(2 * RATE);
    addTone(samples, 40 * MS, samples.length, -30);
    const trimmed = trimSilence(samples, RATE, { padMs: 150 });
    expect(trimmed.byteOffset).toBe(0);
    expect(trimmed.length).toBe(samples.length);
  });

  it('finds nothing in silence, in noise alone, or in a lone click', () => {
    const silent = new Float32Array(RATE);
    expect(findVoice(silent, RATE)).toEqual({ start: 0, end: 0 });
    expect(trimSilence(silent, RATE).length).toBe(0);
    expect(findVoice(new Float32Array(0), RATE)).toEqual({ start: 0, end: 0 });

    const noise = new Float32Array(RATE);
    addNoise(noise, -60);
    expect(findVoice(noise, RATE)).toEqual({ start: 0, end: 0 });

    const click = new Float32Array(RATE);
    addNoise(click, -60);
    for (let i = 500 * MS; i < 505 * MS; i++) click[i] = 0.8;
    expect(findVoice(click, RATE)).toEqual({ start: 0, end: 0 });
  });

  it('keeps quiet speech above a louder noise floor, and works at 16 kHz too', () => {
    const rate = 16_000;
    const samples = new Float32Array(3 * rate);
    const start = Math.round(0.5 * rate);
    const end = Math.round(2.5 * rate);
    const amplitude = fromDb(-35) * Math.SQRT2;
    for (let i = start; i < end; i++) samples[i] = amplitude * Math.sin((2 * Math.PI * 300 * i) / rate);
    addNoise(samples, -52);
    const voice = findVoice(samples, rate);
    expect(Math.abs(voice.start - start)).toBeLessThanOrEqual(rate / 100);
    expect(Math.abs(voice.end - end)).toBeLessThanOrEqual(rate / 100);
  });
});

describe('levelSpeech', () => {
  it('brings a quiet clip and a loud clip to −20 dBFS voiced RMS', () => {
    for (const level of [-40, -6]) {
      const samples = new Float32Array(5 * RATE);
      const bursts = addBursts(samples, 400 * MS + 3, 8, level);
      addNoise(samples, level - 40, 7);
      const before = burstRmsDbfs(samples, bursts);
      const { samples: out, gainDb } = levelSpeech(samples, RATE);
      expect(out).not.toBe(samples);
      expect(burstRmsDbfs(out, bursts)).toBeGreaterThan(-20.5);
      expect(burstRmsDbfs(out, bursts)).toBeLessThan(-19.5);
      expect(Math.abs(gainDb - (-20 - before))).toBeLessThan(0.5);
      // The whole clip's RMS, silences included, is lower: the pauses were not counted.
      expect(rmsDbfs(out)).toBeLessThan(-20.5);
    }
  });

  it('limits the gain so that no sample goes above the ceiling', () => {
    const samples = new Float32Array(4 * RATE);
    const bursts = addBursts(samples, 200 * MS, 8, -32);
    // A 2 ms plosive inside a syllable: reaching −20 dBFS would lift its peak of 0.5 far above −1 dBFS.
    const plosive = bursts[3]!.start + 40 * MS;
    for (let i = plosive; i < plosive + 2 * MS; i++) samples[i] = 0.5 * Math.sin((2 * Math.PI * (i - plosive)) / (2 * MS));
    const { samples: out, gainDb } = levelSpeech(samples, RATE, { peakCeilingDbfs: -1 });
    const ceiling = fromDb(-1);
    expect(peakOf(out)).toBeLessThanOrEqual(ceiling + 1e-6);
    expect(peakOf(out)).toBeGreaterThan(ceiling - 1e-3);
    expect(gainDb).toBeCloseTo(-1 - dbfs(peakOf(samples)), 6);
    expect(gainDb).toBeLessThan(-20 - burstRmsDbfs(samples, bursts) - 3);
  });

  it('never goes above maxGainDb, and leaves silence alone', () => {
    const faint = new Float32Array(3 * RATE);
    addTone(faint, 500 * MS, 2_500 * MS, -48);
    const lifted = levelSpeech(faint, RATE, { maxGainDb: 24 });
    expect(lifted.gainDb).toBeCloseTo(24, 9);
    expect(peakOf(lifted.samples) / peakOf(faint)).toBeCloseTo(fromDb(24), 4);

    const noise = new Float32Array(RATE);
    addNoise(noise, -65);
    expect(levelSpeech(noise, RATE).gainDb).toBe(0);
    const silent = levelSpeech(new Float32Array(RATE), RATE);
    expect(silent.gainDb).toBe(0);
    expect(peakOf(silent.samples)).toBe(0);
  });
});

describe('speed', () => {
  it('trims and levels 10 s at 48 kHz in a few milliseconds', () => {
    const samples = new Float32Array(10 * RATE);
    addBursts(samples, 700 * MS, 20, -30);
    addNoise(samples, -62);
    const times = { trim: [] as number[], level: [] as number[] };
    for (let run = 0; run < 20; run++) {
      let t = performance.now();
      const trimmed = trimSilence(samples, RATE);
      times.trim.push(performance.now() - t);
      t = performance.now();
      levelSpeech(trimmed, RATE);
      times.level.push(performance.now() - t);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`10 s at 48 kHz, median of 20: trimSilence ${median(times.trim).toFixed(2)} ms, levelSpeech ${median(times.level).toFixed(2)} ms`);
    expect(times.trim.length).toBe(20);
  });
});
