import { decodeTake, type Take } from './take';

/** Where a recording is. */
export type MicPhase = 'idle' | 'starting' | 'recording' | 'decoding';

/** Why the microphone could not be used. */
export type MicProblem = 'denied' | 'missing' | 'failed' | 'unsupported';

/** Longest take; the recorder stops by itself there (a clip may be at most a minute). */
export const MAX_TAKE_SECONDS = 60;

/**
 * The microphone for one recorder screen: a take is captured with MediaRecorder (WebM/Opus,
 * which every Chromium has), shown on a level meter while it runs, and decoded back to samples
 * when it stops, for trimming and levelling. The microphone is opened for each take and closed after it.
 */
export class MicRecorder {
  phase = $state<MicPhase>('idle');
  /** The microphone's level just now, 0 to 1, for the meter. */
  level = $state(0);
  /** Seconds since the take began. */
  elapsed = $state(0);
  /** True when the take reached {@link MAX_TAKE_SECONDS} and stopped by itself. */
  reachedMax = $state(false);

  #stream: MediaStream | null = null;
  #context: AudioContext | null = null;
  #recorder: MediaRecorder | null = null;
  #chunks: Blob[] = [];
  #frame = 0;
  #startedAt = 0;
  #done: Promise<Take> | null = null;
  #onauto: (() => void) | null = null;

  /** Opens the microphone and starts a take; throws a {@link MicProblem} string when it cannot. */
  async start(onautostop?: () => void): Promise<void> {
    if (this.phase !== 'idle') return;
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) throw 'unsupported' satisfies MicProblem;
    this.phase = 'starting';
    this.reachedMax = false;
    this.#onauto = onautostop ?? null;
    try {
      // The kiosk levels the clip itself; the browser's own gain control would pump the room noise up between words.
      this.#stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: false } });
    } catch (error) {
      this.phase = 'idle';
      const name = (error as DOMException | undefined)?.name;
      throw (name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'failed') satisfies MicProblem;
    }
    this.#context ??= new AudioContext();
    if (this.#context.state === 'suspended') await this.#context.resume();
    const analyser = this.#context.createAnalyser();
    analyser.fftSize = 1024;
    const source = this.#context.createMediaStreamSource(this.#stream);
    source.connect(analyser);
    const buffer = new Float32Array(analyser.fftSize);

    const recorder = new MediaRecorder(this.#stream, MediaRecorder.isTypeSupported('audio/webm;codecs=opus') ? { mimeType: 'audio/webm;codecs=opus' } : {});
    this.#recorder = recorder;
    this.#chunks = [];
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.#chunks.push(event.data);
    });
    this.#done = new Promise<Take>((resolve, reject) => {
      recorder.addEventListener(
        'stop',
        () => {
          source.disconnect();
          cancelAnimationFrame(this.#frame);
          this.level = 0;
          this.phase = 'decoding';
          void decodeTake(new Blob(this.#chunks, { type: recorder.mimeType }), this.#context ?? undefined).then(resolve, reject);
        },
        { once: true },
      );
    });
    // A take cut off by leaving the screen is never awaited; its failed decode must not surface as an unhandled error.
    this.#done.catch(() => undefined);
    recorder.start(250);
    this.#startedAt = performance.now();
    this.elapsed = 0;
    this.phase = 'recording';
    const meter = () => {
      analyser.getFloatTimeDomainData(buffer);
      let peak = 0;
      for (const v of buffer) peak = Math.max(peak, Math.abs(v));
      this.level = Math.min(1, peak * 1.4);
      this.elapsed = (performance.now() - this.#startedAt) / 1000;
      if (this.elapsed >= MAX_TAKE_SECONDS && recorder.state === 'recording') {
        this.reachedMax = true;
        recorder.stop();
        this.#onauto?.();
        return;
      }
      this.#frame = requestAnimationFrame(meter);
    };
    this.#frame = requestAnimationFrame(meter);
  }

  /** Ends the take and hands back its samples (mono, at the decoder's rate). */
  async stop(): Promise<Take> {
    const done = this.#done;
    if (!done || !this.#recorder) throw new Error('no take is running');
    if (this.#recorder.state === 'recording') this.#recorder.stop();
    try {
      return await done;
    } finally {
      this.#done = null;
      this.#recorder = null;
      this.#closeStream();
      this.phase = 'idle';
    }
  }

  /** The take that stopped by itself at the time limit, if any is waiting. */
  get pending(): Promise<Take> | null {
    return this.#done;
  }

  /** Closes the microphone and the audio context, for good. */
  release(): void {
    cancelAnimationFrame(this.#frame);
    if (this.#recorder?.state === 'recording') this.#recorder.stop();
    this.#closeStream();
    void this.#context?.close();
    this.#context = null;
    this.phase = 'idle';
    this.level = 0;
  }

  // The microphone is held only during a take: between takes the operating system's "in use" light is off.
  #closeStream(): void {
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = null;
  }
}
