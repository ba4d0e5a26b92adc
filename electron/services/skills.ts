/** The five basic digital skills of the national programme, in their official order. */
export const SKILL_KEYS = ['dich-vu-cong', 'mua-sam', 'thanh-toan', 'an-toan', 'nen-tang-so'] as const;

/** One of the five skills. */
export type SkillKey = (typeof SKILL_KEYS)[number];
