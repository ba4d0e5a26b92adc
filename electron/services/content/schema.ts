import { z } from '../zod';
import { SKILL_KEYS } from '../skills';

const nfcText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'không được để trống')
    .max(max, `dài quá ${max} ký tự`)
    .transform((s) => s.normalize('NFC'));

/** Text in Vietnamese with an optional English version. */
export const LocalizedTextSchema = z.object({ vi: nfcText(400), en: nfcText(400).optional() }).strict();

/** `pack.json`: who made a pack and which version it is. */
export const PackManifestSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'chỉ chữ thường không dấu, số và gạch nối'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'dạng 1.0.0'),
    title: LocalizedTextSchema,
    publisher: nfcText(200).optional(),
  })
  .strict();

/** The fields of a demo the skill screens list. The demos issue extends this with steps and the step card. */
export const DemoSummarySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,80}$/, 'chỉ chữ thường không dấu, số và gạch nối'),
  skill: z.enum(SKILL_KEYS),
  title: LocalizedTextSchema,
  summary: LocalizedTextSchema,
  device: z.enum(['phone', 'desktop']),
  minutes: z.number().int().min(1).max(60),
});

/** A pack's manifest. */
export type PackManifest = z.infer<typeof PackManifestSchema>;
/** A demo as listed on a skill screen. */
export type DemoSummary = z.infer<typeof DemoSummarySchema> & { pack: string };
