import { readFileBase64 } from '../lib/files';
import { prepareClip, type PreparedClip } from './encode-clip';

/** A finished take: mono samples and their rate. */
export interface Take {
  samples: Float32Array;
  sampleRate: number;
}

/** Decodes a recorded take (WebM/Opus from MediaRecorder) to mono samples. */
export async function decodeTake(blob: Blob, context?: BaseAudioContext): Promise<Take> {
  const decoder = context ?? new OfflineAudioContext(1, 1, 48_000);
  const audio = await decoder.decodeAudioData(await blob.arrayBuffer());
  const samples = new Float32Array(audio.length);
  for (let c = 0; c < audio.numberOfChannels; c++) {
    const channel = audio.getChannelData(c);
    for (let i = 0; i < samples.length; i++) samples[i]! += channel[i]! / audio.numberOfChannels;
  }
  return { samples, sampleRate: audio.sampleRate };
}

/** A take made ready to send: silence trimmed, speech levelled, Ogg/Opus, and that file as base64 (empty when no voice was heard). */
export async function clipForSaving(take: Take): Promise<{ clip: PreparedClip; blob: Blob; dataBase64: string }> {
  const clip = await prepareClip(take.samples, take.sampleRate);
  const blob = new Blob([clip.bytes as Uint8Array<ArrayBuffer>], { type: 'audio/ogg' });
  return { clip, blob, dataBase64: clip.seconds > 0 ? await readFileBase64(blob) : '' };
}
