import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AUDIO_MIME, probeAudio, type AudioFormat } from './audio-probe';
import { assetPathProblem } from './check';
import { shownToCitizens, type CitizenView } from '../settings';
import { MAX_CLIP_SECONDS, NARRATION_LANGUAGES, type Demo, type NarrationLanguage } from './schema';

/** Largest narration clip file accepted (a minute of WAV at 44.1 kHz stereo is 10 MB; record it as Opus instead). */
export const MAX_CLIP_BYTES = 5 * 1024 * 1024;

/** A problem in a pack's file: which file, where in it, and what is wrong (Vietnamese). */
export interface FileProblem {
  file: string;
  path: string;
  message: string;
}

/** A recorded clip on disk, as checked at load. */
export interface Clip {
  pack: string;
  dir: string;
  asset: string;
  format: AudioFormat;
  seconds: number;
}

/** A clip offered for one step of one demo in one language, with where the offer was written. */
export interface VoiceOffer {
  demo: string;
  step: string;
  lang: NarrationLanguage;
  clip: Clip;
  file: string;
  path: string;
}

/** A clip reference found in a pack file, before its bytes are checked. */
export interface ClipRef {
  demo: string;
  step: string;
  lang: NarrationLanguage;
  asset: string;
  file: string;
  path: string;
}

/** Demo id → step id → language → the clips offering it, lowest priority first. */
export type VoiceIndex = Map<string, Map<string, Map<NarrationLanguage, Clip[]>>>;

/**
 * Checks each referenced clip's path and bytes: inside assets/, present, a real WebM, Ogg/Opus,
 * MP3 or WAV (by its bytes, not its name), not silent and at most a minute long.
 */
export async function checkClips(pack: { id: string; dir: string }, refs: readonly ClipRef[], assets: ReadonlySet<string>): Promise<{ offers: VoiceOffer[]; problems: FileProblem[] }> {
  const problems: FileProblem[] = [];
  const probes = new Map<string, Promise<{ format: AudioFormat; seconds: number } | { problem: string }>>();
  const probe = (asset: string) => {
    let found = probes.get(asset);
    if (!found) {
      found = probeFile(path.join(pack.dir, asset));
      probes.set(asset, found);
    }
    return found;
  };
  const offers: VoiceOffer[] = [];
  for (const ref of refs) {
    const pathProblem = assetPathProblem(ref.asset, 'audio');
    if (pathProblem) {
      problems.push({ file: ref.file, path: ref.path, message: pathProblem });
      continue;
    }
    if (!assets.has(ref.asset)) {
      problems.push({ file: ref.file, path: ref.path, message: `không thấy tệp lời đọc ${ref.asset} trong gói` });
      continue;
    }
    const result = await probe(ref.asset);
    if ('problem' in result) {
      problems.push({ file: ref.file, path: ref.path, message: `${ref.asset}: ${result.problem}` });
      continue;
    }
    offers.push({ demo: ref.demo, step: ref.step, lang: ref.lang, file: ref.file, path: ref.path, clip: { pack: pack.id, dir: pack.dir, asset: ref.asset, ...result } });
  }
  return { offers, problems };
}

async function probeFile(file: string): Promise<{ format: AudioFormat; seconds: number } | { problem: string }> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_CLIP_BYTES) return { problem: `tệp nặng ${(stat.size / 1048576).toFixed(1)} MB, quá giới hạn 5 MB cho một đoạn lời đọc` };
    bytes = await fs.readFile(file);
  } catch (error) {
    return { problem: `không đọc được tệp (${(error as NodeJS.ErrnoException).code ?? 'lỗi'})` };
  }
  const probed = probeAudio(bytes);
  if (!probed.ok) return { problem: probed.problem };
  if (probed.seconds > MAX_CLIP_SECONDS) return { problem: `đoạn lời đọc dài ${Math.round(probed.seconds)} giây, quá giới hạn ${MAX_CLIP_SECONDS} giây` };
  return { format: probed.format, seconds: probed.seconds };
}

/** The clip references a demo's own steps carry (`audio` on a step). */
export function demoClipRefs(demo: Pick<Demo, 'id'> & { steps: readonly { id: string; audio?: Partial<Record<NarrationLanguage, string>> | undefined }[] }, file: string): ClipRef[] {
  return demo.steps.flatMap((step, i) =>
    Object.entries(step.audio ?? {}).map(([lang, asset]) => ({ demo: demo.id, step: step.id, lang: lang as NarrationLanguage, asset, file, path: `steps.${i}.audio.${lang}` })),
  );
}

/** Problems of a narration pack's offers that name a demo or a step no loaded pack has. */
export function unknownTargets(offers: readonly VoiceOffer[], demos: readonly Pick<Demo, 'id' | 'steps'>[]): FileProblem[] {
  const byId = new Map(demos.map((d) => [d.id, new Set(d.steps.map((s) => s.id))]));
  const problems: FileProblem[] = [];
  const reported = new Set<string>();
  for (const offer of offers) {
    const steps = byId.get(offer.demo);
    if (!steps) {
      const key = `${offer.file}\u0000demo`;
      if (!reported.has(key)) problems.push({ file: offer.file, path: 'demo', message: `không có bài nào mã "${offer.demo}" trên trạm này` });
      reported.add(key);
    } else if (!steps.has(offer.step)) {
      const key = `${offer.file}\u0000${offer.step}`;
      if (!reported.has(key)) problems.push({ file: offer.file, path: `steps.${offer.step}`, message: `bài "${offer.demo}" không có bước nào mã "${offer.step}"` });
      reported.add(key);
    }
  }
  return problems;
}

/** Files every offer into the index, in the order given (later offers take priority). */
export function buildVoiceIndex(offers: readonly VoiceOffer[]): VoiceIndex {
  const index: VoiceIndex = new Map();
  for (const offer of offers) {
    let steps = index.get(offer.demo);
    if (!steps) index.set(offer.demo, (steps = new Map()));
    let langs = steps.get(offer.step);
    if (!langs) steps.set(offer.step, (langs = new Map()));
    const clips = langs.get(offer.lang) ?? [];
    langs.set(offer.lang, [...clips, offer.clip]);
  }
  return index;
}

/** The clip a step speaks with in `lang`: the last offered by a pack that is switched on. */
export function chooseClip(index: VoiceIndex, demoId: string, stepId: string, lang: NarrationLanguage, off: ReadonlySet<string>): Clip | undefined {
  const clips = index.get(demoId)?.get(stepId)?.get(lang) ?? [];
  for (let i = clips.length - 1; i >= 0; i--) if (!off.has(clips[i]!.pack)) return clips[i];
  return undefined;
}

/** The languages recorded for at least one step of the given demos, in the list's order (Vietnamese first). */
export function offeredLanguages(index: VoiceIndex, demoIds: Iterable<string>, off: ReadonlySet<string>): NarrationLanguage[] {
  const found = new Set<NarrationLanguage>();
  for (const id of demoIds) {
    for (const langs of index.get(id)?.values() ?? []) {
      for (const [lang, clips] of langs) if (clips.some((c) => !off.has(c.pack))) found.add(lang);
    }
  }
  return NARRATION_LANGUAGES.filter((l) => found.has(l));
}

/**
 * A demo with each step's clip in the wanted language as a data URL, so both shells play it
 * under the same strict CSP. A step without a clip in a language of Vietnam's peoples speaks
 * with its Vietnamese clip; one without an English clip has none (the system's English voice
 * reads the English text better than a Vietnamese clip would). A clip that has gone from the
 * disk since the pack loaded leaves its step silent rather than failing the demo.
 */
export async function withVoices(demo: Demo, index: VoiceIndex, want: NarrationLanguage, off: ReadonlySet<string>): Promise<Demo> {
  if (!index.has(demo.id)) return demo;
  const steps = await Promise.all(
    demo.steps.map(async (step) => {
      const lang = chooseClip(index, demo.id, step.id, want, off) || want === 'en' ? want : 'vi';
      const clip = chooseClip(index, demo.id, step.id, lang, off);
      if (!clip) return step;
      const file = path.resolve(clip.dir, clip.asset);
      if (!file.startsWith(path.resolve(clip.dir) + path.sep)) return step;
      try {
        const bytes = await fs.readFile(file);
        return { ...step, voice: { lang, src: `data:${AUDIO_MIME[clip.format]};base64,${bytes.toString('base64')}`, seconds: clip.seconds } };
      } catch {
        return step;
      }
    }),
  );
  return { ...demo, steps };
}

/** Vietnamese names of the narration languages, for the command line and the doctor (the screen has its own in i18n). */
export const NARRATION_LANGUAGE_NAMES: Record<NarrationLanguage, string> = {
  vi: 'Tiếng Việt',
  en: 'Tiếng Anh',
  hmn: "Tiếng H'Mông",
  tyz: 'Tiếng Tày',
  nut: 'Tiếng Nùng',
  mtq: 'Tiếng Mường',
  blt: 'Tiếng Thái',
  km: 'Tiếng Khmer',
  rad: 'Tiếng Ê Đê',
  jra: 'Tiếng Gia Rai',
  bdq: 'Tiếng Ba Na',
  cjm: 'Tiếng Chăm',
};

/** How far recorded narration in one language reaches over the demos citizens see. */
export interface LanguageCoverage {
  lang: NarrationLanguage;
  /** Demos with a clip in this language on every step. */
  demos: number;
  /** Steps with a clip in this language. */
  steps: number;
  totalDemos: number;
  totalSteps: number;
}

/** One demo citizens see: how many steps it has and how many carry a clip, per language. */
export interface DemoCoverage {
  id: string;
  pack: string;
  steps: number;
  recorded: Partial<Record<NarrationLanguage, number>>;
}

/** Recorded narration over the demos citizens see: Vietnamese always, then every language with a clip, in the list's order. */
export interface NarrationCoverage {
  totalDemos: number;
  totalSteps: number;
  languages: LanguageCoverage[];
  demos: DemoCoverage[];
}

/**
 * Counts, per language, the steps and whole demos that speak with a recorded clip, over the
 * demos citizens see (not hidden, their pack switched on) and only clips of packs switched on.
 */
export function narrationCoverage(
  catalog: { demos: readonly Pick<Demo, 'id' | 'pack' | 'steps'>[]; voices: VoiceIndex },
  shown: CitizenView,
): NarrationCoverage {
  const visible = catalog.demos.filter((d) => shownToCitizens(d, shown));
  const demos = visible.map((demo): DemoCoverage => {
    const recorded: Partial<Record<NarrationLanguage, number>> = {};
    for (const step of demo.steps) {
      for (const lang of NARRATION_LANGUAGES) {
        if (chooseClip(catalog.voices, demo.id, step.id, lang, shown.off)) recorded[lang] = (recorded[lang] ?? 0) + 1;
      }
    }
    return { id: demo.id, pack: demo.pack, steps: demo.steps.length, recorded };
  });
  const totalSteps = demos.reduce((sum, d) => sum + d.steps, 0);
  const languages = NARRATION_LANGUAGES.filter((lang) => lang === 'vi' || demos.some((d) => d.recorded[lang])).map((lang) => ({
    lang,
    demos: demos.filter((d) => d.steps > 0 && d.recorded[lang] === d.steps).length,
    steps: demos.reduce((sum, d) => sum + (d.recorded[lang] ?? 0), 0),
    totalDemos: demos.length,
    totalSteps,
  }));
  return { totalDemos: demos.length, totalSteps, languages, demos };
}
