import type { SkillKey } from '../../../electron/api/types';

/** How one skill looks everywhere it appears: tiles, headings, cards, slides. */
export interface SkillLook {
  /** Position in the official list, 1–5. */
  number: number;
  /** Strong colour: text on white and white text on it both pass WCAG AA. */
  colour: string;
  /** Pale tint of the same hue for backgrounds behind the icon. */
  tint: string;
}

/** Colour of each skill; chosen apart from the brand teal and the yellow "touch next" accent. */
export const SKILL_LOOK: Record<SkillKey, SkillLook> = {
  'dich-vu-cong': { number: 1, colour: '#1d4ed8', tint: '#e4ecfd' },
  'mua-sam': { number: 2, colour: '#b43c0a', tint: '#fdece2' },
  'thanh-toan': { number: 3, colour: '#14713a', tint: '#e1f4e7' },
  'an-toan': { number: 4, colour: '#6d28d9', tint: '#efe8fc' },
  'nen-tang-so': { number: 5, colour: '#be185d', tint: '#fce7f0' },
};

/** The five skills in their official order; complete because SKILL_LOOK is a Record over every key. */
export const SKILL_ORDER: readonly SkillKey[] = (Object.keys(SKILL_LOOK) as SkillKey[]).sort(
  (a, b) => SKILL_LOOK[a].number - SKILL_LOOK[b].number,
);
