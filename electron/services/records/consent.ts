import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from '../zod';
import { CONSENT_METHODS, OUTSIDE_CONSENT_VERSION } from './model';

const Text = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });

/** One version of the consent text shown (or read aloud, or printed) to a citizen. */
export const ConsentTextSchema = z.strictObject({
  version: z
    .string()
    .regex(/^v\d{1,4}$/)
    .refine((v) => v !== OUTSIDE_CONSENT_VERSION),
  effectiveFrom: z.iso.date(),
  title: Text,
  paragraphs: z.strictObject({ vi: z.array(z.string().min(1)).min(1), en: z.array(z.string().min(1)).min(1) }),
  agree: Text,
  decline: Text,
  methods: z.strictObject(Object.fromEntries(CONSENT_METHODS.map((m) => [m, Text])) as Record<(typeof CONSENT_METHODS)[number], typeof Text>),
  slip: z.strictObject({ signature: Text, staff: Text, date: Text }),
});

/** A consent text. */
export type ConsentText = z.infer<typeof ConsentTextSchema>;

/** The consent texts bundled with the app. */
export interface ConsentCatalog {
  /** The newest version: the one shown to citizens now; null when none is bundled. */
  current: ConsentText | null;
  /** Every version, oldest first. */
  versions: string[];
  /** One version, or null. */
  get(version: string): ConsentText | null;
}

/**
 * Loads `resources/consent/v*.json`. A missing folder gives an empty catalog; a bad file is a
 * build mistake and throws, naming the file.
 */
export function loadConsentTexts(resourcesDir: string): ConsentCatalog {
  const dir = path.join(resourcesDir, 'consent');
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^v\d+\.json$/.test(n));
  } catch {
    names = [];
  }
  const texts = names
    .map((name) => {
      const parsed = ConsentTextSchema.safeParse(JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
      if (!parsed.success) throw new Error(`consent/${name}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
      if (`${parsed.data.version}.json` !== name) throw new Error(`consent/${name}: version ${parsed.data.version} does not match the file name`);
      return nfc(parsed.data);
    })
    .sort((a, b) => Number(a.version.slice(1)) - Number(b.version.slice(1)));
  const byVersion = new Map(texts.map((t) => [t.version, t]));
  return {
    current: texts[texts.length - 1] ?? null,
    versions: texts.map((t) => t.version),
    get: (version) => byVersion.get(version) ?? null,
  };
}

function nfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(nfc) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfc(v)])) as T;
  return value;
}
